// open_report.js PAGE.html [SCREENSHOT.png] [CHROMIUM] — opens a memscope
// report in headless Chromium and prints one JSON line of what the page
// shows, for tests/oracles/oracle_report.py: every network request it made, console
// errors and exceptions, the types table's rows before and after a click on
// the COUNT header, every treemap rect (data-id, data-parent,
// data-retained, its area), how many suspects carry inline SVG, and the
// text of the embedded #data JSON. With SCREENSHOT, a 1280 x 900 capture
// from the treemap down.
'use strict';
const path = require('path');
const fs = require('fs');
const cdp = require('../tools/cdp');

const [page, shot, exe] = process.argv.slice(2);
if (!page) {
  console.error('usage: open_report.js PAGE.html [SCREENSHOT.png] [CHROMIUM]');
  process.exit(2);
}
const b = cdp.launch(exe || undefined, 'open_report: ');
const requests = [], errors = [];

const COLLECT = `(() => {
  const rows = () => Array.from(document.querySelectorAll('#types-table tbody tr'))
    .map(tr => [tr.cells[0].textContent, Number(tr.cells[1].dataset.v)]);
  const before = rows();
  document.querySelectorAll('#types-table thead th')[1].click();
  const after = rows();
  const rects = Array.from(document.querySelectorAll('#treemap-svg rect')).map(r => ({
    id: r.dataset.id || null, parent: r.dataset.parent, retained: Number(r.dataset.retained),
    area: r.width.baseVal.value * r.height.baseVal.value, smaller: r.classList.contains('smaller')}));
  const suspects = Array.from(document.querySelectorAll('.suspect'));
  return JSON.stringify({before, after, rects,
    suspects: suspects.length, with_svg: suspects.filter(s => s.querySelector('svg')).length,
    data: document.getElementById('data').textContent,
    diff: document.getElementById('diff-data') ? document.getElementById('diff-data').textContent : null,
    sections: Array.from(document.querySelectorAll('section h2')).map(h => h.textContent)});
})()`;

async function main() {
  const {targetId} = await b.send('Target.createTarget', {url: 'about:blank'});
  const {sessionId: s} = await b.send('Target.attachToTarget', {targetId, flatten: true});
  b.on(msg => {
    if (msg.sessionId !== s) return;
    if (msg.method === 'Network.requestWillBeSent') requests.push(msg.params.request.url);
    if (msg.method === 'Runtime.exceptionThrown') errors.push(JSON.stringify(msg.params.exceptionDetails).slice(0, 300));
    if (msg.method === 'Runtime.consoleAPICalled' && (msg.params.type === 'error' || msg.params.type === 'warning'))
      errors.push('console.' + msg.params.type + ': ' + JSON.stringify(msg.params.args).slice(0, 300));
    if (msg.method === 'Log.entryAdded' && msg.params.entry.level === 'error')
      errors.push('log: ' + msg.params.entry.text);
  });
  await b.send('Network.enable', {}, s);
  await b.send('Page.enable', {}, s);
  await b.send('Runtime.enable', {}, s);
  await b.send('Log.enable', {}, s);
  await b.send('Emulation.setDeviceMetricsOverride', {width: 1280, height: 900, deviceScaleFactor: 1, mobile: false}, s);
  const loaded = b.once('Page.loadEventFired', s);
  await b.send('Page.navigate', {url: 'file://' + path.resolve(page)}, s);
  await loaded;
  if (shot) {
    await b.send('Runtime.evaluate', {expression: "document.getElementById('treemap').scrollIntoView()"}, s);
    const {data} = await b.send('Page.captureScreenshot', {format: 'png'}, s);
    fs.writeFileSync(shot, Buffer.from(data, 'base64'));
  }
  const r = await b.send('Runtime.evaluate', {expression: COLLECT, returnByValue: true}, s);
  if (r.exceptionDetails) throw new Error('page: ' + JSON.stringify(r.exceptionDetails).slice(0, 500));
  const facts = JSON.parse(r.result.value);
  facts.requests = requests;
  facts.errors = errors;
  b.close(JSON.stringify(facts));
}
main().catch(e => b.fail(e.message));
