// bench_heap.js UNITS OUT — writes a heap snapshot of a server-like heap for
// `make bench V8=1`: per unit an Item (id, name string, tag array, a parent
// link that makes long chains and cycles), every 4th in a Map cache, every
// 10th a Session with a user object and a listener closure. About 5 nodes,
// 16 edges and 400 bytes of snapshot per unit (300k units: 1.5M nodes, 125 MB).
'use strict';
const v8 = require('v8');
const units = Number(process.argv[2]);
const out = process.argv[3];

class Item {
  constructor(i, parent) {
    this.id = i;
    this.name = 'item' + i;
    this.tags = [i, i + 1];
    this.parent = parent;
  }
}
class Session {
  constructor(i, item) {
    this.user = {id: i, email: 'u' + i + '@example.org'};
    this.item = item;
    this.onEvent = () => this.user.id + item.id;
  }
}
globalThis.items = [];
globalThis.cache = new Map();
globalThis.sessions = [];
for (let i = 0; i < units; i++) {
  const item = new Item(i, i ? globalThis.items[i >> 1] : null);
  globalThis.items.push(item);
  if (i % 4 === 0) globalThis.cache.set('k' + i, item);
  if (i % 10 === 0) globalThis.sessions.push(new Session(i, item));
}
globalThis.items[0].parent = globalThis.items[units - 1];  // one big cycle
v8.writeHeapSnapshot(out);
