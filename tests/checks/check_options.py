#!/usr/bin/env python3
"""check_options.py — the man page's option lists are the option table's.

memscope prints its option table (src/cli/options.c) as roff with
`memscope --generate man-options`: one section per command with options of
its own, "graph diagrams" and "common", each opened by a line
`.\\" options: NAME`. In man/memscope.1 each section sits between
`.\\" begin options: NAME` and `.\\" end options: NAME`.

  check_options.py          fails when a section differs from the table's,
                            is missing, or is not the table's; and when a
                            long option of `memscope CMD --help` is not in
                            CMD's sections or the common one
  check_options.py --write  rewrites the sections from the table (make man)

Prints "options: N passed, N failed".
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from tally import check, summary

MEMSCOPE = os.environ.get("MEMSCOPE", "./memscope")
MAN = "man/memscope.1"


def generated():
    """The table's sections: {name: roff text}, in order."""
    out = subprocess.run([MEMSCOPE, "--generate", "man-options"], stdout=subprocess.PIPE,
                         check=True).stdout.decode()
    sections = {}
    for part in re.split(r'^\.\\" options: ', out, flags=re.M)[1:]:
        name, _, body = part.partition("\n")
        sections[name] = body
    return sections


BLOCK = re.compile(r'^\.\\" begin options: (.*)\n(.*?)^\.\\" end options: \1\n', re.M | re.S)


def main():
    table = generated()
    man = open(MAN, encoding="utf-8").read()
    found = {m.group(1): m.group(2) for m in BLOCK.finditer(man)}
    if "--write" in sys.argv[1:]:
        missing = [n for n in table if n not in found]
        if missing:
            print("check_options: no markers in %s for: %s" % (MAN, ", ".join(missing)))
            return 1
        man = BLOCK.sub(lambda m: '.\\" begin options: %s\n%s.\\" end options: %s\n'
                        % (m.group(1), table.get(m.group(1), m.group(2)), m.group(1)), man)
        open(MAN, "w", encoding="utf-8").write(man)
        print("check_options: %s: %d option lists written" % (MAN, len(table)))
        return 0
    for name, body in table.items():
        check(name in found, "%s: no option list '%s' (markers .\\\" begin/end options: %s)"
              % (MAN, name, name))
        check(found.get(name, body) == body,
              "%s: option list '%s' differs from src/cli/options.c: run make man" % (MAN, name))
    for name in found:
        check(name in table, "%s: option list '%s' is not in the option table" % (MAN, name))

    # Each command's --help options are in its man sections or the common one.
    top = subprocess.run([MEMSCOPE, "--help"], stdout=subprocess.PIPE, check=True).stdout.decode()
    commands = re.findall(r"^  (\w+)\s{2,}", top.split("Commands:", 1)[1], flags=re.M)
    check(len(commands) >= 2, "commands listed")
    for cmd in commands:
        out = subprocess.run([MEMSCOPE, cmd, "--help"], stdout=subprocess.PIPE,
                             check=True).stdout.decode()
        text = "".join(found.get(s, "") for s in (cmd, cmd + " diagrams", "common"))
        text = text.replace("\\-", "-")
        for opt in sorted(set(re.findall(r"^  (?:-\w, )?\s*(--[a-z][a-z-]+)", out, flags=re.M))):
            check(opt in text, "%s: %s is in --help but not in its man option list" % (cmd, opt))
    return summary("options")


sys.exit(main())
