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
const express = require('express');
const { marked } = require('marked');
const Handlebars = require('handlebars');
const _ = require('lodash');
const kit = require('./kit');

const rand = kit.mulberry32(0xc105e);

// ---- legitimate state -------------------------------------------------------

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
const htmlCache = new kit.LruCache(100);
const metrics = new kit.MetricsRing(400);

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

// The i-th request: a page, every fifth from the cache (a redirect when it
// is not there).
function send(i, request) {
  const k = Math.floor(rand() * 2000);
  return request(`/${i % 5 === 4 ? 'cached' : 'w'}/${TOPICS[k % TOPICS.length]}-${k}`, {
    headers: { 'x-viewer': 'probe' }, ok: (status) => status < 400,
  });
}

kit.run(app, {
  warmup: 100, // every route, marked, the layout
  batch: 300,
  seriesBatch: 35, // with SCENARIO_SERIES: the leak grows ~1% of the heap a batch
  send,
  expect: {
    leak: { names: ['afterRender'], ids: [], types: [] },
    legit: [
      { names: ['pageStore'], ids: [], types: [] },
      { names: ['htmlCache'], ids: [], types: [] },
    ],
    // leak_percent: retained size of wikiHooks.afterRender in 2.heapsnapshot
    // over the reachable heap, measured with `memscope analyze -f json`.
    leak_percent: 11.4,
  },
  started: (s) => { server = s; },
  stop: () => {
    process.removeListener('SIGTERM', shutdown);
    shutdown();
  },
});
