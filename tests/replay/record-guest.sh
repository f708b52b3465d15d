#!/usr/bin/env bash
# tests/replay/record-guest.sh - runs inside the bench (tests/replay/record): builds the
# rich live state of each scene with real SMC sockets and records every command of
# SCENE.commands with SMC_UTILS_RECORD into $BENCH_OUT/SCENE.rec; what the commands
# printed live goes to $BENCH_OUT/SCENE.live, the format of run-commands.sh.
# What the kernel cannot do is left out with a message (feature probes of
# tests/helpers/live.bash): on 6.1 the IPPROTO_SMC pair and the whole smcr scene.
set -euo pipefail
cd "$(dirname "$0")/../.."
top=$PWD
conn=$top/tests/tools/smc_conn
smcd=$top/smcd/smcd
out=${BENCH_OUT:?runs in the bench: tests/replay/record}
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

# start CMD...: start in the background, wait for its "ready" line
start() {
	local log
	log=$(mktemp)
	"$@" >"$log" 2>&1 &
	pids+=($!)
	for _ in $(seq 300); do
		grep -qx ready "$log" && return 0
		sleep 0.05
	done
	echo "record-guest: not ready: $* ($(cat "$log"))" >&2
	return 1
}

record() {
	local scene=$1
	rm -f "$out/$scene.rec"
	SMC_UTILS_RECORD=$out/$scene.rec tests/replay/run-commands.sh \
		"tests/replay/$scene.commands" >"$out/$scene.live"
}

uname -r >"$out/release"
# the bats helpers: have_feature (live.bash) and, for the smcr scene, the SMC-R bench
. tests/helpers/outside-bats.bash

# --- smcd: SMC-D over loopback-ism in the initial namespace
"$smcd" ueid flush
# a fallback for want of a UEID first (server 0x03030008, client 0x05000000/0x03030008)
modprobe tcp_diag 2>/dev/null || true   # smcss finds IPPROTO_SMC addresses through it
start "$conn" server 127.0.0.1 7003
start "$conn" client 127.0.0.1 7003
"$smcd" ueid add SMC-BENCH
start "$conn" server 127.0.0.1 7000
start "$conn" client -n 2 127.0.0.1 7000
start "$conn" server ::1 7001
start "$conn" client ::1 7001
start "$conn" server --tcp 127.0.0.1 7002
start "$conn" client 127.0.0.1 7002
start "$conn" server 0.0.0.0 7010
start "$conn" server :: 7011
start "$conn" client 127.0.0.1 7010
if have_feature ipproto_smc; then
	start "$conn" server --ipproto 127.0.0.1 7012
	start "$conn" client --ipproto 127.0.0.1 7012
else
	echo "record-guest: smcd: no IPPROTO_SMC pair: $FEATURE_WHY" >&2
fi
sleep 0.5
record smcd

# --- errors: what the kernel refuses (changes UEIDs, hslimit and PNET entries)
record errors
"$smcd" ueid flush
"$smcd" ueid add SMC-BENCH

# --- smcr: SMC-R from namespace a to b over soft-RoCE, as the live tests build it
if have_feature smcr_rxe; then
	smcr_up >/dev/null
	start ip netns exec b "$conn" server 198.18.0.2 7100
	start ip netns exec a "$conn" client 198.18.0.2 7100
	sleep 0.5
	record smcr
else
	echo "record-guest: smcr scene not recorded: $FEATURE_WHY" >&2
fi

# --- smcr_fallback: the SMC-R fallback matrix between a and b, one connection held per
# reason, each made with one knob of tests/helpers/smcr.bash turned and turned back
# (as tests/live/smcr_fallback.bats, which asserts each code). No link group is set
# up, so 6.1 (smcr_rxe missing: its link groups hang) records it too.
kill "${pids[@]}" 2>/dev/null || true
pids=()
if (smcr_require) 2>/dev/null; then
	exec 3>&2   # start_bg reports a helper that died on fd 3, as under bats
	smcr_up >/dev/null
	fallback() {
		local knob=$1 port=$2
		shift 2
		if [ -n "$knob" ]; then $knob; fi
		smcr_pair "$port" "$@"
		smcr_undo_knobs
	}
	# first: no RoCE device ends the link groups and every process in a and b
	# (smcr_fresh_linkgroups); one such knob only, b's side is drop_ib_pnet b's codes
	fallback "smcr_drop_rxe a" 6200
	fallback "smcr_drop_ib_pnet a" 6202
	fallback "smcr_drop_ib_pnet b" 6203
	fallback "smcr_drop_eth_pnet a" 6204
	fallback "smcr_drop_eth_pnet b" 6205
	fallback smcr_drop_ueid 6206
	fallback "" 6207 --tcp
	fallback "" 6208 -- --tcp
	fallback "" 6209 -- --ipsec
	fallback "" 6210 --ipsec
	sleep 0.5
	record smcr_fallback
	stop_bg
else
	echo "record-guest: smcr_fallback scene not recorded: no SMC-R bench" >&2
fi

# --- nodiag, nosmc: the modules go; nothing may need SMC after this
kill "${pids[@]}" 2>/dev/null || true
wait 2>/dev/null || true
rmmod smc_diag
record nodiag
smcr_down >/dev/null 2>&1 || true
rmmod smc
record nosmc
