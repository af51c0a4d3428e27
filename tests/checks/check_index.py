#!/usr/bin/env python3
"""check_index.py — index files (memscope index, docs/index.md).

  equivalence  every command's stdout, stderr and exit status, byte for
               byte, opening the index and parsing (--no-index), on the test
               dumps and generated ones; -v says "opened the index" only on
               the plain run
  stale        a dump grown by a byte, rewritten in place with its size and
               time kept, or touched, is parsed again
  hostile      truncated, corrupted, byte-swapped, future and lying indexes,
               given as the DUMP operand and found beside their dump: exit 0
               with valid output or exit 3 with one line, never a signal or
               a hang
  read-only    a dump in a folder that cannot be written gets its index in
               the cache folder
  two at once  two `memscope index` on one dump at the same time, read while
               written: both succeed, one valid index, no temporary file left
  auto         a dump under the auto-index size gets no index from analyze
  checked      an index is checked whole once: the one memscope wrote, or
               one older than 2 s that passed, opens unchecked after; edited
               in place (size and time kept), copied or replaced, it is
               checked whole again and a bad array is caught

Arguments name parts to run (equivalence stale hostile read-only two auto
checked);
all by default. Everything runs in a temporary folder, with $XDG_CACHE_HOME and $HOME inside
it. Prints "index: N passed, N failed".
"""
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

MEMSCOPE = os.path.abspath(os.environ.get("MEMSCOPE", "./memscope"))
BUILD = os.path.abspath(os.environ.get("BUILD", "build/rel"))
TESTDATA = os.path.abspath("testdata")

from index_layout import (EDGE_TO, HEADER, IDENTITY_END, NARRAYS, OFF_BOM, OFF_FILE_SIZE,
                          OFF_OFFSETS, OFF_PRESENT, OFF_VERSION)

ENV = None  # set in main: the temporary cache folder and home


def run(args, cwd, timeout=120):
    """Runs memscope; returns (status, stdout, stderr), status None on a timeout."""
    try:
        p = subprocess.run([MEMSCOPE] + args, cwd=cwd, env=ENV, capture_output=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, b"", b"timeout"
    return p.returncode, p.stdout, p.stderr


def same(cmd, args, cwd, what, files=()):
    """Runs `memscope CMD ARGS` opening the index and parsing; checks they
    agree (and so do the files they write). Returns the plain run."""
    got = []
    for extra in ([], ["--no-index"]):
        r = run([cmd] + extra + args, cwd)
        got.append((r, [read(os.path.join(cwd, f)) for f in files]))
        for f in files:
            if os.path.exists(os.path.join(cwd, f)):
                os.unlink(os.path.join(cwd, f))
    (a, fa), (b, fb) = got
    diff = [k for k, x, y in zip(("status", "stdout", "stderr"), a, b) if x != y]
    diff += ["file " + f for f, x, y in zip(files, fa, fb) if x != y]
    check(not diff, "%s: %s %s differ with and without the index: %s%s"
          % (what, cmd, " ".join(args), ", ".join(diff),
             "" if a[2] == b[2] else " (stderr %r vs %r)" % (a[2][:200], b[2][:200])))
    return a


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def opened(cmd_args, cwd):
    """Whether -v says the index was opened."""
    return b"opened the index" in run(cmd_args[:1] + ["-v"] + cmd_args[1:], cwd)[2]


def index(name, cwd, what):
    """memscope index NAME in cwd: prints NAME.msi, which exists."""
    st, out, err = run(["index", name], cwd)
    ok = st == 0 and out == (name + ".msi\n").encode() and \
        os.path.isfile(os.path.join(cwd, name + ".msi"))
    check(ok, "%s: memscope index: exit %s, stdout %r, stderr %r" % (what, st, out, err[:200]))
    return ok


def some_ids(name, cwd):
    """Up to three ids of the largest retainers."""
    st, out, _ = run(["analyze", "-f", "json", "--no-index", name], cwd)
    if st != 0:
        return []
    return [str(r["id"]) for r in json.loads(out).get("top_retainers", [])[:3]]


def equivalence(name, cwd, what):
    """Every command on one indexed dump, with and without the index."""
    if not index(name, cwd, what):
        return
    check(opened(["analyze", name], cwd), "%s: -v does not say the index was opened" % what)
    check(not opened(["analyze", "--no-index", name], cwd),
          "%s: -v says the index was opened with --no-index" % what)
    for args in ([], ["-f", "tsv"], ["-f", "json"], ["--top", "0"]):
        same("analyze", args + [name], cwd, what)
    ids = some_ids(name, cwd)
    for args in ([], ["-f", "tsv"], ["-f", "json"]):
        same("dominators", args + [name], cwd, what)
    if ids:
        same("dominators", ["-f", "tsv", "--root", ids[0], name], cwd, what)
    same("cycles", ["-f", "json", name], cwd, what)
    same("garbage", ["-f", "json", name], cwd, what)
    same("sites", ["-f", "json", name], cwd, what)
    for i in ids:
        same("show", ["-f", "json", name, i], cwd, what)
        same("path", ["-f", "json", name, i], cwd, what)
    if ids:
        same("graph", ["--backrefs", ids[-1], name], cwd, what)
    same("report", [name, "-o", "page.html"], cwd, what, files=["page.html"])


def generated(args, path):
    subprocess.run([os.path.join(BUILD, "gendump")] + args + ["-o", path], check=True,
                   capture_output=True)


def part_equivalence(tmp):
    eq = os.path.join(tmp, "eq")
    groups = {
        "top": sorted(os.path.join(TESTDATA, f) for f in os.listdir(TESTDATA)
                      if f.endswith((".jsonl", ".json"))),
        "v8": sorted(os.path.join(TESTDATA, "v8", f) for f in os.listdir(os.path.join(TESTDATA, "v8"))
                     if f.endswith(".heapsnapshot")),
        "ruby": [os.path.join(TESTDATA, "ruby", "small.json")],
        "wide": sorted(os.path.join(TESTDATA, "wide", f)
                       for f in os.listdir(os.path.join(TESTDATA, "wide")) if f.endswith(".jsonl")),
    }
    for group, files in groups.items():
        d = os.path.join(eq, group)
        os.makedirs(d)
        for f in files:
            shutil.copy(f, d)
            if run(["analyze", "--no-index", os.path.basename(f)], d)[0] == 0:
                equivalence(os.path.basename(f), d, group + "/" + os.path.basename(f))
    d = os.path.join(eq, "gen")
    os.makedirs(d)
    for name, args in (("python.jsonl", ["-n", "30000", "--shape", "python"]),
                       ("random.jsonl", ["-n", "30000", "--shape", "random"]),
                       ("chain.jsonl", ["-n", "30000", "--shape", "chain"]),
                       ("dangle.jsonl", ["-n", "30000", "--dangle", "5"])):
        generated(args, os.path.join(d, name))
        equivalence(name, d, "gen/" + name)
    # An empty dump: its index ends in empty arrays.
    with open(os.path.join(d, "empty.jsonl"), "w") as f:
        f.write('{"memscope": 1}\n')
    equivalence("empty.jsonl", d, "gen/empty.jsonl")
    # diff of indexed dumps, two and three of them.
    d = os.path.join(eq, "diff")
    os.makedirs(d)
    for f in ("before.jsonl", "after.jsonl", "final.jsonl"):
        shutil.copy(os.path.join(TESTDATA, "diff", f), d)
        index(f, d, "diff/" + f)
    same("diff", ["-f", "json", "before.jsonl", "after.jsonl"], d, "diff")
    same("diff", ["-f", "json", "before.jsonl", "after.jsonl", "final.jsonl"], d, "diff")
    same("diff", ["before.jsonl", "after.jsonl", "final.jsonl"], d, "diff")


def part_stale(tmp):
    d = os.path.join(tmp, "stale")
    os.makedirs(d)
    dump = os.path.join(d, "demo.jsonl")

    def fresh():
        shutil.copy(os.path.join(TESTDATA, "demo.jsonl"), dump)
        index("demo.jsonl", d, "stale")

    def not_used(what):
        check(not opened(["analyze", "demo.jsonl"], d), "stale: %s: the index was used" % what)
        same("analyze", ["-f", "json", "demo.jsonl"], d, "stale: " + what)
        same("show", ["-f", "json", "demo.jsonl", "139888628625728"], d, "stale: " + what)

    fresh()
    check(opened(["analyze", "demo.jsonl"], d), "stale: a fresh index is not used")
    with open(dump, "ab") as f:
        f.write(b"\n")
    not_used("a byte appended")

    # A byte rewritten in place, size and time kept: the sample hash covers
    # the first and last 64 KiB and 16 blocks of 4 KiB between, so a change
    # inside the first 64 KiB is caught (the first object's size, 640 ->
    # 740, which a wrongly used index would show). A change outside the
    # samples with the same size and time is not detected: that is the
    # documented cost of not reading the whole dump.
    fresh()
    st = os.stat(dump)
    data = bytearray(read(dump))
    at = data.index(b'"size": 640')
    check(at < 64 << 10, "stale: the size to change lies in the first 64 KiB")
    data[at + 8] = ord("7")
    with open(dump, "r+b") as f:
        f.write(data)
    os.utime(dump, ns=(st.st_atime_ns, st.st_mtime_ns))
    check(os.stat(dump).st_size == st.st_size and os.stat(dump).st_mtime_ns == st.st_mtime_ns,
          "stale: size and time kept")
    not_used("a byte rewritten in place")

    fresh()
    st = os.stat(dump)
    os.utime(dump, ns=(st.st_atime_ns, st.st_mtime_ns + 1000))
    not_used("touched")


def mutations(data, rng):
    """(description, bytes) of broken versions of one index."""
    n = len(data)
    out = []
    for k in (0, 7, 8, 100, HEADER - 1, HEADER, n // 2, n - 1):
        out.append(("truncated at %d" % k, data[:k]))
    for k in range(200):
        # A quarter in the header, the rest anywhere.
        at = rng.randrange(HEADER) if k % 4 == 0 else rng.randrange(n)
        b = bytearray(data)
        b[at] = (b[at] + rng.randrange(1, 256)) % 256
        out.append(("byte %d set to %d" % (at, b[at]), bytes(b)))
    b = bytearray(data)
    b[OFF_BOM:OFF_BOM + 4] = b[OFF_BOM:OFF_BOM + 4][::-1]
    out.append(("byte order swapped", bytes(b)))
    b = bytearray(data)
    struct.pack_into("<I", b, OFF_VERSION, struct.unpack_from("<I", b, OFF_VERSION)[0] + 1)
    out.append(("version + 1", bytes(b)))
    for size in (n - 64, n + 64, 0, 2 ** 64 - 1):
        b = bytearray(data)
        struct.pack_into("<Q", b, OFF_FILE_SIZE, size)
        out.append(("file_size %d" % size, bytes(b)))
    present = struct.unpack_from("<Q", data, OFF_PRESENT)[0]
    for a in range(NARRAYS):
        if present >> a & 1:
            for off in ((n + 63) // 64 * 64, n - 64, 2 ** 63):
                b = bytearray(data)
                struct.pack_into("<Q", b, OFF_OFFSETS + 8 * a, off)
                out.append(("array %d at %d" % (a, off), bytes(b)))
    return out


def hostile_runs(target, obj):
    """The commands run on each broken index: (args, JSON output?)."""
    return [(["analyze", "-f", "json", target], True),
            (["show", "-f", "json", target, obj], True),
            (["dominators", "-f", "tsv", target], False),
            (["path", target, obj], False),
            (["graph", "--backrefs", obj, target, "-o", "x.dot"], False)]


def no_constant(name):
    raise ValueError("%s is not JSON" % name)


def verdict(res, is_json, name):
    """None when a run on a broken index behaved, else what was wrong. Exit
    0 (a harmless corruption: JSON still valid), or exit 3 with one line
    naming the index. An id that a corruption moved makes show and path say
    so in one line (exit 5), a root that it moved may leave no path (exit 1)."""
    st, out, err = res
    if st is None:
        return "timeout"
    if st < 0:
        return "signal %d" % -st
    if st == 0:
        if is_json:
            try:
                json.loads(out, parse_constant=no_constant)
            except ValueError as e:
                return "invalid JSON: %s" % e
        return None
    lines = err.decode("utf-8", "replace").splitlines()
    if st in (1, 3, 5) and len(lines) == 1 and lines[0].startswith("memscope: ") and \
            (st != 3 or name in lines[0]):
        return None
    return "exit %d, stderr %r" % (st, err[:300])


def part_hostile(tmp):
    rng = random.Random(20261207)
    for dump, obj in (("demo.jsonl", "139888628334688"), ("alloc.heapsnapshot", "1")):
        d = os.path.join(tmp, "hostile-" + dump)
        os.makedirs(d)
        src = os.path.join(TESTDATA, dump) if dump.endswith(".jsonl") else \
            os.path.join(TESTDATA, "v8", dump)
        shutil.copy(src, d)
        if not index(dump, d, "hostile"):
            continue
        good = read(os.path.join(d, dump + ".msi"))
        os.rename(os.path.join(d, dump + ".msi"), os.path.join(d, "good.msi"))
        check(struct.unpack_from("<Q", good, OFF_FILE_SIZE)[0] == len(good),
              "hostile: the header's layout is the one this check knows")
        st, _, _ = run(["show", "-f", "json", "good.msi", obj], d)
        check(st == 0, "hostile: object %s is in %s" % (obj, dump))
        baseline = {tuple(a): run(a, d)[:2] for a, _ in hostile_runs(dump, obj)}
        for what, data in mutations(good, rng):
            # Given as the dump: any problem is exit 3.
            with open(os.path.join(d, "bad.msi"), "wb") as f:
                f.write(data)
            for args, is_json in hostile_runs("bad.msi", obj):
                res = run(args, d, timeout=10)
                bad = verdict(res, is_json, "bad.msi")
                check(bad is None, "hostile %s, %s given as DUMP: %s: %s"
                      % (dump, what, " ".join(args), bad))
            # Beside its dump: with the header's identity intact (magic,
            # byte order, version, the dump's size, time and hash) a broken
            # index is exit 3; without, it is stale and the dump is parsed.
            with open(os.path.join(d, dump + ".msi"), "wb") as f:
                f.write(data)
            identity = len(data) >= HEADER and data[:16] == good[:16] and \
                data[24:IDENTITY_END] == good[24:IDENTITY_END]
            for args, is_json in hostile_runs(dump, obj):
                res = run(args, d, timeout=10)
                bad = verdict(res, is_json, dump + ".msi")
                check(bad is None, "hostile %s, %s beside the dump: %s: %s"
                      % (dump, what, " ".join(args), bad))
                if not identity:
                    check(res[:2] == baseline[tuple(args)],
                          "hostile %s, %s beside the dump: not parsed as stale: %s"
                          % (dump, what, " ".join(args)))
            os.unlink(os.path.join(d, dump + ".msi"))


def part_read_only(tmp):
    # As root, access(W_OK) says yes to any folder, so the cache folder is
    # never chosen: skipped then.
    if os.geteuid() == 0:
        print("index: read-only folder skipped (running as root)")
        return
    d = os.path.join(tmp, "ro")
    os.makedirs(d)
    shutil.copy(os.path.join(TESTDATA, "leak.jsonl"), d)
    os.chmod(d, 0o555)
    try:
        st, out, err = run(["index", "leak.jsonl"], d)
        cache = os.path.join(tmp, "cache", "memscope")
        path = out.decode().rstrip("\n")
        check(st == 0 and os.path.dirname(path) == cache and os.path.isfile(path),
              "read-only: index written to %r (exit %s, %r)" % (path, st, err))
        check(sorted(os.listdir(d)) == ["leak.jsonl"], "read-only: nothing beside the dump")
        res = run(["analyze", "-v", "leak.jsonl"], d)
        check(("opened the index " + path).encode() in res[2],
              "read-only: the cached index is not used: %r" % res[2])
        same("analyze", ["-f", "json", "leak.jsonl"], d, "read-only")
    finally:
        os.chmod(d, 0o755)


def part_two_at_once(tmp):
    d = os.path.join(tmp, "two")
    os.makedirs(d)
    generated(["-n", "1000000", "--shape", "python"], os.path.join(d, "big.jsonl"))
    want = run(["analyze", "--no-index", "-f", "json", "big.jsonl"], d)
    procs = [subprocess.Popen([MEMSCOPE] + args, cwd=d, env=ENV, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
             for args in (["index", "big.jsonl"], ["index", "big.jsonl"],
                          ["analyze", "-f", "json", "big.jsonl"],
                          ["analyze", "-f", "json", "big.jsonl"])]
    res = [(p.wait(timeout=300),) + p.communicate() for p in procs]
    for k in (0, 1):
        check(res[k][0] == 0 and res[k][1] == b"big.jsonl.msi\n",
              "two at once: index %d: exit %d %r %r" % (k, res[k][0], res[k][1], res[k][2]))
    for k in (2, 3):
        check(res[k] == want, "two at once: analyze %d read while the index was written: "
              "exit %d, stderr %r" % (k, res[k][0], res[k][2][:200]))
    check(sorted(os.listdir(d)) == ["big.jsonl", "big.jsonl.msi"],
          "two at once: files left: %s" % sorted(os.listdir(d)))
    check(opened(["analyze", "big.jsonl"], d), "two at once: the index is not used")
    same("analyze", ["-f", "json", "big.jsonl"], d, "two at once")


def part_auto(tmp):
    # Dumps of 256 MiB or more get an index from the first command that
    # reads them: too big for this check (make bench covers it). A smaller
    # dump gets none, beside it or in the cache folder.
    d = os.path.join(tmp, "auto")
    os.makedirs(d)
    shutil.copy(os.path.join(TESTDATA, "demo.jsonl"), d)
    cache = os.path.join(tmp, "cache", "memscope")
    before = sorted(os.listdir(cache)) if os.path.isdir(cache) else []
    st, _, _ = run(["analyze", "demo.jsonl"], d)
    after = sorted(os.listdir(cache)) if os.path.isdir(cache) else []
    check(st == 0 and os.listdir(d) == ["demo.jsonl"] and after == before,
          "auto: analyze wrote an index of a small dump: %s %s" % (os.listdir(d), after))


def opened_how(cmd_args, cwd):
    """How -v says the index was opened: "checked before", "checked whole"
    or None (not opened)."""
    err = run(cmd_args[:1] + ["-v"] + cmd_args[1:], cwd)[2].decode("utf-8", "replace")
    for how in ("checked before", "checked whole"):
        if "(%s)" % how in err:
            return how
    return None


def part_checked(tmp):
    d = os.path.join(tmp, "checked")
    os.makedirs(d)
    dump = os.path.join(d, "demo.jsonl")
    msi = dump + ".msi"
    shutil.copy(os.path.join(TESTDATA, "demo.jsonl"), dump)
    show = ["show", "demo.jsonl", "139888628625728"]
    index("demo.jsonl", d, "checked")
    check(opened_how(show, d) == "checked before",
          "checked: the index memscope wrote was checked again: %s" % opened_how(show, d))
    same("show", show[1:], d, "checked: opened unchecked")

    # Edited in place, size and time kept: one reference out of range.
    st = os.stat(msi)
    data = bytearray(read(msi))
    at = struct.unpack_from("<Q", data, OFF_OFFSETS + 8 * EDGE_TO)[0]
    struct.pack_into("<I", data, at, 0xfffffff0)
    with open(msi, "r+b") as f:
        f.write(data)
    os.utime(msi, ns=(st.st_atime_ns, st.st_mtime_ns))
    res = run(show, d)
    check(res[0] == 3 and b"edge_to: value out of range" in res[2],
          "checked: an index edited in place was not checked: exit %s, %r" % (res[0], res[2][:200]))

    # A copy (cp -p: same time, another file) is checked whole; once older
    # than 2 s and passed, it is remembered.
    index("demo.jsonl", d, "checked")
    shutil.copy2(msi, msi + ".tmp")
    os.replace(msi + ".tmp", msi)
    check(opened_how(show, d) == "checked whole", "checked: a copied index was not checked")
    time.sleep(2.2)
    check(opened_how(show, d) == "checked whole", "checked: an old index was not checked")
    check(opened_how(show, d) == "checked before",
          "checked: an old index that passed was checked again")
    same("show", show[1:], d, "checked: remembered")


def main():
    global ENV
    tmp = tempfile.mkdtemp(prefix="memscope-index-")
    ENV = dict(os.environ, XDG_CACHE_HOME=os.path.join(tmp, "cache"),
               HOME=os.path.join(tmp, "home"), LC_ALL="C")
    parts = {"equivalence": part_equivalence, "stale": part_stale, "hostile": part_hostile,
             "read-only": part_read_only, "two": part_two_at_once, "auto": part_auto,
             "checked": part_checked}
    try:
        for name in sys.argv[1:] or parts:
            parts[name](tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return summary("index")


if __name__ == "__main__":
    sys.exit(main())
