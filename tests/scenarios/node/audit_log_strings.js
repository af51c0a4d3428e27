// audit_log_strings.js OUTDIR — leak scenario: a catalog service (express,
// handlebars, lodash) whose request logger appends every access line, as a
// JSON string, to a module-level array `auditLog` that nothing ever trims.
// Legitimate state beside it: a big in-memory product index, memoized
// compiled templates, a bounded LRU of rendered pages and a capped metrics
// ring. Writes OUTDIR/1.heapsnapshot (after warm-up), 2 (after a batch of
// requests), 3 (after another batch) and OUTDIR/expect.json.
// Run as: NODE_PATH=<dir filled by install.sh>/node_modules
//         node --expose-gc audit_log_strings.js OUTDIR
'use strict';
const express = require('express');
const Handlebars = require('handlebars');
const _ = require('lodash');
const kit = require('./kit');

const rand = kit.mulberry32(0xa11d17);

// ---- legitimate state -------------------------------------------------------

const WORDS = ['oak', 'steel', 'linen', 'walnut', 'copper', 'glass', 'wool', 'cedar', 'brass',
  'marble', 'cotton', 'slate', 'maple', 'silk', 'iron', 'clay'];
const KINDS = ['chair', 'lamp', 'table', 'rug', 'shelf', 'vase', 'desk', 'stool', 'mirror', 'bench'];

// The product index: loaded once at start-up (from JSON, as from a catalog
// file), legitimately big.
const catalogRows = [];
for (let i = 0; i < 12000; i++) {
  catalogRows.push({
    sku: `SKU-${100000 + i}`,
    name: `${WORDS[i % WORDS.length]} ${KINDS[(i * 7) % KINDS.length]} ${i}`,
    category: KINDS[(i * 7) % KINDS.length],
    price: Math.round(rand() * 50000) / 100,
    stock: Math.floor(rand() * 40),
    tags: _.uniq(_.times(3, () => WORDS[Math.floor(rand() * WORDS.length)])).sort(),
    description: _.times(4, (k) => WORDS[(i + k * 5) % WORDS.length]).join(' ') + ' finish',
  });
}
const productIndex = new Map();
const byCategory = new Map();
for (const p of JSON.parse(JSON.stringify(catalogRows))) {
  productIndex.set(p.sku, p);
  if (!byCategory.has(p.category)) byCategory.set(p.category, []);
  byCategory.get(p.category).push(p.sku);
}
catalogRows.length = 0;

const TEMPLATES = {
  product: '<article><h1>{{name}}</h1><p class="price">{{money price}}</p>' +
    '<ul>{{#each tags}}<li>{{this}}</li>{{/each}}</ul><p>{{description}}</p>' +
    '{{#if lowStock}}<em>only {{stock}} left</em>{{/if}}</article>',
  category: '<section><h2>{{title}}</h2><ol>{{#each items}}<li><a href="/p/{{sku}}">' +
    '{{name}}</a> {{money price}}</li>{{/each}}</ol></section>',
};
Handlebars.registerHelper('money', (v) => `$${Number(v).toFixed(2)}`);
const compiled = new Map(); // memoized compiled templates
function template(name) {
  let t = compiled.get(name);
  if (!t) { t = Handlebars.compile(TEMPLATES[name]); compiled.set(name, t); }
  return t;
}

const pageCache = new kit.LruCache(300);
const metrics = new kit.MetricsRing(500);

// ---- the leak ---------------------------------------------------------------

const auditLog = []; // every access line, never trimmed nor shipped

// ---- the service ------------------------------------------------------------

const app = express();
app.use((req, res, next) => {
  const t0 = process.hrtime.bigint();
  res.on('finish', () => {
    const micros = Number(process.hrtime.bigint() - t0) / 1000;
    metrics.push({ route: req.route ? req.route.path : req.path, status: res.statusCode, micros });
    auditLog.push(JSON.stringify({
      method: req.method, url: req.originalUrl, status: res.statusCode,
      agent: req.headers['user-agent'], client: req.headers['x-client-id'],
      bytes: Number(res.getHeader('content-length') || 0),
    }));
  });
  next();
});
app.get('/p/:sku', (req, res) => {
  const key = `p:${req.params.sku}`;
  let html = pageCache.get(key);
  if (!html) {
    const p = productIndex.get(req.params.sku);
    if (!p) return res.status(404).send('no such product');
    html = template('product')(Object.assign({ lowStock: p.stock < 5 }, p));
    pageCache.set(key, html);
  }
  res.type('html').send(html);
});
app.get('/c/:cat', (req, res) => {
  const skus = byCategory.get(req.params.cat) || [];
  const page = Number(req.query.page || 0);
  const items = _.chain(skus).drop(page * 20).take(20).map((s) => productIndex.get(s))
    .sortBy('price').value();
  res.type('html').send(template('category')({ title: _.startCase(req.params.cat), items }));
});

// The i-th request: a product page, every fourth a category page.
function send(i, request) {
  const headers = { 'user-agent': `catalog-client/${1 + (i % 3)}.${i % 10} (batch)`, 'x-client-id': `c-${(i * 7919) % 100003}` };
  if (i % 4 === 3) return request('/c/' + KINDS[i % KINDS.length] + '?page=' + (i % 6), { headers });
  return request('/p/SKU-' + (100000 + Math.floor(rand() * 12000)), { headers });
}

kit.run(app, {
  warmup: 400, // every route, every template
  batch: 3000,
  send,
  expect: {
    leak: { names: ['auditLog'], ids: [], types: [] },
    legit: [
      { names: ['productIndex'], ids: [], types: [] },
      { names: ['byCategory'], ids: [], types: [] },
      { names: ['pageCache'], ids: [], types: [] },
    ],
    // leak_percent: retained size of auditLog in 2.heapsnapshot over the
    // reachable heap, measured with `memscope analyze -f json`.
    leak_percent: 5.1,
  },
});
