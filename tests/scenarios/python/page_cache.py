"""page_cache.py OUTDIR: a CMS front end that renders articles through
jinja2 templates, routing URLs with urllib.parse and re, answering a JSON
API, with a bounded slug cache (functools.lru_cache), a bounded session
LRU, a metrics ring (deque with maxlen) and re's and urlsplit's caches.

The leak: _PAGE_CACHE, a module-level dict of rendered pages keyed by the
full URL, query string included, never evicted. Tracking parameters make
nearly every URL unique, so it only grows. It holds ordinary types (str
keys, str pages): the container's name is the only handle.

Writes OUTDIR/1.jsonl, 2.jsonl, 3.jsonl and expect.json
(tests/scenarios/README.md); SCENARIO_PEERS=1 writes peers.json instead."""
import gc
import json
import os
import sys
import time

PEERS = os.environ.get("SCENARIO_PEERS") == "1"
if PEERS:
    import tracemalloc
    tracemalloc.start(25)

import collections  # noqa: E402
import functools  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import urllib.parse  # noqa: E402

import jinja2  # noqa: E402

TEMPLATES = {
    "layout.html": """<!doctype html>
<html><head><title>{{ title }} | {{ site.name }}</title>
{% for css in site.styles %}<link rel="stylesheet" href="{{ css }}">{% endfor %}
</head><body>
<nav>{% for item in site.menu %}<a href="{{ item.href }}">{{ item.label|e }}</a> {% endfor %}</nav>
<main>{% block main %}{% endblock %}</main>
<footer>{{ site.footer }} - rendered for {{ user|default("guest") }}</footer>
</body></html>""",
    "article.html": """{% extends "layout.html" %}
{% block main %}<article><h1>{{ article.title|e }}</h1>
<p class="meta">by {{ article.author }} on {{ article.date }} in {{ article.section }}</p>
{% for p in article.paragraphs %}<p>{{ p|e }}</p>
{% endfor %}
<ul class="tags">{% for t in article.tags %}<li><a href="/tag/{{ t|urlencode }}">{{ t }}</a></li>{% endfor %}</ul>
</article>{% endblock %}""",
    "section.html": """{% extends "layout.html" %}
{% block main %}<h1>{{ section|title }}</h1><ol>
{% for a in articles %}<li><a href="/a/{{ a.slug }}">{{ a.title|e }}</a> ({{ a.date }})</li>
{% endfor %}</ol>{% endblock %}""",
}

SITE = {"name": "The Daily Heap", "styles": ["/s/main.css", "/s/print.css"],
        "menu": [{"href": "/s/" + s, "label": s.title()} for s in ("news", "tech", "sport", "arts")],
        "footer": "(c) The Daily Heap"}
ENV = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), autoescape=True)
WORDS = ("heap memory object reference cycle garbage collector dictionary string "
         "pointer allocation snapshot retained dominator leak cache request server "
         "template render session cookie header stream buffer queue").split()
ROUTES = [(re.compile(r"^/a/(?P<slug>[a-z0-9-]+)$"), "article"),
          (re.compile(r"^/s/(?P<section>[a-z]+)$"), "section"),
          (re.compile(r"^/api/a/(?P<slug>[a-z0-9-]+)$"), "api")]


@functools.lru_cache(maxsize=512)
def slugify(title):
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


class Catalog:
    """Articles, generated from a fixed seed."""

    def __init__(self, n, seed=7):
        rnd = random.Random(seed)
        self.articles = {}
        for i in range(n):
            title = " ".join(rnd.choice(WORDS) for _ in range(5)) + " %d" % i
            a = {"title": title, "slug": slugify(title), "author": rnd.choice(WORDS).title(),
                 "date": "2024-%02d-%02d" % (rnd.randint(1, 12), rnd.randint(1, 28)),
                 "section": rnd.choice(("news", "tech", "sport", "arts")),
                 "tags": rnd.sample(WORDS, 3),
                 "paragraphs": [" ".join(rnd.choice(WORDS) for _ in range(40)) for _ in range(4)]}
            self.articles[a["slug"]] = a
        self.by_section = collections.defaultdict(list)
        for a in self.articles.values():
            self.by_section[a["section"]].append(a)


class SessionLRU:
    """Sessions by cookie, at most `size`, least recently used evicted."""

    def __init__(self, size):
        self.size = size
        self.data = collections.OrderedDict()

    def get(self, sid):
        s = self.data.get(sid)
        if s is None:
            s = self.data[sid] = {"sid": sid, "user": "user%s" % sid[-4:], "views": 0}
            if len(self.data) > self.size:
                self.data.popitem(last=False)
        else:
            self.data.move_to_end(sid)
        s["views"] += 1
        return s


CATALOG = Catalog(3500)
SESSIONS = SessionLRU(300)
METRICS = collections.deque(maxlen=2000)
_PAGE_CACHE = {}


def handle(url, sid):
    """One request: returns (status, body)."""
    t = time.perf_counter()
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qs(parts.query)
    session = SESSIONS.get(sid)
    cached = _PAGE_CACHE.get(url)
    if cached is not None:
        METRICS.append((parts.path, 200, True, time.perf_counter() - t))
        return 200, cached
    for rx, kind in ROUTES:
        m = rx.match(parts.path)
        if m:
            break
    else:
        return 404, "not found"
    if kind == "api":
        a = CATALOG.articles.get(m["slug"])
        body = json.dumps({k: a[k] for k in ("title", "author", "date", "tags")}) if a else "{}"
        METRICS.append((parts.path, 200, False, time.perf_counter() - t))
        return 200, body
    if kind == "article":
        a = CATALOG.articles.get(m["slug"])
        if a is None:
            return 404, "no article"
        body = ENV.get_template("article.html").render(
            site=SITE, title=a["title"], article=a, user=session["user"],
            ref=query.get("ref", [""])[0])
    else:
        arts = CATALOG.by_section.get(m["section"], [])[:40]
        body = ENV.get_template("section.html").render(
            site=SITE, title=m["section"], section=m["section"], articles=arts,
            user=session["user"])
    _PAGE_CACHE[url] = body  # leak site: keyed by the full URL, never evicted
    METRICS.append((parts.path, 200, False, time.perf_counter() - t))
    return 200, body


def serve(rnd, n):
    slugs = sorted(CATALOG.articles)
    for _ in range(n):
        r = rnd.random()
        sid = "%08x" % rnd.randrange(1 << 20)
        if r < 0.6:
            url = "/a/%s?utm_source=mail&ref=%d" % (rnd.choice(slugs), rnd.randrange(10 ** 6))
        elif r < 0.8:
            url = "/api/a/%s" % rnd.choice(slugs)
        else:
            url = "/s/%s?page=1&ref=%d" % (rnd.choice(("news", "tech", "sport", "arts")),
                                            rnd.randrange(10 ** 6))
        status, body = handle(url, sid)
        assert status == 200, (url, status)


# --- harness: dumps, or peer readings, at the checkpoints; expect.json ---

class Harness:
    """Checkpoints of the scenario. Normally each one is a gc.collect() and
    a memscope_dump.dump() to OUTDIR/NAME.jsonl; with SCENARIO_PEERS=1 it
    is objgraph.growth() and a tracemalloc snapshot (saved to OUTDIR and
    dropped, so that the readings do not show in the next ones)."""

    def __init__(self, out):
        self.out = out
        self.t0 = time.monotonic()
        self.objects = {}
        self.growth = {}
        if PEERS:
            import objgraph
            self.objgraph = objgraph
        else:
            sys.path.insert(0, os.environ["MEMSCOPE_DUMPER_DIR"])
            import memscope_dump
            self.dumper = memscope_dump

    def checkpoint(self, name):
        gc.collect()
        if PEERS:
            self.growth[name] = [list(g) for g in self.objgraph.growth(limit=10)]
            snap = tracemalloc.take_snapshot().filter_traces((
                tracemalloc.Filter(False, tracemalloc.__file__),
                tracemalloc.Filter(False, "<frozen importlib._bootstrap>"),
                tracemalloc.Filter(False, "<frozen importlib._bootstrap_external>")))
            snap.dump(os.path.join(self.out, name + ".tracemalloc"))
            del snap
            gc.collect()
            return
        path = os.path.join(self.out, name + ".jsonl")
        self.objects[name] = self.dumper.dump(path)
        if name == "warmup":
            os.unlink(path)

    def finish(self, kind, leak, legit, measure_ids, leaked_types):
        """Writes expect.json (leak_percent measured on 2.jsonl: the bytes
        that only measure_ids keep reachable), or peers.json."""
        if PEERS:
            return self._peers(kind, leaked_types)
        pct = retained_percent(os.path.join(self.out, "2.jsonl"), measure_ids)
        expect = {"leak": leak, "legit": legit, "leak_percent": pct}
        with open(os.path.join(self.out, "expect.json"), "w") as f:
            json.dump(expect, f, indent=1)
        print(json.dumps({"scenario": os.path.basename(__file__)[:-3], "kind": kind,
                          "leak_percent": pct, "objects": self.objects,
                          "seconds": round(time.monotonic() - self.t0, 2)}))

    def _peers(self, kind, leaked_types):
        snaps = {n: tracemalloc.Snapshot.load(os.path.join(self.out, n + ".tracemalloc"))
                 for n in ("1", "2", "3")}

        def top(new, old):
            return [{"file": s.traceback[0].filename, "line": s.traceback[0].lineno,
                     "size_diff": s.size_diff, "count_diff": s.count_diff, "text": str(s)}
                    for s in snaps[new].compare_to(snaps[old], "lineno")[:3]]
        peers = {"kind": kind, "leaked_types": leaked_types, "script": os.path.abspath(__file__),
                 "objgraph_1_2": self.growth["2"], "objgraph_2_3": self.growth["3"],
                 "tracemalloc_1_2": top("2", "1"), "tracemalloc_2_3": top("3", "2"),
                 "seconds": round(time.monotonic() - self.t0, 2)}
        with open(os.path.join(self.out, "peers.json"), "w") as f:
            json.dump(peers, f, indent=1)
        print(json.dumps({"scenario": os.path.basename(__file__)[:-3], "peers": True,
                          "seconds": peers["seconds"]}))


def retained_percent(path, ids):
    """The share of the dump's reachable heap, in percent, that becomes
    unreachable when the objects ids are taken out: what they alone retain.
    Roots by CPython's rule: a reference count above the references the
    dump holds."""
    size, rc, refs, held = {}, {}, {}, {}
    with open(path, encoding="utf-8") as f:
        f.readline()
        for line in f:
            r = json.loads(line)
            i = r["id"]
            size[i], rc[i] = r["size"], r["rc"]
            rs = r.get("refs")
            if rs:
                refs[i] = rs
                for x in rs:
                    held[x] = held.get(x, 0) + 1
    roots = [i for i in size if rc[i] > held.get(i, 0)]

    def reachable_bytes(skip):
        seen = set(skip)
        stack = [i for i in roots if i not in seen]
        seen.update(stack)
        total = 0
        while stack:
            i = stack.pop()
            total += size[i]
            for x in refs.get(i, ()):
                if x not in seen and x in size:
                    seen.add(x)
                    stack.append(x)
        return total
    full = reachable_bytes(())
    return round(100.0 * (full - reachable_bytes(set(ids))) / full, 2)


def main():
    h = Harness(sys.argv[1])
    rnd = random.Random(1)
    serve(rnd, 200)  # warm-up: every route, the caches filled
    h.checkpoint("warmup")
    h.checkpoint("1")
    serve(rnd, BATCH)
    h.checkpoint("2")
    serve(rnd, BATCH)
    h.checkpoint("3")
    h.finish("unbounded module-level dict cache",
             leak={"names": ["_PAGE_CACHE"], "ids": [id(_PAGE_CACHE)], "types": []},
             legit=[{"names": ["CATALOG", "articles"], "ids": [id(CATALOG.articles)], "types": []},
                    {"names": ["SESSIONS"], "ids": [id(SESSIONS.data)], "types": []},
                    {"names": ["METRICS"], "ids": [id(METRICS)], "types": []}],
             measure_ids=[id(_PAGE_CACHE)], leaked_types=["str"])


BATCH = 3300

if __name__ == "__main__":
    main()
