"""memscope_attach.py — `memscope_dump.py --pid PID`: dump the heap of a
running CPython process without restarting it (stdlib only).

This is the caller's side; the code that runs inside the target is
memscope_dump.py itself (_attached, _forget). How it gets there:

- Python 3.14+: sys.remote_exec (PEP 768), run by the target's own
  interpreter, since the two must be the same version.
- Python 3.8 to 3.13: gdb. Under gdb the target is stopped only while gdb
  maps one page (mmap), copies one line of Python into it and queues that
  line with Py_AddPendingCall(PyRun_SimpleString, page). gdb then detaches.
  CPython runs pending calls in the main thread at a bytecode boundary,
  holding the GIL, so the dump never starts in the middle of the
  interpreter's own C code, whatever thread gdb happened to stop. Neither
  call needs the GIL, and mmap takes no allocator lock, so the stop is safe
  wherever the threads were. When the dump is done, a second short attach
  unmaps the page. (pyrasite's way, PyGILState_Ensure then
  PyRun_SimpleString from the stopped thread, runs Python in whatever C
  the thread was in, and a call that waits for the GIL cannot be abandoned
  when it never comes; a pending call can: see cancel().)

The line runs ../memscope_dump.py's code from a private directory that the
caller makes beside FILE (the target must see it at the same path; a
target in another mount namespace does not, and is refused). The target
claims the job by creating DIR/claim, and reports in DIR/status. If it has
not claimed the job within --timeout seconds, the caller claims it first,
which cancels it: the queued line is overwritten with a comment, so that
when the main thread reaches a bytecode boundary at last, nothing runs.

Exit codes (EXIT below) are documented in memscope_dump.py --help.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# Exit codes of --pid.
EXIT = {
    "ok": 0,
    "failed": 1,        # the dump failed inside the target, or the target exited
    "usage": 2,
    "no_process": 3,
    "not_python": 4,
    "version": 5,       # a Python the dumper cannot serve (before 3.8)
    "ptrace": 6,        # ptrace refused
    "no_gdb": 7,
    "timeout": 8,       # no bytecode boundary within --timeout
    "namespace": 9,     # the target sees another file system (a container)
}
_PAGE = 4096


class AttachError(Exception):
    """A failure with its exit code (a key of EXIT) and one-line message."""

    def __init__(self, code, message):
        Exception.__init__(self, message)
        self.code = code


def python_version(pid):
    """(exe, (major, minor)) of process pid, from its executable's name or
    the libpython it maps. Raises AttachError: no_process, not_python,
    version."""
    try:
        exe = os.readlink("/proc/%d/exe" % pid)
        with open("/proc/%d/maps" % pid) as f:
            maps = f.read()
    except FileNotFoundError:
        raise AttachError("no_process", "no process %d" % pid)
    except PermissionError:
        raise AttachError("ptrace", "process %d: not allowed to read /proc/%d/exe: run as its "
                          "user or as root" % (pid, pid))
    if exe.endswith(" (deleted)"):
        exe = exe[:-len(" (deleted)")]
    m = re.search(r"python(\d)\.(\d+)[^/]*$", os.path.basename(exe)) or \
        re.search(r"/libpython(\d)\.(\d+)[^/\s]*\.so", maps)
    if not m:
        raise AttachError("not_python", "process %d is not a Python process (%s)" % (pid, exe))
    ver = (int(m.group(1)), int(m.group(2)))
    if ver < (3, 8):
        raise AttachError("version", "process %d runs Python %d.%d; the dumper needs CPython 3.8 "
                          "or newer" % ((pid,) + ver))
    return exe, ver


def same_view(pid, path):
    """Raises AttachError(namespace) unless process pid sees directory path
    as this process does (a container, a chroot or a private /tmp does not)."""
    try:
        mine = os.stat(path)
        theirs = os.stat("/proc/%d/root%s" % (pid, path))
    except PermissionError:
        raise AttachError("ptrace", "not allowed to look into process %d: %s" % (pid, ptrace_hint()))
    except OSError:
        theirs = None
    if theirs is None or (mine.st_dev, mine.st_ino) != (theirs.st_dev, theirs.st_ino):
        raise AttachError("namespace", "process %d does not see %s as this process does: it runs "
                          "in another mount namespace or root (a container?); run memscope_dump.py "
                          "inside it, or write to a directory it shares" % (pid, path))


def target_ids(pid):
    """(uid, gid) of process pid."""
    st = os.stat("/proc/%d" % pid)
    return st.st_uid, st.st_gid


def inject_line(d, dumper):
    """The one line of Python the target runs: it makes a module
    memscope_dump (outside sys.modules), records the modules already
    imported, and runs
    d/bootstrap.py (the dumper's code, then _attached(job)) in it. It
    catches everything: an exception escaping a pending call would be
    raised in the target's own code."""
    body = ("try:\n"
            " import sys\n"
            " m = type(sys)('memscope_dump')\n"
            " m.__file__ = %r\n"
            " m._before = frozenset(sys.modules)\n"
            " m._me = m\n"
            " with open(%r, 'rb') as f:\n"
            "  s = f.read()\n"
            " exec(compile(s, %r, 'exec'), m.__dict__)\n"
            "except BaseException:\n"
            " pass\n") % (dumper, os.path.join(d, "bootstrap.py"), dumper)
    # Compiled as the dumper's file, so that its frame is the dumper's own.
    return "exec(compile(%r, %r, 'exec'), {})\n" % (body, dumper)


def prepare(pid, out_dir, job):
    """Makes the private directory in out_dir, owned by the target's user,
    with bootstrap.py and inject.py; returns its path."""
    dumper = os.path.abspath(os.path.join(os.path.dirname(__file__), "memscope_dump.py"))
    d = tempfile.mkdtemp(prefix=".memscope-attach-", dir=out_dir)
    job = dict(job, dir=d)
    with open(dumper, encoding="utf-8") as f:
        src = f.read()
    with open(os.path.join(d, "bootstrap.py"), "w", encoding="utf-8") as f:
        f.write(src + "\n_attached(%r)\n" % (job,))
    with open(os.path.join(d, "inject.py"), "w", encoding="ascii") as f:
        f.write(inject_line(d, dumper))
    os.chmod(d, 0o755)
    uid, gid = target_ids(pid)
    if os.geteuid() == 0 and uid != 0:
        for p in (d, os.path.join(d, "bootstrap.py"), os.path.join(d, "inject.py")):
            os.chown(p, uid, gid)
        if not can_write_as(uid, gid, d):
            shutil.rmtree(d, ignore_errors=True)
            raise AttachError("failed", "process %d's user (uid %d) cannot write in %s: choose a "
                              "directory it can write" % (pid, uid, out_dir))
    return d


def can_write_as(uid, gid, d):
    """Whether user uid (with its groups) can reach and write directory d:
    the answer of a child that takes that identity."""
    import pwd
    child = os.fork()
    if child == 0:
        try:
            try:
                os.initgroups(pwd.getpwuid(uid).pw_name, gid)
            except KeyError:
                os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)
            ok = os.access(os.path.dirname(d), os.W_OK | os.X_OK) and os.access(d, os.W_OK | os.X_OK)
        except BaseException:
            ok = False
        os._exit(0 if ok else 1)
    return os.waitpid(child, 0)[1] == 0


def _gdb():
    """The gdb executable, or AttachError(no_gdb)."""
    g = shutil.which("gdb")
    if not g:
        raise AttachError("no_gdb", "gdb is needed to attach to Python before 3.14: "
                          "apt-get install gdb")
    return g


_GDB_QUIET = ["-nx", "-batch", "-iex", "set debuginfod enabled off", "-iex", "set auto-load off",
              "-iex", "set confirm off", "-iex", "set pagination off"]


def run_gdb(pid, exe, commands, timeout):
    """Runs gdb commands (a list of lines) attached to pid; returns gdb's
    output. The executable's symbols are read before attaching, which
    shortens the stop. Raises AttachError for ptrace refusals."""
    with tempfile.NamedTemporaryFile("w", suffix=".gdb", delete=False) as f:
        f.write("attach %d\n" % pid)
        f.write("\n".join(commands) + "\ndetach\n")
        script = f.name
    try:
        p = subprocess.run([_gdb()] + _GDB_QUIET + ["-x", script, exe],
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=timeout + 30)
    finally:
        os.unlink(script)
    out = p.stdout
    if "ptrace: Operation not permitted" in out or "Could not attach" in out:
        raise AttachError("ptrace", "ptrace refused to attach to %d: %s" % (pid, ptrace_hint()))
    if "ptrace: No such process" in out:
        raise AttachError("no_process", "no process %d" % pid)
    return out


def ptrace_hint():
    """Why ptrace may refuse, from this machine's settings."""
    try:
        with open("/proc/sys/kernel/yama/ptrace_scope") as f:
            scope = f.read().strip()
    except OSError:
        scope = None
    if scope and scope != "0":
        return ("kernel.yama.ptrace_scope is %s: run as root, or give gdb CAP_SYS_PTRACE, or "
                "sysctl kernel.yama.ptrace_scope=0" % scope)
    return "run as root or as the process's user (in a container: add CAP_SYS_PTRACE)"


def _marker(out, name):
    m = re.search(r"MS-%s=(-?\d+)" % name, out)
    return int(m.group(1)) if m else None


def inject_gdb(pid, exe, d, timeout):
    """Queues d/inject.py as a pending call; returns the page's address."""
    line = os.path.join(d, "inject.bin")
    with open(os.path.join(d, "inject.py"), "rb") as f:
        text = f.read()
    with open(line, "wb") as f:
        f.write(text + b"\0")
    size = (len(text) + 1 + _PAGE - 1) // _PAGE * _PAGE
    out = run_gdb(pid, exe, [
        "output (long)&Py_AddPendingCall",
        "output (long)&PyRun_SimpleString",
        "echo \\nMS-SYMS-OK=1\\n",
        "set $p = (char*)mmap(0, %d, 3, 0x22, -1, (long)0)" % size,
        "echo MS-PAGE=",
        "output (long)$p",
        "echo \\n",
        "if $p != (char*)-1",
        "  restore %s binary $p" % line,
        "  set $r = (int)Py_AddPendingCall((void*)PyRun_SimpleString, $p)",
        "  echo MS-ADDED=",
        "  output $r",
        "  echo \\n",
        "  if $r != 0",
        "    call (int)munmap($p, %d)" % size,
        "  end",
        "end",
    ], timeout)
    if _marker(out, "SYMS-OK") is None:
        if "No symbol" in out:
            raise AttachError("not_python", "process %d has no Py_AddPendingCall: not a CPython "
                              "process, or one without its symbols" % pid)
        raise AttachError("failed", "gdb could not attach to %d: %s" % (pid, _gdb_error(out)))
    page = _marker(out, "PAGE")
    if page is None or page == -1:
        raise AttachError("failed", "gdb could not map a page in %d: %s" % (pid, _gdb_error(out)))
    if _marker(out, "ADDED") != 0:
        raise AttachError("failed", "process %d refused the pending call (its queue is full, or it "
                          "is shutting down)" % pid)
    return page, size


def _gdb_error(out):
    lines = [ln for ln in out.splitlines() if ln and not ln.startswith(("MS-", "[", "Reading"))]
    return lines[-1] if lines else "no output"


def unmap_gdb(pid, exe, page, size, timeout):
    """Second short attach: unmaps the page once the dump is done."""
    run_gdb(pid, exe, ["call (int)munmap(%d, %d)" % (page, size)], timeout)


def inject_remote_exec(pid, exe, d, timeout):
    """Python 3.14+: sys.remote_exec, run by the target's own interpreter."""
    p = subprocess.run([exe, "-I", "-c", "import sys; sys.remote_exec(%d, %r)" %
                        (pid, os.path.join(d, "inject.py"))],
                       stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       timeout=timeout + 30)
    if p.returncode:
        err = (p.stderr.strip().splitlines() or ["exit %d" % p.returncode])[-1]
        if "Operation not permitted" in err or "PermissionError" in err:
            raise AttachError("ptrace", "sys.remote_exec refused for %d: %s" % (pid, ptrace_hint()))
        raise AttachError("failed", "sys.remote_exec(%d) failed: %s" % (pid, err))


def alive(pid):
    """Whether pid exists and is not a zombie."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def where(pid):
    """Where the main thread waits, from the kernel (for the timeout message)."""
    try:
        with open("/proc/%d/wchan" % pid) as f:
            w = f.read().strip()
    except OSError:
        w = ""
    return " (its main thread waits in the kernel: %s)" % w if w and w != "0" else ""


def wait_status(pid, d, timeout, cancel):
    """Waits for the target to claim the job (at most timeout seconds; then
    cancel() is tried) and for its status; returns the status dict."""
    claim, status = os.path.join(d, "claim"), os.path.join(d, "status")
    deadline = time.monotonic() + timeout
    while True:
        if os.path.exists(status):
            with open(status) as f:
                return json.load(f)
        if not alive(pid):
            raise AttachError("failed", "process %d exited before the dump was done" % pid)
        if not os.path.exists(claim) and time.monotonic() > deadline:
            if cancel():
                raise AttachError("timeout", "process %d reached no bytecode boundary in its main "
                                  "thread within %g s%s; nothing was done to it (raise --timeout)"
                                  % (pid, timeout, where(pid)))
        time.sleep(0.01)


def wait_result(child, d):
    """Waits for the forked child (--fork) to write d/result; returns it.
    The child is no child of this process: it is watched in /proc."""
    result = os.path.join(d, "result")
    while True:
        if os.path.exists(result):
            with open(result) as f:
                return json.load(f)
        if not alive(child) and not os.path.exists(result):
            raise AttachError("failed", "the dump's forked child %d exited without finishing it "
                              "(killed? out of memory?)" % child)
        time.sleep(0.01)


def claim_first(d):
    """The caller's claim: True when the target had not claimed the job."""
    try:
        os.close(os.open(os.path.join(d, "claim"), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        return True
    except FileExistsError:
        return False


def neutralize(pid, exe, page, timeout):
    """Turns the queued line into a comment: through /proc/PID/mem, or gdb."""
    try:
        fd = os.open("/proc/%d/mem" % pid, os.O_WRONLY)
        try:
            os.pwrite(fd, b"#", page)
            return
        finally:
            os.close(fd)
    except OSError:
        pass
    run_gdb(pid, exe, ["set {char}%d = 35" % page], timeout)


def attach(pid, out, atomic=False, trace=0, signum=None, timeout=60.0, log=sys.stderr,
           fork=False):
    """Dumps process pid's heap to out (or, with signum, installs the
    signal handler with out as the file pattern). fork: the dump is written
    by a child the process forks (the process goes on at once). Returns the
    status dict; raises AttachError."""
    exe, ver = python_version(pid)
    out = os.path.abspath(out)
    out_dir = os.path.dirname(out)
    same_view(pid, out_dir)
    if ver < (3, 14):
        _gdb()
    job = {"out": out, "atomic": bool(atomic), "trace": int(trace), "signal": signum,
           "fork": bool(fork)}
    d = prepare(pid, out_dir, job)
    page = None
    keep_dir = False
    try:
        if ver >= (3, 14):
            inject_remote_exec(pid, exe, d, timeout)
        else:
            page, size = inject_gdb(pid, exe, d, timeout)

        def cancel():
            nonlocal keep_dir
            if not claim_first(d):
                return False
            if page is not None:
                neutralize(pid, exe, page, timeout)
            else:
                # remote_exec reads the script when it runs: leave an empty one.
                with open(os.path.join(d, "inject.py"), "w"):
                    pass
                keep_dir = True
            return True

        status = wait_status(pid, d, timeout, cancel)
        if page is not None and alive(pid):
            unmap_gdb(pid, exe, page, size, timeout)
        if status.get("state") == "forked":
            status = dict(status, **wait_result(status["child"], d))
        return status
    finally:
        if not keep_dir:
            shutil.rmtree(d, ignore_errors=True)


def main(pid, out, atomic, trace, signum, timeout, quiet=False, fork=False):
    """--pid's command line: returns the exit code, messages on stderr
    (quiet: errors and notices only, no "wrote" line)."""
    try:
        st = attach(pid, out, atomic=atomic, trace=trace, signum=signum, timeout=timeout,
                    fork=fork)
    except AttachError as e:
        sys.stderr.write("memscope_dump: %s\n" % e)
        return EXIT[e.code]
    if st.get("state") == "error":
        sys.stderr.write("memscope_dump: process %d%s: %s\n" % (
            pid, ", forked child %d" % st["child"] if "child" in st else "", st.get("message")))
        return EXIT["failed"]
    if st.get("state") == "installed":
        if quiet:
            return EXIT["ok"]
        sys.stderr.write("memscope_dump: process %d dumps to %s on signal %d%s%s\n" % (
            pid, os.path.abspath(out), st["signal"], " from a forked child" if fork else "",
            " (replacing the earlier install)" if st.get("replaced") else ""))
        return EXIT["ok"]
    if not quiet:
        sys.stderr.write("memscope_dump: wrote %s (%d objects) from process %d in %s s%s\n" % (
            os.path.abspath(out), st["objects"], pid, st["seconds"],
            ", by its forked child %d (the process was held %s s)" % (st["child"], st["held"])
            if "child" in st else ""))
    if st.get("kept"):
        sys.stderr.write("memscope_dump: process %d keeps the modules %s imported: the interpreter "
                         "holds them, and dropping them would leave garbage\n" % (pid, st["kept"]))
    if st.get("trace"):
        sys.stderr.write("memscope_dump: tracemalloc now traces %d frames in process %d: objects "
                         "allocated from now on have sites in later dumps\n" % (st["trace"], pid))
    return EXIT["ok"]


def _stamp(path):
    """What tells a file replaced (os.replace) from the one before, or None."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_mtime_ns


def signal_dump(pid, signum, path, timeout):
    """Sends signum to process pid, whose handler (--signal-install) dumps
    to path, and waits for path to be replaced; returns the seconds it
    took. Raises AttachError: no_process, ptrace (kill refused), timeout
    (the dump did not start within timeout seconds: the main thread runs
    no bytecode), failed (the dump failed, or the process exited). The
    handler writes path.tmpPID (and .body under tracemalloc) first."""
    before = _stamp(path)
    tmp = "%s.tmp%d" % (path, pid)
    t0 = time.monotonic()
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        raise AttachError("no_process", "no process %d" % pid)
    except PermissionError:
        raise AttachError("ptrace", "not allowed to signal process %d: run as its user or as "
                          "root" % pid)
    started = False
    while True:
        # The temporary file first: once it is gone, path is already new.
        writing = os.path.exists(tmp) or os.path.exists(tmp + ".body")
        now = _stamp(path)
        if now is not None and now != before:
            return time.monotonic() - t0
        if writing:
            started = True
        elif started:
            raise AttachError("failed", "process %d: its dump to %s failed (its standard error "
                              "says why)" % (pid, path))
        if not alive(pid):
            raise AttachError("failed", "process %d exited before the dump was done" % pid)
        if not started and time.monotonic() - t0 > timeout:
            raise AttachError("timeout", "process %d started no dump within %g s of the signal: "
                              "its main thread reached no bytecode boundary%s (raise --timeout)"
                              % (pid, timeout, where(pid)))
        time.sleep(0.01)


def signal_main(pid, signum, path, timeout, quiet=False):
    """One dump of a --signal-install series: returns the exit code,
    messages on stderr."""
    try:
        took = signal_dump(pid, signum, path, timeout)
    except AttachError as e:
        sys.stderr.write("memscope_dump: %s\n" % e)
        return EXIT[e.code]
    if not quiet:
        sys.stderr.write("memscope_dump: process %d wrote %s on signal %d in %.3f s\n" % (
            pid, path, signum, took))
    return EXIT["ok"]
