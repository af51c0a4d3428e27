"""A live leak for a series of dumps taken by the dumper's command line
(python3 memscope_dump.py --every S --count 3 -o 'DIR/s-{n}.jsonl' this.py
WAIT INFO [CAP]): a module-level list gains 2,000-byte buffers until the
file WAIT (the series' second dump) exists, or for at most CAP seconds
(default 20); then the program writes INFO (the list's id and its
global's name) and exits, so that the dumper takes the last dump at exit."""
import json
import os
import sys
import time

LEAKED = []

end = time.monotonic() + (float(sys.argv[3]) if len(sys.argv) > 3 else 20)
while not os.path.exists(sys.argv[1]) and time.monotonic() < end:
    LEAKED.append(bytearray(2000))
    time.sleep(0.005)

with open(sys.argv[2], "w") as f:
    json.dump({"container": id(LEAKED), "global": "'LEAKED'"}, f)
