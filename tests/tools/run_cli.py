#!/usr/bin/env python3
"""run_cli.py — golden tests of the memscope command line.

Each tests/cli/NAME.t file holds one case:

    # what it checks (comment lines start with #)
    args: analyze --format tsv testdata/small.jsonl
    stdin: testdata/small.jsonl        (optional: file fed to standard input)
    gunzip: testdata/x.jsonl.gz x.jsonl (optional: run in a fresh directory
                                       holding the file decompressed as x.jsonl;
                                       stdout must not depend on the directory)
    png: x.png                         (optional: the command must write this
                                       PNG, in the run's directory: a valid
                                       image, not blank, at least 100x100)
    exit: 0
    --- stdout
    expected standard output, exactly
    --- stderr
    expected standard error, exactly

A missing section means "empty". Output that claims to be JSON (--format
json / -f json, exit 0) must also parse. `--update` rewrites the expected
sections from the actual output (review the diff before committing).
Prints one line per failure and ends with "N passed, N failed".
"""
import difflib
import gzip
import struct
import zlib
import json
import os
import shutil
import tempfile
import shlex
import subprocess
import sys


def parse(path):
    case = {"args": None, "stdin": None, "gunzip": None, "png": None, "exit": 0, "stdout": "", "stderr": "",
            "head": []}
    section = None
    body = {"stdout": [], "stderr": []}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("--- "):
                section = line[4:].strip()
                if section not in body:
                    raise ValueError("%s: unknown section %r" % (path, section))
                continue
            if section:
                body[section].append(line)
                continue
            case["head"].append(line)
            if line.startswith("args:"):
                case["args"] = shlex.split(line[5:])
            elif line.startswith("stdin:"):
                case["stdin"] = line[6:].strip()
            elif line.startswith("gunzip:"):
                case["gunzip"] = line[7:].split()
            elif line.startswith("png:"):
                case["png"] = line[4:].strip()
            elif line.startswith("exit:"):
                case["exit"] = int(line[5:])
    case["stdout"] = "".join(body["stdout"])
    case["stderr"] = "".join(body["stderr"])
    if case["args"] is None:
        raise ValueError("%s: no args: line" % path)
    return case


def check_png(path):
    """Returns None if path is a PNG of at least 100x100 whose pixels are
    not all the same byte, else what is wrong."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return "no PNG written: %s" % e
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return "%s is not a PNG" % path
    width, height = struct.unpack(">II", data[16:24])
    if width < 100 or height < 100:
        return "%s is %dx%d, expected at least 100x100" % (path, width, height)
    idat, at = b"", 8
    while at + 8 <= len(data):
        n, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            idat += data[at + 8:at + 8 + n]
        at += 12 + n
    try:
        pixels = zlib.decompress(idat)
    except zlib.error as e:
        return "%s: image data does not decompress: %s" % (path, e)
    row = len(pixels) // height
    body = b"".join(pixels[r * row + 1:(r + 1) * row] for r in range(height))
    if len(set(body)) < 8:
        return "%s is blank" % path
    return None


def run(memscope, case):
    stdin = open(case["stdin"], "rb") if case["stdin"] else subprocess.DEVNULL
    env = dict(os.environ, LC_ALL="C")
    cwd = None
    if case["gunzip"]:
        src, name = case["gunzip"]
        cwd = tempfile.mkdtemp(prefix="memscope-cli-")
        with gzip.open(src, "rb") as f, open(os.path.join(cwd, name), "wb") as g:
            shutil.copyfileobj(f, g)
        memscope = os.path.abspath(memscope)
    elif case["png"]:
        cwd = tempfile.mkdtemp(prefix="memscope-cli-")
        memscope = os.path.abspath(memscope)
    case["png_problem"] = None
    try:
        p = subprocess.run([memscope] + case["args"], stdin=stdin, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env, timeout=120, cwd=cwd)
        if case["png"]:
            case["png_problem"] = check_png(os.path.join(cwd, case["png"]))
    finally:
        if case["stdin"]:
            stdin.close()
        if cwd:
            shutil.rmtree(cwd)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def write(path, case, code, out, err):
    head = []
    for line in case["head"]:
        head.append("exit: %d\n" % code if line.startswith("exit:") else line)
    if not any(l.startswith("exit:") for l in head):
        head.append("exit: %d\n" % code)
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(head)
        if out:
            f.write("--- stdout\n" + out)
        if err:
            f.write("--- stderr\n" + err)


def main():
    update = "--update" in sys.argv
    files = [a for a in sys.argv[1:] if a != "--update"]
    memscope = os.environ.get("MEMSCOPE", "./memscope")
    passed = failed = 0
    for path in files:
        name = os.path.basename(path)
        try:
            case = parse(path)
            code, out, err = run(memscope, case)
        except Exception as e:  # a broken test file is a failure, not a crash
            print("FAIL %s: %s" % (name, e))
            failed += 1
            continue
        if update:
            write(path, case, code, out, err)
            png_problem = case.get("png_problem")
            case = parse(path)
            case["png_problem"] = png_problem
        problems = []
        if code != case["exit"]:
            problems.append("exit %d, expected %d" % (code, case["exit"]))
        for label, got, want in (("stdout", out, case["stdout"]), ("stderr", err, case["stderr"])):
            if got != want:
                diff = difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                            "expected " + label, "actual " + label)
                problems.append("".join(list(diff)[:40]))
        if case.get("png_problem"):
            problems.append(case["png_problem"])
        args = case["args"]
        if code == 0 and ("json" in args) and (("--format" in args) or ("-f" in args)):
            try:
                json.loads(out)
            except ValueError as e:
                problems.append("stdout is not valid JSON: %s" % e)
        if problems:
            failed += 1
            print("FAIL %s\n  %s" % (name, "\n  ".join(problems)))
        else:
            passed += 1
    print("cli: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
