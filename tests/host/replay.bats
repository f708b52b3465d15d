#!/usr/bin/env bats
# Golden tests from real kernels. tests/replay/record records, in the bench, every
# command of tests/replay/SCENE.commands against the scene's live state into
# tests/replay/<release>/SCENE.rec, and keeps what the commands printed live in
# SCENE.live. Here every command is replayed from the recording and must print exactly
# SCENE.expected (`make regen` rewrites those from the replays: review the diff), and
# SCENE.expected must be what the kernel's tools printed live.
load ../helpers/common

setup() {
	REPLAY=$TOP/tests/replay
	shopt -s nullglob
	RECORDINGS=("$REPLAY"/*/*.rec)
	[ ${#RECORDINGS[@]} -ge 2 ] || fail "no recorded scenes under tests/replay/"
}

@test "replay: every scene of every recorded kernel prints its expected output" {
	local rec scene
	for rec in "${RECORDINGS[@]}"; do
		scene=$(basename "$rec" .rec)
		SMC_UTILS_REPLAY=$rec "$REPLAY/run-commands.sh" "$REPLAY/$scene.commands" \
			>"$BATS_TEST_TMPDIR/got"
		diff -u "${rec%.rec}.expected" "$BATS_TEST_TMPDIR/got"
	done
}

@test "replay: the expected outputs are what the tools printed live on that kernel" {
	local rec
	for rec in "${RECORDINGS[@]}"; do
		run "$REPLAY/compare-live.py" "${rec%.rec}.live" "${rec%.rec}.expected"
		assert_success
	done
}

@test "replay: the recordings name the kernel they come from" {
	local rec release
	for rec in "${RECORDINGS[@]}"; do
		release=$(basename "$(dirname "$rec")")
		run "$REPLAY/nltrace.py" dump "$rec"
		assert_success
		assert_output --partial "note program="
		[[ "$output" == *"kernel=$release "* ]] || fail "$rec: recorded on another kernel than $release"
	done
}
