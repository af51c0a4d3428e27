// cdp.js — a headless Chromium (Debian's /usr/bin/chromium unless given)
// driven over the DevTools protocol on --remote-debugging-pipe (fd 3 in,
// fd 4 out, messages ending in NUL): no npm package, and it works on Debian
// 12's nodejs 18 as on Node 20. Used by tests/report/open_report.js and
// tests/v8/page_snapshot.js.
//
//   const cdp = require('../tools/cdp');
//   const b = cdp.launch(exe, 'report: ');   // b.send(method, params, session)
//   ... await b.send(...); b.close(result)   // prints result, exits 0
'use strict';
const {spawn} = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

function launch(exe = '/usr/bin/chromium', who = 'cdp: ', seconds = 240) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'memscope-chromium-'));
  // The closed network here refuses Chromium's background connections: the
  // flags keep it from trying.
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                '--disable-background-networking', '--disable-component-update', '--disable-sync',
                '--disable-dev-shm-usage', '--hide-scrollbars', '--remote-debugging-pipe',
                '--user-data-dir=' + profile, 'about:blank'];
  const child = spawn(exe, args, {stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe']});
  let stderr = '', nextId = 1, buf = '', done = false, result;
  const pending = new Map(), listeners = [];
  child.stderr.on('data', d => { stderr += d; if (stderr.length > 65536) stderr = stderr.slice(-32768); });
  const b = {};
  b.fail = why => {
    console.error(who + why + '\n' + stderr.slice(-2000));
    done = true;
    child.kill('SIGKILL');
    setTimeout(() => process.exit(1), 2000);
  };
  const timer = setTimeout(() => b.fail('timed out after ' + seconds + ' s'), seconds * 1000);
  child.on('error', e => b.fail('cannot start ' + exe + ': ' + e.message));
  child.on('exit', (code, sig) => {
    fs.rmSync(profile, {recursive: true, force: true});
    if (!done) b.fail('chromium exited (' + (code ?? sig) + ')');
    else if (result !== undefined) fs.writeSync(1, result + '\n'); // sync: exit would cut a pipe
    process.exit(result !== undefined ? 0 : 1);
  });
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
        for (const l of listeners.slice()) l(msg);
      }
    }
  });
  // send(METHOD, PARAMS, SESSION): the command's result, as a promise.
  b.send = (method, params = {}, sessionId) => {
    const id = nextId++;
    const msg = {id, method, params};
    if (sessionId) msg.sessionId = sessionId;
    child.stdio[3].write(JSON.stringify(msg) + '\0');
    return new Promise((resolve, reject) => pending.set(id, {resolve, reject, method}));
  };
  // on(FN): every event, to FN(msg). once(METHOD, SESSION): the next one.
  b.on = fn => listeners.push(fn);
  b.once = (method, sessionId) => new Promise(resolve => {
    const l = msg => {
      if (msg.method === method && msg.sessionId === sessionId) {
        listeners.splice(listeners.indexOf(l), 1);
        resolve(msg.params);
      }
    };
    listeners.push(l);
  });
  // close(RESULT): prints RESULT once Chromium is gone, and exits 0.
  b.close = r => {
    done = true;
    result = r;
    clearTimeout(timer);
    b.send('Browser.close').catch(() => {});
    setTimeout(() => child.kill('SIGKILL'), 10000).unref();
  };
  return b;
}

module.exports = {launch};
