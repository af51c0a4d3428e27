"""event_bus.py OUTDIR: an order service on SQLAlchemy's ORM over an
in-memory SQLite database (a connection pool of one), with an in-process
event bus, a bounded tax-rate cache (functools.lru_cache), a metrics ring
(deque with maxlen) and SQLAlchemy's own compiled-statement cache.

The leak: each request's OrderView subscribes its on_price_changed to the
bus's "price.changed" event and never unsubscribes, so the bound methods,
and through them every OrderView with its order snapshot, stay in the
bus's listener list. The leaked instances are of a distinctive class,
__main__.OrderView.

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
import decimal  # noqa: E402
import functools  # noqa: E402
import random  # noqa: E402

from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, select  # noqa: E402
from sqlalchemy.orm import Session, declarative_base, relationship, selectinload  # noqa: E402
from sqlalchemy.pool import StaticPool  # noqa: E402

Base = declarative_base()


class Customer(Base):
    __tablename__ = "customer"
    id = Column(Integer, primary_key=True)
    name = Column(String(60))
    country = Column(String(2))


class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    customer_id = Column(ForeignKey("customer.id"))
    status = Column(String(12))
    customer = relationship(Customer)
    lines = relationship("OrderLine", back_populates="order")


class OrderLine(Base):
    __tablename__ = "order_line"
    id = Column(Integer, primary_key=True)
    order_id = Column(ForeignKey("orders.id"))
    sku = Column(String(20))
    category = Column(String(12))
    qty = Column(Integer)
    price_cents = Column(Integer)
    order = relationship(Order, back_populates="lines")


class EventBus:
    """Listeners by event name, called in subscription order."""

    def __init__(self):
        self._listeners = {}

    def subscribe(self, event, fn):
        self._listeners.setdefault(event, []).append(fn)

    def unsubscribe(self, event, fn):
        self._listeners[event].remove(fn)

    def emit(self, event, *args):
        for fn in list(self._listeners.get(event, ())):
            fn(*args)


BUS = EventBus()
ENGINE = create_engine("sqlite://", poolclass=StaticPool,
                       connect_args={"check_same_thread": False})
METRICS = collections.deque(maxlen=1000)
AUDIT = collections.deque(maxlen=500)
CATEGORIES = ("book", "food", "toy", "tool", "cloth", "media")
COUNTRIES = ("FR", "DE", "IT", "ES", "NL", "BE", "PT", "AT", "IE", "FI")


@functools.lru_cache(maxsize=64)
def tax_rate(country, category):
    base = decimal.Decimal(15 + COUNTRIES.index(country))
    cut = decimal.Decimal(CATEGORIES.index(category)) / 2
    return (base - cut) / 100


def audit(sku, price):
    AUDIT.append(("price.changed", sku, str(price)))


class OrderView:
    """What the page of one order shows: a snapshot of the order, kept up
    to date while it is displayed."""

    def __init__(self, order):
        self.order_id = order.id
        self.customer = order.customer.name
        self.country = order.customer.country
        self.status = order.status
        self.lines = [{"sku": ln.sku, "category": ln.category, "qty": ln.qty,
                       "price": decimal.Decimal(ln.price_cents) / 100,
                       "label": "%s x%d" % (ln.sku, ln.qty)}
                      for ln in order.lines]
        self.total = self.compute_total()

    def compute_total(self):
        return sum((ln["price"] * ln["qty"] * (1 + tax_rate(self.country, ln["category"]))
                    for ln in self.lines), decimal.Decimal(0)).quantize(decimal.Decimal("0.01"))

    def on_price_changed(self, sku, price):
        for ln in self.lines:
            if ln["sku"] == sku:
                ln["price"] = price
                self.total = self.compute_total()

    def render(self):
        return json.dumps({"order": self.order_id, "customer": self.customer,
                           "status": self.status, "total": str(self.total),
                           "lines": [ln["label"] for ln in self.lines]})


def load(seed=3, customers=400, orders=3000):
    rnd = random.Random(seed)
    Base.metadata.create_all(ENGINE)
    with Session(ENGINE) as s:
        cs = [Customer(name="customer %d" % i, country=rnd.choice(COUNTRIES))
              for i in range(customers)]
        s.add_all(cs)
        for i in range(orders):
            o = Order(customer=rnd.choice(cs), status=rnd.choice(("new", "paid", "shipped")))
            o.lines = [OrderLine(sku="SKU-%05d" % rnd.randrange(5000),
                                 category=rnd.choice(CATEGORIES), qty=rnd.randint(1, 5),
                                 price_cents=rnd.randrange(100, 10000))
                       for _ in range(rnd.randint(2, 6))]
            s.add(o)
        s.commit()


def handle(order_id):
    """GET /orders/ID: loads the order, builds its view, subscribes it."""
    t = time.perf_counter()
    with Session(ENGINE) as s:
        order = s.scalars(select(Order).where(Order.id == order_id)
                          .options(selectinload(Order.lines), selectinload(Order.customer))).one()
        view = OrderView(order)
    BUS.subscribe("price.changed", view.on_price_changed)  # leak site: never unsubscribed
    body = view.render()
    METRICS.append(("GET /orders", order_id, len(body), time.perf_counter() - t))
    return body


def serve(rnd, n):
    for i in range(n):
        handle(rnd.randint(1, 3000))
        if i % 200 == 199:
            BUS.emit("price.changed", "SKU-%05d" % rnd.randrange(5000),
                     decimal.Decimal(rnd.randrange(100, 10000)) / 100)


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
    load()
    BUS.subscribe("price.changed", audit)
    rnd = random.Random(1)
    serve(rnd, 200)
    h.checkpoint("warmup")
    h.checkpoint("1")
    serve(rnd, BATCH)
    h.checkpoint("2")
    serve(rnd, BATCH)
    h.checkpoint("3")
    leaked = BUS._listeners["price.changed"]
    h.finish("listeners never removed from an emitter",
             leak={"names": ["price.changed"], "ids": [id(leaked)],
                   "types": ["__main__.OrderView"]},
             legit=[{"names": ["METRICS"], "ids": [id(METRICS)], "types": []},
                    {"names": ["AUDIT"], "ids": [id(AUDIT)], "types": []}],
             measure_ids=[id(leaked)], leaked_types=["OrderView"])


BATCH = 1200

if __name__ == "__main__":
    main()
