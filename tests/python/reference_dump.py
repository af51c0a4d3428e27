"""reference_dump.py — the reference dumper the tests hold memscope_dump.py
to: the plain walk, one function call per object, whose output the fast
walk must equal byte for byte (tests/python/same_output.py). Not shipped;
apart from this paragraph its text is the dumper's with the plain walk.

memscope_dump.py — dump a live CPython heap for memscope (stdlib only, 3.8+).

    import memscope_dump
    memscope_dump.dump("heap.jsonl")                 # now
    memscope_dump.install_signal_handler("heap-{n}.jsonl", signal.SIGUSR2)

    python3 memscope_dump.py -o heap.jsonl [--signal USR2] [--atomic] script.py args...
    python3 memscope_dump.py --pid PID --every 600 --count 6 -o 'heap-{n}.jsonl'

Writes memscope's native JSON Lines (memscope-format(5)): a header with
meta (runtime, version, pid, time), then one record per object: id, type
(module-qualified for classes), size (sys.getsizeof), rc (the exact
reference count), gc (tracked by the cycle collector), refs with names
(dict keys, indices, attribute names (on 3.11+ also of attributes stored
inline, without making the __dict__), __dict__, __class__, cell contents,
slots and C fields such as a defaultdict's default_factory or an
lru_cache wrapper's cache), the str keys of dicts and dict subclasses
(which the collector does not traverse) as refs named <key>, a short
value or name, len, "bound" (a deque's maxlen, an lru_cache's maxsize),
and "finalizer": 1 for objects whose
collection runs code (__del__, unfinished generators and coroutines).
When tracemalloc is tracing, each record's "site" names its allocation
stack in the header's "stacks" (frames "FILE:LINE", each stack written
once; the header is then written after the walk).

The walk follows docs/python-dumps.md, "Walking the heap" and "Reference
counts and roots": the collector is disabled for the whole dump;
gc.get_objects() is taken before any dumper state exists; untracked objects
are reached through gc.get_referents(); the running threads' frames are
added; reference counts are read while nothing of the dumper holds the
object (caches are keyed by id()), so that memscope can apply CPython's own
root rule and predict gc.collect() exactly.
"""
import gc
import os
import sys
import time



def _py_quote(s):
    """s as an ASCII JSON string, like _json.encode_basestring_ascii."""
    if s.isascii() and s.isprintable() and '"' not in s and "\\" not in s:
        return '"' + s + '"'
    out = []
    for ch in s:
        o = ord(ch)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif 0x20 <= o < 0x7f:
            out.append(ch)
        elif o < 0x10000:
            out.append("\\u%04x" % o)
        else:
            o -= 0x10000
            out.append("\\u%04x\\u%04x" % (0xd800 | (o >> 10), 0xdc00 | (o & 0x3ff)))
    return '"' + "".join(out) + '"'


# Injected by --pid (the injected line sets _before) into a process that has
# not imported _json: import nothing that would have to stay (_json's types
# would be garbage once it is dropped).
_INJECTED = "_before" in globals()
if _INJECTED and "_json" not in sys.modules:
    _quote = _py_quote
else:
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


# The types the dumper names, made here as the types module makes them: the
# dumper defines no class and imports no pure-Python module, so that code
# injected into a running process (--pid) leaves no reference cycle behind.
def _gen():
    yield


async def _coro():
    pass


async def _agen():
    yield


_c = _coro()
_CoroutineType = type(_c)
_c.close()
_FunctionType = type(_gen)
_FINALIZING_TYPES = (type(_gen()), _CoroutineType, type(_agen()))
_ModuleType = type(sys)
_CellType = type((lambda x: lambda: x)(0).__closure__[0])
_MethodType = type(_gen.__get__(0))
_FrameType = type(sys._getframe())
_CodeType = type(_gen.__code__)
_State = type(sys.implementation)  # types.SimpleNamespace
_MemberType = type(_FunctionType.__globals__)  # types.MemberDescriptorType
del _c, _gen, _coro, _agen
_SIMPLE_KEYS = (str, int, float, bool, bytes, type(None))
_LEN_TYPES = (dict, list, tuple, set, frozenset, str, bytes, bytearray)


# ids of the objects that code injected by --pid brought (_attached fills
# it): left out of the dump like the dumper's own frames.
_hidden = set()


def _own_frame(f):
    return os.path.normcase(os.path.abspath(f.f_code.co_filename)) == _THIS_FILE or \
        id(f) in _hidden


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


# A running frame's locals: how each CPython holds them.
#   3.8-3.10  The frame object holds its locals, cells, f_back, f_code,
#             f_globals and f_builtins itself, and its traverse reports them
#             all (in that order): only names are missing. They follow from
#             the positions, unless an unbound local (a NULL slot, which the
#             traverse skips) makes them ambiguous; only then is f_locals
#             read, which stores a dict in the frame (reported by it too).
#   3.11+     The locals live in the thread's interpreter frame, which holds
#             the code, the function, f_locals (module and class bodies'
#             namespace; NULL for a function until f_locals is read) and
#             each local strongly, and borrows f_globals; the frame object's
#             traverse reports none of it, and f_back is computed, not
#             held. Each uncounted reference is written once from the frame
#             object (f_code, f_locals, the locals by name, their cells),
#             which the object's own rc (held by the interpreter frame)
#             balances for f_back; f_globals, borrowed, is weak. A
#             generator's frame is the generator's: its traverse reports
#             that frame's code and locals, and holds the frame object.
#   3.11-3.12 f_locals creates a dict the interpreter frame keeps, holding
#             each value once more: it is read before any reference count,
#             and written as the frame's f_locals with its references.
#   3.13+     f_locals of a function's frame is a proxy that holds nothing.
# Neither f_locals gives the cells of cell and free variables (only their
# contents): a cell is found as the only one in the snapshot holding that
# object; when several do, it is left out (it stays a root).
_CO_OPTIMIZED = 0x1
_CO_GEN = 0x20 | 0x80 | 0x200  # generator, coroutine, async generator
_LIVE_SPLIT = sys.version_info >= (3, 11)


def _prepare_frames(w, objs, frames):
    """Before any reference count is read: remembers which frames are
    running (w.live), reads f_locals where it must be (see above), and on
    3.11+ finds the cells that the running frames hold (w.cells)."""
    w.live = set(map(id, frames))
    wanted = {}
    for f in frames:
        code = f.f_code
        if not _LIVE_SPLIT:
            refs = gc.get_referents(f)
            if _old_frame_names(f, refs, False) is None:
                f.f_locals
            del refs
            continue
        if code.co_flags & _CO_GEN:
            continue
        m = f.f_locals  # 3.11-3.12: the dict is made here
        cells = code.co_cellvars + code.co_freevars
        if cells and code.co_flags & _CO_OPTIMIZED:
            for n in cells:
                try:
                    wanted.setdefault(id(m[n]), []).append((id(f), n))
                except KeyError:  # an empty cell
                    pass
        del m
    f = None
    if wanted:
        found = {}
        for i, o in enumerate(objs):
            if type(o) is _CellType:
                try:
                    k = id(o.cell_contents)
                except ValueError:
                    continue
                if k in wanted:
                    found.setdefault(k, []).append(i)
        o = None
        for k, where in wanted.items():
            if len(found.get(k, ())) == 1:
                for key in where:
                    w.cells[key] = found[k][0]


def _live_frame_refs(w, f, refs):
    """For a running frame f on 3.11+ (refs: what its traverse reported):
    the references it holds that refs lacks, their names, and its weak
    references."""
    code = f.f_code
    add, names = [], []
    b = f.f_back
    if b is not None and not _own_frame(b) and not b.f_code.co_flags & _CO_GEN and \
            not any(r is b for r in refs):
        add.append(b)
        names.append("f_back")
    b = None
    weak = [f.f_globals] if id(f.f_globals) in w.seen else []
    if code.co_flags & _CO_GEN:
        return add, names, weak
    add.append(code)
    names.append("f_code")
    m = f.f_locals
    if type(m) is dict:
        add.append(m)
        names.append("f_locals")
    if code.co_flags & _CO_OPTIMIZED:
        cells = code.co_cellvars + code.co_freevars
        for n in code.co_varnames:
            if n not in cells:
                try:
                    add.append(m[n])
                    names.append(n)
                except KeyError:  # unbound
                    pass
        for n in cells:
            i = w.cells.get((id(f), n))
            if i is not None and type(w.objs[i]) is _CellType:
                add.append(w.objs[i])
                names.append(n)
    del m
    return add, names, weak


def _old_frame_names(f, refs, read_locals=True):
    """Names parallel to refs, the traverse of running frame f on 3.8-3.10
    (see above), or None. Positions name the references unless a local is
    unbound; then f_locals (read already) names them by identity, or with
    read_locals False, None says that it is needed."""
    code = f.f_code
    names = []
    i = 0
    for n in ("f_back", "f_code", "f_builtins", "f_globals"):
        v = getattr(f, n)
        if v is None:
            continue
        if i >= len(refs) or refs[i] is not v:
            return None
        names.append(n)
        i += 1
    cells = code.co_cellvars + code.co_freevars
    end = len(refs) - len(cells)
    if end < i or any(type(r) is not _CellType for r in refs[end:]):
        return None
    mid = refs[i:end]
    lead = []
    tr = f.f_trace
    nl = code.co_nlocals
    # f_locals (a dict, when the frame has one) comes first, then f_trace.
    if tr is not None:
        if mid and mid[0] is tr:
            lead = ["f_trace"]
        elif len(mid) > 1 and mid[1] is tr and type(mid[0]) is dict:
            lead = ["f_locals", "f_trace"]
        else:
            return None
        exact = len(mid) - len(lead) == nl
    elif mid and type(mid[0]) is dict:
        # f_locals and every local, or a dict in the first local...
        exact = len(mid) == nl + 1
        if exact:
            lead = ["f_locals"]
    else:
        exact = len(mid) == nl
    if exact:
        names.extend(lead)
        names.extend(code.co_varnames[:nl])
    else:
        if not read_locals:
            return None
        d = f.f_locals  # a refresh: the dict is there
        if "f_locals" not in lead:
            if not mid or mid[0] is not d:
                return None
            lead.insert(0, "f_locals")
        byid = {}
        for n in code.co_varnames[:nl]:
            if n in d and n not in cells:
                byid.setdefault(id(d[n]), []).append(n)
        del d
        names.extend(lead)
        for r in mid[len(lead):]:
            ns = byid.get(id(r))
            names.append(ns.pop(0) if ns else None)
    names.extend(cells)
    return names


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


def _walker(attr_names):
    """The state of one dump. Holds no dumped object except untracked ones
    whose reference count was already read (pending)."""
    return _State(
        tname={},      # id(type) -> type name
        final={},      # id(type) -> has __del__
        dictslot={},   # id(type) -> instances may have a __dict__
        members={},    # id(type) -> its classes define member descriptors
        inline={},     # id(type) -> _inline_state (3.11+)
        seen=set(),    # ids of untracked objects met
        pending=[],    # (untracked object, its rc), to write
        attr_names=attr_names,
        live=set(),    # ids of the running threads' frames
        cells={},      # (id(frame), variable) -> index in objs of its cell
        objs=None,     # the snapshot, while it is walked
        # Allocation sites, when tracemalloc is tracing: the stacks met, as
        # a tree ([frame, caller] with frame "FILE:LINE"), written in the
        # header; site_of maps a traceback to its stack.
        tracing=_tracing(),
        stacks=[],
        stack_ix={},   # (frame, caller) -> stack
        site_of={})    # traceback tuple -> stack


def _site(w, o):
    """', "site": N' for o's allocation stack, or ''."""
    tb = _traceback(o)
    if not tb:
        return ""
    s = w.site_of.get(tb)
    if s is None:
        s = None  # the outermost frame has no caller
        for filename, lineno in reversed(tb):  # tb is innermost first
            key = ("%s:%d" % (filename, lineno), s)
            t = w.stack_ix.get(key)
            if t is None:
                t = w.stack_ix[key] = len(w.stacks)
                w.stacks.append(key)
            s = t
        w.site_of[tb] = s
    return ', "site": %d' % s


def _type_name(w, t):
    k = id(t)
    n = w.tname.get(k)
    if n is None:
        try:
            mod = t.__module__
            qual = t.__qualname__
        except Exception:
            mod, qual = None, getattr(t, "__name__", "?")
        if not isinstance(qual, str):
            qual = "?"
        n = qual if mod in (None, "builtins") or not isinstance(mod, str) else mod + "." + qual
        w.tname[k] = n
        try:
            w.final[k] = any("__del__" in c.__dict__ for c in t.__mro__)
        except Exception:
            w.final[k] = False
        w.dictslot[k] = bool(getattr(t, "__dictoffset__", 0)) and \
            bool(t.__flags__ & (1 << 9))
    return n


def _names(w, o, t, refs):
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
    if t is _ModuleType:
        return ["__dict__" if type(r) is dict else None for r in refs]
    if t is _CellType:
        return ["cell_contents" for _ in refs]
    if t is _FunctionType:
        m = dict(_attr_names(o, _FUNC_ATTRS))
        return [m.get(id(r), "__dict__" if type(r) is dict else None) for r in refs]
    if t is _MethodType:
        m = {id(o.__func__): "__func__", id(o.__self__): "__self__"}
        return [m.get(id(r)) for r in refs]
    if t is _FrameType:
        m = dict(_attr_names(o, _FRAME_ATTRS))
        return [m.get(id(r)) for r in refs]
    if t in _FINALIZING_TYPES:
        m = dict(_attr_names(o, _GEN_ATTRS))
        return [m.get(id(r)) for r in refs]
    # The checks are on t, not o: isinstance falls back to o.__class__,
    # which runs code (a proxy's) or raises (a dead weakref.proxy).
    if issubclass(t, type):
        m = dict(_attr_names(o, _TYPE_ATTRS))
        return [m.get(id(r), "__dict__" if type(r) is dict else None) for r in refs]
    if w.tname.get(id(t)) == "functools._lru_cache_wrapper":
        return _lru_names(t, refs)
    if w.dictslot.get(id(t)):
        attrs = None
        if w.attr_names:
            # Dicts are materialized already; on 3.13 the object still
            # references its values inline: name them from its dict.
            try:
                d = object.__getattribute__(o, "__dict__")
                attrs = {id(v): k for k, v in d.items() if type(k) is str}
                del d
            except Exception:
                attrs = None
        elif _INLINE and t.__flags__ & _MANAGED_DICT:
            s = w.inline.get(id(t))
            if s is None:
                try:
                    s = _inline_state(t)
                except Exception:
                    s = False
                w.inline[id(t)] = s
            if s:
                out = _inline_layout(s, o, t, refs)
                if out is not None:
                    return out
                attrs = _inline_names(s, o, t, refs)
                if attrs and all(r is t or id(r) in attrs for r in refs):
                    s[4][len(refs)] = tuple(s[5] if r is t else attrs[id(r)] for r in refs)
        out = []
        for r in refs:
            if r is t:
                out.append("__class__")
            elif attrs and id(r) in attrs:
                out.append(attrs[id(r)])  # before __dict__: a value may be a dict
            elif type(r) is dict:
                out.append("__dict__")
            else:
                out.append(None)
        return out
    return ["__class__" if r is t else None for r in refs]


# Instance attributes stored inline (3.11+). An instance of a class with a
# managed dict keeps its attributes in a values array and has no __dict__
# until something asks for one: its traverse reports the values themselves,
# unnamed, and materializing the dict to name them would change the heap (a
# new dict per instance). The names are found instead among the names the
# class's code uses (co_names of the functions, static and class methods
# and property accessors in the dicts along the MRO, with nested code and
# decorated functions held in closures, and annotated names), and each one
# is looked up on the instance with the generic lookup, which reads the
# values array and makes nothing. A name is a candidate only when the
# lookup cannot run code: no class along the MRO defines it as a
# descriptor (anything whose type has __get__: methods, properties, slots,
# __dict__ itself); a plain class attribute (a default the instance may
# shadow) is fine. getattr with a default takes the suppressing path of
# the generic lookup (no exception made) when the type's getattro is the
# generic one, i.e. no class but object defines __getattribute__ or
# __getattr__; otherwise object.__getattribute__ is called, which never
# reaches them. Per class: an instance whose references are laid out as
# those of an earlier one that were all named takes its names once each
# value is checked (one lookup per reference); otherwise the names that
# have matched before are tried first, and the lookups stop once every
# reference is named; the other candidates are tried only for references
# still unnamed, and no more for that class after _INLINE_TRIES such
# instances in a row gain nothing (attributes set by code outside the
# class, a materialized __dict__). The state holds copies of the names,
# never the strings of the heap, whose reference counts may not have been
# read yet, and no object of the heap (not even the builtin getattr).
_INLINE = sys.version_info >= (3, 11)
_MANAGED_DICT = 1 << 4  # Py_TPFLAGS_MANAGED_DICT, 3.11+
_INLINE_TRIES = 32
_MISS = object()


def _type_dict(c):
    """c.__dict__, read without looking it up on c's metaclass."""
    return type.__dict__["__dict__"].__get__(c, type)


def _type_mro(c):
    return type.__dict__["__mro__"].__get__(c, type)


def _code_names(v, out, depth=0):
    """Adds to out the names used by the code of v (a function, a static
    or class method, a property, or code), nested code and functions held
    in its closure (what a decorator wraps) included."""
    if depth > 4:
        return
    tv = type(v)
    if tv is _FunctionType:
        _code_names(v.__code__, out, depth + 1)
        for c in v.__closure__ or ():
            try:
                x = c.cell_contents
            except ValueError:
                continue
            if type(x) is _FunctionType:
                _code_names(x, out, depth + 1)
        x = None
    elif tv is _CodeType:
        out.update(n for n in v.co_names if type(n) is str)
        for c in v.co_consts:
            if type(c) is _CodeType:
                _code_names(c, out, depth + 1)
    elif tv is staticmethod or tv is classmethod:
        _code_names(v.__func__, out, depth + 1)
    elif issubclass(tv, property):
        for n in ("fget", "fset", "fdel"):
            _code_names(property.__dict__[n].__get__(v, property), out, depth + 1)


def _has_get(v):
    """Whether v's type defines __get__ (v is a descriptor)."""
    for c in _type_mro(type(v)):
        if "__get__" in _type_dict(c):
            return True
    return False


def _inline_state(t):
    """[names that matched, other candidates, whether getattr is safe,
    fruitless tries, layouts, "__class__"] for instances of t, or False when
    nothing can be named. A layout is the names of an instance's references all named,
    keyed by their count; its "__class__" (a copy) marks the type."""
    mro = _type_mro(t)
    dicts = [_type_dict(c) for c in mro]
    names = set()
    for c, d in zip(mro, dicts):
        if c is object:
            continue
        for v in d.values():
            _code_names(v, names)
        ann = d.get("__annotations__")
        if type(ann) is dict:
            names.update(k for k in ann if type(k) is str)
    generic = True
    for c, d in zip(mro, dicts):
        if c is not object and ("__getattribute__" in d or "__getattr__" in d):
            generic = False
    cands = []
    for n in sorted(names):
        for d in dicts:
            if n in d:
                if not _has_get(d[n]):
                    cands.append((n + ".")[:-1])
                break
        else:
            cands.append((n + ".")[:-1])
    del names, dicts, mro
    if not cands:
        return False
    return [[], cands, generic, 0, {}, ("__class__" + ".")[:-1]]


def _getattr_generic(o, n, miss):
    """o's attribute n by the generic lookup, or miss."""
    try:
        return object.__getattribute__(o, n)
    except AttributeError:
        return miss


def _inline_layout(s, o, t, refs):
    """The names of o's references when they are laid out as those of an
    earlier instance of t that were all named (each value checked), or
    None."""
    layout = s[4].get(len(refs))
    if layout is None:
        return None
    get = getattr if s[2] else _getattr_generic
    miss = _MISS
    cls = s[5]
    for n, r in zip(layout, refs):
        if n is cls:
            if r is not t:
                return None
        elif get(o, n, miss) is not r:
            return None
    return list(layout)


def _inline_names(s, o, t, refs):
    """{id(value): attribute name} for the references of o, an instance of
    t with a managed dict (see above), or None. s: t's _inline_state."""
    need = set(map(id, refs))
    need.discard(id(t))
    if not need:
        return None
    known, rest, generic, tries = s[:4]
    get = getattr if generic else _getattr_generic
    miss = _MISS
    m = {}
    left = len(need)
    for n in known:
        k = id(get(o, n, miss))
        if k in need and k not in m:
            m[k] = n
            left -= 1
            if not left:
                return m
    if not rest or tries >= _INLINE_TRIES:
        return m
    hits = []
    for n in rest:
        k = id(get(o, n, miss))
        if k in need:
            hits.append(n)
            if k not in m:
                m[k] = n
                left -= 1
                if not left:
                    break
    if hits:
        known.extend(hits)
        hit = set(hits)
        rest[:] = [n for n in rest if n not in hit]
        s[3] = 0
    else:
        s[3] = tries + 1
    return m


# The fields an lru_cache wrapper's traverse reports after the links of its
# list (each link's key, result and, 3.10+, type), in that order; its
# __dict__ comes last when it has one. The cache dict is a field of the C
# struct, not an attribute.
if sys.version_info >= (3, 10):
    _LRU_FIELDS = ("cache", "func", "kwd_mark", "lru_list_elem_type", "cache_info_type")
    _LRU_LINK = ("link.key", "link.result", "link.__class__")
else:
    _LRU_FIELDS = ("func", "cache", "cache_info_type")
    _LRU_LINK = ("link.key", "link.result")


def _lru_names(t, refs):
    """Names of the references of a functools._lru_cache_wrapper, by their
    position (3.10+ reports the wrapper's heap type first). Refs of another
    shape get only __class__ and __dict__ (the last one, an exact dict)."""
    first = 1 if refs and refs[0] is t else 0
    end = len(refs) - 1 if refs and type(refs[-1]) is dict else len(refs)
    links = end - len(_LRU_FIELDS) - first
    if links >= 0 and links % len(_LRU_LINK) == 0 and \
            type(refs[end - len(_LRU_FIELDS) + _LRU_FIELDS.index("cache")]) is dict:
        out = ["__class__"] * first
        out.extend(_LRU_LINK * (links // len(_LRU_LINK)))
        out.extend(_LRU_FIELDS)
    else:
        out = ["__class__" if r is t else None for r in refs[:end]]
    if end < len(refs):
        out.append("__dict__")
    return out


def _dict_part(o, refs):
    """For o, an instance of a dict subclass, and refs its referents:
    (own, start, keyed), where refs[start:] is what dict's own traverse
    reported, and keyed whether that includes the keys; refs[own:start] are
    the keys when the subclass's traverse reported them too (OrderedDict:
    each node of its linked list holds a reference of its own to its key),
    else own == start. None when refs do not end that way. The subclass's
    traverse runs first (its type, __dict__, slots, defaultdict's
    default_factory, OrderedDict's __dict__ and nodes' keys), then dict's:
    each value in table order (dict.items' order), followed by its key
    unless the keys are all str."""
    n = dict.__len__(o)
    keyed = False
    i = len(refs) - 2 * n
    if i >= 0:
        j = i
        for k, v in dict.items(o):
            if refs[j] is not v or refs[j + 1] is not k:
                break
            j += 2
        else:
            keyed = True
    if not keyed:
        i = len(refs) - n
        if i < 0:
            return None
        j = i
        for v in dict.values(o):
            if refs[j] is not v:
                return None
            j += 1
    own = i - n
    if own >= 0 and set(map(id, refs[own:i])) == set(map(id, dict.keys(o))):
        return own, i, keyed
    return i, i, keyed


def _member_names(w, o, t):
    """{id(value): name} for o's fields that its classes expose as member
    descriptors (defaultdict's default_factory, __slots__): read through the
    descriptor, which runs no Python code."""
    k = id(t)
    if w.members.get(k) is False:
        return {}
    m = {}
    found = False
    for c in t.__mro__:
        if c is dict or c is object:
            continue
        for name, d in c.__dict__.items():
            if type(d) is _MemberType:
                found = True
                try:
                    v = d.__get__(o, t)
                except Exception:  # an empty slot
                    continue
                if id(v) not in m:
                    m[id(v)] = name
    w.members[k] = found
    return m


def _dict_subclass_names(w, o, t, refs, part, nkeys):
    """Names parallel to refs for an instance of a dict subclass, laid out
    as _dict_part found (part), with nkeys keys appended by the caller."""
    own, start, keyed = part
    out = _names(w, o, t, refs[:own]) if own else []
    if not out:
        out = [None] * own
    members = _member_names(w, o, t)
    inst_dict = bool(getattr(t, "__dictoffset__", 0))
    for i in range(own):
        r = refs[i]
        n = members.get(id(r))
        if n is not None:
            out[i] = n
        elif out[i] is None and inst_dict and type(r) is dict:
            out[i] = "__dict__"
    out.extend(["<key>"] * (start - own))
    for k in dict.keys(o):
        out.append(_key_name(k))
        if keyed:
            out.append("<key>")
    out.extend(["<key>"] * nkeys)
    return out


def _record(w, o, rc, tracked):
    """One JSON line for o (rc already read), queueing untracked
    referents seen for the first time."""
    t = type(o)
    site = _site(w, o) if w.tracing else ""
    if t is str:  # the most common objects: no references
        return '{"id": %d, "type": "str", "size": %d, "rc": %d, "gc": %d, "value": %s, ' \
            '"len": %d%s}\n' % (id(o), sys.getsizeof(o), rc, tracked,
                                _quote(o if len(o) <= _VALUE_MAX else o[:_VALUE_MAX]),
                                len(o), site)
    if t is float or (t is int and -(1 << 200) < o < (1 << 200)):
        return '{"id": %d, "type": "%s", "size": %d, "rc": %d, "gc": %d, "value": "%r"%s}\n' \
            % (id(o), t.__name__, sys.getsizeof(o), rc, tracked, o, site)
    tn = w.tname.get(id(t))
    if tn is None:
        tn = _type_name(w, t)
    try:
        size = sys.getsizeof(o)
    except Exception:
        size = object.__sizeof__(o)
    parts = ['{"id": %d, "type": %s, "size": %d, "rc": %d, "gc": %d' % (
        id(o), _quote(tn), size, rc, tracked)]
    refs = gc.get_referents(o)
    nkeys = 0
    part = None
    live = weak = None
    if t is _FrameType and id(o) in w.live:
        live = True
        if _LIVE_SPLIT:
            add, live, weak = _live_frame_refs(w, o, refs)
            nbase = len(refs)
            refs.extend(add)
            del add
    if live is not None:
        pass
    elif t is dict:
        if o and len(refs) == len(o):
            # A dict whose keys are all str (its table is of the str-only
            # kind) traverses only its values, str being never part of a
            # cycle; yet its keys die with it: add them as references (they
            # are untracked, so the root rule is unchanged).
            keys = [k for k in o if type(k) is str]
            nkeys = len(keys)
            refs.extend(keys)
            del keys
    elif issubclass(t, dict) and dict.__len__(o):
        # Subclasses (defaultdict, OrderedDict, Counter, user classes) end
        # their traverse with dict's: same rule, once the references the
        # subclass reports itself are told apart. dict's methods are
        # called, not o's: a subclass may override them. (issubclass on
        # t, as in _names.)
        try:
            part = _dict_part(o, refs)
        except Exception:  # changed during iteration: another thread
            part = None
        if part is not None and not part[2]:
            # The table's references to its keys, whatever else the
            # subclass reported (an OrderedDict's nodes hold the keys too,
            # each one more reference).
            keys = list(dict.keys(o))
            nkeys = len(keys)
            refs.extend(keys)
            del keys
    if refs:
        # Untracked referents met for the first time: their count now,
        # less what refs and this loop hold.
        seen = w.seen
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
                    w.pending.append((r, rc))
        parts.append(', "refs": [%s]' % ", ".join([str(id(r)) for r in refs]))
        if part is not None:
            try:
                names = _dict_subclass_names(w, o, t, refs, part, nkeys)
            except Exception:  # changed since _dict_part: another thread
                names = None
            if names is not None and len(names) != len(refs):
                names = None
        elif live is True:
            names = _old_frame_names(o, refs)
        elif live is not None:
            names = _names(w, o, t, refs[:nbase]) or [None] * nbase
            names.extend(live)
        elif nkeys:
            names = _names(w, o, t, refs[:-nkeys])
            if names is not None:
                names.extend(["<key>"] * nkeys)
        else:
            names = _names(w, o, t, refs)
        if names and len(names) != len(refs):
            names = None
        if names and any(names):
            parts.append(', "names": [%s]' % ", ".join(
                ["null" if n is None else _quote(n) for n in names]))
    if weak:
        parts.append(', "weak": [%s]' % ", ".join([str(id(r)) for r in weak]))
    del weak
    label = _label(o, t)
    if label:
        parts.append(label)
    if t in _LEN_TYPES:
        parts.append(', "len": %d' % len(o))
    bound = _bound(w, o, t)
    if bound is not None:
        parts.append(', "bound": %d' % bound)
    if w.final.get(id(t)) or (t in _FINALIZING_TYPES and _running(o)):
        parts.append(', "finalizer": 1')
    if site:
        parts.append(site)
    parts.append("}\n")
    return "".join(parts)


def _bound(w, o, t):
    """The most items o can hold, if it is bounded by construction: a
    collections.deque's maxlen, a functools.lru_cache's maxsize. None
    otherwise."""
    tn = w.tname.get(id(t))
    if tn == "collections.deque":
        m = o.maxlen
        return m if type(m) is int else None
    if tn == "functools._lru_cache_wrapper":
        params = getattr(o, "cache_parameters", None)  # 3.9+; else cache_info
        try:
            m = params()["maxsize"] if callable(params) else o.cache_info().maxsize
        except Exception:
            return None
        return m if type(m) is int else None
    return None


def _running(g):
    """An unfinished generator or coroutine: collecting it runs its
    finally blocks."""
    frame = getattr(g, "gi_frame", None) or getattr(g, "cr_frame", None) or \
        getattr(g, "ag_frame", None)
    return frame is not None


def _label(o, t):
    """The value or name of o. str, float and most ints never get here
    (record's fast path); huge ints get none."""
    if t is bool or t is complex:
        return ', "value": ' + _quote(repr(o))
    if t is bytes or t is bytearray:
        return ', "value": ' + _quote(repr(o[:_VALUE_MAX]))
    if t is _ModuleType:
        n = o.__dict__.get("__name__")
        return ', "name": ' + _quote(n) if isinstance(n, str) else None
    if t is _FunctionType or issubclass(t, type):
        try:
            n = o.__qualname__
        except Exception:
            return None
        return ', "name": ' + _quote(n) if isinstance(n, str) else None
    if t is _CodeType:
        return ', "name": ' + _quote(o.co_name)
    return None


def _tracing():
    """Whether tracemalloc is tracing (through the C module, so that tracing
    started by PYTHONTRACEMALLOC needs no import of tracemalloc). Injected
    by --pid, a process that has not imported _tracemalloc is not tracing
    unless it started so (PYTHONTRACEMALLOC, -X tracemalloc): importing the
    module just to ask would leave it behind."""
    if _INJECTED and "_tracemalloc" not in sys.modules:
        env = os.environ.get("PYTHONTRACEMALLOC", "")
        if not (env.isdigit() and int(env) > 0) and "tracemalloc" not in sys._xoptions:
            return False
    try:
        import _tracemalloc
    except ImportError:  # pragma: no cover
        return False
    return _tracemalloc.is_tracing()


_GET_TB_311 = []


def _traceback(o):
    """o's allocation traceback as ((filename, lineno), ...), innermost first,
    or None. CPython 3.11 misses instances whose class has a managed dict:
    their block starts 32 bytes before the object (docs/python-dumps.md,
    "Allocation sites"), which the C function behind tracemalloc can be
    asked for directly."""
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
    """The header line; with stacks, the allocation stacks met. A dump
    taken by --pid has no seq: counting would leave state in the process."""
    meta = {
        "runtime": sys.implementation.name if sys.implementation.name != "cpython" else "CPython",
        "version": "%d.%d.%d" % sys.version_info[:3],
        "pid": os.getpid(),
    }
    if _dump_seq:
        _dump_seq[0] += 1
        meta["seq"] = _dump_seq[0]
    meta["time"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    meta["generator"] = "memscope_dump.py"
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
    objs = [o for o in objs if not (type(o) is _FrameType and _own_frame(o))]
    if _hidden:
        # Code run by exec has a function too (3.11+): hide those of the
        # injected code's globals.
        _hidden.update(id(o) for o in objs if type(o) is _FunctionType and
                       id(o.__globals__) in _hidden)
        objs = [o for o in objs if id(o) not in _hidden]
    frames = _thread_frames()
    ids = set(map(id, objs))
    objs.extend([f for f in frames if id(f) not in ids])
    del ids
    w = walker or _walker(attr_names)
    w.seen.update(map(id, objs))
    w.seen.update(_hidden)
    w.objs = objs
    _prepare_frames(w, objs, frames)
    del frames
    if not w.tracing:
        out(_header())
    getrefcount = sys.getrefcount
    buf = []
    n = 0
    o = None
    for o in objs:
        # objs, o and getrefcount's argument hold it: rc is the count less 3.
        # (Read before the call: pushing o as an argument holds it too.)
        rc = getrefcount(o) - 3
        buf.append(_record(w, o, rc, 1))
        n += 1
        if len(buf) >= 4096:
            out("".join(buf))
            buf.clear()
    del o
    w.objs = None
    w.cells.clear()
    objs.clear()
    pending = w.pending
    i = 0
    while i < len(pending):
        u, rc = pending[i]
        pending[i] = None
        buf.append(_record(w, u, rc, 1 if gc.is_tracked(u) else 0))  # rc read when met
        del u
        i += 1
        n += 1
        if len(buf) >= 4096:
            out("".join(buf))
            buf.clear()
    out("".join(buf))
    return n


# Dumps running in this module: a signal handler's dump is Python code, and
# code injected by --pid can run at its bytecode boundaries (_install_attached).
_dumping = [0]


def dump(path, atomic=False, attr_names=False):
    """Writes the heap of this process to path (JSON Lines), through a
    temporary file renamed at the end. atomic: hold other threads off for
    the whole walk (the switch interval is raised and the output kept in
    memory until the walk ends), for programs whose threads keep changing
    the heap. attr_names: materialize instance dicts first (3.11+) so that
    attribute names label the references, also of attributes that no code
    of their class uses (without it, only those are unnamed). Returns the object count."""
    enabled = gc.isenabled()
    gc.disable()
    _dumping[0] += 1
    box = _snapshot(attr_names)
    path = os.fspath(path)
    tmp = "%s.tmp%d" % (path, os.getpid())
    walker = _walker(attr_names)
    # With allocation sites, the header (which lists the stacks) is known
    # only at the end: the records go to a second file first.
    body = tmp + ".body" if walker.tracing else None
    interval = sys.getswitchinterval()
    try:
        with open(body or tmp, "w", encoding="utf-8", buffering=1 << 20) as f:
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
            with open(tmp, "w", encoding="utf-8", buffering=1 << 20) as f, \
                    open(body, "r", encoding="utf-8") as b:
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
        _dumping[0] -= 1
        if enabled:
            gc.enable()
    return n


# The number of the process's last numbered dump ({n}), shared by the
# signal handler and a series (--every), so that their files never collide.
_signal_count = [0]
# A series in a script run (--every) makes this lock (an RLock: a signal
# handler may run inside a dump of the same thread): one dump at a time.
_serial = [None]
# -q: no "wrote" lines on stderr.
_quiet = [False]


def _numbered_dump(path_pattern, atomic, attr_names=False):
    """Takes the process's next numbered dump to path_pattern formatted
    with {pid} and {n}; returns (its path, its object count)."""
    lock = _serial[0]
    if lock is not None:
        lock.acquire()
    try:
        _signal_count[0] += 1
        p = path_pattern.format(pid=os.getpid(), n=_signal_count[0])
        return p, dump(p, atomic=atomic, attr_names=attr_names)
    finally:
        if lock is not None:
            lock.release()


def install_signal_handler(path_pattern, signum, atomic=True):
    """Dumps the heap each time signum arrives, to path_pattern formatted
    with {pid} and {n} (1, 2, ...: the dump's number)."""
    import signal

    def handler(signo, frame):
        p = _numbered_dump(path_pattern, atomic)[0]
        if not _quiet[0]:
            sys.stderr.write("memscope_dump: wrote %s\n" % p)

    signal.signal(signum, handler)


# --- Run inside a process by memscope_dump.py --pid (memscope_attach.py) ---
#
# The caller injects one line that makes a module object, records the
# modules imported so far in its _before, runs this file's code in it and
# calls _attached(job). That happens in the target's main thread at a
# bytecode boundary, holding the GIL (a pending call under gdb, or
# sys.remote_exec on 3.14). Nothing may escape: every exception is caught
# (an exception out of a pending call would surface as a SystemError in the
# target's code), the result goes to a status file, and _forget leaves
# sys.modules and the heap as they were.

def _status_line(fields, quote=_quote):
    """fields as one JSON object (str and int values only). Its defaults
    bind what it uses: it runs after _forget has cleared the globals."""
    return "{%s}\n" % ", ".join("%s: %s" % (quote(k), quote(v) if isinstance(v, str) else v)
                                 for k, v in fields)


def _write_status(d, fields, line=_status_line, join=os.path.join, replace=os.replace):
    """Writes d/status atomically: the caller reads it as soon as it exists.
    Runs after _forget (see _status_line)."""
    tmp = join(d, "status.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(line(fields))
    replace(tmp, join(d, "status"))


def _install_attached(job):
    """--signal-install: installs the handler; _forget then keeps this
    module as sys.modules["memscope_dump"], so that each signal dumps.
    Refuses a signal the program handles itself; replaces an earlier
    install (whose module is then cleared)."""
    import signal
    sig = job["signal"]
    cur = signal.getsignal(sig)
    # An earlier --signal-install is replaced; the handler of a process run
    # under memscope_dump.py --signal is the program's own.
    ours = getattr(cur, "__qualname__", "") == "install_signal_handler.<locals>.handler" and \
        getattr(sys.modules.get("memscope_dump"), "_INJECTED", False)
    if cur not in (signal.SIG_DFL, None) and not ours:
        return [("state", "error"), ("message", "the process already %s %s; choose another "
                                     "signal" % ("ignores" if cur == signal.SIG_IGN else "handles",
                                                 signal.Signals(sig).name))]
    old = sys.modules.get("memscope_dump") if ours else None
    if old is not None and getattr(old, "_dumping", [0])[0]:
        # This code runs inside the earlier handler's dump (at one of its
        # bytecode boundaries): its module must stay whole.
        return [("state", "error"), ("message", "the process is dumping its heap (signal %s); "
                                     "try again when that dump is written" %
                                     signal.Signals(sig).name)]
    del old
    install_signal_handler(job["out"], sig, atomic=True)
    if ours:
        old = sys.modules.pop("memscope_dump", None)
        if old is not None and old.__dict__ is not globals():
            old.__dict__.clear()  # its functions and dict form a cycle
        del old
    return [("state", "installed"), ("signal", sig), ("replaced", 1 if ours else 0)]


def _hide_injected():
    """Fills _hidden: this module, its dict, its functions and the defaults
    that hold them, the dict of the injected line, and the frame
    PyRun_SimpleString ran it in."""
    g = globals()
    funcs = [v for v in g.values() if type(v) is _FunctionType]
    _hidden.update(map(id, funcs))
    # Defaults that hold one of them (a constant tuple of defaults is
    # shared through the code's co_consts, which stays in the dump).
    _hidden.update(id(v.__defaults__) for v in funcs if v.__defaults__ and
                   any(id(x) in _hidden for x in v.__defaults__))
    del funcs
    _hidden.update((id(g), id(g.get("_me"))))
    f = sys._getframe()
    while f is not None and _own_frame(f):
        if f.f_back is not None and not _own_frame(f.f_back):
            _hidden.add(id(f.f_globals))
        f = f.f_back
    if f is not None:
        _hidden.add(id(f))
    f = None


def _attached(job):
    """Claims the job (the caller may have cancelled it by claiming first),
    dumps or installs, writes the status, then forgets itself."""
    d = job["dir"]
    try:
        os.close(os.open(os.path.join(d, "claim"), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError:
        _forget(globals(), None)  # cancelled: the caller gave up waiting
        return
    _hide_injected()
    keep = None
    try:
        t0 = time.monotonic()
        if job.get("signal"):
            status = _install_attached(job)
            keep = "module" if status[0][1] == "installed" else None
        else:
            del _dump_seq[:]
            n = dump(job["out"], atomic=job.get("atomic", False))
            status = [("state", "done"), ("objects", n),
                      ("seconds", "%.3f" % (time.monotonic() - t0)), ("tracing", int(_tracing()))]
            if job.get("trace") and not _tracing():
                import tracemalloc
                tracemalloc.start(job["trace"])
                status.append(("trace", job["trace"]))
                keep = "imports"  # tracemalloc and what it imported stay, as asked
    except BaseException as e:  # KeyboardInterrupt too: it cannot be re-raised from here
        status = [("state", "error"), ("message", "%s: %s" % (type(e).__name__, e))]
    write = _write_status
    try:
        kept = _forget(globals(), keep)  # no global is usable after this
    except BaseException as e:  # the status must be written: the caller waits for it
        kept = []
        status = [("state", "error"), ("message", "cleaning up: %s: %s" % (type(e).__name__, e))]
    if kept:
        status.append(("kept", ",".join(kept)))
    try:
        write(d, status)
    except BaseException:
        pass


def _forget(ns, keep):
    """Leaves the process as found; returns the names of the modules that
    had to stay imported. keep "module": the user asked for the signal
    handler, so this module becomes sys.modules["memscope_dump"]; keep
    "imports": for tracemalloc, what was imported stays. Otherwise the
    modules imported since _before leave sys.modules (_drop). In both other
    cases this module's dict is cleared, which frees its functions."""
    modules = sys.modules
    me = ns.pop("_me", None)  # this module (the injected line set it)
    before = ns.pop("_before", ())
    if keep == "module":
        _hidden.clear()  # ids of objects now gone, that new ones may reuse
        if me is not None:
            modules["memscope_dump"] = me
        return []
    drop = _drop
    del me
    ns.clear()  # after this, only locals and builtins are usable here
    if keep == "imports":
        return []
    return [name for name in [k for k in modules if k not in before] if not drop(modules, name)]


def _drop(modules, name, getrefcount=sys.getrefcount):
    """Takes module name out of sys.modules, leaving no garbage; returns
    False when it has to stay. A Python module stays: its classes would be
    garbage. A C module's functions hold it, a cycle: its dict is cleared
    when nobody else holds it. When the interpreter holds it too (a
    single-phase module), it may go only if that does not make it garbage
    later: when its functions are another module's (an import that reused
    the interpreter's copy of the dict), or when that copy holds them too.
    Runs after _forget has cleared the globals: its defaults bind sys's."""
    m = modules.pop(name)
    f = getattr(m, "__file__", None)
    if hasattr(m, "__path__") or not (f is None or f.endswith((".so", ".pyd"))):
        modules[name] = m
        return False
    d = m.__dict__
    own = [v for v in d.values() if getattr(v, "__self__", None) is m]
    # m, getrefcount's argument and its own functions hold it: nobody else.
    if getrefcount(m) == 2 + len(own):
        d.clear()
        return True
    # A function held by d, own, v and the argument only: no copy of d.
    if own and all(getrefcount(v) <= 4 for v in own):
        modules[name] = m
        return False
    return True

_USAGE = """usage: python3 memscope_dump.py -o FILE [--signal SIG] [--atomic] [--attr-names] [--trace N] script.py [args...]
       python3 memscope_dump.py --pid PID -o FILE [--atomic] [--trace N] [--timeout S]
       python3 memscope_dump.py --pid PID --signal-install SIG -o FILE
       any of these with [--every S --count N] [-q]: a series of N dumps

Runs script.py as __main__ (like python -m cProfile) and dumps the heap to
FILE when it ends; with --signal, also each time the signal arrives (FILE
may use {pid} and {n}). --atomic holds other threads off during the walk.
--attr-names materializes instance dicts first (3.11+), which adds a dict
per instance, to name attributes that no code of their class uses (the
default names the others without making the dicts).
--trace N starts tracemalloc with N frames before the script, so that the
dump records where each object was allocated (PYTHONTRACEMALLOC=N works
too); objects allocated before tracing started have no site.

--pid PID dumps the running CPython process PID (3.8 or newer) to FILE and
leaves it running as it was. Python 3.14+ is reached with sys.remote_exec,
older ones with gdb (apt-get install gdb), which needs ptrace rights: root,
or the process's user with kernel.yama.ptrace_scope 0. The dump runs in the
process's main thread at a bytecode boundary, holding the GIL; it leaves no
module, file, garbage or gc setting behind. A relative FILE is resolved
here, and the process must see its directory at the same path (not in a
container). --timeout S (default 60): give up, changing nothing, when the
main thread reaches no bytecode boundary within S seconds (it is blocked in
C code). --trace N also starts tracemalloc in the process after the dump,
and leaves it on, so that later dumps have sites for what is allocated
from then on. --signal-install SIG installs the signal handler instead
(FILE may use {pid} and {n}), as --signal does, so that each later
`kill -SIG PID` dumps without attaching; the process keeps the module
memscope_dump.

Exit status of --pid: 0 done; 1 the dump failed in the process, or it
exited; 2 usage; 3 no such process; 4 not a Python process; 5 a Python
before 3.8; 6 ptrace refused; 7 gdb missing; 8 no bytecode boundary within
--timeout; 9 the process sees another file system (a container).

--every S --count N takes a series of N dumps, one every S seconds, for
`memscope diff` over them. FILE names them with {n}, their number from 1
(-o 'heap-{n}.jsonl'; 'heap-{n:03d}.jsonl' makes names that sort in
order). --pid attaches for each dump, the first at once; with
--signal-install it attaches once to install the handler, then sends the
signal N times and waits for each file (exit 8 if a dump has not started
within --timeout; the handler stays installed).
A script run takes dumps 1 to N-1 every S seconds from a thread of the
dumper's, holding the other threads off as --atomic does, and the last
when the script ends (the next number, if it ends sooner); with --signal,
the signal's dumps take numbers of the same count. A dump still being
written when the next falls due delays that one: dumps never overlap, and
the later ones keep to the schedule. A failed dump stops the series, and
its message names it; the exit status is that dump's (for a script, the
script's own, or 1 when that is 0). --count 1 takes one dump, as without
these options. -q writes only errors on stderr; otherwise each dump
writes its line, and a terminal also shows the time to the next dump.
"""


def _signal_number(s):
    """A signal number from "USR2", "SIGUSR2" or "12", or None."""
    import signal
    s = s.upper()
    if s.isdigit():
        return int(s)
    v = getattr(signal, s if s.startswith("SIG") else "SIG" + s, None)
    return int(v) if v is not None else None


def _parse(argv):
    """Options from argv (consumed up to the script); an int on error or
    --help (the exit code, usage already written)."""
    o = {"out": None, "sig": None, "atomic": False, "attr_names": False, "trace": 0,
         "pid": None, "timeout": 60.0, "install": None, "every": None, "count": None,
         "quiet": False}
    values = {"-o": "out", "--output": "out", "--signal": "sig", "--trace": "trace",
              "--pid": "pid", "--timeout": "timeout", "--signal-install": "install",
              "--every": "every", "--count": "count"}
    while argv and argv[0].startswith("-"):
        a = argv.pop(0)
        if a in ("-h", "--help"):
            sys.stdout.write(_USAGE)
            return 0
        if a == "--":
            break
        if a in ("--atomic", "--attr-names"):
            o[a[2:].replace("-", "_")] = True
            continue
        if a in ("-q", "--quiet"):
            o["quiet"] = True
            continue
        if a not in values or not argv:
            sys.stderr.write(_USAGE)
            return 2
        k, v = values[a], argv.pop(0)
        if k in ("sig", "install"):
            o[k] = _signal_number(v)
            bad = o[k] is None and "unknown signal"
        elif k in ("timeout", "every"):
            try:
                o[k] = float(v)
                bad = not o[k] > 0 and "expected seconds"
            except ValueError:
                bad = "expected seconds"
        elif k in ("trace", "pid", "count"):
            bad = (not v.isdigit() or int(v) < 1) and "expected a positive number"
            o[k] = int(v) if not bad else 0
        else:
            o[k], bad = v, False
        if bad:
            sys.stderr.write("memscope_dump: %s: %s, got %r\n" % (a, bad, v))
            return 2
    return _check_series(o)


def _check_series(o):
    """o, or 2 (the message written) when --every and --count do not fit
    together or with -o."""
    every, count, out = o["every"], o["count"], o["out"]
    if every is None and count is None:
        return o
    why = None
    if count is None:
        why = "--every needs --count N (the number of dumps)"
    elif every is None and count > 1:
        why = "--count %d needs --every SECONDS (the time between dumps)" % count
    elif out is not None:
        try:
            one, two = out.format(pid=1, n=1), out.format(pid=1, n=2)
            if one == two and count > 1:
                why = ("-o %s: a series of %d dumps needs {n} (the dump's number) in the file "
                       "name, e.g. -o 'heap-{n}.jsonl'" % (out, count))
        except (KeyError, IndexError, ValueError) as e:
            why = "-o %s: the file name may use {pid} and {n} only, in braces (%s)" % (out, e)
    if why:
        sys.stderr.write("memscope_dump: %s\n" % why)
        return 2
    return o


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    o = _parse(argv)
    if isinstance(o, int):
        return o
    _quiet[0] = o["quiet"]
    if o["pid"] is not None:
        if not o["out"] or argv or o["sig"] is not None or o["attr_names"]:
            sys.stderr.write(_USAGE)
            return 2
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import memscope_attach
        if o["count"] is not None:
            return _pid_series(o, memscope_attach)
        return memscope_attach.main(o["pid"], o["out"], o["atomic"], o["trace"], o["install"],
                                    o["timeout"], o["quiet"])
    if not o["out"] or not argv or o["install"] is not None:
        sys.stderr.write(_USAGE)
        return 2
    return _run_script(o, argv)


# --- A series of dumps (--every S --count N) ---

def _run_series(count, every, take, wait, offset=0, progress=False):
    """Takes dumps 1 to count: dump k falls due every*(k-1+offset) seconds
    after the call, or as soon as dump k-1 is written if that is later
    (dumps never overlap; the later ones keep to the schedule). take(k)
    returns 0, or the exit status of a failure (having said why), which
    ends the series. wait(seconds) sleeps; it returns True to end the
    series early. progress: a line on stderr, a terminal, counts down to
    each dump. Returns (dumps written, status); status 130: interrupted."""
    t0 = time.monotonic()
    k = 0
    shown = False  # a progress line is on the terminal
    try:
        for k in range(1, count + 1):
            due = t0 + every * (k - 1 + offset)
            while True:
                left = due - time.monotonic()
                if left <= 0:
                    break
                if progress:
                    sys.stderr.write("\r\033[Kmemscope_dump: %d of %d dumps written; the next in "
                                     "%d s" % (k - 1, count, int(left + 0.999)))
                    sys.stderr.flush()
                    shown = True
                if wait(min(left, 1.0) if progress else left):
                    return k - 1, 0
            if shown:
                sys.stderr.write("\r\033[K")
                sys.stderr.flush()
                shown = False
            status = take(k)
            if status:
                return k - 1, status
    except KeyboardInterrupt:
        if shown:
            sys.stderr.write("\r\033[K")
        return k - 1, 130
    return count, 0


def _pid_series(o, attach):
    """--pid with --count: the series, by attaching for each dump or, with
    --signal-install, by one attach and a signal for each. Returns the
    exit status."""
    pid, count, sig, quiet = o["pid"], o["count"], o["install"], o["quiet"]
    pattern = os.path.abspath(o["out"])

    def name(k):
        return pattern.format(pid=pid, n=k)

    if sig is not None:
        status = attach.main(pid, pattern, False, 0, sig, o["timeout"], quiet)
        if status:
            return status

        def take(k):
            return attach.signal_main(pid, sig, name(k), o["timeout"], quiet)
    else:
        def take(k):
            return attach.main(pid, name(k), o["atomic"], o["trace"], None, o["timeout"], quiet)

    def wait(seconds):
        time.sleep(seconds)
        return False

    progress = count > 1 and not quiet and sys.stderr.isatty()
    done, status = _run_series(count, o["every"] or 0.0, take, wait, progress=progress)
    if status == 130:
        sys.stderr.write("memscope_dump: interrupted; %d of %d dumps written\n" % (done, count))
    elif status:
        sys.stderr.write("memscope_dump: dump %d of %d (%s) failed; the series stops (%d "
                         "written)\n" % (done + 1, count, name(done + 1), done))
    return status


def _series_thread(st):
    """A script run's series (_run_script): dumps 1 to count-1, from a
    thread of its own, whose frames (this file's) the dumps leave out.
    Sets st.failed to the message of a dump that failed."""
    def take(k):
        with st.lock:
            if st.stopped:
                return -1
            try:
                p, n = _numbered_dump(st.pattern, True, st.attr_names)
            except Exception as e:
                st.failed = "dump %d of %d (%s) failed: %s: %s" % (
                    k, st.count, st.pattern.format(pid=os.getpid(), n=_signal_count[0]),
                    type(e).__name__, e)
                sys.stderr.write("memscope_dump: %s; the series stops\n" % st.failed)
                return 1
            if not st.quiet:
                sys.stderr.write("memscope_dump: wrote %s (%d objects)\n" % (p, n))
            return 0

    def wait(seconds):
        return st.wake.acquire(True, min(seconds, 3600.0))  # released when the script ends

    _run_series(st.count - 1, st.every, take, wait, offset=1)


def _run_script(o, argv):
    """Runs argv's script as __main__, then dumps; returns its exit status."""
    out, sig, atomic, attr_names, trace = o["out"], o["sig"], o["atomic"], o["attr_names"], o["trace"]
    script = argv[0]
    try:
        with open(script, "rb") as f:
            code = compile(f.read(), script, "exec")
    except (OSError, SyntaxError) as e:
        sys.stderr.write("memscope_dump: %s: %s\n" % (script, e))
        return 2
    sys.argv = argv
    sys.path[0] = os.path.dirname(os.path.abspath(script))
    mod = _ModuleType("__main__")
    mod.__file__ = script
    mod.__builtins__ = __builtins__
    sys.modules["__main__"] = mod
    if sig is not None:
        install_signal_handler(out, sig, atomic=True)
    if trace:
        import tracemalloc
        tracemalloc.start(trace)
    series = None
    if o["count"] is not None:
        import _thread
        _serial[0] = _thread.RLock()
        series = _State(pattern=out, count=o["count"], every=o["every"], attr_names=attr_names,
                        quiet=o["quiet"], lock=_serial[0], wake=_thread.allocate_lock(),
                        stopped=False, failed=None)
        series.wake.acquire()
        if series.count > 1:
            _thread.start_new_thread(_series_thread, (series,))
    status = 0
    try:
        exec(code, mod.__dict__)
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:
        import traceback
        traceback.print_exc()
        status = 1
    if series is not None:
        with series.lock:  # waits for a dump of the series being written
            series.stopped = True
        series.wake.release()
        if series.failed:
            return status or 1
        final, n = _numbered_dump(out, atomic, attr_names)
    else:
        final = out.format(pid=os.getpid(), n=0) if sig is not None else out
        n = dump(final, atomic=atomic, attr_names=attr_names)
    if not o["quiet"]:
        sys.stderr.write("memscope_dump: wrote %s (%d objects)\n" % (final, n))
    return status


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import memscope_dump as _m
    sys.exit(_m.main())
