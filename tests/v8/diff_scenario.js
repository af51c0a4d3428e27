// diff_scenario.js OUTDIR — one Node process writes three heap snapshots,
// baseline.heapsnapshot, target.heapsnapshot and final.heapsnapshot, for
// tests/oracles/oracle_diff.py: between baseline and target 300 LeakedThing objects
// go into a global array and stay; 200 ReleasedThing objects go into
// another that is emptied before final. Prints one JSON line of facts.
'use strict';
const v8 = require('v8');
const path = require('path');

class LeakedThing { constructor(i) { this.i = i; this.data = new Array(16).fill(i); } }
class ReleasedThing { constructor(i) { this.i = i; } }

const out = process.argv[2];
globalThis.leakedThings = [];
globalThis.releasedThings = [];
// Warm-up: one of each class, kept, and a snapshot thrown away, so that what
// V8 makes once per class or for the first snapshot exists in baseline.
globalThis.warm = [new LeakedThing(-1), new ReleasedThing(-1)];
v8.writeHeapSnapshot(path.join(out, 'warmup.heapsnapshot'));
require('fs').unlinkSync(path.join(out, 'warmup.heapsnapshot'));
v8.writeHeapSnapshot(path.join(out, 'baseline.heapsnapshot'));
for (let i = 0; i < 300; i++) globalThis.leakedThings.push(new LeakedThing(i));
for (let i = 0; i < 200; i++) globalThis.releasedThings.push(new ReleasedThing(i));
v8.writeHeapSnapshot(path.join(out, 'target.heapsnapshot'));
globalThis.releasedThings.length = 0;
v8.writeHeapSnapshot(path.join(out, 'final.heapsnapshot'));
console.log(JSON.stringify({leaked: 300, released: 200}));
