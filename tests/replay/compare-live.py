#!/usr/bin/env python3
"""tests/replay/compare-live.py LIVE EXPECTED - does the replay print what the kernel's
tools printed live? Both files are in run-commands.sh's format; every command's block
must be equal (what the tools read outside netlink - libibverbs, smc_chk's procfs and
socket probes - is recorded as facts, so nothing is exempt).
"""
import sys


def blocks(path):
    out, cur = {}, None
    for line in open(path, encoding="utf-8", errors="surrogateescape"):
        if line.startswith("$ "):
            cur = line.rstrip("\n")
            out[cur] = []
        elif cur is not None:
            out[cur].append(line)
    return out


live, expected = blocks(sys.argv[1]), blocks(sys.argv[2])
bad = 0
if list(live) != list(expected):
    print("the two files do not list the same commands")
    bad += 1
for cmd, lines in live.items():
    if expected.get(cmd) == lines:
        continue
    print(f"{cmd}: the replay differs from what the kernel's tools printed live")
    bad += 1
sys.exit(1 if bad else 0)
