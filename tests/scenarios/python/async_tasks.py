"""async_tasks.py OUTDIR: a live-notification server on asyncio streams
(127.0.0.1): clients connect, subscribe to channels with JSON lines and
get the channel's recent messages back. Legitimate state: the user
directory (loaded at start), per-channel history (deques with maxlen), a
bounded permission cache (functools.lru_cache, full), the server.

The leak: each connection starts a keepalive task that awaits the
session's `gone` future, which the disconnect path never resolves (it
closes the writer and forgets the session instead). The tasks are kept
in _BACKGROUND, the usual strong set for fire-and-forget tasks, so the
never-finishing tasks and the LiveSession each holds (with its inbox and
its replayed history) stay (__main__.LiveSession, a distinctive class).

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

import asyncio  # noqa: E402
import collections  # noqa: E402
import dataclasses  # noqa: E402
import functools  # noqa: E402
import random  # noqa: E402

CHANNELS = ["news", "sport", "weather", "markets", "traffic", "music"]
HISTORY = {c: collections.deque(maxlen=200) for c in CHANNELS}
USERS = {}
_BACKGROUND = set()
OPEN = {}


@dataclasses.dataclass
class User:
    uid: str
    name: str
    email: str
    plan: str
    channels: list


def load_users(seed=12, n=14000):
    rnd = random.Random(seed)
    for i in range(n):
        USERS["u%05d" % i] = User("u%05d" % i, "user %d" % i, "u%d@example.com" % i,
                                  rnd.choice(("free", "pro", "team")),
                                  rnd.sample(CHANNELS, 2))


@functools.lru_cache(maxsize=64)
def may_read(plan, channel):
    return plan != "free" or channel in ("news", "weather")


class LiveSession:
    def __init__(self, user, peer):
        self.user = user
        self.peer = peer
        self.inbox = []
        self.subscriptions = set()
        self.gone = asyncio.get_running_loop().create_future()

    async def keepalive(self):
        await self.gone  # leak site: never resolved, the task never ends


async def on_client(reader, writer):
    hello = json.loads(await reader.readline())
    session = LiveSession(USERS[hello["user"]], writer.get_extra_info("peername"))
    OPEN[id(session)] = session
    task = asyncio.create_task(session.keepalive())
    _BACKGROUND.add(task)  # leak site: a strong set of tasks that never end
    task.add_done_callback(_BACKGROUND.discard)
    while True:
        line = await reader.readline()
        if not line:
            break
        msg = json.loads(line)
        if msg["op"] == "sub":
            replay = []
            if may_read(session.user.plan, msg["channel"]):
                session.subscriptions.add(msg["channel"])
                replay = [dict(m, seen_by=session.user.uid)  # leaked data
                          for m in HISTORY[msg["channel"]]][-REPLAY:]
                session.inbox.extend(replay)
            writer.write((json.dumps({"replay": len(replay)}) + "\n").encode())
        elif msg["op"] == "pub":
            m = {"channel": msg["channel"], "from": session.user.uid, "text": msg["text"]}
            HISTORY[msg["channel"]].append(m)
            writer.write(b'{"ok": true}\n')
        await writer.drain()
    writer.close()
    del OPEN[id(session)]


async def client(port, rnd, i):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write((json.dumps({"user": "u%05d" % rnd.randrange(14000)}) + "\n").encode())
    for _ in range(3):
        ch = rnd.choice(CHANNELS)
        writer.write((json.dumps({"op": "pub", "channel": ch,
                                  "text": "update %d on %s: %s" % (i, ch, "." * rnd.randrange(80))})
                      + "\n").encode())
        writer.write((json.dumps({"op": "sub", "channel": rnd.choice(CHANNELS)}) + "\n").encode())
        await writer.drain()
        await reader.readline()
        await reader.readline()
    writer.close()
    await writer.wait_closed()


async def serve(port, rnd, first, n):
    for i in range(first, first + n, 10):
        await asyncio.gather(*(client(port, rnd, k) for k in range(i, min(i + 10, first + n))))
    while OPEN:
        await asyncio.sleep(0.001)


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


async def amain():
    h = Harness(sys.argv[1])
    load_users()
    server = await asyncio.start_server(on_client, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    rnd = random.Random(1)
    await serve(port, rnd, 0, 40)
    h.checkpoint("warmup")
    h.checkpoint("1")
    await serve(port, rnd, 40, BATCH)
    h.checkpoint("2")
    await serve(port, rnd, 40 + BATCH, BATCH)
    h.checkpoint("3")
    h.finish("asyncio tasks that never finish, kept in a set",
             leak={"names": ["_BACKGROUND"], "ids": [id(_BACKGROUND)],
                   "types": ["__main__.LiveSession"]},
             legit=[{"names": ["USERS"], "ids": [id(USERS)], "types": ["__main__.User"]},
                    {"names": ["HISTORY"], "ids": [id(HISTORY)], "types": []}],
             measure_ids=[id(_BACKGROUND)], leaked_types=["LiveSession"])
    server.close()
    await server.wait_closed()


BATCH = 400
REPLAY = 6

if __name__ == "__main__":
    asyncio.run(amain())
