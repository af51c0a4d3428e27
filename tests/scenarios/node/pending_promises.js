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
const fs = require('fs');
const http = require('http');
const path = require('path');
const v8 = require('v8');
const vm = require('vm');
const express = require('express');
const { marked } = require('marked');
const _ = require('lodash');

const OUTDIR = process.argv[2];
if (!OUTDIR) {
  console.error('usage: node --expose-gc pending_promises.js OUTDIR');
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
const rand = mulberry32(0x9e0d1);

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
const exportCache = new LruCache(80);
const metrics = new MetricsRing(400);
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

function request(port, method, urlPath, body) {
  const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, path: urlPath, method, agent: false,
      headers: data ? { 'content-type': 'application/json', 'content-length': data.length } : {},
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
      if (i % 5 === 4) {
        await request(port, 'GET', `/export/${1 + Math.floor(rand() * i)}`);
      } else {
        await request(port, 'POST', `/export/doc-${Math.floor(rand() * 1500)}`, {
          priority: i % 3 === 0 ? 'low' : 'normal', format: i % 2 ? 'pdf' : 'html', toc: i % 4 === 0, paper: 'a4',
        });
      }
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
  await serve(port, 100); // warm-up: every route, the worker, marked
  await snapshot(1);
  await serve(port, BATCH);
  await snapshot(2);
  await serve(port, BATCH);
  await snapshot(3);
  // leak_percent: retained size of inflightJobs in 2.heapsnapshot over the
  // reachable heap, measured with `memscope analyze -f json`.
  fs.writeFileSync(path.join(OUTDIR, 'expect.json'), JSON.stringify({
    leak: { names: ['inflightJobs'], ids: [], types: [] },
    legit: [
      { names: ['documentStore'], ids: [], types: [] },
      { names: ['exportCache'], ids: [], types: [] },
    ],
    leak_percent: LEAK_PERCENT,
  }, null, 1) + '\n');
  server.close();
}
const BATCH = 4200;
const LEAK_PERCENT = 20.3;
main().catch((e) => { console.error(e); process.exit(1); });
