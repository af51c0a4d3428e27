"""exception_log.py OUTDIR: a payments import API: JSON payloads are
validated into dataclasses with decimal amounts against accounts loaded
from a YAML configuration, then booked into a ledger. Legitimate state:
the ledger's accounts (big, loaded at start), a bounded currency cache
(functools.lru_cache), a metrics ring (deque with maxlen), re's cache.

The leak: the handler keeps every ValidationError it catches in
_RECENT_ERRORS, "for the debug page", and never trims it. Each exception
holds its traceback, whose frames hold the raw payload and what was
parsed from it (__main__.ValidationError, a distinctive class).

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
import dataclasses  # noqa: E402
import decimal  # noqa: E402
import functools  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402

import yaml  # noqa: E402

CONFIG_YAML = """
ledger:
  currencies: [EUR, USD, GBP, CHF, SEK]
  max_amount: "250000.00"
  iban_pattern: "^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$"
rules:
  - {name: amount_positive, severity: error}
  - {name: known_account, severity: error}
  - {name: currency_match, severity: warning}
"""
CONFIG = yaml.safe_load(CONFIG_YAML)
IBAN = re.compile(CONFIG["ledger"]["iban_pattern"])
METRICS = collections.deque(maxlen=2000)
_RECENT_ERRORS = []


class ValidationError(Exception):
    def __init__(self, field, message, payload_id):
        super().__init__("%s: %s" % (field, message))
        self.field = field
        self.payload_id = payload_id


@dataclasses.dataclass
class Account:
    iban: str
    owner: str
    currency: str
    balance: decimal.Decimal
    history: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Payment:
    payment_id: str
    debit: str
    credit: str
    amount: decimal.Decimal
    currency: str
    reference: str


@functools.lru_cache(maxsize=8)
def currency_quantum(code):
    return decimal.Decimal("1") if code == "JPY" else decimal.Decimal("0.01")


def make_iban(rnd):
    return "FR%02d%s" % (rnd.randrange(100), "".join(rnd.choice("0123456789ABCDEFGH")
                                                     for _ in range(20)))


class Ledger:
    def __init__(self, seed=11, n=14000):
        rnd = random.Random(seed)
        self.accounts = {}
        for i in range(n):
            iban = make_iban(rnd)
            self.accounts[iban] = Account(iban, "owner %d" % i,
                                          rnd.choice(CONFIG["ledger"]["currencies"]),
                                          decimal.Decimal(rnd.randrange(10 ** 6)) / 100)

    def book(self, p):
        d, c = self.accounts[p.debit], self.accounts[p.credit]
        d.balance -= p.amount
        c.balance += p.amount
        d.history.append(p.payment_id)
        del d.history[:-20]
        c.history.append(p.payment_id)
        del c.history[:-20]


def parse_amount(raw, currency, payload_id):
    try:
        amount = decimal.Decimal(raw).quantize(currency_quantum(currency))
    except decimal.InvalidOperation:
        raise ValidationError("amount", "not a number: %r" % raw, payload_id) from None
    if amount <= 0 or amount > decimal.Decimal(CONFIG["ledger"]["max_amount"]):
        raise ValidationError("amount", "out of range: %s" % amount, payload_id)
    return amount


def check_account(iban, payload_id):
    if not IBAN.match(iban):
        raise ValidationError("iban", "malformed: %r" % iban, payload_id)
    if iban not in LEDGER.accounts:
        raise ValidationError("iban", "unknown account %s" % iban, payload_id)
    return iban


def validate(raw):
    doc = json.loads(raw)
    pid = doc["id"]
    lines = doc.get("remittance", [])
    return Payment(pid, check_account(doc["debit"], pid), check_account(doc["credit"], pid),
                   parse_amount(doc["amount"], doc["currency"], pid), doc["currency"],
                   " / ".join(lines))


def handle(raw):
    t = time.perf_counter()
    try:
        p = validate(raw)
    except ValidationError as e:
        _RECENT_ERRORS.append(e)  # leak site: kept with its traceback, never trimmed
        METRICS.append(("POST /payments", 422, time.perf_counter() - t))
        return 422, json.dumps({"error": str(e)})
    LEDGER.book(p)
    METRICS.append(("POST /payments", 201, time.perf_counter() - t))
    return 201, json.dumps({"id": p.payment_id, "amount": str(p.amount)})


def payload(rnd, i, ibans):
    debit, credit = rnd.choice(ibans), rnd.choice(ibans)
    r = rnd.random()
    if r < BAD / 3:
        credit = make_iban(rnd)  # unknown
    elif r < 2 * BAD / 3:
        debit = debit.lower()  # malformed
    amount = "%d.%02d" % (rnd.randrange(1, 5000), rnd.randrange(100))
    if BAD * 2 / 3 <= r < BAD:
        amount = "-" + amount
    return json.dumps({"id": "pay-%06d" % i, "debit": debit, "credit": credit,
                       "amount": amount, "currency": "EUR",
                       "remittance": ["invoice %d line %d: %s"
                                      % (i, k, "x" * rnd.randrange(40, 120))
                                      for k in range(REMITTANCE)]})


def serve(rnd, first, n):
    ibans = sorted(LEDGER.accounts)
    for i in range(first, first + n):
        handle(payload(rnd, i, ibans))


LEDGER = Ledger()
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
    serve(rnd, 0, 100)
    h.checkpoint("warmup")
    h.checkpoint("1")
    serve(rnd, 100, BATCH)
    h.checkpoint("2")
    serve(rnd, 100 + BATCH, BATCH)
    h.checkpoint("3")
    h.finish("stored exceptions (with tracebacks and frames) in a list",
             leak={"names": ["_RECENT_ERRORS"], "ids": [id(_RECENT_ERRORS)],
                   "types": ["__main__.ValidationError"]},
             legit=[{"names": ["LEDGER", "accounts"], "ids": [id(LEDGER.accounts)], "types": []},
                    {"names": ["METRICS"], "ids": [id(METRICS)], "types": []}],
             measure_ids=[id(_RECENT_ERRORS)], leaked_types=["ValidationError"])


BATCH = 1500
BAD = 0.3
REMITTANCE = 6

if __name__ == "__main__":
    main()
