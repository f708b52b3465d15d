#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""sock-summary.py - what smcss -s -j must print, worked out from smcss -j

  smcss -a -j | sock-summary.py      prints the summary of those sockets as JSON

An oracle for the tests, written apart from the C code: the counts come from the
listing's members (state, mode, family, fallback_reason, peer_diagnosis), the ranking
is the documented one (most sockets first, then the lower code).
"""
import collections
import json
import sys


def ranked(codes, rows, key):
    out = []
    for code, n in sorted(codes.items(), key=lambda cn: (-cn[1], cn[0])):
        row = next(r for r in rows if r.get(key) == code)
        entry = {"code": code}
        for member, suffix in (("name", "_name"), ("text", "_text")):
            if key + suffix in row:
                entry[member] = row[key + suffix]
        entry["sockets"] = n
        out.append(entry)
    return out


def summary(rows):
    states, modes, families = (collections.Counter() for _ in range(3))
    local, peer = collections.Counter(), collections.Counter()
    fallback_rows, fell_back = [], 0
    for r in rows:
        states[r["state"]] += 1
        modes[r.get("mode", "none")] += 1
        families[r["family"]] += 1
        if r.get("mode") == "TCP" and "fallback_reason" in r:
            fell_back += 1
            fallback_rows.append(r)
            if r["fallback_reason"]:
                local[r["fallback_reason"]] += 1
            if r.get("peer_diagnosis"):
                peer[r["peer_diagnosis"]] += 1
    return {
        "sockets": len(rows),
        "states": dict(states),
        "modes": dict(modes),
        "families": dict(families),
        "fell_back": fell_back,
        "fallback_reasons": ranked(local, fallback_rows, "fallback_reason"),
        "peer_diagnoses": ranked(peer, fallback_rows, "peer_diagnosis"),
    }


if __name__ == "__main__":
    json.dump(summary(json.load(sys.stdin)), sys.stdout, sort_keys=True)
    print()
