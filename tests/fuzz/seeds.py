#!/usr/bin/env python3
"""tests/fuzz/seeds.py - seed candidates for the fuzz harnesses (tests/fuzz/run.sh corpus)

  seeds.py HARNESS OUTDIR [--baseline FILE] [FIXTURE.rec...]

writes candidate inputs for HARNESS into OUTDIR; run.sh then keeps only those that add
coverage (libFuzzer -merge=1) as tests/fuzz/corpus/HARNESS/. Input formats are those of
the harnesses (tests/fuzz/fuzz_*.c): mostly one selector byte and a replay file without
its magic (the harness puts it back).

From each recording of the bench (tests/replay/<release>/*.rec):
  - the whole scene with every distinct request kept once (the requests of all its
    commands, each with its replies), which serves any command line of any tool;
  - windows of one to three consecutive tool runs (records between notes) of the
    harness's programs, each the replies of one or two commands;
each with every selector byte, so that one of them picks the command it was made for.
"""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "replay"))
import nltrace  # noqa: E402  (the recording format lives there, once)

REQUEST, REPLY, ERROR, FACT, NOTE = 1, 2, 3, 4, 5
SELECTORS = 48  # at least as many as the largest table of command lines
MAX_SEED = 32 * 1024

# harnesses whose input is a selector byte and a replay file: the programs whose
# recorded runs suit them
TRACE_HARNESSES = {
    "smcss": {"smcss"},
    "smcr": {"smcr"},
    "smcd": {"smcd"},
    "rdma": {"smcr"},
    "smc_pnet": {"smc_pnet"},
    "smc_chk": {"smc_chk"},
    # statistics as smcr/smcd read them, sockets as smcss does
    "smc_metrics": {"smcr", "smcd", "smcss"},
}

EXPLAIN_WORDS = [
    b"", b"all", b"help", b"0x03030000", b"03030000", b"NOSMCDEV", b"SMC_CLC_DECL_NOSMCDEV",
    b"0x05000000/0x03030008", b"PEERDECL/NOUEID", b"50528256", b"0x0303000g",
    b"0x03030000\x00NOUEID\x00ffffffff", b"0x99999999", b"-d\x000x03010000",
]

SMC_RUN_WORDS = [
    b"socat", b"-f\x00inet\x00socat\x00-", b"--family=smc\x00prog", b"-r\x0064k\x00-t\x001m\x00prog",
    b"--rcvbuf\x0065536\x00--sndbuf=2M\x00prog\x00-x", b"-d\x00prog", b"-D\x00/tmp/f\x00prog",
    b"-h", b"-v", b"-r\x000\x00prog", b"-r\x002147483647\x00prog", b"-r\x002097152k\x00p",
    b"--\x00prog", b"-family\x00auto\x00prog", b"-f", b"--debug-file=\x00p",
]

# smcss filters, words separated by NUL (fuzz_sock_filter.c)
FILTER_WORDS = [
    b"sport = :22", b"src 10.0.0.0/8:80", b"dst [fd00::1]/64:443 or dst ::ffff:1.2.3.4",
    b"state connected", b"exclude listening mode smcd",
    b"not ( mode tcp and fallback NOUEID ) || lgr 0x100", b"dport ge https",
    b"! ( ( sport lt 1 ) )", b"fallback 0x03030000 & mode none",
]

# debug, family, rcvbuf, sndbuf present? then their values (fuzz_preload_env.c)
PRELOAD_ENVS = [
    (b"1", b"auto", b"65536", b"1m"), (b"0", b"smc", b"64k", b""), (b"", b"inet", b"", b"1"),
    (b"1", b"tcp", b"-1", b"2147483648"), (b"yes", b"", b"0x10", b"1K"),
]


def write_seed(outdir, name, data):
    if len(data) > MAX_SEED:
        return
    with open(os.path.join(outdir, name), "wb") as f:
        f.write(data)


def without_cue(rec):
    """The record as any command would find it: the harnesses set no SMC_UTILS_CUE, and a
    replay without one answers from every record; the cue (after the stream) only costs
    bytes.
    """
    return rec[:5] + [b""] * (len(rec) - 5)


def trace_bytes(recs):
    """The records as a replay file, without the magic."""
    tmp = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"seeds-{os.getpid()}.rec")
    nltrace.write(tmp, [without_cue(r) for r in recs])
    with open(tmp, "rb") as f:
        data = f.read()
    os.unlink(tmp)
    return data[len(nltrace.MAGIC):]


def request_key(rec):
    """What replay matches a request by: protocol, label and bytes but sequence and port."""
    body = bytearray(rec[3])
    off = 0
    for off, mlen, _t, _f in nltrace.messages(bytes(body)):
        body[off + 8:off + 16] = bytes(8)
    return (rec[1], bytes(rec[2]), bytes(body))


def distinct_requests(recs):
    """Every distinct request once, right after it its replies (same protocol, stream)."""
    out, seen_req, seen_fact = [], set(), set()
    for i, rec in enumerate(recs):
        if rec[0] == FACT:
            key = (rec[1], bytes(rec[2]), bytes(rec[3]))
            if key not in seen_fact:
                seen_fact.add(key)
                out.append(rec)
            continue
        if rec[0] != REQUEST or request_key(rec) in seen_req:
            continue
        seen_req.add(request_key(rec))
        out.append(rec)
        for later in recs[i + 1:]:
            if later[4] != rec[4] or later[1] != rec[1]:
                continue
            if later[0] == REQUEST:
                break
            if later[0] in (REPLY, ERROR):
                out.append(later)
    return out


def runs(recs):
    """The records of each tool run (a note starts each handle's records) and its program."""
    out, cur, prog = [], [], None
    for rec in recs:
        if rec[0] == NOTE:
            if cur:
                out.append((prog, cur))
            words = dict(w.split("=", 1) for w in bytes(rec[3]).decode(errors="replace").split()
                         if "=" in w)
            prog, cur = words.get("program"), []
            continue
        cur.append(rec)
    if cur:
        out.append((prog, cur))
    return out


def trace_candidates(programs, fixtures):
    for path in fixtures:
        recs = nltrace.read(path)
        scene = os.path.basename(path).removesuffix(".rec")
        yield f"{scene}-all", trace_bytes(distinct_requests(recs))
        segs = runs(recs)
        for i in range(len(segs)):
            for n in (1, 2, 3):
                window = segs[i:i + n]
                if len(window) < n or any(p not in programs for p, _ in window):
                    continue
                yield f"{scene}-{i}-{n}", trace_bytes([r for _, s in window for r in s])


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    harness, outdir, rest = args[0], args[1], args[2:]
    baseline = b""
    if rest[:1] == ["--baseline"]:
        with open(rest[1], "rb") as f:
            baseline = f.read()
        rest = rest[2:]
    os.makedirs(outdir, exist_ok=True)
    if harness in TRACE_HARNESSES:
        for name, data in trace_candidates(TRACE_HARNESSES[harness], rest):
            for sel in range(SELECTORS):
                write_seed(outdir, f"{name}-s{sel}", bytes([sel]) + data)
    elif harness == "genl_ctrl":
        for name, data in trace_candidates(set(), rest):
            write_seed(outdir, f"{name}", b"\x00" + data)
        # the controller's answers themselves, for the direct mode: what follows the
        # netlink header of each reply to a CTRL_CMD_GETFAMILY (type GENL_ID_CTRL, 16)
        n = 0
        for path in rest:
            for rec in nltrace.read(path):
                if rec[0] != REPLY or rec[1] != 16:
                    continue
                for off, mlen, mtype, _f in nltrace.messages(bytes(rec[3])):
                    if mtype == 16:
                        write_seed(outdir, f"ctrl-{n}", b"\x01" + bytes(rec[3][off + 16:off + mlen]))
                        n += 1
    elif harness == "stats_baseline":
        write_seed(outdir, "baseline", b"\x00" + baseline)
        write_seed(outdir, "baseline-v2", b"\x00" + baseline.replace(b"version=1", b"version=2"))
        for name, data in trace_candidates(set(), rest):
            if not name.endswith("-all"):
                continue
            for sel in range(4):
                write_seed(outdir, f"{name}-s{sel}", b"\x01" + bytes([sel]) +
                           struct.pack("<H", len(baseline)) + baseline + data)
    elif harness == "explain":
        for i, words in enumerate(EXPLAIN_WORDS):
            for sel in range(5):
                write_seed(outdir, f"w{i}-s{sel}", bytes([sel]) + words)
    elif harness == "sock_filter":
        for i, words in enumerate(FILTER_WORDS):
            write_seed(outdir, f"f{i}", words.replace(b" ", b"\x00"))
    elif harness == "smc_run_opts":
        for i, words in enumerate(SMC_RUN_WORDS):
            write_seed(outdir, f"w{i}", words)
    elif harness == "preload_env":
        for i, env in enumerate(PRELOAD_ENVS):
            write_seed(outdir, f"env{i}", bytes([0x0f]) + b"\x00".join(env))
            write_seed(outdir, f"env{i}-some", bytes([0x05]) + b"\x00".join(env))
    else:
        sys.exit(f"seeds.py: no seeds for harness {harness}")


if __name__ == "__main__":
    main()
