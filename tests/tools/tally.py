"""tally.py — the pass/fail count the Python test suites keep, and the
closing "SUITE: N passed, N failed" line that tests/check.sh reads."""

passed = failed = 0


def check(cond, what):
    """Counts one assertion; prints FAIL and what was wrong when cond is false."""
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL", what)


def summary(suite):
    """Prints the suite's closing line; returns its exit status."""
    print("%s: %d passed, %d failed" % (suite, passed, failed))
    return 1 if failed else 0
