// open_report.js PAGE.html [SCREENSHOT.png[#ID]] [CHROMIUM] — opens a
// memscope report in headless Chromium, in a 1280 x 800 viewport, and
// prints one JSON line of what the page shows, for
// tests/oracles/oracle_report.py: every network request it made, console
// errors and exceptions; the first screen: where the first finding, its
// heading and its path are, and the text and labels of the header's meta;
// the types table: its rows, which of them are shown and the "show all"
// button's text, as the page opens, after a click on that button and after
// a second one, with a filter for the type in the last row, and after a
// click on the COUNT header; every treemap rect (data-id, data-parent,
// data-retained, its area), how many suspects carry inline SVG, the
// sections' headings, and the text of the embedded #data JSON. With
// SCREENSHOT, a capture of the first screen, or of the screen from the
// element ID down.
'use strict';
const path = require('path');
const fs = require('fs');
const cdp = require('../tools/cdp');

const [page, shot, exe] = process.argv.slice(2);
if (!page) {
  console.error('usage: open_report.js PAGE.html [SCREENSHOT.png[#ID]] [CHROMIUM]');
  process.exit(2);
}
const b = cdp.launch(exe || undefined, 'open_report: ');
const requests = [], errors = [];

const COLLECT = `(() => {
  const table = document.getElementById('types-table');
  const rows = () => Array.from(table.tBodies[0].rows)
    .map(tr => [tr.cells[0].textContent, Number(tr.cells[1].dataset.v)]);
  const shown = () => Array.from(table.tBodies[0].rows).filter(tr => !tr.hidden && tr.offsetHeight > 0)
    .map(tr => tr.cells[0].textContent);
  const more = table.nextElementSibling && table.nextElementSibling.querySelector('button.show-all');
  const button = () => more && !more.hidden && more.offsetHeight > 0 ? more.textContent : null;
  const box = el => { if (!el) return null; const r = el.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, height: r.height}; };
  const finding = document.querySelector('.finding');
  const first = finding && {kind: finding.classList.contains('leak') ? 'leak' : 'suspect', box: box(finding), heading: box(finding.querySelector('h3')),
    path: box(finding.querySelector('ol.path')), text: finding.querySelector('h3').textContent,
    hops: finding.querySelectorAll('ol.path li').length};
  const meta = document.getElementById('meta');
  const types = {all: rows(), shown: shown(), button: button()};
  if (more) {
    more.click();
    types.expanded = shown();
    types.expanded_button = button();
    more.click();
    types.collapsed = shown();
  }
  const filter = document.querySelector('input.filter[data-table="types-table"]');
  const last = types.all.length ? types.all[types.all.length - 1][0] : '';
  filter.value = last;
  filter.dispatchEvent(new Event('input'));
  types.filtered_for = last;
  types.filtered = shown();
  filter.value = '';
  filter.dispatchEvent(new Event('input'));
  types.unfiltered = shown();
  table.querySelectorAll('thead th')[1].click();
  const after = rows();
  types.sorted_shown = shown();
  const rects = Array.from(document.querySelectorAll('#treemap-svg rect')).map(r => ({
    id: r.dataset.id || null, parent: r.dataset.parent, retained: Number(r.dataset.retained),
    area: r.width.baseVal.value * r.height.baseVal.value, smaller: r.classList.contains('smaller')}));
  const suspects = Array.from(document.querySelectorAll('.suspect'));
  return JSON.stringify({viewport: innerHeight, first,
    meta: {text: meta.textContent, labels: Array.from(meta.querySelectorAll('dt')).map(d => d.textContent)},
    before: types.all, after, types, rects,
    suspects: suspects.length, with_svg: suspects.filter(s => s.querySelector('svg')).length,
    leaks: document.querySelectorAll('.leak').length,
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
  await b.send('Emulation.setDeviceMetricsOverride', {width: 1280, height: 800, deviceScaleFactor: 1, mobile: false}, s);
  const loaded = b.once('Page.loadEventFired', s);
  await b.send('Page.navigate', {url: 'file://' + path.resolve(page)}, s);
  await loaded;
  if (shot) {
    const [file, at] = shot.split('#');
    if (at) await b.send('Runtime.evaluate', {expression: `document.getElementById('${at}').scrollIntoView()`}, s);
    const {data} = await b.send('Page.captureScreenshot', {format: 'png'}, s);
    fs.writeFileSync(file, Buffer.from(data, 'base64'));
    if (at) await b.send('Runtime.evaluate', {expression: 'window.scrollTo(0, 0)'}, s);
  }
  const r = await b.send('Runtime.evaluate', {expression: COLLECT, returnByValue: true}, s);
  if (r.exceptionDetails) throw new Error('page: ' + JSON.stringify(r.exceptionDetails).slice(0, 500));
  const facts = JSON.parse(r.result.value);
  facts.requests = requests;
  facts.errors = errors;
  b.close(JSON.stringify(facts));
}
main().catch(e => b.fail(e.message));
