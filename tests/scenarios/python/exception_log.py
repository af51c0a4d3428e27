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
import kit  # first: with SCENARIO_PEERS=1 it starts tracemalloc

import collections
import dataclasses
import decimal
import functools
import json
import random
import re
import time

import yaml

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


def main():
    h = kit.Harness()
    rnd = random.Random(1)
    for _, start, n in h.batches(100, BATCH):
        serve(rnd, start, n)
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
