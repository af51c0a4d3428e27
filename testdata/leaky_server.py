"""leaky_server.py — a small program that leaks, for the README's leak hunt.

It pretends to be a chat server handling 500 requests. Each request opens a
Session that subscribes its on_message method to the module-level event bus
and keeps a 64 KiB send buffer. Sessions are closed but never unsubscribed,
so the bus's listener list keeps every Session (and its buffer) alive.
Each request also builds a Request/Response pair that refer to each other:
a reference cycle, freed only by the cycle collector.

    python3 src/python/memscope_dump.py --attr-names -o heap.jsonl testdata/leaky_server.py
    memscope analyze heap.jsonl

With --fixed, Session.close() unsubscribes and nothing leaks.
tests/oracles/oracle_python.py runs it both ways under every Python on the machine:
the listener list must be memscope's first leak suspect, and after the fix
no Session may be left.
"""
import sys

FIXED = "--fixed" in sys.argv[1:]


class EventBus:
    def __init__(self):
        self.listeners = []

    def subscribe(self, fn):
        self.listeners.append(fn)

    def unsubscribe(self, fn):
        self.listeners.remove(fn)

    def publish(self, message):
        for fn in self.listeners:
            fn(message)


bus = EventBus()


class Session:
    def __init__(self, user):
        self.user = user
        self.send_buffer = bytearray(64 * 1024)
        self.open = True
        bus.subscribe(self.on_message)

    def on_message(self, message):
        if self.open:
            self.send_buffer[:len(message)] = message

    def close(self):
        self.open = False
        if FIXED:
            bus.unsubscribe(self.on_message)  # the line the leaky version lacks


class Request:
    def __init__(self, n):
        self.n = n
        self.response = Response(self)


class Response:
    def __init__(self, request):
        self.request = request
        self.body = "reply to request %d" % request.n


def handle(n):
    session = Session("user%d" % n)
    request = Request(n)
    bus.publish(request.response.body.encode())
    session.close()


for n in range(500):
    handle(n)
