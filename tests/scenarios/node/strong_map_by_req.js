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
const express = require('express');
const _ = require('lodash');
const kit = require('./kit');

const rand = kit.mulberry32(0x5eed42);

// ---- legitimate state -------------------------------------------------------

const REGIONS = ['eu-west', 'eu-north', 'us-east', 'us-west', 'ap-south', 'ap-east', 'sa-east'];
const PRODUCTS = ['compute', 'storage', 'egress', 'queue', 'cache', 'db', 'search', 'cdn'];

// The price table: loaded at start-up (from JSON), legitimately big.
const priceTable = new Map(JSON.parse(JSON.stringify(_.flatMap(REGIONS, (r) => _.flatMap(PRODUCTS, (p) =>
  _.times(250, (tier) => [`${r}/${p}/${tier}`, {
    region: r, product: p, tier, unit: p === 'egress' ? 'GB' : 'hour',
    price: Math.round(rand() * 100000) / 10000, currency: 'EUR', note: `${p} tier ${tier} in ${r}`,
  }]))))));
const quoteCache = new kit.LruCache(200);
const metrics = new kit.MetricsRing(500);
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

function send(i, request) {
  const r = REGIONS[Math.floor(rand() * REGIONS.length)];
  const p = PRODUCTS[Math.floor(rand() * PRODUCTS.length)];
  const urlPath = `/quote/${r}/${p}?tier=${Math.floor(rand() * 250)}&qty=${1 + Math.floor(rand() * 20)}`;
  return request(urlPath, { headers: { 'x-client': `billing-${urlPath.length % 7}`, accept: 'application/json' } });
}

kit.run(app, {
  warmup: 50, // every code path
  batch: 600,
  send,
  expect: {
    leak: { names: ['requestTimings'], ids: [], types: ['IncomingMessage'] },
    legit: [
      { names: ['priceTable'], ids: [], types: [] },
      { names: ['quoteCache'], ids: [], types: [] },
    ],
    // leak_percent: retained size of requestTimings in 2.heapsnapshot over
    // the reachable heap, measured with `memscope analyze -f json`.
    leak_percent: 31.7,
  },
});
