#!/usr/bin/env bash
# tests/bench-listing.sh - how fast smcss and smcd list, against the floor: in the bench
# (tests/vm/run), on live SMC-D sockets, smcss -a, -a -d and -a -j and smcd linkgroup
# and device are measured against tests/tools/nl_dump_floor, which sends the same
# request and only reads and counts the replies. For each: user-space instructions
# (valgrind --tool=callgrind; stable on a noisy machine) per socket, the best wall time
# of paired runs as a ratio to the floor's, and the peak RSS.
# Targets (issue 12): smcss -a at most 3600 instructions per socket and 1.1 x the floor's
# wall time, -j at most 1.2 x text, smcd linkgroup/device 1.1 x a bare dump, RSS flat and
# at most 2 MB. A measurement for `make bench`, not a test: it fails only if something
# does not run, never on a number.
#   BENCH_CONNS    SMC-D connections (default 5000: 10001 sockets with the listener)
#   BENCH_IDLE     unconnected SMC sockets added for a second round (default 100000;
#                  0: none)
#   BENCH_ROUNDS   paired runs per wall-time ratio (default 15; five times as many for
#                  smcd linkgroup and device, which take milliseconds)
#   BENCH_KERNEL   the bench's kernel (default 6.12)
set -euo pipefail
cd "$(dirname "$0")/.."
for f in smcss/smcss smcd/smcd tests/tools/nl_dump_floor tests/tools/smc_conn tests/tools/maxrss; do
	[ -x "$f" ] || { echo "bench-listing: $f is missing (run: make all)" >&2; exit 1; }
done
# 100k sockets and their internal TCP sockets need more than the bench's usual 1 GiB
export BENCH_MEM=${BENCH_MEM:-3072} BENCH_TIMEOUT=${BENCH_TIMEOUT:-5400}
export BENCH_CONNS=${BENCH_CONNS:-5000} BENCH_IDLE=${BENCH_IDLE:-100000}
export BENCH_ROUNDS=${BENCH_ROUNDS:-15}
export BENCH_ENV="BENCH_CONNS BENCH_IDLE BENCH_ROUNDS${BENCH_ENV:+ $BENCH_ENV}"
tests/vm/run tests/bench-listing-guest.sh
