// closure_registry.js OUTDIR — leak scenario: a wiki service (express,
// marked, handlebars, lodash). After rendering a page, the handler pushes a
// re-index callback onto a global hook registry,
// `globalThis.wikiHooks.afterRender`, meant to be drained by a search indexer
// that was never wired up; each closure keeps the rendered page context
// (markdown, HTML, headings) alive. Only plain objects, strings and
// closures: the container's name is the only handle. Legitimate state beside
// it: the page store loaded at start-up, a memoized compiled layout, a
// bounded LRU of rendered HTML and a capped metrics ring. Writes
// OUTDIR/1.heapsnapshot (after warm-up), 2 (after a batch of requests),
// 3 (after another batch) and OUTDIR/expect.json.
// Run as: NODE_PATH=<dir filled by install.sh>/node_modules
//         node --expose-gc closure_registry.js OUTDIR
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const v8 = require('v8');
const vm = require('vm');
const express = require('express');
const { marked } = require('marked');
const Handlebars = require('handlebars');
const _ = require('lodash');

const OUTDIR = process.argv[2];
if (!OUTDIR) {
  console.error('usage: node --expose-gc closure_registry.js OUTDIR');
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
const rand = mulberry32(0xc105e);

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

const TOPICS = ['deploy', 'oncall', 'backup', 'billing', 'network', 'storage', 'auth', 'release'];
const VERBS = ['restart', 'check', 'rotate', 'drain', 'page', 'scale', 'verify', 'tag'];

function pageMarkdown(i) {
  const topic = TOPICS[i % TOPICS.length];
  const steps = _.times(6 + (i % 5), (k) => `${k + 1}. ${_.upperFirst(VERBS[(i + k) % VERBS.length])} the ` +
    `\`${topic}-${k}\` unit, then wait ${Math.floor(rand() * 90)} s.`).join('\n');
  return `# ${_.upperFirst(topic)} runbook ${i}\n\nOwner: team-${i % 13}. See [${topic}](/w/${topic}-${(i + 1) % 2000}).\n\n` +
    `## Steps\n\n${steps}\n\n## Notes\n\n> Keep the *${topic}* dashboard open.\n\n` +
    '```sh\n' + `${topic}ctl status --all | grep -v ok\n` + '```\n';
}

// The page store: loaded at start-up (from JSON), legitimately big.
const pageStore = new Map(JSON.parse(JSON.stringify(_.times(2000, (i) => [`${TOPICS[i % TOPICS.length]}-${i}`, {
  title: `${TOPICS[i % TOPICS.length]} runbook ${i}`, markdown: pageMarkdown(i), revision: 1 + (i % 7),
}]))));

const layout = Handlebars.compile('<html><head><title>{{title}}</title></head><body>' +
  '<aside><ul>{{#each headings}}<li><a href="#{{slug}}">{{text}}</a></li>{{/each}}</ul></aside>' +
  '<article>{{{html}}}</article><footer>rev {{revision}}</footer></body></html>');
const htmlCache = new LruCache(100);
const metrics = new MetricsRing(400);

// ---- the leak ---------------------------------------------------------------

// The process-wide hook registry; drain() is for the search indexer, which
// was never wired up, so afterRender only grows.
globalThis.wikiHooks = {
  afterRender: [],
  drain() { return this.afterRender.splice(0).map((hook) => hook()); },
};

// ---- the service ------------------------------------------------------------

function render(slug, page) {
  const tokens = marked.lexer(page.markdown);
  const headings = tokens.filter((t) => t.type === 'heading').map((t) => ({ text: t.text, slug: _.kebabCase(t.text) }));
  const html = marked.parser(tokens);
  return { slug, title: page.title, headings, html, markdown: page.markdown, revision: page.revision };
}

const app = express();
app.get('/w/:slug', (req, res) => {
  const t0 = process.hrtime.bigint();
  const page = pageStore.get(req.params.slug);
  if (!page) return res.status(404).send('no such page');
  const ctx = render(req.params.slug, page);
  ctx.viewer = req.headers['x-viewer'];
  const out = layout(ctx);
  htmlCache.set(req.params.slug, out);
  globalThis.wikiHooks.afterRender.push(() => ({ slug: ctx.slug, words: _.words(ctx.markdown).length, html: ctx.html }));
  metrics.push({ route: '/w', micros: Number(process.hrtime.bigint() - t0) / 1000 });
  res.type('html').send(out);
});
app.get('/cached/:slug', (req, res) => {
  const html = htmlCache.get(req.params.slug);
  if (!html) return res.redirect(302, `/w/${req.params.slug}`);
  res.type('html').send(html);
});

let server = null;
function shutdown() {
  if (server) server.close();
}
process.on('SIGTERM', shutdown); // graceful stop under a process manager

function get(port, urlPath) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, agent: false, headers: { 'x-viewer': 'probe' } }, (res) => {
      let n = 0;
      res.on('data', (c) => { n += c.length; });
      res.on('end', () => (res.statusCode < 400 ? resolve(n) : reject(new Error(`${urlPath}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

let reqNo = 0;
async function serve(port, n) {
  let left = n;
  async function worker() {
    while (left > 0) {
      left--;
      const i = reqNo++;
      const k = Math.floor(rand() * 2000);
      await get(port, `/${i % 5 === 4 ? 'cached' : 'w'}/${TOPICS[k % TOPICS.length]}-${k}`);
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
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = server.address().port;
  await serve(port, 100); // warm-up: every route, marked, the layout
  await snapshot(1);
  await serve(port, BATCH);
  await snapshot(2);
  await serve(port, BATCH);
  await snapshot(3);
  // leak_percent: retained size of wikiHooks.afterRender in 2.heapsnapshot
  // over the reachable heap, measured with `memscope analyze -f json`.
  fs.writeFileSync(path.join(OUTDIR, 'expect.json'), JSON.stringify({
    leak: { names: ['afterRender'], ids: [], types: [] },
    legit: [
      { names: ['pageStore'], ids: [], types: [] },
      { names: ['htmlCache'], ids: [], types: [] },
    ],
    leak_percent: LEAK_PERCENT,
  }, null, 1) + '\n');
  process.removeListener('SIGTERM', shutdown);
  shutdown();
}
const BATCH = 300;
const LEAK_PERCENT = 11.4;
main().catch((e) => { console.error(e); process.exit(1); });
