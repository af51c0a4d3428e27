#!/usr/bin/env python3
"""bench.py — `make bench`: memscope's speed and memory on generated dumps.

Generates (once, outside the repository, under $TMPDIR/memscope-bench) a
2M-object JSON Lines dump with a CPython-like out-degree mix (BIG=1: 20M
objects; BIG=2: 100M, an 11.6 GB file, with targets of 50 s and
9 GB peak on a 2-core, 24 GB machine), then prints for `memscope analyze`: wall seconds (best of 5 warm
runs), objects/s, MB/s, peak RSS, graph bytes per object and per reference;
and side by side the time of Python's json.loads on every line of the same
file, with the speed ratio. Then the same on a 2M-object heap without any
locality (gendump --shape random --degree 2.7: references to targets drawn
uniformly at random, the worst case for the dominator and cycle passes;
the target is 8x). Figures only: nothing here fails on a timing.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

PY_JSON = r"""
import json, sys, time
t = time.perf_counter()
with open(sys.argv[1], 'rb') as f:
    for line in f:
        json.loads(line)
print(time.perf_counter() - t)
"""


def run_timed(cmd, env=None, timeout=None):
    """Runs cmd, killed after timeout seconds; returns (seconds, peak RSS
    KiB, exit code, stdout, stderr). Also used by bench_v8.py."""
    t = time.perf_counter()
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    p = subprocess.Popen(cmd, stdout=out, stderr=err, env=dict(os.environ, **(env or {})))
    timer = threading.Timer(timeout, p.kill) if timeout else None
    if timer:
        timer.start()
    _, status, ru = os.wait4(p.pid, 0)
    if timer:
        timer.cancel()
    secs = time.perf_counter() - t
    out.seek(0)
    err.seek(0)
    return (secs, ru.ru_maxrss, os.waitstatus_to_exitcode(status),
            out.read().decode(errors="replace"), err.read().decode(errors="replace"))


def timed(cmd, env=None):
    """Runs cmd, which must succeed; returns (seconds, peak RSS KiB, stderr)."""
    secs, rss, rc, _, err = run_timed(cmd, env)
    if rc != 0:
        sys.exit("bench: %s failed: %s" % (" ".join(cmd), err))
    return secs, rss, err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--memscope", default="./memscope")
    ap.add_argument("--gendump", default="build/rel/gendump")
    ap.add_argument("--cjson", default="build/rel/cjson_lines")
    ap.add_argument("--big", type=int, default=0, help="1: 20M objects, 2: 100M")
    ap.add_argument("--objects", type=int)
    a = ap.parse_args()
    n = a.objects or {0: 2_000_000, 1: 20_000_000}.get(a.big, 100_000_000)
    d = os.path.join(os.environ.get("TMPDIR", tempfile.gettempdir()), "memscope-bench")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "python-v2-%d.jsonl" % n)
    if not os.path.exists(path):
        print("bench: generating %s (%d objects)..." % (path, n), flush=True)
        subprocess.run([a.gendump, "-n", str(n), "-s", "1", "-o", path + ".tmp"], check=True)
        os.rename(path + ".tmp", path)
    mb = os.path.getsize(path) / 1e6
    print("bench: %s: %d objects, %.0f MB" % (path, n, mb))

    cmd = [a.memscope, "analyze", "--no-index", "-q", "-v", path]
    timed(cmd)  # warm the page cache (what fits of it)
    runs = [timed(cmd) for _ in range(5 if a.big < 2 else 1)]
    secs, rss, err = min(runs)
    # One thread too, but not on 100M objects (a minute and more each).
    one = min(timed(cmd, {"MEMSCOPE_THREADS": "1"}) for _ in range(2)) if a.big < 2 else None
    m = re.search(r"([\d.]+) bytes/object \+ ([\d.]+) bytes/reference", err)
    refs = re.search(r"loaded \d+ objects, (\d+) references", err)
    bpo, bpr = (float(m.group(1)), float(m.group(2))) if m else (0.0, 0.0)
    nrefs = int(refs.group(1)) if refs else 0
    graph_mb = (bpo * n + bpr * nrefs) / 1e6

    print("memscope analyze      %.3f s%s" % (secs, "  (one thread: %.3f s)" % one[0] if one else ""))
    # Phase times from -v (the best run's).
    best_err = min(runs)[2]
    ph = {}
    m = re.search(r"in ([\d.]+) s \(parse ([\d.]+) s on \d+ threads?, join ([\d.]+) s, "
                  r"resolve ([\d.]+) s\)", best_err)
    if m:
        ph.update(load=m.group(1), parse=m.group(2), join=m.group(3), resolve=m.group(4))
    m = re.search(r"analyses in ([\d.]+) s \(roots ([\d.]+) s; dominators ([\d.]+) s and "
                  r"cycles ([\d.]+) s side by side; cycle shapes ([\d.]+) s\)", best_err)
    if m:
        ph.update(analyses=m.group(1), roots=m.group(2), dominators=m.group(3),
                  cycles=m.group(4), shapes=m.group(5))
    m = re.search(r"suspects and paths in ([\d.]+) s", best_err)
    if m:
        ph.update(findings=m.group(1))
    if ph:
        print("  phases              load %s s (parse %s, join %s, resolve %s); analyses %s s "
              "(roots %s, dominators %s | cycles %s, shapes %s); types, retainers, suspects, "
              "garbage %s s" % tuple(ph.get(k, "?") for k in (
                  "load", "parse", "join", "resolve", "analyses", "roots", "dominators",
                  "cycles", "shapes", "findings")))
    print("  objects/s           %.0f" % (n / secs))
    print("  MB/s                %.0f" % (mb / secs))
    print("  peak RSS            %.0f MB" % (rss / 1024))
    print("  graph               %.1f bytes/object + %.1f bytes/reference (%d references, %.0f MB)"
          % (bpo, bpr, nrefs, graph_mb))
    budget = (40 * n + 12 * nrefs) / 1e6
    print("  graph budget        40 B/object + 12 B/reference = %.0f MB: %s"
          % (budget, "within" if graph_mb <= budget else "OVER"))
    if a.big == 1:
        print("  peak RSS target     4096 MB: %s" % ("met" if rss / 1024 < 4096 else "MISSED"))
        return
    if a.big >= 2:
        print("  targets             under 50 s: %s; peak RSS under 9 GB: %s" % (
            "met" if secs < 50 else "MISSED", "met" if rss / 1024 < 9 * 1024 else "MISSED"))
        # Parsing is the analyze above: the index's commands alone.
        bench_index(a.memscope, path, parse_runs=0)
        return
    if os.path.exists(a.cjson):
        out = subprocess.run([a.cjson, path], stdout=subprocess.PIPE, check=True).stdout.split()
        print("cJSON per line        %.3f s (parse and free a tree per record, one thread)"
              % float(out[0]))
    # Every Python 3 on the machine; the ratio is taken against the fastest.
    pythons = []
    for exe in (sys.executable, "/usr/bin/python3"):
        real = os.path.realpath(exe)
        if os.path.exists(real) and real not in [os.path.realpath(p) for p in pythons]:
            pythons.append(exe)
    best = None
    for exe in pythons:
        print("bench: timing %s json.loads per line (one run)..." % exe, flush=True)
        py = subprocess.run([exe, "-c", PY_JSON, path], stdout=subprocess.PIPE, check=True)
        pysecs = float(py.stdout)
        ver = subprocess.run([exe, "--version"], stdout=subprocess.PIPE).stdout.decode().strip()
        print("python json.loads     %.3f s (%s, %s): memscope is %.1fx faster"
              % (pysecs, exe, ver, pysecs / secs))
        best = pysecs if best is None else min(best, pysecs)
    print("  ratio               %.1fx against the fastest Python (targets: 15x for the load "
          "alone; 8x for the full analyze)" % (best / secs))
    # The load's own best over the runs (its noise is not the analyses').
    loads = [float(m.group(1)) for m in
             (re.search(r"references in ([\d.]+) s \(parse", r[2]) for r in runs) if m]
    if loads:
        load = min(loads)
        print("  load alone          %.3f s (best of %d runs): %.1fx against the fastest Python"
              % (load, len(loads), best / load))
    print("  peak RSS target     400 MB: %s" % ("met" if rss / 1024 < 400 else "MISSED"))
    bench_diff(a, path, n, secs, rss)
    bench_report(a, path, secs)
    bench_index(a.memscope, path)
    bench_random(a, d)


def pick_object(memscope, path, retainers):
    """(id, rows): of the retainers, the object whose `show` lists the
    fewest references and referrers: a one-object question, not a
    million-row printout (show lists every referrer). The rows are counted
    from a file a chunk at a time: a child forked from a big process
    inherits its peak RSS, which would then show in every later figure."""
    best = None
    for r in retainers:
        with tempfile.TemporaryFile() as out:
            subprocess.run([memscope, "show", "-q", "-f", "tsv", path, str(r["id"])],
                           stdout=out, check=True)
            out.seek(0)
            rows = sum(chunk.count(b"\n") for chunk in iter(lambda: out.read(1 << 16), b""))
        if best is None or rows < best[1]:
            best = (str(r["id"]), rows - 2)
    return best


def bench_index(memscope, path, parse_runs=3):
    """The index file: writing it, its size, and each command opened from
    it (best of 3) beside the same command parsing (best of parse_runs;
    none on 100M objects, where each parse takes most of a minute)."""
    index = path + ".msi"
    if os.path.exists(index):
        os.remove(index)
    secs, rss, _ = timed([memscope, "index", "-q", path])
    mb = os.path.getsize(index) / 1e6
    print("memscope index        %.3f s, %.0f MB peak; the index %.0f MB (%.2fx the dump)"
          % (secs, rss / 1024, mb, mb / (os.path.getsize(path) / 1e6)))
    # The page cache as a read leaves it, not as the write did: on kernels
    # whose ext4 caches a written file in large folios (6.18 here), every
    # page a command touches would count the whole folio in its RSS.
    os.sync()
    fd = os.open(index, os.O_RDONLY)
    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    os.close(fd)
    out = subprocess.run([memscope, "analyze", "-q", "-f", "json", path], stdout=subprocess.PIPE,
                         check=True).stdout
    obj, rows = pick_object(memscope, path, json.loads(out)["top_retainers"])
    print("  OBJ = %s, of the largest retainers the one with the fewest references and "
          "referrers (%d)" % (obj, rows))
    for name, args in (("analyze", ["analyze", "-q", path]), ("show OBJ", ["show", "-q", path, obj]),
                       ("path OBJ", ["path", "-q", path, obj]),
                       ("graph --backrefs", ["graph", "-q", "--backrefs", obj, "-T", "dot", path])):
        opened = min(timed([memscope] + args) for _ in range(3))
        line = "  %-19s %.3f s, %.0f MB peak from the index" % (name, opened[0],
                                                               opened[1] / 1024)
        if parse_runs:
            parsed = min(timed([memscope] + args[:1] + ["--no-index"] + args[1:])
                         for _ in range(parse_runs))
            line += "; %.3f s, %.0f MB parsing" % (parsed[0], parsed[1] / 1024)
        print(line)
    os.remove(index)


def generate(a, path, args):
    """Writes gendump's dump with args to path once (kept between runs)."""
    if not os.path.exists(path):
        print("bench: generating %s..." % path, flush=True)
        subprocess.run([a.gendump] + args + ["-o", path + ".tmp"], check=True)
        os.rename(path + ".tmp", path)


def python_json(path):
    """Seconds for the machine's fastest Python 3 to json.loads every line."""
    best = None
    for exe in dict.fromkeys(os.path.realpath(p) for p in (sys.executable, "/usr/bin/python3")):
        if os.path.exists(exe):
            py = subprocess.run([exe, "-c", PY_JSON, path], stdout=subprocess.PIPE, check=True)
            best = float(py.stdout) if best is None else min(best, float(py.stdout))
    return best


def bench_random(a, d):
    """memscope analyze on 2M objects with 2.7 references each to uniformly
    random targets, against Python's json.loads on the same file."""
    n = 2_000_000
    path = os.path.join(d, "random-2.7-%d.jsonl" % n)
    generate(a, path, ["-n", str(n), "-s", "1", "--shape", "random", "--degree", "2.7"])
    cmd = [a.memscope, "analyze", "--no-index", "-q", "-v", path]
    timed(cmd)
    runs = [timed(cmd) for _ in range(3)]
    secs, rss, err = min(runs)
    ph = re.search(r"analyses in ([\d.]+) s \(roots [\d.]+ s; dominators ([\d.]+) s and "
                   r"cycles ([\d.]+) s", err)
    load = re.search(r"references in ([\d.]+) s", err)
    print("bench: timing json.loads per line on the random heap (one run)...", flush=True)
    py = python_json(path)
    print("memscope analyze      %.3f s on the random heap (2M objects, 2.7 random references "
          "each; best of 3), %.0f MB peak: load %s s, dominators %s s | cycles %s s" % (
              secs, rss / 1024, load.group(1) if load else "?",
              ph.group(2) if ph else "?", ph.group(3) if ph else "?"))
    print("python json.loads     %.3f s: memscope is %.1fx faster (target 8x)"
          % (py, py / secs))


def bench_report(a, path, secs):
    """memscope report on the same dump: seconds against analyze's, and the
    page's size (targets: at most 1.5x analyze, under 5 MB)."""
    page = path.replace(".jsonl", "-report.html")
    cmd = [a.memscope, "report", "--no-index", "-q", "-o", page, path]
    timed(cmd)
    rsecs, rrss, _ = min(timed(cmd) for _ in range(3))
    size = os.path.getsize(page)
    os.unlink(page)
    print("memscope report       %.3f s, %.0f MB peak (best of 3): %.2fx analyze (target at "
          "most 1.5x); the page is %.2f MB (target under 5 MB)" % (
              rsecs, rrss / 1024, rsecs / secs, size / 1e6))


def bench_diff(a, path, n, secs, rss):
    """memscope diff of the dump and a second one of the same ids (another
    seed: other types and references), against the two analyze runs."""
    other = path.replace(".jsonl", "-seed2.jsonl")
    if not os.path.exists(other):
        print("bench: generating %s..." % other, flush=True)
        subprocess.run([a.gendump, "-n", str(n), "-s", "2", "-o", other + ".tmp"], check=True)
        os.rename(other + ".tmp", other)
    s2, rss2, _ = min(timed([a.memscope, "analyze", "--no-index", "-q", other]) for _ in range(3))
    cmd = [a.memscope, "diff", "--no-index", "-q", path, other]
    timed(cmd)
    dsecs, drss, _ = min(timed(cmd) for _ in range(3))
    print("memscope diff         %.3f s, %.0f MB peak (best of 3): %.2fx the two analyze runs "
          "(%.3f + %.3f s; target at most 1.2x), peak %.2fx their peaks added (%.0f + %.0f MB; "
          "target at most 1x)" % (dsecs, drss / 1024, dsecs / (secs + s2), secs, s2,
                                  drss / (rss + rss2), rss / 1024, rss2 / 1024))


if __name__ == "__main__":
    main()
