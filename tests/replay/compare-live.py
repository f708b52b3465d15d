#!/usr/bin/env python3
"""tests/replay/compare-live.py LIVE EXPECTED - does the replay print what the kernel's
tools printed live? Both files are in run-commands.sh's format; every command's block
must be equal (what the tools read outside netlink - libibverbs, smc_chk's procfs and
socket probes - is recorded as facts, so nothing is exempt). A JSON document is equal
when it holds the same members with the same values: the order of the members of an
object is not part of the JSON interface (smcr(8), JSON OUTPUT), the order of array
elements is, and so is every byte of stderr and the exit status.
"""
import json
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


def members_sorted(pairs):
    # a member given twice is kept twice, so a duplicate still differs
    return sorted(pairs, key=lambda kv: (kv[0], json.dumps(kv[1], sort_keys=True)))


def same_json(a, b):
    """Are blocks @a and @b (lists of lines) the same JSON on stdout and the same rest?"""
    def split(lines):
        out = [l for l in lines if not l.startswith(("stderr: ", "exit "))]
        return "".join(out), [l for l in lines if l not in out]
    (out_a, rest_a), (out_b, rest_b) = split(a), split(b)
    if rest_a != rest_b or not out_a.strip():
        return False
    try:
        return (json.loads(out_a, object_pairs_hook=members_sorted) ==
                json.loads(out_b, object_pairs_hook=members_sorted))
    except ValueError:
        return False


live, expected = blocks(sys.argv[1]), blocks(sys.argv[2])
bad = 0
if list(live) != list(expected):
    print("the two files do not list the same commands")
    bad += 1
for cmd, lines in live.items():
    if expected.get(cmd) == lines or same_json(lines, expected.get(cmd, [])):
        continue
    print(f"{cmd}: the replay differs from what the kernel's tools printed live")
    bad += 1
sys.exit(1 if bad else 0)
