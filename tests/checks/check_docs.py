#!/usr/bin/env python3
"""check_docs.py — keeps --help and the documentation from drifting apart.

For every command listed by `memscope --help`: its `--help` usage line must
appear in man/memscope.1's SYNOPSIS, every long option it lists must be
documented in the man page, and the README must mention the command.
Every exit code in include/memscope/common.h must be in EXIT STATUS. The
README's leak hunt must show the command and output of each
tests/cli/walkthrough-*.t golden case.
Prints "docs: N passed, N failed".
"""
import glob
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

MEMSCOPE = os.environ.get("MEMSCOPE", "./memscope")


def roff_text(path):
    """The man page as plain text: font escapes and \\- removed."""
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"\\f[BIRP]", "", text).replace("\\-", "-").replace("\\(em", "-")
    return text


man = roff_text("man/memscope.1")
readme = open("README.md", encoding="utf-8").read()
synopsis = man.split(".SH SYNOPSIS", 1)[1].split(".SH ", 1)[0]
synopsis = " ".join(l for l in synopsis.splitlines() if not l.startswith(".") or l.startswith(".B"))
synopsis = re.sub(r"^\.B\s+", "", synopsis, flags=re.M)
synopsis = " ".join(synopsis.replace(".B ", " ").split())

top = subprocess.run([MEMSCOPE, "--help"], stdout=subprocess.PIPE, check=True).stdout.decode()
commands = re.findall(r"^  (\w+)\s{2,}", top.split("Commands:", 1)[1], flags=re.M)
check(len(commands) >= 2, "commands listed")
for cmd in commands:
    out = subprocess.run([MEMSCOPE, cmd, "--help"], stdout=subprocess.PIPE, check=True).stdout.decode()
    usage = out.splitlines()[0].replace("usage: ", "", 1)
    check(" ".join(usage.split()) in synopsis, "%s: usage line in SYNOPSIS: %s" % (cmd, usage))
    for opt in sorted(set(re.findall(r"(--[a-z][a-z-]+)", out))):
        check(opt in man, "%s: option %s in man page" % (cmd, opt))
    check(("memscope " + cmd) in readme, "%s: command in README" % cmd)

codes = re.findall(r"MS_EXIT_\w+ = (\d+)", open("include/memscope/common.h").read())
status = man.split(".SH EXIT STATUS", 1)[1].split(".SH ", 1)[0]
for c in codes:
    check(re.search(r"^\.B %s\b|^%s\b" % (c, c), status, flags=re.M) is not None, "exit code %s in EXIT STATUS" % c)
check(os.path.exists("man/memscope-format.5"), "format page exists")

# The README's leak hunt shows the real output of its golden tests: each
# walkthrough case's command line and stdout (its DOT twin aside).
for path in sorted(glob.glob("tests/cli/walkthrough-*.t")):
    case = open(path, encoding="utf-8").read()
    args = re.search(r"^args: (.*)$", case, flags=re.M).group(1)
    out = case.split("--- stdout\n", 1)[1].split("--- stderr\n", 1)[0] if "--- stdout\n" in case else ""
    if out.startswith("digraph"):
        continue  # the DOT twin of the PNG step
    check(("$ memscope %s\n%s" % (args, out)) in readme, "README shows %s" % path)
sys.exit(summary("docs"))
