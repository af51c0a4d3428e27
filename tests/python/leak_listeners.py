"""A live leak: event listeners registered and never removed."""
import json
import sys


class Emitter:
    def __init__(self):
        self.listeners = []

    def on(self, fn):
        self.listeners.append(fn)


bus = Emitter()


def subscribe(i):
    state = bytearray(1500)

    def on_message(msg):
        state[0] = len(msg)
    bus.on(on_message)


for i in range(3000):
    subscribe(i)

sys.path.insert(0, sys.argv[3])
import memscope_dump  # noqa: E402
memscope_dump.dump(sys.argv[1])
with open(sys.argv[2], "w") as f:
    json.dump({"container": id(bus.listeners), "global": "'bus'"}, f)
