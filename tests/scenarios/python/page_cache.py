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
import kit  # first: with SCENARIO_PEERS=1 it starts tracemalloc

import collections
import functools
import json
import random
import re
import time
import urllib.parse

import jinja2

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


def main():
    h = kit.Harness()
    rnd = random.Random(1)
    for _, _, n in h.batches(200, BATCH, SERIES_BATCH):  # a warm-up of 200: every route, the caches filled
        serve(rnd, n)
    h.finish("unbounded module-level dict cache",
             leak={"names": ["_PAGE_CACHE"], "ids": [id(_PAGE_CACHE)], "types": []},
             legit=[{"names": ["CATALOG", "articles"], "ids": [id(CATALOG.articles)], "types": []},
                    {"names": ["SESSIONS"], "ids": [id(SESSIONS.data)], "types": []},
                    {"names": ["METRICS"], "ids": [id(METRICS)], "types": []}],
             measure_ids=[id(_PAGE_CACHE)], leaked_types=["str"])


SERIES_BATCH = 95  # with SCENARIO_SERIES: the leak grows ~1% of the heap a batch
BATCH = 3300

if __name__ == "__main__":
    main()
