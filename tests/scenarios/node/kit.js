// kit.js — what the Node leak scenarios (tests/scenarios/node/NAME.js) share,
// so that each scenario holds only its service, its leak and its legitimate
// state. A scenario loads it with require('./kit').
//
// The kit owns:
// - mulberry32, the seeded generator that keeps a scenario deterministic;
// - LruCache and MetricsRing, the bounded cache and the capped samples ring
//   the services keep among their legitimate state;
// - the run (run): OUTDIR from the command line, the service's express app
//   listening on 127.0.0.1 at a free port, batches of self-requests over the
//   loopback (http.request, no agent) from a few concurrent workers, and the
//   schedule: a warm-up batch, 1.heapsnapshot, a batch, 2.heapsnapshot, a
//   batch, 3.heapsnapshot (each after a full gc), then OUTDIR/expect.json
//   and stopping the server (tests/scenarios/README.md); with env
//   SCENARIO_SERIES=N (N >= 2), a warm-up that includes the first batch
//   (the bounded caches and rings full), then after 1.heapsnapshot N - 1
//   series batches,
//   each followed by its snapshot (2 .. N): the series batch is the
//   scenario's seriesBatch (a tenth of its batch by default), sized so that
//   the leak grows by about 1% of the reachable heap per interval.
// Runs on Node 18 and 20, as: node --expose-gc NAME.js OUTDIR (without
// --expose-gc, gc is exposed through V8's flags).
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const v8 = require('v8');
const vm = require('vm');

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

// One request to the service on 127.0.0.1:port. opts: method (GET),
// headers, json (a value sent as an application/json body) or body (a
// string or Buffer, its content-type among the headers), ok (which statuses
// succeed; 200 only). Resolves with the length of the answer; rejects with
// "PATH: STATUS" otherwise.
function request(port, urlPath, opts) {
  const o = opts || {};
  const headers = Object.assign({}, o.headers);
  let data = null;
  if (o.json !== undefined) {
    data = Buffer.from(JSON.stringify(o.json));
    headers['content-type'] = 'application/json';
  } else if (o.body !== undefined) {
    data = Buffer.from(o.body);
  }
  if (data) headers['content-length'] = data.length;
  const ok = o.ok || ((status) => status === 200);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, path: urlPath, method: o.method || 'GET', agent: false, headers,
    }, (res) => {
      let n = 0;
      res.on('data', (c) => { n += c.length; });
      res.on('end', () => (ok(res.statusCode) ? resolve(n) : reject(new Error(`${urlPath}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(data || undefined);
  });
}

function outdir() {
  const out = process.argv[2];
  if (!out) {
    console.error(`usage: node --expose-gc ${path.basename(process.argv[1])} OUTDIR`);
    process.exit(2);
  }
  fs.mkdirSync(out, { recursive: true });
  return out;
}

// The number of snapshots SCENARIO_SERIES asks for, or 0 (not a series).
function seriesLength() {
  const v = process.env.SCENARIO_SERIES;
  if (!v) return 0;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 2) throw new Error(`SCENARIO_SERIES=${v}: a series has at least 2 dumps`);
  return n;
}

async function schedule(out, app, opts) {
  const server = app.listen(0, '127.0.0.1');
  if (opts.started) opts.started(server);
  await new Promise((r) => server.once('listening', r));
  const port = server.address().port;
  const call = (urlPath, o) => request(port, urlPath, o);
  let reqNo = 0;
  async function serve(n) {
    let left = n;
    async function worker() {
      while (left > 0) {
        left--;
        await opts.send(reqNo++, call);
      }
    }
    const workers = [];
    for (let k = 0; k < (opts.workers || 4); k++) workers.push(worker());
    await Promise.all(workers);
  }
  async function snapshot(n) {
    await new Promise((r) => setTimeout(r, 50));
    gc();
    v8.writeHeapSnapshot(path.join(out, `${n}.heapsnapshot`));
  }
  const series = seriesLength();
  await serve(opts.warmup);
  if (series) await serve(opts.batch); // the bounded caches and rings full
  if (opts.warmedUp) await opts.warmedUp(call);
  await snapshot(1);
  const batch = series ? (opts.seriesBatch || Math.max(1, Math.floor(opts.batch / 10))) : opts.batch;
  for (let n = 2; n <= Math.max(series, 3); n++) {
    await serve(batch);
    await snapshot(n);
  }
  fs.writeFileSync(path.join(out, 'expect.json'), JSON.stringify(opts.expect, null, 1) + '\n');
  if (opts.stop) opts.stop(server);
  else server.close();
}

// Runs the scenario whose service is app (express). opts:
//   warmup    requests before dump 1 (they should reach every code path)
//   batch     requests before dump 2, and again before dump 3
//   seriesBatch  requests before each dump after the first with
//             SCENARIO_SERIES set (default: a tenth of batch)
//   send      (i, request) => promise: the i-th request (i counts from 0
//             over the whole run), made with request(path, opts) as above
//   workers   how many requests are in flight at once (4)
//   warmedUp  async (request) => ...: after the warm-up, before dump 1
//   expect    what expect.json holds
//   started   (server) => ...: the server, as app.listen returns it
//   stop      (server) => ...: stops the service (server.close())
// Exits 1 with the error if anything fails, 2 without OUTDIR.
function run(app, opts) {
  const out = outdir();
  schedule(out, app, opts).catch((e) => { console.error(e); process.exit(1); });
}

module.exports = { mulberry32, LruCache, MetricsRing, run };
