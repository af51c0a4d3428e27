// pending_promises.js OUTDIR — leak scenario: a document export service
// (express, marked, lodash). POST /export queues a render job for an
// in-process worker and tracks its promise in the module's Set
// `inflightJobs` until it settles; the worker silently drops low-priority
// jobs without settling them, so those promises stay pending forever and
// their reactions keep each job (markdown, options) alive. Only promises,
// closures and plain objects: the container's name is the only handle.
// Legitimate state beside it: a big document store loaded at start-up, a
// bounded LRU of finished exports, a capped metrics ring and a fixed pool
// of render buffers. Writes OUTDIR/1.heapsnapshot (after warm-up), 2 (after
// a batch of requests), 3 (after another batch) and OUTDIR/expect.json.
// Run as: NODE_PATH=<dir filled by install.sh>/node_modules
//         node --expose-gc pending_promises.js OUTDIR
'use strict';
const express = require('express');
const { marked } = require('marked');
const _ = require('lodash');
const kit = require('./kit');

const rand = kit.mulberry32(0x9e0d1);

// ---- legitimate state -------------------------------------------------------

class BufferPool {
  constructor(n, size) { this.free = _.times(n, () => Buffer.alloc(size)); }
  acquire() { return this.free.pop() || Buffer.alloc(64 * 1024); }
  release(b) { if (this.free.length < 8) this.free.push(b); }
}

const SECTIONS = ['Summary', 'Scope', 'Timeline', 'Budget', 'Risks', 'Owners', 'Appendix'];
const WORDS = ['quarterly', 'vendor', 'migration', 'capacity', 'contract', 'audit', 'rollout',
  'forecast', 'latency', 'region', 'renewal', 'headcount'];

function documentMarkdown(i) {
  return SECTIONS.map((s, k) => `## ${s}\n\n` + _.times(3, (j) => `${_.upperFirst(WORDS[(i + j + k) % WORDS.length])} ` +
    `item ${i}.${k}.${j}: ${WORDS[(i * 3 + j) % WORDS.length]} ${Math.floor(rand() * 1e6)} units.`).join('\n') +
    `\n\n| key | value |\n|---|---|\n| doc | ${i} |\n| part | ${k} |\n`).join('\n');
}

// The document store: loaded at start-up (from JSON), legitimately big.
const documentStore = new Map(JSON.parse(JSON.stringify(_.times(1500, (i) => [`doc-${i}`, {
  title: `Plan ${i}`, owner: `team-${i % 17}`, markdown: documentMarkdown(i),
}]))));
const exportCache = new kit.LruCache(80);
const metrics = new kit.MetricsRing(400);
const buffers = new BufferPool(4, 64 * 1024);

// ---- the worker and the leak --------------------------------------------------

const jobQueue = [];
const inflightJobs = new Set(); // promises of queued jobs, until they settle

function runWorker() {
  while (jobQueue.length) {
    const { job, resolve } = jobQueue.shift();
    if (job.priority === 'low') continue; // dropped: never settled
    const buf = buffers.acquire();
    try {
      const html = marked.parse(job.markdown, { gfm: true, headerIds: false, mangle: false });
      const n = buf.write(html, 0, 'utf8');
      resolve({ id: job.id, bytes: n, html });
    } finally {
      buffers.release(buf);
    }
  }
}

let jobNo = 0;
function enqueue(doc, priority, options) {
  const unit = options.paper === 'letter' ? 'units (US)' : `units (${options.format})`;
  const markdown = `# ${doc.title}\n\n${doc.markdown.replace(/units/g, unit)}`;
  const job = { id: ++jobNo, title: doc.title, markdown, priority, options };
  const p = new Promise((resolve) => {
    jobQueue.push({ job, resolve });
    setImmediate(runWorker);
  });
  inflightJobs.add(p);
  p.then((result) => exportCache.set(job.id, { title: job.title, html: result.html, options: job.options }))
    .finally(() => inflightJobs.delete(p));
  return job.id;
}

// ---- the service ------------------------------------------------------------

const app = express();
app.use(express.json());
app.post('/export/:doc', (req, res) => {
  const t0 = process.hrtime.bigint();
  const doc = documentStore.get(req.params.doc);
  if (!doc) return res.status(404).json({ error: 'no such document' });
  const id = enqueue(doc, req.body.priority || 'normal', _.pick(req.body, ['format', 'toc', 'paper']));
  metrics.push({ route: '/export', micros: Number(process.hrtime.bigint() - t0) / 1000 });
  res.json({ job: id, queued: inflightJobs.size });
});
app.get('/export/:id', (req, res) => {
  const e = exportCache.get(Number(req.params.id));
  res.json(e ? { ready: true, title: e.title, bytes: e.html.length } : { ready: false });
});

// The i-th request: an export, every fifth a poll for one.
function send(i, request) {
  if (i % 5 === 4) return request(`/export/${1 + Math.floor(rand() * i)}`);
  return request(`/export/doc-${Math.floor(rand() * 1500)}`, {
    method: 'POST',
    json: { priority: i % 3 === 0 ? 'low' : 'normal', format: i % 2 ? 'pdf' : 'html', toc: i % 4 === 0, paper: 'a4' },
  });
}

kit.run(app, {
  warmup: 100, // every route, the worker, marked
  batch: 4200,
  send,
  expect: {
    leak: { names: ['inflightJobs'], ids: [], types: [] },
    legit: [
      { names: ['documentStore'], ids: [], types: [] },
      { names: ['exportCache'], ids: [], types: [] },
    ],
    // leak_percent: retained size of inflightJobs in 2.heapsnapshot over the
    // reachable heap, measured with `memscope analyze -f json`.
    leak_percent: 20.3,
  },
});
