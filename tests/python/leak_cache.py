"""A live leak: an unbounded module-level cache."""
import json
import sys

cache = {}
for i in range(3000):
    cache["user%d" % i] = bytes(1500)  # a new object each time

sys.path.insert(0, sys.argv[3])
import memscope_dump  # noqa: E402
memscope_dump.dump(sys.argv[1])
with open(sys.argv[2], "w") as f:
    json.dump({"container": id(cache), "global": "'cache'"}, f)
