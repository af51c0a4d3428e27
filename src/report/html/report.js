// report.js — the behaviour of `memscope report` pages, embedded in the page
// by the build (no framework, nothing fetched): sortable tables with a
// filter box, long tables cut to their first rows with a button to show
// them all, treemap zoom and hover, and the sections drawn from the page's
// own data (the JSON of `memscope analyze -f json` in #data, and of
// `memscope diff -f json` in #diff-data when the page compares dumps): the
// leak clusters among the findings, the largest retainers and the tables
// below the treemap.
'use strict';

// ---- numbers as the C side writes them ------------------------------------
// fmtBytes, fmtBytesDelta, fmtCount and fmtDelta write a JSON number (an
// integer) exactly as src/report/fmt.c's ms_fmt_bytes, ms_fmt_bytes_delta,
// ms_fmt_count and ms_fmt_delta do, so that the page and the tables of
// `memscope analyze` read alike; tests/report/check_fmt.py runs them under
// node against the C functions. They stay at the top level, each a
// function statement, for that test to load.

// "512 B", "1.0 KiB", "12.3 MiB"... up to EiB; a negative n gets a "-".
function fmtBytes(n) {
  if (n < 0) return '-' + fmtBytes(-n);
  if (n < 1024) return String(n) + ' B';
  const unit = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  // The unit by the C side's steps (dividing by 1024 is exact), never
  // "1024.0" of one unit.
  let x = n / 1024, u = 0;
  while (x >= 1024 && u < 5) { x /= 1024; u++; }
  if (x >= 1023.95 && u < 5) u++;
  // One decimal of n / 1024^(u+1), rounded as printf's "%.1f" does: to
  // nearest, ties to even (toFixed would round 1.25 up to "1.3").
  const d = 1024n ** BigInt(u + 1), t = 10n * BigInt(n);
  let q = t / d;
  const r2 = 2n * (t % d);
  if (r2 > d || (r2 === d && q % 2n === 1n)) q++;
  return String(q / 10n) + '.' + String(q % 10n) + ' ' + unit[u];
}

// A change in bytes: "+1.2 MiB", "-512 B", "0 B".
function fmtBytesDelta(n) {
  return (n > 0 ? '+' : '') + fmtBytes(n);
}

// "1,234,567"; a negative n gets a "-".
function fmtCount(n) {
  const digits = String(BigInt(Math.abs(n)));
  return (n < 0 ? '-' : '') + digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

// A change in a count: "+1,234", "-12", "0".
function fmtDelta(n) {
  return (n > 0 ? '+' : '') + fmtCount(n);
}

(function () {
  const $ = (sel, el = document) => el.querySelector(sel);
  const $$ = (sel, el = document) => Array.from(el.querySelectorAll(sel));

  // ---- long tables: the first LIMIT rows, and a button to show them all --
  // Each table's state: the filter's text and whether it is expanded. The
  // filter searches every row and sorting sorts every row; then the first
  // LIMIT rows that pass the filter are shown, or all of them if expanded.
  const LIMIT = 25;
  const state = new WeakMap();

  function refresh(table) {
    const st = state.get(table);
    if (!st) return;
    let matched = 0;
    Array.from(table.tBodies[0].rows).forEach(tr => {
      const match = st.q === '' || tr.textContent.toLowerCase().includes(st.q);
      if (match) matched++;
      tr.hidden = !match || (!st.all && matched > LIMIT);
    });
    if (st.button) {
      st.button.hidden = matched <= LIMIT;
      st.button.textContent = st.all ? 'show the first ' + fmtCount(LIMIT) : 'show all ' + fmtCount(matched);
    }
  }

  // Sets up a table's filter box (input, or null) and, when the table has
  // more than LIMIT rows, its "show all" button, placed after the table;
  // the table must be in the document.
  function controls(table, input) {
    const st = {q: '', all: false, button: null};
    state.set(table, st);
    if (input) {
      input.addEventListener('input', () => { st.q = input.value.toLowerCase(); refresh(table); });
    }
    if (table.tBodies[0].rows.length > LIMIT) {
      const p = document.createElement('p');
      p.className = 'more';
      st.button = document.createElement('button');
      st.button.type = 'button';
      st.button.className = 'show-all';
      st.button.addEventListener('click', () => { st.all = !st.all; refresh(table); });
      p.appendChild(st.button);
      table.after(p);
    }
    refresh(table);
  }

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
        refresh(table);
      });
    });
  }

  // ---- tables built from JSON -------------------------------------------
  // cols: [key, header, kind] with kind 'bytes', 'bytes_delta', 'count',
  // 'delta', 'num', 'text' or 'name' (text cut after NAME_MAX characters
  // with memscope's mark, whole in the cell's tooltip). Returns a <div> holding the table, with a
  // filter box above it when it is long; call controls() once it is placed
  // (section() does).
  const NAME_MAX = 80;
  const FORMAT = {bytes: fmtBytes, bytes_delta: fmtBytesDelta, count: fmtCount, delta: fmtDelta, num: String};
  function jsonTable(rows, cols) {
    const box = document.createElement('div');
    box.className = 'table-box';
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
          td.textContent = FORMAT[kind](v);
        } else {
          const text = v == null ? '' : String(v), chars = Array.from(text);
          td.textContent = kind === 'name' && chars.length > NAME_MAX ? chars.slice(0, NAME_MAX).join('') + '\u2026' : text;
          if (td.textContent !== text) td.title = text;
        }
      });
    });
    if (rows.length > LIMIT) {
      const input = document.createElement('input');
      input.className = 'filter';
      input.placeholder = 'filter rows';
      box.appendChild(input);
    }
    box.appendChild(t);
    sortable(t);
    return box;
  }

  // Sets up the tables of a box jsonTable made, now in the document.
  function placed(node) {
    if (node.className !== 'table-box') return;
    controls($('table', node), $('input.filter', node));
  }

  function section(id, title, nodes) {
    const s = document.getElementById(id);
    if (!s) return;
    const h = document.createElement('h2');
    h.textContent = title;
    s.appendChild(h);
    nodes.forEach(n => {
      s.appendChild(typeof n === 'string' ? Object.assign(document.createElement('p'), {textContent: n}) : n);
      if (typeof n !== 'string') placed(n);
    });
  }

  function readJSON(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function fromData(d) {
    if (d.top_retainers && d.top_retainers.length) {
      section('retainers', 'Largest retainers', [jsonTable(d.top_retainers, [['id', 'ID', 'num'],
        ['type', 'TYPE', 'text'], ['size', 'SIZE', 'bytes'], ['retained', 'RETAINED', 'bytes'],
        ['name', 'NAME', 'name']])]);
    }
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
        ['delta', 'DELTA', 'delta'], ['size_delta', 'BYTES DELTA', 'bytes_delta'],
        ['retained_delta', 'RETAINED DELTA', 'bytes_delta']])]);
    if (x.grown && x.grown.length) {
      section('diff', 'Objects that grew', [jsonTable(x.grown, [['id', 'ID', 'num'], ['type', 'TYPE', 'text'],
        ['retained_before', 'RETAINED BEFORE', 'bytes'], ['retained_after', 'RETAINED AFTER', 'bytes'],
        ['retained_delta', 'DELTA', 'bytes_delta']])]);
    }
  }

  // ---- diff's leak clusters, the first findings -------------------------
  // Each cluster as diff's text prints it and as the page shows a suspect:
  // its name, what it is and retains, holds and is made of, and its path.
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  const plural = (n, one, many) => fmtCount(n) + ' ' + (n === 1 ? one : many);

  function pathList(path) {
    const ol = el('ol', 'mono path');
    (path || []).forEach(p => {
      const li = el('li', '', (p.edge ? '--' + p.edge + '--> ' : '') + p.type + (p.name ? ' ' + p.name : '') + ' ');
      li.appendChild(el('span', 'muted', String(p.id)));
      ol.appendChild(li);
    });
    return ol;
  }

  function cluster(l) {
    const div = el('div', 'leak finding');
    div.dataset.cluster = l.cluster;
    const what = plural(l.count, 'object', 'objects') + (l.type_count < l.count ?
      ', ' + fmtCount(l.type_count) + ' of type ' + l.type + ',' : ' of type ' + l.type);
    div.appendChild(el('h3', '', l.cluster + '. ' + (l.name ? l.name + ': ' : '') + what +
      (l.count === 1 ? ' retains ' : ' retain ') + fmtBytes(l.retained) + (l.churn ? ' (churn: ' + l.churn + ')' : '')));
    if (l.holds) {
      div.appendChild(el('p', '', 'holding ' + plural(l.holds.count, 'object', 'objects') + ' of type ' +
        l.holds.type + ' retaining ' + fmtBytes(l.holds.retained)));
    }
    if (l.parts && l.parts.length) {
      div.appendChild(el('p', '', 'made of ' + l.parts.map(p => p.type + ' ' + fmtBytes(p.bytes) +
        ' (' + fmtCount(p.count) + ')').join(', ')));
    }
    div.appendChild(pathList(l.path));
    return div;
  }

  function leaks(x) {
    const n = x.leaks.filter(l => !l.churn).length;
    let intro = 'Objects new in the after dump and still in the final one: ' +
      plural(x.leaked_objects, 'object', 'objects') + ' in ' + plural(n, 'cluster', 'clusters') +
      ', retaining ' + fmtBytes(x.leaked_retained) + '.';
    if (x.churn_clusters) {
      intro += ' Churn left out: ' + plural(x.churn_clusters, 'cluster', 'clusters') + ' of ' +
        plural(x.churn_objects, 'object', 'objects') + ' retaining ' + fmtBytes(x.churn_retained) + '.';
    }
    const p = el('p', 'muted', intro);
    section('leaks', 'Leak clusters', x.leaks.length ? [p].concat(x.leaks.map(cluster)) : [p, 'None.']);
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

  $$('table.sortable').forEach(t => {
    sortable(t);
    controls(t, $('input.filter[data-table="' + t.id + '"]'));
  });
  const data = readJSON('data');
  if (data) fromData(data);
  const diff = readJSON('diff-data');
  if (diff) {
    fromDiff(diff);
    if (diff.leaks) leaks(diff);
  }
  const svg = $('#treemap-svg');
  if (svg) treemap(svg);
})();
