"""memscope_dump.py — dump a live CPython heap for memscope (stdlib only, 3.8+).

    import memscope_dump
    memscope_dump.dump("heap.jsonl")                 # now
    memscope_dump.install_signal_handler("heap-{n}.jsonl", signal.SIGUSR2)

    python3 memscope_dump.py -o heap.jsonl [--signal USR2] [--atomic] script.py args...

Writes memscope's native JSON Lines (memscope-format(5)): a header with
meta (runtime, version, pid, time), then one record per object: id, type
(module-qualified for classes), size (sys.getsizeof), rc (the exact
reference count), gc (tracked by the cycle collector), refs with names
(dict keys, indices, attribute names, __dict__, __class__, cell contents),
a short value or name, len, and "finalizer": 1 for objects whose
collection runs code (__del__, unfinished generators and coroutines).
When tracemalloc is tracing, each record's "site" names its allocation
stack in the header's "stacks" (frames "FILE:LINE", each stack written
once; the header is then written after the walk).

The walk follows ../shared/PYTHON_DUMPS.md: the collector is disabled for
the whole dump; gc.get_objects() is taken before any dumper state exists;
untracked objects are reached through gc.get_referents(); the running
threads' frames are added; reference counts are read while nothing of the
dumper holds the object (caches are keyed by id()), so that memscope can
apply CPython's own root rule and predict gc.collect() exactly.
"""
import gc
import os
import sys
import time
import types

try:
    from _json import encode_basestring_ascii as _quote
except ImportError:  # pragma: no cover
    from json.encoder import encode_basestring_ascii as _quote

__all__ = ["dump", "install_signal_handler", "main"]
FORMAT_VERSION = 1
_THIS_FILE = os.path.normcase(os.path.abspath(__file__))
if _THIS_FILE.endswith((".pyc", ".pyo")):
    _THIS_FILE = _THIS_FILE[:-1]
_VALUE_MAX = 60
_FINALIZING_TYPES = (types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType)
_SIMPLE_KEYS = (str, int, float, bool, bytes, type(None))
_LEN_TYPES = (dict, list, tuple, set, frozenset, str, bytes, bytearray)


def _own_frame(f):
    return os.path.normcase(os.path.abspath(f.f_code.co_filename)) == _THIS_FILE


def _thread_frames():
    """Every running thread's frames, innermost first, without the dumper's."""
    out = []
    for top in list(sys._current_frames().values()):
        f = top
        while f is not None:
            if not _own_frame(f):
                out.append(f)
            f = f.f_back
    # This frame is among the tops: a local left pointing at it would make
    # a reference cycle, garbage that gc.collect() finds after the dump.
    top = f = None
    return out


def _key_name(k):
    t = type(k)
    if t is str:
        return repr(k if len(k) <= 40 else k[:40] + "...")
    if t in _SIMPLE_KEYS and (t is not int or -(1 << 64) < k < (1 << 64)):
        r = repr(k)
        return r if len(r) <= 40 else r[:40] + "..."
    return "<%s key>" % t.__name__


def _attr_names(o, names):
    """Names of well-known attributes of builtin objects: {id(value): name}."""
    for a in names:
        try:
            v = getattr(o, a)
        except Exception:
            continue
        if v is not None:
            yield id(v), a


# Only getters that read a field: __dict__ and __annotations__ of functions
# would create (or convert) objects and change the heap being dumped.
_FUNC_ATTRS = ("__code__", "__globals__", "__closure__", "__defaults__", "__kwdefaults__",
               "__module__", "__name__", "__qualname__", "__doc__", "__builtins__")
_TYPE_ATTRS = ("__mro__", "__bases__", "__base__", "__name__", "__qualname__",
               "__module__", "__doc__")
_FRAME_ATTRS = ("f_back", "f_code", "f_globals", "f_builtins")
_GEN_ATTRS = ("gi_frame", "gi_code", "cr_frame", "cr_code", "ag_frame", "ag_code",
              "__name__", "__qualname__")


class _Walker:
    """State of one dump. Holds no dumped object except untracked ones
    whose reference count was already read (pending)."""

    def __init__(self, attr_names):
        self.tname = {}      # id(type) -> type name
        self.final = {}      # id(type) -> has __del__
        self.dictslot = {}   # id(type) -> instances may have a __dict__
        self.seen = set()    # ids of untracked objects met
        self.pending = []    # (untracked object, its rc), to write
        self.attr_names = attr_names
        # Allocation sites, when tracemalloc is tracing: the stacks met, as
        # a tree ([frame, caller] with frame "FILE:LINE"), written in the
        # header; site_of maps a traceback to its stack.
        self.tracing = _tracing()
        self.stacks = []
        self.stack_ix = {}   # (frame, caller) -> stack
        self.site_of = {}    # traceback tuple -> stack

    def site(self, o):
        """', "site": N' for o's allocation stack, or ''."""
        tb = _traceback(o)
        if not tb:
            return ""
        s = self.site_of.get(tb)
        if s is None:
            s = None  # the outermost frame has no caller
            for filename, lineno in reversed(tb):  # tb is innermost first
                key = ("%s:%d" % (filename, lineno), s)
                t = self.stack_ix.get(key)
                if t is None:
                    t = self.stack_ix[key] = len(self.stacks)
                    self.stacks.append(key)
                s = t
            self.site_of[tb] = s
        return ', "site": %d' % s

    def type_name(self, t):
        k = id(t)
        n = self.tname.get(k)
        if n is None:
            try:
                mod = t.__module__
                qual = t.__qualname__
            except Exception:
                mod, qual = None, getattr(t, "__name__", "?")
            if not isinstance(qual, str):
                qual = "?"
            n = qual if mod in (None, "builtins") or not isinstance(mod, str) else mod + "." + qual
            self.tname[k] = n
            try:
                self.final[k] = any("__del__" in c.__dict__ for c in t.__mro__)
            except Exception:
                self.final[k] = False
            self.dictslot[k] = bool(getattr(t, "__dictoffset__", 0)) and \
                bool(t.__flags__ & (1 << 9))
        return n

    def names(self, o, t, refs):
        """Names parallel to refs, or None."""
        if t is dict:
            m = {}
            try:
                for k, v in o.items():
                    m[id(v)] = _key_name(k)
                    if id(k) not in m:
                        m[id(k)] = "<key>"
            except Exception:
                return None
            return [m.get(id(r)) for r in refs]
        if t is list or t is tuple:
            if len(refs) == len(o):
                return ["[%d]" % i for i in range(len(refs))]
            return None
        if t is types.ModuleType:
            return ["__dict__" if type(r) is dict else None for r in refs]
        if t is types.CellType:
            return ["cell_contents" for _ in refs]
        if t is types.FunctionType:
            m = dict(_attr_names(o, _FUNC_ATTRS))
            return [m.get(id(r), "__dict__" if type(r) is dict else None) for r in refs]
        if t is types.MethodType:
            m = {id(o.__func__): "__func__", id(o.__self__): "__self__"}
            return [m.get(id(r)) for r in refs]
        if t is types.FrameType:
            m = dict(_attr_names(o, _FRAME_ATTRS))
            return [m.get(id(r)) for r in refs]
        if t in _FINALIZING_TYPES:
            m = dict(_attr_names(o, _GEN_ATTRS))
            return [m.get(id(r)) for r in refs]
        if isinstance(o, type):
            m = dict(_attr_names(o, _TYPE_ATTRS))
            return [m.get(id(r), "__dict__" if type(r) is dict else None) for r in refs]
        if self.dictslot.get(id(t)):
            attrs = None
            if self.attr_names:
                # Dicts are materialized already; on 3.13 the object still
                # references its values inline: name them from its dict.
                try:
                    d = object.__getattribute__(o, "__dict__")
                    attrs = {id(v): k for k, v in d.items() if type(k) is str}
                    del d
                except Exception:
                    attrs = None
            out = []
            for r in refs:
                if r is t:
                    out.append("__class__")
                elif type(r) is dict:
                    out.append("__dict__")
                elif attrs and id(r) in attrs:
                    out.append(attrs[id(r)])
                else:
                    out.append(None)
            return out
        return ["__class__" if r is t else None for r in refs]

    def record(self, o, rc, tracked):
        """One JSON line for o (rc already read), queueing untracked
        referents seen for the first time."""
        t = type(o)
        site = self.site(o) if self.tracing else ""
        if t is str:  # the most common objects: no references
            return '{"id": %d, "type": "str", "size": %d, "rc": %d, "gc": %d, "value": %s, ' \
                '"len": %d%s}\n' % (id(o), sys.getsizeof(o), rc, tracked,
                                    _quote(o if len(o) <= _VALUE_MAX else o[:_VALUE_MAX]),
                                    len(o), site)
        if t is float or (t is int and -(1 << 200) < o < (1 << 200)):
            return '{"id": %d, "type": "%s", "size": %d, "rc": %d, "gc": %d, "value": "%r"%s}\n' \
                % (id(o), t.__name__, sys.getsizeof(o), rc, tracked, o, site)
        tn = self.tname.get(id(t))
        if tn is None:
            tn = self.type_name(t)
        try:
            size = sys.getsizeof(o)
        except Exception:
            size = object.__sizeof__(o)
        parts = ['{"id": %d, "type": %s, "size": %d, "rc": %d, "gc": %d' % (
            id(o), _quote(tn), size, rc, tracked)]
        refs = gc.get_referents(o)
        nkeys = 0
        if t is dict and o and len(refs) == len(o):
            # A dict whose keys are all str traverses only its values, yet
            # its keys die with it: add them as references (they are
            # untracked, so the root rule is unchanged).
            keys = [k for k in o if type(k) is str]
            nkeys = len(keys)
            refs.extend(keys)
            del keys
        if refs:
            # Untracked referents met for the first time: their count now,
            # less what refs and this loop hold.
            seen = self.seen
            new = None
            for r in refs:
                k = id(r)
                if k not in seen:
                    if new is None:
                        new = {}
                    new[k] = new.get(k, 0) + 1
            if new:
                getrefcount = sys.getrefcount
                for r in refs:
                    k = id(r)
                    if k in new and k not in seen:
                        seen.add(k)
                        # refs holds it new[k] times, r and the argument once.
                        rc = getrefcount(r) - new[k] - 2
                        self.pending.append((r, rc))
            parts.append(', "refs": [%s]' % ", ".join([str(id(r)) for r in refs]))
            if nkeys:
                names = self.names(o, t, refs[:-nkeys])
                if names is not None:
                    names.extend(["<key>"] * nkeys)
            else:
                names = self.names(o, t, refs)
            if names and any(names):
                parts.append(', "names": [%s]' % ", ".join(
                    ["null" if n is None else _quote(n) for n in names]))
        label = self.label(o, t)
        if label:
            parts.append(label)
        if t in _LEN_TYPES:
            parts.append(', "len": %d' % len(o))
        if self.final.get(id(t)) or (t in _FINALIZING_TYPES and self.running(o)):
            parts.append(', "finalizer": 1')
        if site:
            parts.append(site)
        parts.append("}\n")
        return "".join(parts)

    @staticmethod
    def running(g):
        """An unfinished generator or coroutine: collecting it runs its
        finally blocks."""
        frame = getattr(g, "gi_frame", None) or getattr(g, "cr_frame", None) or \
            getattr(g, "ag_frame", None)
        return frame is not None

    @staticmethod
    def label(o, t):
        """The value or name of o. str, float and most ints never get here
        (record's fast path); huge ints get none."""
        if t is bool or t is complex:
            return ', "value": ' + _quote(repr(o))
        if t is bytes or t is bytearray:
            return ', "value": ' + _quote(repr(o[:_VALUE_MAX]))
        if t is types.ModuleType:
            n = o.__dict__.get("__name__")
            return ', "name": ' + _quote(n) if isinstance(n, str) else None
        if t is types.FunctionType or isinstance(o, type):
            try:
                n = o.__qualname__
            except Exception:
                return None
            return ', "name": ' + _quote(n) if isinstance(n, str) else None
        if t is types.CodeType:
            return ', "name": ' + _quote(o.co_name)
        return None


def _tracing():
    """Whether tracemalloc is tracing (through the C module, so that tracing
    started by PYTHONTRACEMALLOC needs no import of tracemalloc)."""
    try:
        import _tracemalloc
    except ImportError:  # pragma: no cover
        return False
    return _tracemalloc.is_tracing()


_GET_TB_311 = []


def _traceback(o):
    """o's allocation traceback as ((filename, lineno), ...), innermost first,
    or None. CPython 3.11 misses instances whose class has a managed dict:
    their block starts 32 bytes before the object (../shared/PYTHON_DUMPS.md),
    which the C function behind tracemalloc can be asked for directly."""
    import _tracemalloc
    tb = _tracemalloc._get_object_traceback(o)
    if tb is None and sys.version_info[:2] == (3, 11) and type(o).__flags__ & (1 << 4):
        if not _GET_TB_311:
            import ctypes
            f = ctypes.pythonapi._PyTraceMalloc_GetTraceback
            f.restype = ctypes.py_object
            f.argtypes = [ctypes.c_uint, ctypes.c_size_t]
            _GET_TB_311.append(f)
        tb = _GET_TB_311[0](0, id(o) - 32)
    return tuple(tb) if tb else None


def _materialize_dicts():
    """--attr-names: on 3.11+ instance attributes may live inline, without a
    __dict__; touching __dict__ creates the dict, so that attribute names
    appear as dict keys. Done before the snapshot."""
    for o in gc.get_objects():
        t = type(o)
        if t.__flags__ & (1 << 9) and getattr(t, "__dictoffset__", 0):
            try:
                object.__getattribute__(o, "__dict__")
            except Exception:
                pass


_dump_seq = [0]


def _header(stacks=None):
    """The header line; with stacks, the allocation stacks met."""
    _dump_seq[0] += 1
    meta = {
        "runtime": sys.implementation.name if sys.implementation.name != "cpython" else "CPython",
        "version": "%d.%d.%d" % sys.version_info[:3],
        "pid": os.getpid(),
        "seq": _dump_seq[0],
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "generator": "memscope_dump.py",
    }
    extra = ""
    if stacks is not None:
        extra = ', "stacks": [%s]' % ", ".join(
            "[%s, %s]" % (_quote(f), "null" if c is None else c) for f, c in stacks)
    return '{"memscope": %d, "meta": {%s}%s}\n' % (FORMAT_VERSION, ", ".join(
        "%s: %s" % (_quote(k), _quote(v) if isinstance(v, str) else v) for k, v in meta.items()),
        extra)


def _snapshot(attr_names):
    """gc.get_objects() in a box, taken before any dumper state exists (the
    caller has disabled the collector); _walk takes it out of the box so
    that nothing else holds the list."""
    if attr_names:
        _materialize_dicts()
    return [gc.get_objects()]


def _walk(box, out, attr_names, walker=None):
    """Writes the objects of the snapshot box to out; returns the count.
    The header comes first, unless the walker records allocation sites:
    then the caller writes it after, from walker.stacks."""
    objs = box.pop()
    # The snapshot comes first: nothing of the dumper is in it but its own
    # running frames, which are dropped.
    objs = [o for o in objs if not (type(o) is types.FrameType and _own_frame(o))]
    frames = _thread_frames()
    ids = set(map(id, objs))
    objs.extend([f for f in frames if id(f) not in ids])
    del frames, ids
    w = walker or _Walker(attr_names)
    w.seen.update(map(id, objs))
    if not w.tracing:
        out(_header())
    getrefcount = sys.getrefcount
    record = w.record
    buf = []
    n = 0
    o = None
    for o in objs:
        # objs, o and getrefcount's argument hold it: rc is the count less 3.
        # (Read before the call: pushing o as an argument holds it too.)
        rc = getrefcount(o) - 3
        buf.append(record(o, rc, 1))
        n += 1
        if len(buf) >= 4096:
            out("".join(buf))
            buf.clear()
    del o
    objs.clear()
    pending = w.pending
    i = 0
    while i < len(pending):
        u, rc = pending[i]
        pending[i] = None
        buf.append(record(u, rc, 1 if gc.is_tracked(u) else 0))  # rc read when met
        del u
        i += 1
        n += 1
        if len(buf) >= 4096:
            out("".join(buf))
            buf.clear()
    out("".join(buf))
    return n


def dump(path, atomic=False, attr_names=False):
    """Writes the heap of this process to path (JSON Lines), through a
    temporary file renamed at the end. atomic: hold other threads off for
    the whole walk (the switch interval is raised and the output kept in
    memory until the walk ends), for programs whose threads keep changing
    the heap. attr_names: materialize instance dicts first (3.11+) so that
    attribute names label the references. Returns the object count."""
    enabled = gc.isenabled()
    gc.disable()
    box = _snapshot(attr_names)
    path = os.fspath(path)
    tmp = "%s.tmp%d" % (path, os.getpid())
    walker = _Walker(attr_names)
    # With allocation sites, the header (which lists the stacks) is known
    # only at the end: the records go to a second file first.
    body = tmp + ".body" if walker.tracing else None
    interval = sys.getswitchinterval()
    try:
        with open(body or tmp, "w", encoding="ascii", buffering=1 << 20) as f:
            if atomic:
                chunks = []
                sys.setswitchinterval(1000.0)
                try:
                    n = _walk(box, chunks.append, attr_names, walker)
                finally:
                    sys.setswitchinterval(interval)
                for c in chunks:
                    f.write(c)
                del chunks
            else:
                n = _walk(box, f.write, attr_names, walker)
        if body:
            with open(tmp, "w", encoding="ascii", buffering=1 << 20) as f, \
                    open(body, "r", encoding="ascii") as b:
                f.write(_header(walker.stacks))
                while True:
                    block = b.read(1 << 20)
                    if not block:
                        break
                    f.write(block)
            os.unlink(body)
        os.replace(tmp, path)
    except BaseException:
        for t in (tmp, body):
            try:
                if t:
                    os.unlink(t)
            except OSError:
                pass
        raise
    finally:
        if enabled:
            gc.enable()
    return n


_signal_count = [0]


def install_signal_handler(path_pattern, signum, atomic=True):
    """Dumps the heap each time signum arrives, to path_pattern formatted
    with {pid} and {n} (1, 2, ...: the dump's number)."""
    import signal

    def handler(signo, frame):
        _signal_count[0] += 1
        p = path_pattern.format(pid=os.getpid(), n=_signal_count[0])
        dump(p, atomic=atomic)
        sys.stderr.write("memscope_dump: wrote %s\n" % p)

    signal.signal(signum, handler)


_USAGE = """usage: python3 memscope_dump.py -o FILE [--signal SIG] [--atomic] [--attr-names] [--trace N] script.py [args...]

Runs script.py as __main__ (like python -m cProfile) and dumps the heap to
FILE when it ends; with --signal, also each time the signal arrives (FILE
may use {pid} and {n}). --atomic holds other threads off during the walk.
--attr-names materializes instance dicts first (3.11+) for attribute names.
--trace N starts tracemalloc with N frames before the script, so that the
dump records where each object was allocated (PYTHONTRACEMALLOC=N works
too); objects allocated before tracing started have no site.
"""


def main(argv=None):
    import signal
    argv = list(sys.argv[1:] if argv is None else argv)
    out, sig, atomic, attr_names, trace = None, None, False, False, 0
    while argv and argv[0].startswith("-"):
        a = argv.pop(0)
        if a in ("-h", "--help"):
            sys.stdout.write(_USAGE)
            return 0
        if a in ("-o", "--output") and argv:
            out = argv.pop(0)
        elif a == "--signal" and argv:
            s = argv.pop(0).upper()
            try:
                sig = int(s) if s.isdigit() else getattr(signal, s if s.startswith("SIG") else "SIG" + s)
            except AttributeError:
                sys.stderr.write("memscope_dump: unknown signal %r\n" % s)
                return 2
        elif a == "--atomic":
            atomic = True
        elif a == "--attr-names":
            attr_names = True
        elif a == "--trace" and argv:
            t = argv.pop(0)
            if not t.isdigit() or int(t) < 1:
                sys.stderr.write("memscope_dump: --trace: expected a number of frames, got %r\n" % t)
                return 2
            trace = int(t)
        elif a == "--":
            break
        else:
            sys.stderr.write(_USAGE)
            return 2
    if not out or not argv:
        sys.stderr.write(_USAGE)
        return 2
    script = argv[0]
    try:
        with open(script, "rb") as f:
            code = compile(f.read(), script, "exec")
    except (OSError, SyntaxError) as e:
        sys.stderr.write("memscope_dump: %s: %s\n" % (script, e))
        return 2
    sys.argv = argv
    sys.path[0] = os.path.dirname(os.path.abspath(script))
    mod = types.ModuleType("__main__")
    mod.__file__ = script
    mod.__builtins__ = __builtins__
    sys.modules["__main__"] = mod
    if sig is not None:
        install_signal_handler(out, sig, atomic=True)
    if trace:
        import tracemalloc
        tracemalloc.start(trace)
    status = 0
    try:
        exec(code, mod.__dict__)
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:
        import traceback
        traceback.print_exc()
        status = 1
    final = out.format(pid=os.getpid(), n=0) if sig is not None else out
    n = dump(final, atomic=atomic, attr_names=attr_names)
    sys.stderr.write("memscope_dump: wrote %s (%d objects)\n" % (final, n))
    return status


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import memscope_dump as _m
    sys.exit(_m.main())
