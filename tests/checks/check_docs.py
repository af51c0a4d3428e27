#!/usr/bin/env python3
"""check_docs.py — keeps --help, the man pages, the README and docs/ from
drifting apart. Run from the repository's top directory (tests/check.sh
does), with MEMSCOPE naming the binary (default ./memscope).

Checks:
- for every command `memscope --help` lists: its `--help` usage line is in
  man/memscope.1's SYNOPSIS, it has its section (.SS memscope CMD) under
  COMMANDS, every long option its --help names is in the man page, and the
  README has exactly one command line for it, a list item linking to
  memscope(1): "- [`memscope CMD`](man/memscope.1): ...";
- every exit code in include/memscope/common.h is in EXIT STATUS;
- the leak hunt shows the real output of its golden tests: each
  tests/cli/walkthrough-*.t case's command line and stdout (its DOT twin
  aside) is in docs/leak-hunt.md, and those of README_WALKTHROUGH in
  README.md;
- README.md stays under README_MAX_LINES lines;
- every relative link of README.md, NEWS.md and docs/*.md names a file in
  the repository, and every docs/NAME.md that a tracked file cites exists
  (and the heading, where the citation names one: docs/NAME.md, "Heading");
- no tracked file under src/, include/, docs/, man/, tests/, nor README.md
  or NEWS.md, points at ../shared/ (notes outside the repository), speaks
  of work sessions ("this session", "the previous session"...) or cites an
  issue by number ("issue 21"). History belongs in commit messages.
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
README_MAX_LINES = 220
# The walkthrough cases the README's own short leak hunt shows.
README_WALKTHROUGH = ("walkthrough-analyze.t", "walkthrough-path.t", "walkthrough-graph.t")
ROOT = os.path.realpath(".")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def roff_text(path):
    """The man page as plain text: font escapes and \\- removed."""
    text = read(path)
    return re.sub(r"\\f[BIRP]", "", text).replace("\\-", "-").replace("\\(em", "-")


def man_section(man, name):
    """The text of man page section .SH NAME, up to the next .SH."""
    return man.split(".SH " + name, 1)[1].split("\n.SH ", 1)[0]


# ---- --help against memscope(1) and the README ---------------------------

man = roff_text("man/memscope.1")
readme = read("README.md")
synopsis = man_section(man, "SYNOPSIS")
synopsis = " ".join(l for l in synopsis.splitlines() if not l.startswith(".") or l.startswith(".B"))
synopsis = re.sub(r"^\.B\s+", "", synopsis, flags=re.M)
synopsis = " ".join(synopsis.replace(".B ", " ").split())
man_commands = re.findall(r"^\.SS memscope (\w+)", man_section(man, "COMMANDS"), flags=re.M)
readme_lines = re.findall(r"^- \[`memscope (\w+)`\]\(([^)]*)\)", readme, flags=re.M)

top = subprocess.run([MEMSCOPE, "--help"], stdout=subprocess.PIPE, check=True).stdout.decode()
commands = re.findall(r"^  (\w+)\s{2,}", top.split("Commands:", 1)[1], flags=re.M)
check(len(commands) >= 2, "commands listed by memscope --help")
for cmd in commands:
    out = subprocess.run([MEMSCOPE, cmd, "--help"], stdout=subprocess.PIPE, check=True).stdout.decode()
    usage = out.splitlines()[0].replace("usage: ", "", 1)
    check(" ".join(usage.split()) in synopsis, "%s: usage line in SYNOPSIS: %s" % (cmd, usage))
    for opt in sorted(set(re.findall(r"(--[a-z][a-z-]+)", out))):
        check(opt in man, "%s: option %s in man page" % (cmd, opt))
    check(man_commands.count(cmd) == 1, "%s: one section '.SS memscope %s' under COMMANDS in "
          "man/memscope.1 (found %d)" % (cmd, cmd, man_commands.count(cmd)))
    mine = [target for name, target in readme_lines if name == cmd]
    check(len(mine) == 1, "%s: one command line '- [`memscope %s`](man/memscope.1): ...' in "
          "README.md (found %d)" % (cmd, cmd, len(mine)))
    check(all(t == "man/memscope.1" for t in mine), "%s: README's command line links to "
          "man/memscope.1, not %s" % (cmd, mine))
for name, _ in readme_lines:
    check(name in commands, "README lists memscope %s, which memscope --help does not" % name)
for name in man_commands:
    check(name in commands, "man/memscope.1 has a section for memscope %s, which memscope "
          "--help does not list" % name)

codes = re.findall(r"MS_EXIT_\w+ = (\d+)", read("include/memscope/common.h"))
status = man_section(man, "EXIT STATUS")
for c in codes:
    check(re.search(r"^\.B %s\b|^%s\b" % (c, c), status, flags=re.M) is not None,
          "exit code %s in EXIT STATUS" % c)
check(os.path.exists("man/memscope-format.5"), "format page exists")

# ---- the leak hunt shows its golden tests' real output --------------------

hunt = read("docs/leak-hunt.md") if os.path.exists("docs/leak-hunt.md") else ""
check(hunt != "", "docs/leak-hunt.md exists")
cases = sorted(glob.glob("tests/cli/walkthrough-*.t"))
check(len(cases) > 0, "walkthrough golden cases exist")
for path in cases:
    case = read(path)
    args = re.search(r"^args: (.*)$", case, flags=re.M).group(1)
    out = case.split("--- stdout\n", 1)[1].split("--- stderr\n", 1)[0] if "--- stdout\n" in case else ""
    if out.startswith("digraph"):
        continue  # the DOT twin of the PNG step
    shown = "$ memscope %s\n%s" % (args, out)
    check(shown in hunt, "docs/leak-hunt.md shows %s" % path)
    if os.path.basename(path) in README_WALKTHROUGH:
        check(shown in readme, "README.md shows %s" % path)
for name in README_WALKTHROUGH:
    check(os.path.exists(os.path.join("tests/cli", name)), "tests/cli/%s exists" % name)

# ---- the README is a front page --------------------------------------------

nlines = readme.count("\n")
check(nlines < README_MAX_LINES, "README.md has %d lines, at most %d" % (nlines, README_MAX_LINES - 1))

# ---- links ---------------------------------------------------------------

tracked = subprocess.run(["git", "ls-files", "-z"], stdout=subprocess.PIPE,
                         check=True).stdout.decode().split("\0")
tracked = [p for p in tracked if p]


def inside_repo(path):
    real = os.path.realpath(path)
    return real == ROOT or real.startswith(ROOT + os.sep)


def headings(path):
    return {re.sub(r"^#+\s*", "", l).strip() for l in read(path).splitlines() if l.startswith("#")}


md_files = ["README.md", "NEWS.md"] + sorted(glob.glob("docs/*.md"))
for md in md_files:
    if not os.path.exists(md):
        check(False, "%s exists" % md)
        continue
    text = read(md)
    # Links and images outside code spans and blocks.
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    prose = re.sub(r"`[^`\n]*`", "", prose)
    for target in re.findall(r"\]\(([^)\s]+)\)", prose):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # a URL or an anchor in the same page
        path = os.path.normpath(os.path.join(os.path.dirname(md), target.split("#", 1)[0]))
        check(inside_repo(path) and os.path.exists(path),
              "%s: link to %s: no such file in the repository" % (md, target))

# Citations of docs/NAME.md (and of a heading in it) from any tracked text.
CITE = re.compile(r"\bdocs/([\w.-]+\.md)(?:,?\s+(?:section\s+)?\"([^\"]+)\")?")
SKIP_SCAN = ("tests/checks/check_docs.py",)


def text_of(path):
    """The file's text, or None for a binary file or one that is gone."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    if b"\0" in data:
        return None
    return data.decode("utf-8", errors="replace")


texts = {}
for p in tracked:
    if p in SKIP_SCAN:
        continue
    t = text_of(p)
    if t is not None:
        texts[p] = t
for p, t in sorted(texts.items()):
    for name, heading in sorted(set(CITE.findall(t))):
        doc = os.path.join("docs", name)
        check(os.path.exists(doc), "%s cites %s, which does not exist" % (p, doc))
        heading = " ".join(heading.split())
        if heading and os.path.exists(doc):
            check(heading in headings(doc), "%s cites %s, \"%s\": no such heading" % (p, doc, heading))

# ---- no notes from outside the repository, no history -----------------------

SCOPE = re.compile(r"^(src|include|docs|man|tests)/|^(README|NEWS)\.md$")
FORBIDDEN = [
    ("a path outside the repository", re.compile(r"(?:\.\./)+shared/|/work/shared/|\bshared/[A-Z][A-Z0-9_]*\.md")),
    ("a work session", re.compile(
        r"\b(?:this|that|previous|earlier|latest|last|prior|next|current|an? (?:earlier|later|previous|new))"
        r"\s+session\b|\bsession's\s+(?:machine|build|code|changes|figures|last)\b"
        r"|\b(?:filed|written|measured) by an? session\b", re.I)),
    ("an issue number", re.compile(r"\bissues?\s*#?\s*\d+", re.I)),
]
for what, rx in FORBIDDEN:
    hits = 0
    for p, t in sorted(texts.items()):
        if not SCOPE.match(p):
            continue
        for m in rx.finditer(t):  # the whole text: a phrase may wrap
            hits += 1
            lineno = t.count("\n", 0, m.start()) + 1
            check(False, "%s:%d: %s: %s" % (p, lineno, what, " ".join(m.group(0).split())))
    if not hits:
        check(True, "no file mentions %s" % what)

sys.exit(summary("docs"))
