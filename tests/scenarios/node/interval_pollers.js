// interval_pollers.js OUTDIR — leak scenario: a config-watch service
// (express, yaml, lodash). Each POST /watch parses a YAML resource spec and
// starts a setInterval that would re-check it every 45 s; the handle is
// never kept nor cleared, so every Timeout and the request state its
// callback closes over (the parsed spec, its YAML text, a history array)
// stays. The container is Node's timer list for that duration (timer lists
// are keyed by duration: the element [45000] of timerListMap); the leaked
// objects are Timeouts.
// Legitimate state beside it: a big schema registry loaded from YAML at
// start-up, a bounded LRU of validation results, a capped metrics ring and
// one legitimate, cleared-on-exit metrics flush timer of another period.
// Writes OUTDIR/1.heapsnapshot (after warm-up), 2 (after a batch of
// requests), 3 (after another batch) and OUTDIR/expect.json.
// Run as: NODE_PATH=<dir filled by install.sh>/node_modules
//         node --expose-gc interval_pollers.js OUTDIR
'use strict';
const express = require('express');
const YAML = require('yaml');
const _ = require('lodash');
const kit = require('./kit');

const rand = kit.mulberry32(0x1e7e5);

// ---- legitimate state -------------------------------------------------------

const KINDS = ['Deployment', 'Service', 'ConfigMap', 'CronJob', 'Ingress', 'Secret', 'Volume'];
const FIELDS = ['replicas', 'image', 'port', 'schedule', 'host', 'path', 'size', 'mode', 'owner', 'ttl'];

// The schema registry: loaded from a YAML document at start-up.
function schemaDocument() {
  const lines = [];
  for (let i = 0; i < 1500; i++) {
    lines.push(`${KINDS[i % KINDS.length]}.v${i}:`);
    lines.push(`  description: schema ${i} for ${KINDS[i % KINDS.length].toLowerCase()} resources`);
    lines.push('  fields:');
    for (let k = 0; k < 6; k++) {
      const f = FIELDS[(i + k * 3) % FIELDS.length];
      lines.push(`    ${f}: { type: ${k % 2 ? 'integer' : 'string'}, required: ${k < 2}, max: ${Math.floor(rand() * 1000)} }`);
    }
  }
  return lines.join('\n');
}
const schemaRegistry = YAML.parse(schemaDocument());
const validations = new kit.LruCache(200);
const metrics = new kit.MetricsRing(500);
const flushTimer = setInterval(() => metrics.push({ route: 'flush', n: metrics.items.length }), 10000);

function validate(spec) {
  const schema = schemaRegistry[`${spec.kind}.v${spec.version}`];
  if (!schema) return ['unknown kind/version'];
  return _.compact(_.map(schema.fields, (rule, field) => {
    const v = spec.spec && spec.spec[field];
    if (v === undefined) return rule.required ? `${field} is required` : null;
    if (rule.type === 'integer' && !Number.isInteger(v)) return `${field} must be an integer`;
    return null;
  }));
}

// ---- the service ------------------------------------------------------------

const POLL_MS = 45000;
let watchNo = 0;

const app = express();
app.use(express.text({ type: 'application/yaml', limit: '256kb' }));
app.post('/watch', (req, res) => {
  const t0 = process.hrtime.bigint();
  const spec = YAML.parse(req.body);
  const key = `${spec.kind}.v${spec.version}:${spec.name}`;
  let errors = validations.get(key);
  if (!errors) { errors = validate(spec); validations.set(key, errors); }
  const state = { id: ++watchNo, key, yaml: req.body, spec, errors, history: [], lastCheck: 0 };
  // Re-check the resource periodically; nothing keeps the handle, nothing
  // clears it when the watch is abandoned.
  setInterval(() => {
    state.lastCheck++;
    state.history.push({ at: state.lastCheck, errors: validate(state.spec).length });
  }, POLL_MS).unref();
  metrics.push({ route: '/watch', micros: Number(process.hrtime.bigint() - t0) / 1000 });
  res.json({ watch: state.id, errors });
});

function makeSpec(i) {
  const v = Math.floor(rand() * 1500);
  const kind = KINDS[v % KINDS.length];
  const labels = _.times(12, (k) => `    team-${k}: ${FIELDS[(i + k) % FIELDS.length]}-${i}-${k}`).join('\n');
  const fields = _.times(6, (k) => {
    const f = FIELDS[(v + k * 3) % FIELDS.length];
    return `  ${f}: ${k % 2 ? i * 10 + k : `"${f}-value-${i}"`}`;
  }).join('\n');
  return `kind: ${kind}\nversion: ${v}\nname: res-${i}\nmetadata:\n  labels:\n${labels}\nspec:\n${fields}\n`;
}

function send(i, request) {
  return request('/watch', { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: makeSpec(i) });
}

kit.run(app, {
  warmup: 300, // every code path
  batch: 800,
  send,
  expect: {
    leak: { names: [`[${POLL_MS}]`], ids: [], types: ['Timeout'] },
    legit: [
      { names: ['schemaRegistry'], ids: [], types: [] },
      { names: ['validations'], ids: [], types: [] },
    ],
    // leak_percent: retained size of the 45000 ms timer list in 2.heapsnapshot
    // over the reachable heap, measured with `memscope analyze -f json`.
    leak_percent: 16.1,
  },
  stop: (server) => {
    clearInterval(flushTimer);
    server.close();
  },
});
