"""A live leak: instances registered in a class attribute, never removed.
Run by the dumper's command line (python3 memscope_dump.py -o ... this.py)."""
import json
import sys


class Plugin:
    registry = []

    def __init__(self, n):
        self.data = bytearray(1500)
        self.n = n
        Plugin.registry.append(self)


for i in range(3000):
    Plugin(i)

with open(sys.argv[1], "w") as f:
    json.dump({"container": id(Plugin.registry), "global": "'Plugin'"}, f)
