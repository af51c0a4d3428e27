"""closure_registry.py OUTDIR: a webhook dispatcher configured in YAML:
each incoming event is matched to subscriptions with re, rendered as a
JSON body and an email notification (email.message), and delivered.
Legitimate state: the configuration (many subscriptions), a bounded
delivery-status LRU (an OrderedDict), a bounded template cache
(functools.lru_cache), a metrics ring (deque with maxlen), re's cache.

The leak: for each delivery a retry closure, capturing the URL, the
encoded body and the headers, is registered in _RETRY_HOOKS "in case the
delivery fails", and never unregistered when it succeeds. It holds only
ordinary types (function, cell, bytes, dict, str): the registry's name is
the only handle.

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
import email.message  # noqa: E402
import email.policy  # noqa: E402
import functools  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import urllib.parse  # noqa: E402

import yaml  # noqa: E402

EVENTS = ("order.created", "order.paid", "order.shipped", "user.signup", "user.deleted",
          "invoice.sent", "refund.issued")


def make_config(seed=8, n=2500):
    rnd = random.Random(seed)
    subs = [{"id": "sub-%04d" % i, "url": "https://hooks%d.example.com/in/%d?token=%x"
             % (i % 40, i, rnd.randrange(1 << 48)),
             "events": sorted(rnd.sample(EVENTS, 3)),
             "filter": rnd.choice(("^EU-", "^US-", ".*", "^EU-(FR|DE)")),
             "email": "ops%d@example.com" % i, "secret": "%032x" % rnd.randrange(1 << 128)}
            for i in range(n)]
    return yaml.safe_dump({"version": 3, "retry": {"max": 5, "backoff": 2.0},
                           "subscriptions": subs})


CONFIG = yaml.safe_load(make_config())
STATUS = collections.OrderedDict()
METRICS = collections.deque(maxlen=1500)
_RETRY_HOOKS = []
DELIVERED = collections.Counter()


@functools.lru_cache(maxsize=16)
def subject_template(event):
    return "[%s] %%s" % event.replace(".", " ").title()


def send(url, body, headers):
    """Delivery, in-process: the URL is checked and the body counted."""
    parts = urllib.parse.urlsplit(url)
    DELIVERED[parts.hostname] += len(body)
    return 200


def deliver(sub, event, payload):
    doc = {"event": event, "subscription": sub["id"], "data": payload}
    body = json.dumps(doc).encode()  # leaked data
    headers = {"Content-Type": "application/json", "X-Event": event,
               "X-Signature": "%x" % (hash((sub["secret"], len(body))) & 0xffffffff)}
    url = sub["url"]

    def retry(attempt=1):
        return send(url, body, headers)
    _RETRY_HOOKS.append(retry)  # leak site: registered per delivery, never removed
    status = send(url, body, headers)
    STATUS[(sub["id"], payload["ref"])] = status
    if len(STATUS) > 1000:
        STATUS.popitem(last=False)
    msg = email.message.EmailMessage(policy=email.policy.SMTP)
    msg["To"] = sub["email"]
    msg["Subject"] = subject_template(event) % payload["ref"]
    msg.set_content("Delivered %s to %s: %d" % (event, url, status))
    return len(msg.as_bytes())


def handle(event, payload):
    t = time.perf_counter()
    n = 0
    for sub in CONFIG["subscriptions"]:
        if event in sub["events"] and re.match(sub["filter"], payload["ref"]):
            deliver(sub, event, payload)
            n += 1
    METRICS.append((event, n, time.perf_counter() - t))
    return n


def serve(rnd, first, n):
    for i in range(first, first + n):
        ref = "%s-%06d" % (rnd.choice(("EU-FR", "EU-DE", "EU-IT", "US-NY")), i)
        payload = {"ref": ref, "amount": rnd.randrange(100, 100000),
                   "items": [{"sku": "S%05d" % rnd.randrange(10 ** 5), "qty": rnd.randint(1, 3)}
                             for _ in range(ITEMS)]}
        handle(rnd.choice(EVENTS), payload)


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
    serve(rnd, 0, 2)
    h.checkpoint("warmup")
    h.checkpoint("1")
    serve(rnd, 2, BATCH)
    h.checkpoint("2")
    serve(rnd, 2 + BATCH, BATCH)
    h.checkpoint("3")
    h.finish("closures in a registry",
             leak={"names": ["_RETRY_HOOKS"], "ids": [id(_RETRY_HOOKS)], "types": []},
             legit=[{"names": ["CONFIG", "subscriptions"], "ids": [id(CONFIG)], "types": []},
                    {"names": ["STATUS"], "ids": [id(STATUS)], "types": []},
                    {"names": ["METRICS"], "ids": [id(METRICS)], "types": []}],
             measure_ids=[id(_RETRY_HOOKS)], leaked_types=["function", "cell", "bytes"])


BATCH = 5
ITEMS = 8

if __name__ == "__main__":
    main()
