// page_snapshot.js PAGE.html OUT.heapsnapshot [CHROMIUM] — loads PAGE in
// headless Chromium (Debian's /usr/bin/chromium unless CHROMIUM is given),
// lets it run, forces a garbage collection and writes a heap snapshot of the
// page to OUT, as DevTools' Memory panel takes one. Prints one JSON line:
// whatever the page left in window.memscopeFacts.
//
// Chromium is driven over the DevTools protocol on --remote-debugging-pipe
// (tests/tools/cdp.js): no npm package needed, and it works on Debian 12's
// nodejs 18 as on Node 20.
'use strict';
const fs = require('fs');
const path = require('path');
const cdp = require('../tools/cdp');

const [page, out, exe] = process.argv.slice(2);
if (!page || !out) {
  console.error('usage: page_snapshot.js PAGE.html OUT.heapsnapshot [CHROMIUM]');
  process.exit(2);
}
const b = cdp.launch(exe || undefined, 'page_snapshot: ');

async function main() {
  const {targetId} = await b.send('Target.createTarget', {url: 'about:blank'});
  const {sessionId: s} = await b.send('Target.attachToTarget', {targetId, flatten: true});
  await b.send('Page.enable', {}, s);
  await b.send('Runtime.enable', {}, s);
  const loaded = b.once('Page.loadEventFired', s);
  await b.send('Page.navigate', {url: 'file://' + path.resolve(page)}, s);
  await loaded;
  // The page signals when its work is done (it may build its heap in steps).
  const r = await b.send('Runtime.evaluate', {
    expression: 'Promise.resolve(window.memscopeReady).then(() => JSON.stringify(window.memscopeFacts || {}))',
    awaitPromise: true, returnByValue: true}, s);
  if (r.exceptionDetails) throw new Error('page: ' + JSON.stringify(r.exceptionDetails));
  await b.send('HeapProfiler.enable', {}, s);
  await b.send('HeapProfiler.collectGarbage', {}, s);
  const fd = fs.openSync(out + '.tmp', 'w');
  b.on(msg => {
    if (msg.method === 'HeapProfiler.addHeapSnapshotChunk' && msg.sessionId === s)
      fs.writeSync(fd, msg.params.chunk);
  });
  await b.send('HeapProfiler.takeHeapSnapshot', {reportProgress: false}, s);
  fs.closeSync(fd);
  fs.renameSync(out + '.tmp', out);
  b.close(r.result.value);
}
main().catch(e => b.fail(e.message));
