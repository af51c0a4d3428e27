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
const fs = require('fs');
const http = require('http');
const path = require('path');
const v8 = require('v8');
const vm = require('vm');
const express = require('express');
const Handlebars = require('handlebars');
const _ = require('lodash');

const OUTDIR = process.argv[2];
if (!OUTDIR) {
  console.error('usage: node --expose-gc audit_log_strings.js OUTDIR');
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
const rand = mulberry32(0xa11d17);

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

const pageCache = new LruCache(300);
const metrics = new MetricsRing(500);

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

function get(port, urlPath, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, agent: false, headers }, (res) => {
      let n = 0;
      res.on('data', (c) => { n += c.length; });
      res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`${urlPath}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

let reqNo = 0;
function nextRequest() {
  const i = reqNo++;
  const headers = { 'user-agent': `catalog-client/${1 + (i % 3)}.${i % 10} (batch)`, 'x-client-id': `c-${(i * 7919) % 100003}` };
  if (i % 4 === 3) return ['/c/' + KINDS[i % KINDS.length] + '?page=' + (i % 6), headers];
  return ['/p/SKU-' + (100000 + Math.floor(rand() * 12000)), headers];
}

async function serve(port, n) {
  let left = n;
  async function worker() {
    while (left > 0) {
      left--;
      const [p, h] = nextRequest();
      await get(port, p, h);
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
  await serve(port, 400); // warm-up: every route, every template
  await snapshot(1);
  await serve(port, 3000);
  await snapshot(2);
  await serve(port, 3000);
  await snapshot(3);
  // leak_percent: retained size of auditLog in 2.heapsnapshot over the
  // reachable heap, measured with `memscope analyze -f json`.
  fs.writeFileSync(path.join(OUTDIR, 'expect.json'), JSON.stringify({
    leak: { names: ['auditLog'], ids: [], types: [] },
    legit: [
      { names: ['productIndex'], ids: [], types: [] },
      { names: ['byCategory'], ids: [], types: [] },
      { names: ['pageCache'], ids: [], types: [] },
    ],
    leak_percent: LEAK_PERCENT,
  }, null, 1) + '\n');
  server.close();
}
const LEAK_PERCENT = 5.1;
main().catch((e) => { console.error(e); process.exit(1); });
