// devtools_oracle.ts — runs Chrome DevTools' own heap-snapshot model (bundled by
// build_oracle.sh) on a .heapsnapshot and prints, per node, TSV columns: id,
// class, self, retained, idom, distance, kind (V8's node type), raw (the
// name in the snapshot) and name (DevTools' name for the node, tabs and
// newlines escaped as memscope escapes them). tests/oracles/oracle_v8.py compares
// memscope.
// With --summary it prints only the Summary view's class table (class,
// count, self, retained, largest first): what make bench V8=1 times. With
// AFTER --diff BEFORE it prints the Comparison view's per-class numbers;
// with --alloc the Allocation view's live count and size per function.
import {HeapSnapshotLoader} from './package/front_end/entrypoints/heap_snapshot_worker/HeapSnapshotLoader.js';
import {SecondaryInitManager} from './package/front_end/entrypoints/heap_snapshot_worker/HeapSnapshot.js';
import {NodeFilter} from './package/front_end/models/heap_snapshot/HeapSnapshotModel.js';
import * as fs from 'node:fs';
import {MessageChannel} from 'node:worker_threads';

// What DevTools' model calls and Debian 12's nodejs 18 lacks.
if (!(Array.prototype as any).toSorted) {  // Node 18
  (Array.prototype as any).toSorted = function(cmp?: any) {
    return Array.prototype.slice.call(this).sort(cmp);
  };
}
if (!(Promise as any).withResolvers) {  // Node 18, 20
  (Promise as any).withResolvers = function() {
    let resolve: any, reject: any;
    const promise = new Promise((a, b) => { resolve = a; reject = b; });
    return {promise, resolve, reject};
  };
}

// load(PATH): DevTools' model of one snapshot, and the channel to close.
async function load(path: string) {
  const dispatcher = {sendEvent() {}} as any;
  const loader = new HeapSnapshotLoader(dispatcher);
  // Streamed as DevTools streams it: one string of a big file is too long.
  const fd = fs.openSync(path, 'r');
  const buf = Buffer.alloc(1 << 22);
  const dec = new TextDecoder('utf-8');
  for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0;)
    loader.write(dec.decode(buf.subarray(0, n), {stream: true}));
  loader.write(dec.decode());
  fs.closeSync(fd);
  loader.close();
  const ch = new MessageChannel();
  new SecondaryInitManager(ch.port2 as any);
  const snap: any = await loader.buildSnapshot(ch.port1 as any);
  return {snap, ch};
}

// AFTER --diff BEFORE: the Comparison view's numbers, as the panel asks for
// them (the base's classes under the target's interface definitions):
// class, added and removed counts and sizes.
async function diff(after: string, before: string) {
  const a = await load(before), b = await load(after);
  const base = a.snap.aggregatesForDiff(b.snap.interfaceDefinitions());
  const d = b.snap.calculateSnapshotDiff(1, base);
  const lines = ['class\tnew\tfreed\talloc_bytes\tfreed_bytes'];
  for (const k of Object.keys(d)) {
    const x = d[k];
    lines.push([x.name, x.addedCount, x.removedCount, x.addedSize, x.removedSize].join('\t'));
  }
  fs.writeSync(1, lines.join('\n') + '\n');
  for (const c of [a.ch, b.ch]) { c.port1.close(); c.port2.close(); }
}

// SNAP --alloc: the Allocation view's rows (AllocationProfile's
// serializeTraceTops): the function as a stack frame reads, its live count
// and live size.
async function alloc(path: string) {
  const {snap, ch} = await load(path);
  const lines = ['site\tcount\tbytes'];
  for (const t of snap.allocationTracesTops())
    lines.push([`${t.name || '(anonymous)'} (${t.scriptName}:${t.line}:${t.column})`, t.liveCount,
                t.liveSize].join('\t'));
  fs.writeSync(1, lines.join('\n') + '\n');
  ch.port1.close();
  ch.port2.close();
}

async function main() {
  if (process.argv[3] === '--diff')
    return diff(process.argv[2], process.argv[4]);
  if (process.argv[3] === '--alloc')
    return alloc(process.argv[2]);
  const {snap, ch} = await load(process.argv[2]);
  if (process.argv[3] === '--summary') {
    const agg: any = snap.aggregatesWithFilter(new NodeFilter());
    const rows = Object.values(agg) as any[];
    rows.sort((a, b) => b.maxRet - a.maxRet);
    const lines = ['class\tcount\tself\tretained'];
    for (const r of rows) lines.push([r.name, r.count, r.self, r.maxRet].join('\t'));
    fs.writeSync(1, lines.join('\n') + '\n');
    ch.port1.close();
    ch.port2.close();
    return;
  }
  const esc = (t: string) => t.replace(/[\\\t\n\r]/g,
      c => ({'\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r'} as any)[c]);
  const out: string[] = ['id\tclass\tself\tretained\tidom\tdistance\tkind\traw\tname'];
  for (let it = snap.allNodes(); it.hasNext(); it.next()) {
    const node = it.item();
    const dom = snap.createNode(node.dominatorIndex());
    out.push([node.id(), node.className(), node.selfSize(), node.retainedSize(),
              node.nodeIndex === snap.rootNodeIndex ? '' : dom.id(), node.distance(), node.type(),
              esc(node.rawName()), esc(node.name())].join('\t'));
  }
  fs.writeSync(1, out.join('\n') + '\n');
  ch.port1.close();
  ch.port2.close();
}
main().catch(e => { console.error(e); process.exit(1); });
