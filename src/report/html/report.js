// report.js — the behaviour of `memscope report` pages, embedded in the page
// by the build (no framework, nothing fetched): sortable tables with a
// filter box, treemap zoom and hover, and the sections drawn from the
// page's own data (the JSON of `memscope analyze -f json` in #data, and of
// `memscope diff -f json` in #diff when the page compares dumps).
'use strict';
(function () {
  const $ = (sel, el = document) => el.querySelector(sel);
  const $$ = (sel, el = document) => Array.from(el.querySelectorAll(sel));
  const fmtBytes = n => {
    const u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0, v = Math.abs(n);
    while (v >= 1024 && i < u.length - 1) { v /= 1024; i++; }
    return (n < 0 ? '-' : '') + (i ? v.toFixed(1) : v) + ' ' + u[i];
  };
  const fmtCount = n => Number(n).toLocaleString('en-US');

  // ---- sortable tables: a click on a header sorts by that column --------
  function sortable(table) {
    $$('thead th', table).forEach((th, col) => {
      th.addEventListener('click', () => {
        const desc = !th.classList.contains('sorted-desc');
        $$('thead th', table).forEach(h => h.classList.remove('sorted-asc', 'sorted-desc'));
        th.classList.add(desc ? 'sorted-desc' : 'sorted-asc');
        const body = table.tBodies[0];
        const key = tr => {
          const td = tr.cells[col];
          return td && td.dataset.v !== undefined ? Number(td.dataset.v) : (td ? td.textContent : '');
        };
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = key(a), y = key(b);
          const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
          return desc ? -c : c;
        });
        rows.forEach(r => body.appendChild(r));
      });
    });
  }

  // ---- a filter box over a table's rows ---------------------------------
  function filterBox(input) {
    const table = document.getElementById(input.dataset.table);
    input.addEventListener('input', () => {
      const q = input.value.toLowerCase();
      Array.from(table.tBodies[0].rows).forEach(tr => {
        tr.hidden = q !== '' && !tr.textContent.toLowerCase().includes(q);
      });
    });
  }

  // ---- tables built from JSON -------------------------------------------
  // cols: [key, header, kind] with kind 'bytes', 'count', 'num' or 'text'.
  function jsonTable(rows, cols) {
    const t = document.createElement('table');
    t.className = 'sortable';
    const head = t.createTHead().insertRow();
    cols.forEach(([, h]) => { const th = document.createElement('th'); th.textContent = h; head.appendChild(th); });
    const body = t.createTBody();
    rows.forEach(r => {
      const tr = body.insertRow();
      cols.forEach(([k, , kind]) => {
        const td = tr.insertCell();
        let v = k.split('.').reduce((o, p) => (o == null ? o : o[p]), r);
        if (Array.isArray(v)) v = v.join(' <- ');
        if (kind !== 'text' && typeof v === 'number') {
          td.className = 'num';
          td.dataset.v = v;
          td.textContent = kind === 'bytes' ? fmtBytes(v) : kind === 'count' ? fmtCount(v) : String(v);
        } else {
          td.textContent = v == null ? '' : String(v);
        }
      });
    });
    sortable(t);
    return t;
  }

  function section(id, title, nodes) {
    const s = document.getElementById(id);
    if (!s) return;
    const h = document.createElement('h2');
    h.textContent = title;
    s.appendChild(h);
    nodes.forEach(n => s.appendChild(typeof n === 'string' ? Object.assign(document.createElement('p'), {textContent: n}) : n));
  }

  function readJSON(id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function fromData(d) {
    const c = d.cycles;
    if (c) {
      section('cycles', 'Cycles by shape', [
        fmtCount(c.count) + ' cycles, ' + fmtCount(c.objects) + ' objects, ' + fmtBytes(c.bytes),
        jsonTable(c.shapes || [], [['shape', 'SHAPE', 'text'], ['cycles', 'CYCLES', 'count'],
          ['objects', 'OBJECTS', 'count'], ['bytes', 'BYTES', 'bytes'], ['garbage', 'GARBAGE', 'count']])]);
    }
    const g = d.garbage;
    if (g) {
      section('garbage', 'Garbage', [g.objects ? fmtCount(g.objects) + ' objects (' + fmtBytes(g.bytes) +
        ') no root reaches' + (g.cycles ? ', ' + fmtCount(g.in_cycles) + ' of them in ' + fmtCount(g.cycles) + ' cycles' : '')
        : 'None: every object is reachable from the roots.']);
    }
    const det = d.detached;
    if (det) {
      section('detached', 'Detached DOM', [
        fmtCount(det.count || 0) + ' detached DOM objects',
        jsonTable(det.types || [], [['type', 'TYPE', 'text'], ['count', 'COUNT', 'count'],
          ['retained', 'RETAINED', 'bytes']]),
        jsonTable(det.holders || [], [['type', 'HOLDER', 'text'], ['id', 'ID', 'num'],
          ['count', 'COUNT', 'count'], ['retained', 'RETAINED', 'bytes']])]);
    }
    const s = d.sites;
    if (s) {
      section('sites', 'Allocation sites', [jsonTable(Array.isArray(s) ? s : [], [['site', 'SITE', 'text'],
        ['count', 'COUNT', 'count'], ['bytes', 'BYTES', 'bytes'], ['retained', 'RETAINED', 'bytes'],
        ['top_type', 'TOP TYPE', 'text']])]);
    }
  }

  function fromDiff(x) {
    section('diff', 'What changed between the dumps', [
      jsonTable(x.types || [], [['type', 'TYPE', 'text'], ['new', 'NEW', 'count'], ['freed', 'FREED', 'count'],
        ['delta', 'DELTA', 'num'], ['size_delta', 'BYTES DELTA', 'bytes'],
        ['retained_delta', 'RETAINED DELTA', 'bytes']])]);
    if (x.grown && x.grown.length) {
      section('diff', 'Objects that grew', [jsonTable(x.grown, [['id', 'ID', 'num'], ['type', 'TYPE', 'text'],
        ['retained_before', 'RETAINED BEFORE', 'bytes'], ['retained_after', 'RETAINED AFTER', 'bytes'],
        ['retained_delta', 'DELTA', 'bytes']])]);
    }
    if (x.leaks && x.leaks.length) {
      section('diff', 'Leak clusters', [jsonTable(x.leaks.map(l => Object.assign({}, l, {
        via: (l.path || []).map(p => p.edge || p.type).join(' ')})), [['cluster', 'CLUSTER', 'num'],
        ['type', 'TYPE', 'text'], ['count', 'OBJECTS', 'count'], ['retained', 'RETAINED', 'bytes'],
        ['via', 'PATH', 'text']])]);
    }
  }

  // ---- the treemap: click zooms into a rect's subtree, the bar goes back --
  function treemap(svg) {
    const full = svg.getAttribute('viewBox');
    const tip = $('#tm-tip');
    const crumbs = [];
    const show = box => svg.setAttribute('viewBox', box);
    svg.addEventListener('click', e => {
      const r = e.target.closest('rect');
      if (!r || r.classList.contains('smaller')) return;
      crumbs.push(svg.getAttribute('viewBox'));
      show([r.x.baseVal.value, r.y.baseVal.value, r.width.baseVal.value, r.height.baseVal.value].join(' '));
    });
    $('#tm-back').addEventListener('click', () => show(crumbs.length ? crumbs.pop() : full));
    $('#tm-reset').addEventListener('click', () => { crumbs.length = 0; show(full); });
    svg.addEventListener('mousemove', e => {
      const r = e.target.closest('rect');
      const t = r && r.querySelector('title');
      if (!t) { tip.style.display = 'none'; return; }
      tip.textContent = t.textContent;
      tip.style.display = 'block';
      tip.style.left = (e.clientX + 14) + 'px';
      tip.style.top = (e.clientY + 14) + 'px';
    });
    svg.addEventListener('mouseleave', () => { tip.style.display = 'none'; });
  }

  $$('table.sortable').forEach(sortable);
  $$('input.filter').forEach(filterBox);
  const data = readJSON('data');
  if (data) fromData(data);
  const diff = readJSON('diff-data');
  if (diff) fromDiff(diff);
  const svg = $('#treemap-svg');
  if (svg) treemap(svg);
})();
