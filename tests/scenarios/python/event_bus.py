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
import kit  # first: with SCENARIO_PEERS=1 it starts tracemalloc

import collections
import decimal
import functools
import json
import random
import time

from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, select
from sqlalchemy.orm import Session, declarative_base, relationship, selectinload
from sqlalchemy.pool import StaticPool

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


def main():
    h = kit.Harness()
    load()
    BUS.subscribe("price.changed", audit)
    rnd = random.Random(1)
    for _, _, n in h.batches(200, BATCH, SERIES_BATCH):
        serve(rnd, n)
    leaked = BUS._listeners["price.changed"]
    h.finish("listeners never removed from an emitter",
             leak={"names": ["price.changed"], "ids": [id(leaked)],
                   "types": ["__main__.OrderView"]},
             legit=[{"names": ["METRICS"], "ids": [id(METRICS)], "types": []},
                    {"names": ["AUDIT"], "ids": [id(AUDIT)], "types": []}],
             measure_ids=[id(leaked)], leaked_types=["OrderView"])


SERIES_BATCH = 92  # with SCENARIO_SERIES: the leak grows ~1% of the heap a batch
BATCH = 1200

if __name__ == "__main__":
    main()
