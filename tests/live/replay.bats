#!/usr/bin/env bats
# Record and replay on the live kernel: recording changes nothing the tools print, and
# the replay of a recording prints exactly what the kernel's tools printed while it was
# made. (The golden files of tests/replay/ come from tests/replay/record; this checks
# the mechanism itself against today's kernel.)
load ../helpers/live

setup() {
	require_bench
	ensure_ueid
}

teardown() {
	stop_bg
}

# live_record_replay TOOL ARGS...: live, recorded and replayed runs print the same
live_record_replay() {
	local rec=$BATS_TEST_TMPDIR/r.rec live recorded
	rm -f "$rec"
	run_split "$@"
	live="$status|$output|$stderr"
	SMC_UTILS_RECORD=$rec run_split "$@"
	recorded="$status|$output|$stderr"
	SMC_UTILS_REPLAY=$rec run_split "$@"
	assert_equal "$status|$output|$stderr" "$recorded"
	# sockets are listed as the kernel has them, which the recording run did not change
	assert_equal "$recorded" "$live"
}

@test "replay: smcss, smcd and smc_pnet replay what the live kernel showed" {
	start_bg server "$SMC_CONN" server 127.0.0.1 5900
	start_bg client "$SMC_CONN" client -n 2 127.0.0.1 5900
	start_bg server6 "$SMC_CONN" server ::1 5901
	start_bg client6 "$SMC_CONN" client ::1 5901
	live_record_replay "$SMCSS" -a
	live_record_replay "$SMCSS" -a -d -D -j
	live_record_replay "$SMCSS" -e
	live_record_replay "$SMCD" -d linkgroup
	live_record_replay "$SMCD" -j info
	live_record_replay "$SMCD" ueid show
	live_record_replay "$SMCD" device
	live_record_replay "$TOP/smc_pnet/smc_pnet" -j
}

@test "replay: a recording made in the bench names this kernel" {
	local rec=$BATS_TEST_TMPDIR/k.rec
	SMC_UTILS_RECORD=$rec run "$SMCSS"
	assert_success
	run "$TOP/tests/replay/nltrace.py" dump "$rec"
	assert_output --partial "kernel=$(uname -r) "
}

@test "replay: a kernel error is recorded and replayed as the same one-line error" {
	local rec=$BATS_TEST_TMPDIR/e.rec
	# a link group id that does not exist: the kernel answers, we report it
	live_record_replay "$SMCD" linkgroup show 7fffffff
	[ "$status" -ne 0 ]
}
