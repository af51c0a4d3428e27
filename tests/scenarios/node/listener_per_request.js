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
const express = require('express');
const ejs = require('ejs');
const _ = require('lodash');
const kit = require('./kit');

const rand = kit.mulberry32(0xf1a95);

// ---- legitimate state -------------------------------------------------------

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
const widgetCache = new kit.LruCache(150);
const metrics = new kit.MetricsRing(500);

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

// The i-th request: a dashboard, every fiftieth a flag change.
function send(i, request) {
  const headers = { 'user-agent': 'dash-probe/2.1' };
  if (i % 50 === 0) return request('/flags', { method: 'POST', headers, json: { compact: i % 100 === 0 } });
  return request(`/dash/u${Math.floor(rand() * 6000)}?h=${i % 24}`, { headers });
}

kit.run(app, {
  warmup: 40, // every route, every template
  batch: 150,
  seriesBatch: 13, // with SCENARIO_SERIES: the leak grows ~1% of the heap a batch
  send,
  expect: {
    leak: { names: ['flagBus', 'flags-changed'], ids: [], types: ['LeakedSession'] },
    legit: [
      { names: ['userDirectory'], ids: [], types: [] },
      { names: ['widgetCache'], ids: [], types: [] },
    ],
    // leak_percent: retained size of flagBus's listener array in
    // 2.heapsnapshot over the reachable heap, measured with
    // `memscope analyze -f json`.
    leak_percent: 14.9,
  },
});
