// listener_per_request.js OUTDIR — leak scenario: a dashboard service
// (express, ejs, lodash). Each request builds a LeakedSession (user,
// preferences, the rendered navigation) and subscribes it to the module's
// feature-flag bus, `flagBus.on('flags-changed', ...)`, so a flag change can
// refresh it; the listener is never removed, so the bus's listener array
// keeps every session. Legitimate state beside it: the user directory loaded
// at start-up, memoized compiled ejs templates, a bounded LRU of rendered
// widgets and a capped metrics ring. Writes OUTDIR/1.heapsnapshot (after
// warm-up), 2 (after a batch of requests), 3 (after another batch) and
// OUTDIR/expect.json.
// Run as: NODE_PATH=<dir filled by install.sh>/node_modules
//         node --expose-gc listener_per_request.js OUTDIR
'use strict';
const EventEmitter = require('events');
const fs = require('fs');
const http = require('http');
const path = require('path');
const v8 = require('v8');
const vm = require('vm');
const express = require('express');
const ejs = require('ejs');
const _ = require('lodash');

const OUTDIR = process.argv[2];
if (!OUTDIR) {
  console.error('usage: node --expose-gc listener_per_request.js OUTDIR');
  process.exit(2);
}
fs.mkdirSync(OUTDIR, { recursive: true });

function gc() {
  if (!global.gc) {
    v8.setFlagsFromString('--expose-gc');
    global.gc = vm.runInNewContext('gc');
  }
  global.gc(); // writeHeapSnapshot collects again itself
}

function mulberry32(seed) {
  return function next() {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(0xf1a95);

// ---- legitimate state -------------------------------------------------------

class LruCache {
  constructor(limit) { this.limit = limit; this.map = new Map(); }
  get(key) {
    const v = this.map.get(key);
    if (v !== undefined) { this.map.delete(key); this.map.set(key, v); }
    return v;
  }
  set(key, value) {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.limit) this.map.delete(this.map.keys().next().value);
  }
}

class MetricsRing {
  constructor(cap) { this.cap = cap; this.items = []; this.pos = 0; }
  push(sample) {
    if (this.items.length < this.cap) this.items.push(sample);
    else this.items[this.pos] = sample;
    this.pos = (this.pos + 1) % this.cap;
  }
}

const TEAMS = ['billing', 'search', 'mobile', 'infra', 'growth', 'ads', 'data', 'web'];
const WIDGETS = ['latency', 'errors', 'traffic', 'saturation', 'deploys', 'alerts'];

// The user directory: loaded at start-up (from JSON), legitimately big.
const userDirectory = new Map(JSON.parse(JSON.stringify(_.times(6000, (i) => [`u${i}`, {
  id: `u${i}`,
  name: `User ${i}`,
  team: TEAMS[i % TEAMS.length],
  email: `user${i}@example.test`,
  widgets: _.times(3 + (i % 4), (k) => WIDGETS[(i + k) % WIDGETS.length]),
  theme: i % 3 ? 'light' : 'dark',
}]))));

const TEMPLATES = {
  nav: '<nav class="<%= theme %>"><% teams.forEach(function (t) { %><a href="/t/<%= t %>"' +
    '<%= t === team ? " class=active" : "" %>><%= t %></a><% }) %><span><%= name %></span></nav>',
  widget: '<div class="w"><h3><%= title %></h3><ol><% points.forEach(function (p) { %>' +
    '<li><%= p.t %>: <%= p.v.toFixed(1) %></li><% }) %></ol></div>',
  page: '<html><body><%- nav %><main><%- widgets.join("") %></main></body></html>',
};
const compiled = new Map(); // memoized compiled templates
function template(name) {
  let t = compiled.get(name);
  if (!t) { t = ejs.compile(TEMPLATES[name]); compiled.set(name, t); }
  return t;
}
const widgetCache = new LruCache(150);
const metrics = new MetricsRing(500);

// ---- the leak ---------------------------------------------------------------

const flagBus = new EventEmitter();
flagBus.setMaxListeners(0); // the warning was in the way

class LeakedSession {
  constructor(user, nav) {
    this.user = user;
    this.nav = nav;
    this.flags = { compact: false, beta: user.team === 'web' };
    this.visits = [];
  }
  refresh(flags) { Object.assign(this.flags, flags); }
}

// ---- the service ------------------------------------------------------------

function widget(name, team, hour) {
  const key = `${name}:${team}:${hour}`;
  let html = widgetCache.get(key);
  if (!html) {
    const points = _.times(12, (k) => ({ t: `${hour}:${String(k * 5).padStart(2, '0')}`, v: rand() * 100 }));
    html = template('widget')({ title: `${team} ${name}`, points });
    widgetCache.set(key, html);
  }
  return html;
}

const app = express();
app.get('/dash/:user', (req, res) => {
  const t0 = process.hrtime.bigint();
  const user = userDirectory.get(req.params.user);
  if (!user) return res.status(404).send('no such user');
  const nav = template('nav')({ theme: user.theme, teams: TEAMS, team: user.team, name: user.name });
  const session = new LeakedSession(user, nav);
  session.visits.push({ path: req.originalUrl, agent: req.headers['user-agent'], hour: req.query.h });
  flagBus.on('flags-changed', (flags) => session.refresh(flags));
  const widgets = user.widgets.map((w) => widget(w, user.team, Number(req.query.h || 0)));
  res.type('html').send(template('page')({ nav, widgets }));
  metrics.push({ route: '/dash', micros: Number(process.hrtime.bigint() - t0) / 1000 });
});
app.post('/flags', express.json(), (req, res) => {
  flagBus.emit('flags-changed', req.body);
  res.json({ listeners: flagBus.listenerCount('flags-changed') });
});

function request(port, method, urlPath, body) {
  const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, path: urlPath, method, agent: false,
      headers: Object.assign({ 'user-agent': 'dash-probe/2.1' },
        data ? { 'content-type': 'application/json', 'content-length': data.length } : {}),
    }, (res) => {
      let n = 0;
      res.on('data', (c) => { n += c.length; });
      res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`${urlPath}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(data || undefined);
  });
}

let reqNo = 0;
async function serve(port, n) {
  let left = n;
  async function worker() {
    while (left > 0) {
      left--;
      const i = reqNo++;
      if (i % 50 === 0) await request(port, 'POST', '/flags', { compact: i % 100 === 0 });
      else await request(port, 'GET', `/dash/u${Math.floor(rand() * 6000)}?h=${i % 24}`);
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()]);
}

async function snapshot(n) {
  await new Promise((r) => setTimeout(r, 50));
  gc();
  v8.writeHeapSnapshot(path.join(OUTDIR, `${n}.heapsnapshot`));
}

async function main() {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = server.address().port;
  await serve(port, 40); // warm-up: every route, every template
  await snapshot(1);
  await serve(port, BATCH);
  await snapshot(2);
  await serve(port, BATCH);
  await snapshot(3);
  // leak_percent: retained size of flagBus's listener array in
  // 2.heapsnapshot over the reachable heap, measured with
  // `memscope analyze -f json`.
  fs.writeFileSync(path.join(OUTDIR, 'expect.json'), JSON.stringify({
    leak: { names: ['flagBus', 'flags-changed'], ids: [], types: ['LeakedSession'] },
    legit: [
      { names: ['userDirectory'], ids: [], types: [] },
      { names: ['widgetCache'], ids: [], types: [] },
    ],
    leak_percent: LEAK_PERCENT,
  }, null, 1) + '\n');
  server.close();
}
const BATCH = 150;
const LEAK_PERCENT = 14.9;
main().catch((e) => { console.error(e); process.exit(1); });
