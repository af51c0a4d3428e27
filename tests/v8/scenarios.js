// scenarios.js NAME OUT — builds a small heap on purpose, then writes a V8
// heap snapshot of it to OUT and prints one JSON line of facts to check.
// Run by tests/oracles/oracle_v8.py under the machine's node.
'use strict';
const v8 = require('v8');
const EventEmitter = require('events');

const [name, out] = process.argv.slice(2);
const keep = (globalThis.memscopeKeep = {});
const facts = {};

class WeakMapKey {}
class WeakMapValue { constructor() { this.data = new Array(5000).fill(0); } }
class CacheEntry { constructor(i) { this.id = i; this.payload = new Array(64).fill(i); } }
class Listener { constructor(i) { this.id = i; this.state = new Array(32).fill(i); } }
class RingNode { constructor() { this.next = null; } }

switch (name) {
case 'weakmap': {
  // A WeakMap whose key is alive: the key, not the table, retains the value.
  const wm = new WeakMap();
  const key = new WeakMapKey();
  wm.set(key, new WeakMapValue());
  keep.key = key;
  keep.wm = wm;
  break;
}
case 'closures': {
  // Closures over big arrays: each closure retains its array.
  function makeHandler(n) {
    const big = new Array(n).fill(7);
    return function bigHandler() { return big.length; };
  }
  keep.handlers = [makeHandler(100000), makeHandler(50000)];
  break;
}
case 'mapcache': {
  // A growing Map cache.
  keep.cache = new Map();
  for (let i = 0; i < 3000; i++) keep.cache.set('key' + i, new CacheEntry(i));
  facts.entries = 3000;
  break;
}
case 'emitter': {
  // An EventEmitter whose listeners are never removed.
  keep.emitter = new EventEmitter();
  keep.emitter.setMaxListeners(0);
  for (let i = 0; i < 500; i++) {
    const l = new Listener(i);
    keep.emitter.on('data', function onData() { return l.id; });
  }
  facts.listeners = 500;
  break;
}
case 'cycles': {
  // A ring of 100 objects kept alive, and an unreachable pair.
  const ring = [];
  for (let i = 0; i < 100; i++) ring.push(new RingNode());
  for (let i = 0; i < 100; i++) ring[i].next = ring[(i + 1) % 100];
  keep.ring = ring[0];
  facts.ring = 100;
  break;
}
case 'shapes': {
  // Plain objects of a few shapes, which DevTools names after their
  // properties: a popular {id, email}; one with a property more (too rare
  // for its own name: it takes {id, email}); names needing
  // quotes; a shape too long for one name; and a rare shape left "Object".
  // Values are strings: small integers are not heap objects, so V8 writes
  // no edge for them. (V8 also keeps one boilerplate object per literal.)
  const s = (p, i) => p + i;
  keep.users = [];
  for (let i = 0; i < 300; i++) keep.users.push({id: s('i', i), email: s('u', i)});
  keep.users[7].role = s('r', 7); /* the only {id, email, role} */
  keep.quoted = [];
  for (let i = 0; i < 100; i++) keep.quoted.push({'a,b': s('q', i), 'say "hi"': s('h', i), '{x}': s('x', i)});
  keep.long = [];
  for (let i = 0; i < 100; i++) {
    const o = {};
    for (let k = 0; k < 12; k++) o['property_with_a_long_name_' + k] = s('p' + k + '_', i);
    keep.long.push(o);
  }
  keep.rare = {onlyOnce: s('o', 1)};
  facts.users = 300;
  break;
}
case 'alloc': {
  // Run under --track-heap-objects: functions that allocate objects that
  // stay alive (500 Kept, each with a small array) and objects that don't.
  class Kept { constructor(i) { this.i = i; this.a = [i, i + 1]; } }
  class Gone { constructor(i) { this.i = i; } }
  function makeKept(n) { const out = []; for (let i = 0; i < n; i++) out.push(new Kept(i)); return out; }
  function makeGone(n) { let x = null; for (let i = 0; i < n; i++) x = new Gone(i); return x ? 1 : 0; }
  keep.kept = makeKept(500);
  makeGone(1000);
  facts.kept = 500;
  facts.gone = 1000;
  break;
}
default:
  console.error('unknown scenario ' + name);
  process.exit(2);
}
v8.writeHeapSnapshot(out);
console.log(JSON.stringify(facts));
