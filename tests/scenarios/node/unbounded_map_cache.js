// unbounded_map_cache.js OUTDIR — leak scenario: a store-front page
// service (express, ejs, yaml, lodash). Rendered listing pages are cached in
// the module's `renderCache` Map keyed by the full URL, query string
// included; tracking parameters make nearly every key new and nothing ever
// evicts, so the cache keeps every page it rendered. Only strings and plain
// objects: the container's name is the only handle. Legitimate state beside
// it: a big store inventory loaded from YAML at start-up, memoized compiled
// ejs templates, a bounded LRU of cart summaries and a capped metrics ring.
// Writes OUTDIR/1.heapsnapshot (after warm-up), 2 (after a batch of
// requests), 3 (after another batch) and OUTDIR/expect.json.
// Run as: NODE_PATH=<dir filled by install.sh>/node_modules
//         node --expose-gc unbounded_map_cache.js OUTDIR
'use strict';
const express = require('express');
const ejs = require('ejs');
const YAML = require('yaml');
const _ = require('lodash');
const kit = require('./kit');

const rand = kit.mulberry32(0xcac4e);

// ---- legitimate state -------------------------------------------------------

const SHELVES = ['garden', 'kitchen', 'office', 'outdoor', 'bath', 'kids', 'tools', 'lighting'];
const ADJ = ['compact', 'deluxe', 'classic', 'modern', 'rustic', 'folding', 'heavy-duty', 'mini'];

// The store inventory: loaded from a YAML document at start-up.
function inventoryYaml() {
  const out = [];
  for (let i = 0; i < 6000; i++) {
    out.push(`- id: ${i}`);
    out.push(`  shelf: ${SHELVES[i % SHELVES.length]}`);
    out.push(`  title: ${ADJ[(i * 3) % ADJ.length]} ${SHELVES[i % SHELVES.length]} item ${i}`);
    out.push(`  price: ${(Math.floor(rand() * 20000) / 100).toFixed(2)}`);
    out.push(`  rating: ${(1 + rand() * 4).toFixed(1)}`);
  }
  return out.join('\n');
}
const inventory = YAML.parse(inventoryYaml());
const byShelf = _.groupBy(inventory, 'shelf');

const TEMPLATES = {
  listing: '<h1><%= shelf %> (page <%= page %>)</h1><ul><% items.forEach(function (it) { %>' +
    '<li data-id="<%= it.id %>"><%= it.title %>: <%= it.price.toFixed(2) %> EUR, ' +
    '<%= it.rating %>&#9733;</li><% }) %></ul><p>campaign <%= campaign %></p>',
  cart: '<aside>items: <%= n %>, total <%= total.toFixed(2) %> EUR</aside>',
};
const compiled = new Map(); // memoized compiled templates
function template(name) {
  let t = compiled.get(name);
  if (!t) { t = ejs.compile(TEMPLATES[name]); compiled.set(name, t); }
  return t;
}
const cartCache = new kit.LruCache(200);
const metrics = new kit.MetricsRing(500);

// ---- the leak ---------------------------------------------------------------

const renderCache = new Map(); // full URL -> rendered page; never evicted

// ---- the service ------------------------------------------------------------

const app = express();
app.get('/shelf/:shelf', (req, res) => {
  const t0 = process.hrtime.bigint();
  let page = renderCache.get(req.originalUrl);
  if (!page) {
    const items = byShelf[req.params.shelf];
    if (!items) return res.status(404).send('no such shelf');
    const n = Number(req.query.page || 0);
    const sortKey = req.query.sort === 'rating' ? 'rating' : 'price';
    const slice = _.take(_.orderBy(items.slice(n * 30, n * 30 + 60), [sortKey], ['desc']), 30);
    page = { html: template('listing')({ shelf: req.params.shelf, page: n, items: slice, campaign: req.query.utm_campaign || '-' }),
      etag: `"${req.params.shelf}-${n}-${sortKey}"` };
    renderCache.set(req.originalUrl, page);
  }
  metrics.push({ route: '/shelf', micros: Number(process.hrtime.bigint() - t0) / 1000 });
  res.set('etag', page.etag).type('html').send(page.html);
});
app.get('/cart/:user', (req, res) => {
  let html = cartCache.get(req.params.user);
  if (!html) {
    const picks = _.times(1 + (req.params.user.length % 5), (k) => inventory[(Number(req.params.user.slice(1)) * 7 + k) % inventory.length]);
    html = template('cart')({ n: picks.length, total: _.sumBy(picks, 'price') });
    cartCache.set(req.params.user, html);
  }
  res.type('html').send(html);
});

// The i-th request: a shelf page with a campaign's tracking parameter,
// every fourth a cart summary.
function send(i, request) {
  if (i % 4 === 3) return request(`/cart/u${Math.floor(rand() * 5000)}`);
  const shelf = SHELVES[Math.floor(rand() * SHELVES.length)];
  return request(`/shelf/${shelf}?page=${Math.floor(rand() * 20)}&sort=${i % 2 ? 'price' : 'rating'}` +
    `&utm_campaign=mail-${Math.floor(rand() * 1e6)}`);
}

kit.run(app, {
  warmup: 100, // every route, every template
  batch: 3900,
  seriesBatch: 110, // with SCENARIO_SERIES: the leak grows ~1% of the heap a batch
  send,
  expect: {
    leak: { names: ['renderCache'], ids: [], types: [] },
    legit: [
      { names: ['inventory'], ids: [], types: [] },
      { names: ['byShelf'], ids: [], types: [] },
      { names: ['cartCache'], ids: [], types: [] },
    ],
    // leak_percent: retained size of renderCache in 2.heapsnapshot over
    // the reachable heap, measured with `memscope analyze -f json`.
    leak_percent: 36.7,
  },
});
