#!/usr/bin/env bash
# tests/bench-listing-guest.sh - runs inside the bench (tests/bench-listing.sh boots it):
# smcss, smcd against nl_dump_floor on the same live sockets. See tests/bench-listing.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

conns=${BENCH_CONNS:-5000}
idle=${BENCH_IDLE:-100000}
rounds=${BENCH_ROUNDS:-15}
floor=tests/tools/nl_dump_floor
tmp=$(mktemp -d)

modprobe smc
modprobe smc_diag
smcd/smcd ueid add SMC-BENCH >/dev/null 2>&1 || true

# wait_ready FILE: smc_conn prints "ready" once its sockets exist
wait_ready() {
	local i
	for ((i = 0; i < 36000; i++)); do
		grep -qx ready "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "bench: smc_conn not ready: $(cat "$1")" >&2
	return 1
}

# ir CMD...: user-space instructions of one run (callgrind)
ir() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

# pair_us A -- B: best wall times of A and B, their runs alternating so that a slow
# stretch of the machine hits both
pair_us() {
	local a=() b=() i t0 t ba='' bb=''
	while [ "$1" != -- ]; do a+=("$1"); shift; done
	shift
	b=("$@")
	for ((i = 0; i < rounds; i++)); do
		t0=${EPOCHREALTIME/./}; "${a[@]}" >/dev/null; t=$((${EPOCHREALTIME/./} - t0))
		if [ -z "$ba" ] || [ "$t" -lt "$ba" ]; then ba=$t; fi
		t0=${EPOCHREALTIME/./}; "${b[@]}" >/dev/null; t=$((${EPOCHREALTIME/./} - t0))
		if [ -z "$bb" ] || [ "$t" -lt "$bb" ]; then bb=$t; fi
	done
	echo "$ba $bb"
}

rss_kib() {
	tests/tools/maxrss "$@" 2>&1 >/dev/null | sed -n 's/^maxrss_kib=//p'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# measure LABEL: the whole set of figures for the sockets that exist now
measure() {
	local label=$1 n ours fl ours_d fl_d w wj wd rss rssj
	n=$("$floor" sock)
	ours=$(ir smcss/smcss -a)
	fl=$(ir "$floor" sock)
	ours_d=$(ir smcss/smcss -a -d)
	fl_d=$(ir "$floor" sock -d)
	read -r w wf < <(pair_us smcss/smcss -a -- "$floor" sock)
	read -r wj wt < <(pair_us smcss/smcss -a -j -- smcss/smcss -a)
	read -r wd wdf < <(pair_us smcss/smcss -a -d -- "$floor" sock -d)
	rss=$(rss_kib smcss/smcss -a)
	rssj=$(rss_kib smcss/smcss -a -j)
	echo "== $label: $n sockets"
	printf '  smcss -a      %6d instructions per socket (floor %d), wall %s x the floor (%d / %d us)\n' \
		$((ours / n)) $((fl / n)) "$(ratio "$w" "$wf")" "$w" "$wf"
	printf '  smcss -a -d   %6d instructions per socket (floor %d), wall %s x the floor (%d / %d us)\n' \
		$((ours_d / n)) $((fl_d / n)) "$(ratio "$wd" "$wdf")" "$wd" "$wdf"
	printf '  smcss -a -j   wall %s x text (%d / %d us)\n' "$(ratio "$wj" "$wt")" "$wj" "$wt"
	printf '  peak RSS      smcss -a %d KiB, -a -j %d KiB\n' "$rss" "$rssj"
}

echo "kernel $(uname -r), $(nproc) CPUs (qemu TCG: wall times are the emulator's, ratios are what counts)"
tests/tools/smc_conn server 127.0.0.1 7700 >"$tmp/s.out" 2>&1 &
wait_ready "$tmp/s.out"
tests/tools/smc_conn client -n "$conns" --no-data 127.0.0.1 7700 >"$tmp/c.out" 2>&1 &
wait_ready "$tmp/c.out"
measure "$conns SMC-D connections (both ends) and their listener"

# the genl commands of smcd linkgroup and smcd device: SMC_NETLINK_GET_LGR_SMCD and
# SMC_NETLINK_GET_DEV_SMCD (lib/uapi/linux/smc.h)
# A run takes ~30 ms, most of it process start-up, and one slow stretch of the emulator
# is a few ms: five times the rounds keep the best of each from being a lucky or an
# unlucky one (it costs seconds).
for c in "linkgroup 4" "device 5"; do
	read -r object cmd <<<"$c"
	ours=$(ir smcd/smcd "$object")
	fl=$(ir "$floor" genl "$cmd")
	read -r w wf < <(rounds=$((rounds * 5)) pair_us smcd/smcd "$object" -- "$floor" genl "$cmd")
	printf '  smcd %-9s %d instructions (floor %d), wall %s x the floor (%d / %d us)\n' \
		"$object" "$ours" "$fl" "$(ratio "$w" "$wf")" "$w" "$wf"
done

if [ "$idle" -gt 0 ]; then
	tests/tools/smc_conn idle -n "$idle" >"$tmp/i.out" 2>&1 &
	wait_ready "$tmp/i.out"
	measure "and $idle unconnected SMC sockets (INIT rows)"
fi
