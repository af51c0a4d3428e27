#!/usr/bin/env python3
"""oracle_report.py — `memscope report` pages opened in headless Chromium.

Each page (the demo dump; a real Chromium page snapshot, taken by
tests/v8/page_snapshot.js; the hand-made V8 snapshot with a detached DOM; a
dump with allocation sites; a two-dump and a three-dump diff) is written by
memscope report, then opened by tests/report/open_report.js in
Debian's chromium over the DevTools protocol, in a 1280 x 800 viewport.
Checked against memscope's own commands:
  - the page asks for nothing but itself, and logs no error or exception;
  - the page opens on the answer: the first finding (diff's first leak
    cluster with three dumps, else the first suspect), its heading and its
    whole path are on the first screen, without scrolling; on the page
    snapshot, whose heap has hundreds of types too;
  - the header shows the dump's meta as labelled fields, one per key of
    `analyze -f json`'s meta, and no JSON;
  - the types table has as many rows as `analyze --top 0` lists types, and
    a click on COUNT sorts them by count; with more than 25 types it shows
    the first 25 and a "show all N" button that shows every row, and back;
    the filter finds the last row, and a sort shows the first 25 it sorted;
  - every treemap rect's data-retained is `memscope dominators`' retained
    size for its id, and among siblings (one data-parent) each rect's share
    of the area is its share of the retained bytes, within 5%;
  - each leak suspect drawn (the first six) carries inline SVG;
  - the JSON embedded as #data is `analyze -f json --top 20`'s (report's
    default), and #diff-data is `diff -f json --top 20`'s;
  - the sections the data calls for are there: the detached DOM on a
    browser snapshot, allocation sites, diff's tables and leak clusters;
  - the page stays small: under 5 MB.
Prints "report: N passed, N failed".
"""
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

MEMSCOPE = os.environ.get("MEMSCOPE", "./memscope")
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tests/
ROOT = os.path.dirname(HERE)
OPEN = os.path.join(HERE, "report", "open_report.js")


def memscope(*args):
    p = subprocess.run([MEMSCOPE, "-q"] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def tsv(text):
    lines = text.rstrip("\n").split("\n")
    head = lines[0].split("\t")
    return [dict(zip(head, ln.split("\t"))) for ln in lines[1:] if ln]


def open_page(page, shot=None):
    p = subprocess.run(["node", OPEN, page] + ([shot] if shot else []), capture_output=True,
                       text=True, timeout=300)
    if p.returncode:
        return None, p.stderr[-500:]
    return json.loads(p.stdout), None


def check_treemap(tag, facts, dump):
    rc, out, _ = memscope("dominators", "--all", "-f", "tsv", dump)
    retained = {r["id"]: int(r["retained"]) for r in tsv(out)} if rc == 0 else {}
    rects = facts["rects"]
    check(len(rects) > 3, "%s: the treemap has %d rects" % (tag, len(rects)))
    bad = [r for r in rects if r["id"] is not None and retained.get(r["id"]) != r["retained"]]
    check(not bad, "%s: %d rects' data-retained differ from memscope dominators (first %s)" % (
        tag, len(bad), bad[:1]))
    groups = defaultdict(list)
    for r in rects:
        groups[r["parent"]].append(r)
    worst = 0.0
    for rs in groups.values():
        area = sum(r["area"] for r in rs)
        ret = sum(r["retained"] for r in rs)
        for r in rs:
            if area > 0 and ret > 0 and r["retained"] > 0:
                share = (r["area"] / area) / (r["retained"] / ret)
                worst = max(worst, abs(share - 1))
    check(worst <= 0.05, "%s: a sibling's area is off its retained share by %.1f%%" % (
        tag, 100 * worst))


LIMIT = 25  # the rows a long table shows (report.js)


def check_first_screen(tag, facts, leaks):
    """The first finding's heading and path are within the viewport."""
    first, h = facts["first"], facts["viewport"]
    check(first is not None, "%s: the page has no finding" % tag)
    if first is None:
        return
    check(first["kind"] == ("leak" if leaks else "suspect"),
          "%s: the first finding is a %s" % (tag, first["kind"]))
    check(first["heading"]["top"] >= 0 and first["heading"]["bottom"] <= h and first["path"]
          and first["path"]["bottom"] <= h,
          "%s: the first finding (%r, a path of %d hops) is not on the first screen of %d px: "
          "heading %s, path %s" % (tag, first["text"], first["hops"], h, first["heading"],
                                   first["path"]))


def check_meta(tag, facts, meta, ndumps):
    m = facts["meta"]
    check('{"' not in m["text"], "%s: the meta is shown as JSON: %r" % (tag, m["text"][:200]))
    dumps = {1: ["dump"], 2: ["before", "after"], 3: ["before", "after", "final"]}[ndumps]
    want = dumps + list((meta or {}).keys())
    check(m["labels"] == want, "%s: the meta's labels are %s, not %s" % (tag, m["labels"], want))


def check_long_table(tag, facts):
    """The types table: 25 rows and "show all N", all rows after a click,
    25 again after a second; the filter reaches every row; a sort shows the
    first 25 of its order."""
    t = facts["types"]
    names = [n for n, _ in t["all"]]
    n = len(names)
    if n <= LIMIT:
        check(t["shown"] == names and t["button"] is None,
              "%s: %d types, %d shown, button %r" % (tag, n, len(t["shown"]), t["button"]))
        return
    check(t["shown"] == names[:LIMIT], "%s: %d of %d type rows shown, not the first %d" % (
        tag, len(t["shown"]), n, LIMIT))
    check(t["button"] == "show all {:,}".format(n), "%s: the button says %r" % (tag, t["button"]))
    check(t.get("expanded") == names and t.get("expanded_button") == "show the first %d" % LIMIT,
          "%s: after a click on the button %d rows shown of %d, button %r" % (
              tag, len(t.get("expanded") or []), n, t.get("expanded_button")))
    check(t.get("collapsed") == names[:LIMIT], "%s: a second click shows %d rows" % (
        tag, len(t.get("collapsed") or [])))
    q = t["filtered_for"]
    check(names.index(q) >= LIMIT and q in t["filtered"] and len(t["filtered"]) <= LIMIT,
          "%s: a filter for %r, row %d, shows %s" % (tag, q, names.index(q) + 1, t["filtered"][:5]))
    check(t["unfiltered"] == names[:LIMIT], "%s: an empty filter shows %d rows" % (
        tag, len(t["unfiltered"])))
    check(t["sorted_shown"] == [n for n, _ in facts["after"][:LIMIT]],
          "%s: after a sort the rows shown are not the first %d sorted" % (tag, LIMIT))


def case(tag, dumps, tmp, shot=None, sections=()):
    page = os.path.join(tmp, tag + ".html")
    rc, _, err = memscope("report", *dumps, "-o", page)
    check(rc == 0 and os.path.exists(page), "%s: memscope report: exit %d: %s" % (tag, rc, err))
    if rc:
        return
    check(os.path.getsize(page) < 5 << 20, "%s: the page is %d bytes" % (tag, os.path.getsize(page)))
    facts, err = open_page(page, shot)
    check(facts is not None, "%s: open_report.js failed: %s" % (tag, err))
    if facts is None:
        return
    check(facts["requests"] == ["file://" + os.path.abspath(page)],
          "%s: the page asked for more than itself: %s" % (tag, facts["requests"][:5]))
    check(facts["errors"] == [], "%s: errors in the page: %s" % (tag, facts["errors"][:3]))
    last = dumps[-1]
    rc, out, _ = memscope("analyze", "-f", "json", "--top", "0", last)
    ntypes = len(json.loads(out)["types"]) if rc == 0 else -1
    check(len(facts["before"]) == ntypes, "%s: %d type rows, analyze lists %d" % (
        tag, len(facts["before"]), ntypes))
    counts = [c for _, c in facts["after"]]
    check(sorted(facts["after"]) == sorted(facts["before"]) and
          counts == sorted(counts, reverse=True), "%s: a click on COUNT did not sort by count" % tag)
    check_long_table(tag, facts)
    check_treemap(tag, facts, last)
    drawn = min(facts["suspects"], 6)
    check(facts["suspects"] >= 1 and facts["with_svg"] == drawn,
          "%s: %d of %d suspects carry inline SVG" % (tag, facts["with_svg"], facts["suspects"]))
    # The page embeds its lists at report's --top, 20 by default; analyze's
    # JSON lists every row unless --top is given.
    rc, out, _ = memscope("analyze", "-f", "json", "--top", "20", last)
    check(rc == 0 and json.loads(facts["data"]) == json.loads(out),
          "%s: the embedded #data is not analyze -f json's" % tag)
    check_meta(tag, facts, json.loads(out).get("meta") if rc == 0 else None, len(dumps))
    for want in sections:
        check(want in facts["sections"], "%s: no %r section: %s" % (tag, want, facts["sections"]))
    leaks = []
    if len(dumps) > 1:
        rc, out, _ = memscope("diff", "-f", "json", "--top", "20", *dumps)
        check(rc == 0 and facts["diff"] and json.loads(facts["diff"]) == json.loads(out),
              "%s: the embedded #diff-data is not diff -f json's" % tag)
        leaks = (json.loads(out).get("leaks") or []) if rc == 0 else []
        check(facts["leaks"] == len(leaks), "%s: %d leak clusters shown, diff lists %d" % (
            tag, facts["leaks"], len(leaks)))
    check_first_screen(tag, facts, leaks)


def main():
    tmp = tempfile.mkdtemp(prefix="memscope-report-")
    t = lambda *p: os.path.join(ROOT, "testdata", *p)  # noqa: E731
    try:
        shot = os.environ.get("REPORT_SCREENSHOT")  # the treemap's capture, for docs/report.md
        case("demo", [t("demo.jsonl")], tmp, shot=shot and shot + "#treemap")
        page = os.path.join(tmp, "page.heapsnapshot")
        p = subprocess.run(["node", os.path.join(HERE, "v8", "page_snapshot.js"),
                            os.path.join(HERE, "v8", "leaky_page.html"), page],
                           capture_output=True, text=True, timeout=300)
        check(p.returncode == 0, "page_snapshot.js: %s" % p.stderr[-300:])
        if p.returncode == 0:
            case("chromium-page", [page], tmp, sections=("Detached DOM",))
        case("v8-dom", [t("v8", "dom.heapsnapshot")], tmp, sections=("Detached DOM",))
        case("sites", [t("sites.jsonl")], tmp, sections=("Allocation sites",))
        case("diff2", [t("diff", "before.jsonl"), t("diff", "after.jsonl")], tmp,
             sections=("What changed between the dumps", "Objects that grew"))
        case("diff3", [t("diff", "before.jsonl"), t("diff", "after.jsonl"),
                       t("diff", "final.jsonl")], tmp, sections=("Leak clusters",))
    finally:
        subprocess.run(["rm", "-rf", tmp])
    return summary("report")


if __name__ == "__main__":
    sys.exit(main())
