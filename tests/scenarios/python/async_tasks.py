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
import kit  # first: with SCENARIO_PEERS=1 it starts tracemalloc

import asyncio
import collections
import dataclasses
import functools
import json
import random

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


async def amain():
    h = kit.Harness()
    load_users()
    server = await asyncio.start_server(on_client, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    rnd = random.Random(1)
    for _, start, n in h.batches(40, BATCH):
        await serve(port, rnd, start, n)
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
