#!/usr/bin/env bash
# tests/bench-smc_run.sh - what libsmc-preload.so costs the sockets it leaves alone
#
# A program creates and closes UDP sockets in a loop (socket(AF_INET, SOCK_DGRAM) +
# close()), once plainly and once under smc_run, alternating, many short rounds; the best
# run of each kind gives the ratio (on a shared machine, other work only ever slows a
# run down, so the fastest is the closest to the true cost). Target: 1.02 at most.
# A measurement for `make bench`, not a test: it fails only if something does not run,
# never on the number.
#   BENCH_N        iterations per run (default 50000)
#   BENCH_ROUNDS   runs of each kind (default 25)
set -euo pipefail
cd "$(dirname "$0")/.."

probe=tests/tools/smc_run_probe
launcher=smc_run/smc_run
n=${BENCH_N:-50000}
rounds=${BENCH_ROUNDS:-25}
for f in "$probe" "$launcher" smc_run/libsmc-preload.so; do
	[ -e "$f" ] || { echo "bench-smc_run: $f is missing (run: make)" >&2; exit 1; }
done

# ns_per_socket CMD...: the "loop: N ns per socket" figure of one run
ns_per_socket() {
	"$@" "$probe" loop "$n" | awk '$1 == "loop:" { print $2 }'
}

plain=() preloaded=()
for ((i = 0; i < rounds; i++)); do
	plain+=("$(ns_per_socket)")
	preloaded+=("$(ns_per_socket "$launcher")")
done

best() {
	printf '%s\n' "$@" | sort -g | head -n 1
}

without=$(best "${plain[@]}")
with=$(best "${preloaded[@]}")
echo "smc_run overhead on sockets it does not convert: UDP socket() + close(), best of" \
	"$rounds runs of $n"
awk -v a="$without" -v b="$with" 'BEGIN {
	r = b / a
	printf "  without smc_run %.1f ns, with %.1f ns: ratio %.3f (target <= 1.02: %s)\n",
		a, b, r, r <= 1.02 ? "met" : "NOT met"
}'
