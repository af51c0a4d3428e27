"""memscope_pytest.py — a pytest plugin that fails a test when every call of
it leaves something behind (stdlib only, 3.8+; pytest is imported by the
hooks, so the module imports without it).

    pytest -p memscope_pytest          # memscope_dump.py beside it

    @pytest.mark.memscope_leaks(limit="1M", warmups=2, runs=5)
    def test_handler(client): ...

For a marked test the plugin calls the test function `warmups` times,
collects (gc.collect()) and dumps the heap in process with
memscope_dump.dump (D1), then calls it `runs` more times, collecting and
dumping after each (D2 .. Dn, n = runs + 1), and runs

    memscope diff -q -f json --no-index --fail-over LIMIT [--baseline FILE] D1 .. Dn

Exit 0 passes the test. Exit 7 fails it with the growing collections and
leak clusters memscope did not find in the baseline, each with its path,
and keeps the dumps in a folder the message names; otherwise they are
deleted. No memscope, a bad marker, or any other exit is an error of the
test, not a failure. Fixture values are made once: every call gets the same
ones. memscope is $MEMSCOPE, else the one on PATH. The baseline is the
marker's baseline= (relative to the test file's folder), else
--memscope-baseline FILE, else the ini option memscope_baseline (relative
to the ini file's folder). docs/python.md, "pytest plugin", has the rest.
"""
import gc
import json
import os
import re
import shutil
import subprocess
import tempfile
import warnings

import memscope_dump

MARKER = "memscope_leaks"
# limit: 1K, above the few hundred bytes that a reused address can make
# look kept (docs/python.md), below what five calls keeping a small object
# each retain.
_DEFAULTS = {"limit": "1K", "warmups": 2, "runs": 5, "baseline": None}
# The most findings of each kind a failure message lists.
_SHOWN = 5


def pytest_addoption(parser):
    group = parser.getgroup("memscope", "memscope leak checks (memscope_leaks marker)")
    group.addoption("--memscope-baseline", metavar="FILE", default=None,
                    help="known findings for the memscope_leaks marker: memscope diff's "
                         "--baseline FILE (written by memscope diff --write-baseline)")
    parser.addini("memscope_baseline", default="",
                  help="the default of --memscope-baseline, relative to this file's folder")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "%s(limit='1K', warmups=2, runs=5, baseline=None): call the test warmups + runs "
        "times, dump the heap after the warm-ups and after each run, and fail when "
        "memscope diff --fail-over LIMIT finds what grew in every run" % MARKER)


def _fail(msg):
    """Raises pytest's outcome exception for msg, without a traceback: a
    failure in the call phase, an error in setup and teardown."""
    import pytest
    pytest.fail(msg, pytrace=False)


def _int_arg(kw, key, least):
    """The marker's integer argument key, at least least; fails otherwise."""
    v = kw[key]
    if isinstance(v, bool) or not isinstance(v, int) or v < least:
        _fail("%s: %s must be an integer >= %d, not %r" % (MARKER, key, least, v))
    return v


def _memscope():
    """The absolute path of the memscope to run: $MEMSCOPE (a path, or a
    name looked up on PATH), else memscope on PATH; fails when there is none."""
    env = os.environ.get("MEMSCOPE", "")
    if env:
        found = os.path.abspath(env) if os.sep in env else shutil.which(env)
        if not found or not os.path.isfile(found) or not os.access(found, os.X_OK):
            _fail("%s: MEMSCOPE=%s is not an executable file" % (MARKER, env))
        return found
    found = shutil.which("memscope")
    if not found:
        _fail("%s: memscope not found: set MEMSCOPE=/path/to/memscope or put it on PATH"
              % MARKER)
    return os.path.abspath(found)


def _baseline(item, marker_value):
    """The baseline file's path (absolute), or None: the marker's, else the
    command line's, else the ini file's; an empty string means none."""
    config = item.config
    if marker_value is not None:
        base = os.path.dirname(str(getattr(item, "path", None) or item.fspath))
        value = marker_value
    elif config.getoption("memscope_baseline"):
        inv = getattr(config, "invocation_params", None)
        base = str(inv.dir) if inv else os.getcwd()
        value = config.getoption("memscope_baseline")
    else:
        value = config.getini("memscope_baseline")
        ini = getattr(config, "inipath", None) or getattr(config, "inifile", None)
        base = os.path.dirname(str(ini)) if ini else str(config.rootdir)
    value = os.fspath(value)
    return os.path.join(base, value) if value else None


def _settings(item, marker):
    """The marker's settings: limit, warmups, runs, baseline and memscope."""
    kw = dict(_DEFAULTS)
    if len(marker.args) > 1:
        _fail("%s takes one positional argument (limit), not %d" % (MARKER, len(marker.args)))
    if marker.args:
        kw["limit"] = marker.args[0]
    unknown = sorted(set(marker.kwargs) - set(_DEFAULTS))
    if unknown:
        _fail("%s: unknown argument %s (limit, warmups, runs, baseline)"
              % (MARKER, ", ".join(unknown)))
    kw.update(marker.kwargs)
    limit = kw["limit"]
    if isinstance(limit, bool) or not isinstance(limit, (str, int)):
        _fail("%s: limit must be a size such as 512K, 1M or 4096, not %r" % (MARKER, limit))
    return {"limit": str(limit), "warmups": _int_arg(kw, "warmups", 0),
            "runs": _int_arg(kw, "runs", 2), "baseline": _baseline(item, kw["baseline"]),
            "memscope": _memscope()}


def pytest_runtest_setup(item):
    """Checks a marked test's settings before its fixtures are made: a bad
    marker or a missing memscope is an error of the test."""
    marker = item.get_closest_marker(MARKER)
    if marker is not None:
        item._memscope_settings = _settings(item, marker)


def _dump_folder(item):
    """A new folder for the test's dumps: in pytest's base temporary folder
    (where tmp_path's are, and kept as long), else in the system's."""
    prefix = "memscope-%s-" % re.sub(r"[^\w.-]", "_", item.name)[:40]
    base = None
    factory = getattr(item.config, "_tmp_path_factory", None)
    if factory is not None:
        try:
            base = str(factory.getbasetemp())
        except Exception:
            base = None
    return tempfile.mkdtemp(prefix=prefix, dir=base)


def _dump_path(folder, k):
    return os.path.join(folder, "heap-%d.jsonl" % k)


# warnings.filters while a dump runs: the walk reads attributes, and some
# warn (a deprecated module's); pytest would record each warning, one more
# list entry a dump. The list is made once, and the first dump's warnings
# are then in their modules' registries: later dumps make no new object
# (warnings.catch_warnings would make a list and a filter each time).
_QUIET = [("ignore", None, Warning, None, 0)]


def _collect_and_dump(folder, k):
    """gc.collect(), then dumps the heap to the folder's k-th file, with
    every warning ignored."""
    gc.collect()
    filters = warnings.filters
    warnings.filters = _QUIET
    try:
        memscope_dump.dump(_dump_path(folder, k))
    finally:
        warnings.filters = filters


def _series(item, s, folder):
    """Calls the test function warmups + runs times through the rest of
    pytest_pyfunc_call's implementations, collecting and dumping the heap
    after the warm-ups and after each run. Returns the number of dumps."""
    call = item.ihook.pytest_pyfunc_call
    item._memscope_inner = True
    try:
        for _ in range(s["warmups"]):
            call(pyfuncitem=item)
        # A first walk makes objects that later walks find made: the frame
        # objects of suspended generators (pytest's hook wrappers) exist
        # once read. Without this dump they would be new after D1 and kept
        # to the end: a leak cluster of frames in every test.
        _collect_and_dump(folder, 0)
        os.unlink(_dump_path(folder, 0))
        _collect_and_dump(folder, 1)
        for k in range(2, s["runs"] + 2):
            call(pyfuncitem=item)
            _collect_and_dump(folder, k)
    finally:
        item._memscope_inner = False
    return s["runs"] + 1


def pytest_pyfunc_call(pyfuncitem):
    """Runs a marked test as a series and checks it with memscope diff;
    returns None for other tests (and for the calls the series makes), so
    that pytest's own implementation calls them. pluggy calls the plugins
    registered last first: this one (-p, conftest or entry point) comes
    before pytest's own, with no hookimpl marker, which needs pytest at
    import time. The hook is firstresult: returning True ends it."""
    item = pyfuncitem
    s = getattr(item, "_memscope_settings", None)
    if s is None or getattr(item, "_memscope_inner", False):
        return None
    folder = _dump_folder(item)
    keep = False
    try:
        n = _series(item, s, folder)
        head = [s["memscope"], "diff", "-q", "-f", "json", "--no-index",
                "--fail-over", s["limit"]]
        if s["baseline"]:
            head += ["--baseline", s["baseline"]]
        r = subprocess.run(head + [_dump_path(folder, k) for k in range(1, n + 1)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True)
        if r.returncode == 0:
            return True
        keep = True
        report = None
        if r.returncode == 7:
            try:
                report = json.loads(r.stdout)
            except ValueError:
                report = None
        if report is None:
            msg = _error_message(head, n, r, folder)
            # An error, not a failure: raised at teardown, after the
            # fixtures' own finalizers have had their turn.
            item.addfinalizer(lambda: _fail(msg))
            return True
        _fail(failure_message(report, r.stderr, folder, s))
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    return True


def _error_message(head, n, r, folder):
    """The error for an exit of memscope diff that is neither 0 nor 7 (or
    7 without a JSON report): the command, its status and its stderr."""
    return "%s: %s heap-1.jsonl .. heap-%d.jsonl exited with status %d:\n%s\ndumps kept in %s" % (
        MARKER, " ".join(head), n, r.returncode,
        r.stderr.rstrip("\n") or "(nothing on stderr)", folder)


def fmt_bytes(v):
    """v bytes as memscope's tables write them: 812 B, 3.4 KiB, 1.2 MiB."""
    if v < 1024:
        return "%d B" % v
    x, u = v / 1024.0, 0
    units = ("KiB", "MiB", "GiB", "TiB", "PiB", "EiB")
    while x >= 1024.0 and u < 5:
        x /= 1024.0
        u += 1
    if x >= 1023.95 and u < 5:
        x /= 1024.0
        u += 1
    return "%.1f %s" % (x, units[u])


def fmt_path(path):
    """A retaining path as memscope's TSV writes it: type --edge--> type ..."""
    out = []
    for i, step in enumerate(path or []):
        if i:
            out.append("--%s-->" % (step.get("edge") if step.get("edge") is not None else "?"))
        out.append(str(step.get("type")))
    return " ".join(out)


def _more(items):
    return ["  ... and %d more" % (len(items) - _SHOWN)] if len(items) > _SHOWN else []


def failure_message(report, stderr, folder, s):
    """The failure message for memscope diff's JSON report (exit 7): its
    stderr reasons, then the growing collections and leak clusters that are
    not known, each with its path, then where the dumps are."""
    lines = ["memscope found growth in %d runs after %d warm-ups (--fail-over %s):"
             % (s["runs"], s["warmups"], s["limit"])]
    lines += ["  " + x for x in stderr.splitlines() if x.strip()]
    series = report.get("series") or {}
    cols = [c for c in series.get("collections") or [] if not c.get("known")]
    if cols:
        lines.append("growing collections:")
        for c in cols[:_SHOWN]:
            el = c.get("elements") or [0]
            lines.append("  %s %s: %d -> %d elements, retained +%s"
                         % (c.get("type"), c.get("name") or "(no name)", el[0], el[-1],
                            fmt_bytes(c.get("growth", 0))))
            lines.append("    " + fmt_path(c.get("path")))
        lines += _more(cols)
    leaks = [x for x in report.get("leaks") or [] if not x.get("known")]
    if leaks:
        lines.append("leak clusters:")
        for x in leaks[:_SHOWN]:
            lines.append("  %d %s retaining %s, name %s"
                         % (x.get("count", 0), x.get("type"), fmt_bytes(x.get("retained", 0)),
                            x.get("name") or "(no name)"))
            lines.append("    " + fmt_path(x.get("path")))
        lines += _more(leaks)
    base = report.get("baseline")
    if base:
        lines.append("known findings left out: %d (baseline %s)"
                     % (base.get("known", 0), base.get("source")))
    lines.append("dumps kept in %s (memscope diff %s)" % (folder, folder))
    return "\n".join(lines)
