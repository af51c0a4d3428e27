// page_snapshot.js PAGE.html OUT.heapsnapshot [CHROMIUM] — loads PAGE in
// headless Chromium (Debian's /usr/bin/chromium unless CHROMIUM is given),
// lets it run, forces a garbage collection and writes a heap snapshot of the
// page to OUT, as DevTools' Memory panel takes one. Prints one JSON line:
// whatever the page left in window.memscopeFacts.
//
// Chromium is driven over the DevTools protocol on --remote-debugging-pipe
// (fd 3 in, fd 4 out, messages ending in NUL): no npm package needed, and
// it works on Debian 12's nodejs 18 as on Node 20.
'use strict';
const {spawn} = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [page, out, exe = '/usr/bin/chromium'] = process.argv.slice(2);
if (!page || !out) {
  console.error('usage: page_snapshot.js PAGE.html OUT.heapsnapshot [CHROMIUM]');
  process.exit(2);
}
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'memscope-chromium-'));
// The closed network here refuses Chromium's background connections: the
// flags keep it from trying (see the project's notes on Chromium).
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
              '--disable-background-networking', '--disable-component-update', '--disable-sync',
              '--disable-dev-shm-usage', '--remote-debugging-pipe', '--user-data-dir=' + profile,
              'about:blank'];
const child = spawn(exe, args, {stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe']});
let stderr = '';
child.stderr.on('data', d => { stderr += d; if (stderr.length > 65536) stderr = stderr.slice(-32768); });

const timer = setTimeout(() => fail('timed out after 240 s'), 240000);
function fail(why) {
  console.error('page_snapshot: ' + why + '\n' + stderr.slice(-2000));
  done = true;
  child.kill('SIGKILL');
  setTimeout(() => process.exit(1), 2000);
}
child.on('error', e => fail('cannot start ' + exe + ': ' + e.message));
// The profile goes once Chromium is gone (it writes there until it exits).
child.on('exit', (code, sig) => {
  fs.rmSync(profile, {recursive: true, force: true});
  if (!done) fail('chromium exited (' + (code ?? sig) + ')');
  else if (result !== undefined) console.log(result);
  process.exit(result !== undefined ? 0 : 1);
});

let nextId = 1, done = false, buf = '', result;
const pending = new Map();
const listeners = [];
child.stdio[4].setEncoding('utf8');
child.stdio[4].on('data', chunk => {
  buf += chunk;
  let k;
  while ((k = buf.indexOf('\0')) >= 0) {
    const msg = JSON.parse(buf.slice(0, k));
    buf = buf.slice(k + 1);
    if (msg.id && pending.has(msg.id)) {
      const {resolve, reject, method} = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(method + ': ' + JSON.stringify(msg.error)));
      else resolve(msg.result);
    } else if (msg.method) {
      for (const l of listeners) l(msg);
    }
  }
});

// send(METHOD, PARAMS, SESSION): the command's result, as a promise.
function send(method, params = {}, sessionId) {
  const id = nextId++;
  const msg = {id, method, params};
  if (sessionId) msg.sessionId = sessionId;
  child.stdio[3].write(JSON.stringify(msg) + '\0');
  return new Promise((resolve, reject) => pending.set(id, {resolve, reject, method}));
}
// once(METHOD, SESSION): the next event of that name, as a promise.
function once(method, sessionId) {
  return new Promise(resolve => {
    const l = msg => {
      if (msg.method === method && msg.sessionId === sessionId) {
        listeners.splice(listeners.indexOf(l), 1);
        resolve(msg.params);
      }
    };
    listeners.push(l);
  });
}

async function main() {
  const {targetId} = await send('Target.createTarget', {url: 'about:blank'});
  const {sessionId: s} = await send('Target.attachToTarget', {targetId, flatten: true});
  await send('Page.enable', {}, s);
  await send('Runtime.enable', {}, s);
  const loaded = once('Page.loadEventFired', s);
  await send('Page.navigate', {url: 'file://' + path.resolve(page)}, s);
  await loaded;
  // The page signals when its work is done (it may build its heap in steps).
  const r = await send('Runtime.evaluate', {
    expression: 'Promise.resolve(window.memscopeReady).then(() => JSON.stringify(window.memscopeFacts || {}))',
    awaitPromise: true, returnByValue: true}, s);
  if (r.exceptionDetails) throw new Error('page: ' + JSON.stringify(r.exceptionDetails));
  await send('HeapProfiler.enable', {}, s);
  await send('HeapProfiler.collectGarbage', {}, s);
  const fd = fs.openSync(out + '.tmp', 'w');
  listeners.push(msg => {
    if (msg.method === 'HeapProfiler.addHeapSnapshotChunk' && msg.sessionId === s)
      fs.writeSync(fd, msg.params.chunk);
  });
  await send('HeapProfiler.takeHeapSnapshot', {reportProgress: false}, s);
  fs.closeSync(fd);
  fs.renameSync(out + '.tmp', out);
  done = true;
  result = r.result.value;
  clearTimeout(timer);
  send('Browser.close').catch(() => {});
  setTimeout(() => child.kill('SIGKILL'), 10000).unref();
}
main().catch(e => fail(e.message));
