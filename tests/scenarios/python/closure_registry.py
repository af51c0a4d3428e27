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
import kit  # first: with SCENARIO_PEERS=1 it starts tracemalloc

import collections
import email.message
import email.policy
import functools
import json
import random
import re
import time
import urllib.parse

import yaml

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


def main():
    h = kit.Harness()
    rnd = random.Random(1)
    for _, start, n in h.batches(2, BATCH):
        serve(rnd, start, n)
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
