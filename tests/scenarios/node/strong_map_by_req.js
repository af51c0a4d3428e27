// strong_map_by_req.js OUTDIR — leak scenario: a pricing API (express,
// lodash). A timing middleware keeps per-request data in a module-level
// `requestTimings`, keyed by the request object: it was meant to be a
// WeakMap, but is a Map and nothing deletes from it, so every request,
// its response and its socket stay. Legitimate state beside it: a big price
// table loaded at start-up, a bounded LRU of quotes, a capped metrics ring
// and a memoized lodash-compiled receipt template. Writes
// OUTDIR/1.heapsnapshot (after warm-up), 2 (after a batch of requests),
// 3 (after another batch) and OUTDIR/expect.json.
// Run as: NODE_PATH=<dir filled by install.sh>/node_modules
//         node --expose-gc strong_map_by_req.js OUTDIR
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const v8 = require('v8');
const vm = require('vm');
const express = require('express');
const _ = require('lodash');

const OUTDIR = process.argv[2];
if (!OUTDIR) {
  console.error('usage: node --expose-gc strong_map_by_req.js OUTDIR');
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
const rand = mulberry32(0x5eed42);

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

const REGIONS = ['eu-west', 'eu-north', 'us-east', 'us-west', 'ap-south', 'ap-east', 'sa-east'];
const PRODUCTS = ['compute', 'storage', 'egress', 'queue', 'cache', 'db', 'search', 'cdn'];

// The price table: loaded at start-up (from JSON), legitimately big.
const priceTable = new Map(JSON.parse(JSON.stringify(_.flatMap(REGIONS, (r) => _.flatMap(PRODUCTS, (p) =>
  _.times(250, (tier) => [`${r}/${p}/${tier}`, {
    region: r, product: p, tier, unit: p === 'egress' ? 'GB' : 'hour',
    price: Math.round(rand() * 100000) / 10000, currency: 'EUR', note: `${p} tier ${tier} in ${r}`,
  }]))))));
const quoteCache = new LruCache(200);
const metrics = new MetricsRing(500);
const receipt = _.template('<%= region %>/<%= product %> x<%= qty %> = <%= total.toFixed(2) %> <%= currency %>');

// ---- the leak ---------------------------------------------------------------

const requestTimings = new Map(); // meant as a WeakMap keyed by req

// ---- the service ------------------------------------------------------------

const app = express();
app.use((req, res, next) => {
  requestTimings.set(req, { start: process.hrtime.bigint(), route: req.path, client: req.headers['x-client'] });
  res.on('finish', () => {
    const t = requestTimings.get(req);
    metrics.push({ route: t.route, micros: Number(process.hrtime.bigint() - t.start) / 1000, status: res.statusCode });
  });
  next();
});
app.get('/quote/:region/:product', (req, res) => {
  const tier = Number(req.query.tier || 0);
  const qty = Number(req.query.qty || 1);
  const key = `${req.params.region}/${req.params.product}/${tier}`;
  const row = priceTable.get(key);
  if (!row) return res.status(404).json({ error: 'no price' });
  let q = quoteCache.get(`${key}x${qty}`);
  if (!q) {
    q = Object.assign(_.pick(row, ['region', 'product', 'currency', 'unit']), { qty, total: row.price * qty });
    q.receipt = receipt(q);
    quoteCache.set(`${key}x${qty}`, q);
  }
  res.json(q);
});

function get(port, urlPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, path: urlPath, agent: false,
      headers: { 'x-client': `billing-${urlPath.length % 7}`, accept: 'application/json' },
    }, (res) => {
      let n = 0;
      res.on('data', (c) => { n += c.length; });
      res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`${urlPath}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

async function serve(port, n) {
  let left = n;
  async function worker() {
    while (left > 0) {
      left--;
      const r = REGIONS[Math.floor(rand() * REGIONS.length)];
      const p = PRODUCTS[Math.floor(rand() * PRODUCTS.length)];
      await get(port, `/quote/${r}/${p}?tier=${Math.floor(rand() * 250)}&qty=${1 + Math.floor(rand() * 20)}`);
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
  await serve(port, 50); // warm-up: every code path
  await snapshot(1);
  await serve(port, BATCH);
  await snapshot(2);
  await serve(port, BATCH);
  await snapshot(3);
  // leak_percent: retained size of requestTimings in 2.heapsnapshot over
  // the reachable heap, measured with `memscope analyze -f json`.
  fs.writeFileSync(path.join(OUTDIR, 'expect.json'), JSON.stringify({
    leak: { names: ['requestTimings'], ids: [], types: ['IncomingMessage'] },
    legit: [
      { names: ['priceTable'], ids: [], types: [] },
      { names: ['quoteCache'], ids: [], types: [] },
    ],
    leak_percent: LEAK_PERCENT,
  }, null, 1) + '\n');
  server.close();
}
const BATCH = 600;
const LEAK_PERCENT = 31.7;
main().catch((e) => { console.error(e); process.exit(1); });
