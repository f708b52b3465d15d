#!/usr/bin/env python3
"""tests/replay/nltrace.py - read, show and mutate recordings (layout: lib/transport/nltrace.h).

  nltrace.py dump FILE                 one line per record, netlink headers decoded
  nltrace.py mutate FILE OUT MUTATION  write a hostile copy of FILE for the tests:
      error-intmin PROTO              the first reply of PROTO ends in NLMSG_ERROR INT_MIN
      replace HEX-OLD HEX-NEW         byte string replaced in every reply (same length)
      truncate-after N                keep records up to the N-th reply only
      short-attr PROTO TYPE           in every reply of PROTO, cut top-level attribute
                                      TYPE (after the family header) to 1 byte
      drop-fact ID                    leave out every fact ID (enum nltrace_fact)
      cut-fact ID                     cut the last byte off every fact ID

These hostile copies are crafted from recordings, for robustness tests only; they are
never presented as a kernel's reply.
"""
import struct
import sys

MAGIC = b"SMCUTRC1"
TYPES = {1: "request", 2: "reply", 3: "error", 4: "fact", 5: "note"}
NLMSG_ERROR, NLMSG_DONE = 2, 3
# lib/transport/nltrace.h, enum nltrace_fact; the named ones start with the name and a NUL
FACTS = {1: "netns_cookie", 2: "kernel_support", 3: "ibv_device", 4: "chk_host",
         5: "path", 6: "kernel_symbol"}
NAMED_FACTS = {3, 4, 5, 6}


def read(path):
    data = open(path, "rb").read()
    if not data.startswith(MAGIC):
        sys.exit(f"{path}: not a recording")
    recs, off = [], len(MAGIC)
    while off < len(data):
        typ, key, nslen, cuelen, dlen, stream = struct.unpack_from("=HHHHII", data, off)
        off += 16
        cue = data[off:off + cuelen]
        ns = data[off + cuelen:off + cuelen + nslen]
        body = data[off + cuelen + nslen:off + cuelen + nslen + dlen]
        if len(body) != dlen:
            sys.exit(f"{path}: record cut short")
        size = cuelen + nslen + dlen
        off += size + (4 - size % 4) % 4
        recs.append([typ, key, ns, bytearray(body), stream, cue])
    return recs


def write(path, recs):
    out = bytearray(MAGIC)
    for typ, key, ns, body, stream, cue in recs:
        out += struct.pack("=HHHHII", typ, key, len(ns), len(cue), len(body), stream)
        out += cue + ns + body
        out += b"\0" * ((4 - (len(cue) + len(ns) + len(body)) % 4) % 4)
    open(path, "wb").write(out)


def messages(body):
    off = 0
    while off + 16 <= len(body):
        mlen, mtype, flags, seq, pid = struct.unpack_from("=IHHII", body, off)
        if mlen < 16 or off + mlen > len(body):
            break
        yield off, mlen, mtype, flags
        off += (mlen + 3) & ~3


def dump(path):
    for i, (typ, key, ns, body, stream, cue) in enumerate(read(path)):
        label = f" netns={ns.decode(errors='replace')}" if ns else ""
        if cue:
            label += f" cue={cue.decode(errors='replace')!r}"
        if typ == 5:
            print(f"{i:4} note {body.decode(errors='replace')}")
            continue
        if typ == 4:
            name = FACTS.get(key, f"key={key}")
            if key in NAMED_FACTS and 0 in body:
                what, body = body.split(b"\0", 1)
                name += f" name={what.decode(errors='replace')!r}"
            print(f"{i:4} fact {name}{label} {body.hex()}")
            continue
        if typ == 3:
            print(f"{i:4} {TYPES[typ]} key={key}{label} {body.hex()}")
            continue
        msgs = " ".join(f"[type {t} flags {f:#x} len {n}]" for _, n, t, f in messages(body))
        print(f"{i:4} {TYPES.get(typ, typ)} proto={key} stream={stream}{label} {len(body)} bytes {msgs}")


def attrs(body, start, end):
    off = start
    while off + 4 <= end:
        alen, atype = struct.unpack_from("=HH", body, off)
        if alen < 4 or off + alen > end:
            break
        yield off, alen, atype & 0x3fff
        off += (alen + 3) & ~3


def mutate(src, dst, what, args):
    recs = read(src)
    replies = [r for r in recs if r[0] == 2]
    if what == "error-intmin":
        proto = int(args[0])
        rec = next(r for r in replies if r[1] == proto)
        first = next(messages(rec[3]))
        off, mlen = first[0], first[1]
        err = struct.pack("=IHHII", 36, NLMSG_ERROR, 0, 0, 0) + struct.pack("=i", -2**31)
        err += bytes(16)
        rec[3] = bytearray(err)
    elif what == "replace":
        old, new = bytes.fromhex(args[0]), bytes.fromhex(args[1])
        assert len(old) == len(new)
        hits = 0
        for r in replies:
            hits += r[3].count(old)
            r[3] = bytearray(bytes(r[3]).replace(old, new))
        if not hits:
            sys.exit("replace: not found")
    elif what == "truncate-after":
        n, kept, seen = int(args[0]), [], 0
        for r in recs:
            kept.append(r)
            if r[0] == 2:
                seen += 1
                if seen == n:
                    break
        recs = kept
    elif what == "short-attr":
        proto, atype = int(args[0]), int(args[1])
        hdr = 4  # the generic netlink header; other protocols pass their header size
        if len(args) > 2:
            hdr = int(args[2])
        hits = 0
        for r in replies:
            if r[1] != proto:
                continue
            body = r[3]
            for off, mlen, mtype, _ in list(messages(body)):
                if mtype in (NLMSG_ERROR, NLMSG_DONE):
                    continue
                for aoff, alen, t in attrs(body, off + 16 + hdr, off + mlen):
                    if t == atype and alen > 5:
                        struct.pack_into("=H", body, aoff, 5)
                        hits += 1
        if not hits:
            sys.exit("short-attr: no such attribute")
    elif what == "drop-fact":
        key = int(args[0])
        kept = [r for r in recs if not (r[0] == 4 and r[1] == key)]
        if len(kept) == len(recs):
            sys.exit("drop-fact: no such fact")
        recs = kept
    elif what == "cut-fact":
        key, hits = int(args[0]), 0
        for r in recs:
            if r[0] == 4 and r[1] == key and r[3]:
                r[3] = r[3][:-1]
                hits += 1
        if not hits:
            sys.exit("cut-fact: no such fact")
    else:
        sys.exit(f"unknown mutation {what}")
    write(dst, recs)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "dump":
        dump(sys.argv[2])
    elif len(sys.argv) >= 5 and sys.argv[1] == "mutate":
        mutate(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    else:
        sys.exit(__doc__)
