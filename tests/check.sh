#!/bin/sh
# check.sh — runs every test suite and ends with one "N passed, N failed"
# line totalling them. Called by `make check` with MEMSCOPE and BUILD set.
#   unit    C unit tests (cmocka), one binary per tests/unit/test_*.c
#   cli     golden command-line tests: tests/cli/*.t (run_cli.py)
#   v8      Node snapshots against DevTools' own model (oracle_v8.py)
#   diff    memscope diff against known leaks under every CPython, and
#           against DevTools' Comparison view (oracle_diff.py)
#   sites   Python allocation sites against a program's known allocations
#           under every CPython (oracle_sites.py)
#   oracle  answers checked against Python's json module (oracle_load.py)
#   graphs  analyses checked against networkx and brute force (oracle_graphs.py)
#   diagram graph's DOT against objgraph's walk done in Python (oracle_diagram.py)
#   render  graph rendered by libgvc: SVG, PNG, PDF, temp files (check_render.py)
#   index   every command the same with and without an index; stale, hostile
#           and concurrent indexes (check_index.py)
#   python  memscope_dump.py and memscope against CPython's gc (oracle_python.py)
#   pytest  the pytest plugin memscope_pytest.py under Debian's pytest, on
#           leaky, clean and bounded tests, with a fake memscope and the
#           real one (oracle_pytest.py)
#   ruby    Ruby dumps against Ruby's own collector and networkx (oracle_ruby.py)
#   report  memscope report's pages opened in headless Chromium (oracle_report.py)
#   attach  memscope_dump.py --pid on running processes under every CPython
#           (oracle_attach.py; under SANITIZE=1 Debian's python3 only: the
#           sanitizers change nothing in the Python side)
#   big     a 2M-long chain, a 2M-object cycle and a 2M-wide fan (oracle_big.py)
#   nomem   every allocation of a dozen commands failed in turn: exit 6 and
#           one message, no crash, no file left (check_nomem.py)
#   scenarios  realistic services with one planted leak each (Python, Ruby,
#           Node): diff's and analyze's ranks and noise (oracle_scenarios.py)
#   series  eight of those services leaking ~1% of the heap per interval
#           over six dumps: diff's growing collections and types
#           (oracle_series.py)
#   docs    README, docs/ and the man pages against the program and the
#           repository: commands, walkthrough goldens, links, citations,
#           no history talk (check_docs.py)
#   options the man page's option lists against the option table
#           (check_options.py)
#   layers  no include cycle between the files of src/report (check_layers.py)
#   fmt     the report page's JS number formatting against fmt.c's, under
#           node (check_fmt.py; skipped without node)
# With TIER=test (make test) only the fast offline suites run: unit, cli,
# docs, options, layers and fmt.
# A suite fails when its command exits non-zero, whatever its tally says.
set -u
MEMSCOPE=${MEMSCOPE:-./memscope}
BUILD=${BUILD:-build/rel}
export MEMSCOPE BUILD
if [ "${SANITIZE:-}" = 1 ]; then
    # libgvc's own leaks (see the file); everything else still counts.
    LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
    export LSAN_OPTIONS
fi
pass=0
fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# add_counts NAME: reads "N passed, N failed" from the last line of $log.
add_counts() {
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
    p=$(echo "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
    f=$(echo "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
    if [ -z "$line" ]; then p=0; f=1; echo "FAIL $1: no result line"; fi
    pass=$((pass + p))
    fail=$((fail + f))
}

# The unit tests are those of tests/unit/ (make builds them first): a binary
# left in $BUILD by a test since removed does not run.
for src in tests/unit/test_*.c; do
    name=$(basename "$src" .c)
    t="$BUILD/tests/$name"
    if [ ! -x "$t" ] || [ "$t" -ot "$src" ]; then
        echo "FAIL unit $name: $t missing or older than $src"
        fail=$((fail + 1))
        continue
    fi
    if "$t" >"$log" 2>&1; then
        n=$(grep -E '^\[  PASSED  \] [0-9]+ test' "$log" | sed -E 's/[^0-9]*([0-9]+).*/\1/')
        pass=$((pass + ${n:-0}))
        echo "unit $name: ${n:-0} passed"
    else
        cat "$log"
        n=$(grep -E '^\[  FAILED  \] [0-9]+ test' "$log" | sed -E 's/[^0-9]*([0-9]+).*/\1/')
        ok=$(grep -E '^\[  PASSED  \] [0-9]+ test' "$log" | sed -E 's/[^0-9]*([0-9]+).*/\1/')
        fail=$((fail + ${n:-1}))
        pass=$((pass + ${ok:-0}))
        echo "unit $name: FAILED"
    fi
done

# suite NAME HIDE CMD...: runs a suite, shows its output but the lines
# matching HIDE (its per-part counts) and its last line, and adds its counts.
suite() {
    name=$1
    hide=$2
    shift 2
    "$@" >"$log" 2>&1
    status=$?
    grep -v "$hide" "$log"
    tail -1 "$log"
    add_counts "$name"
    if [ "$status" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
        echo "FAIL $name: exit status $status"
        fail=$((fail + 1))
    fi
}

suite cli '^cli:' python3 tests/tools/run_cli.py tests/cli/*.t
# offline_checks: the static checks of both tiers.
offline_checks() {
    suite docs '^docs:' python3 tests/checks/check_docs.py
    suite options '^options:' python3 tests/checks/check_options.py
    suite layers '^layers:\| -> ' python3 tests/checks/check_layers.py
    if command -v node >/dev/null; then
        suite fmt '^fmt:' python3 tests/report/check_fmt.py
    else
        echo "fmt: skipped (no node)"
    fi
}
if [ "${TIER:-}" = test ]; then
    offline_checks
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit
fi
suite oracle '^oracle:' python3 tests/oracles/oracle_load.py
suite graphs '^graphs: [0-9]* passed' python3 tests/oracles/oracle_graphs.py
suite diagram '^diagram: [0-9]* passed' python3 tests/oracles/oracle_diagram.py
suite render '^render: [0-9]* passed' python3 tests/checks/check_render.py
suite index '^index: [0-9]* passed' python3 tests/checks/check_index.py
# dumper_suite ARGS...: a suite of the Python dumper and plugin (under
# every CPython here), run in the plain run only: under SANITIZE=1 it would
# repeat the same Python work, and memscope's C code it runs (analyze on
# small native dumps) the other suites run too.
dumper_suite() {
    if [ "${SANITIZE:-}" = 1 ]; then
        echo "$1: skipped under SANITIZE=1 (the plain run covers the dumper)"
    else
        suite "$@"
    fi
}
dumper_suite python '^python: [0-9]* passed' python3 tests/oracles/oracle_python.py
dumper_suite pytest '^pytest: [0-9]* passed' python3 tests/oracles/oracle_pytest.py
suite big '^big: [0-9]* passed' python3 tests/oracles/oracle_big.py
suite nomem '^nomem: ' python3 tests/checks/check_nomem.py
suite v8 '^v8: [0-9]* passed' python3 tests/oracles/oracle_v8.py
suite diff '^diff: [0-9]* passed' python3 tests/oracles/oracle_diff.py
suite sites '^sites: [0-9]* passed' python3 tests/oracles/oracle_sites.py
suite ruby '^ruby: [0-9]* passed' python3 tests/oracles/oracle_ruby.py
suite report '^report: [0-9]* passed' python3 tests/oracles/oracle_report.py
dumper_suite attach '^attach: [0-9]* passed\|^memscope_dump: ' python3 tests/oracles/oracle_attach.py
suite scenarios '^scenarios: [0-9]* passed' python3 tests/oracles/oracle_scenarios.py
suite series '^series: [0-9]* passed' python3 tests/oracles/oracle_series.py
offline_checks

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
