#!/usr/bin/env bats
# smcss -P on recorded kernels: a replay's sockets belong to the host that recorded it,
# so no process here is shown for them and every row stays as without -P. (The /proc
# reader is tests/unit/test_sock_owners.c; live, tests/live/smcd.bats.)
load ../helpers/common

@test "processes: a replay shows no process, the rows are those of the plain listing" {
	local rec args
	for rec in "$TOP"/tests/replay/*/smcd.rec; do
		for args in "-a" "-a -d" "-a -D" "-l"; do
			# shellcheck disable=SC2086
			SMC_UTILS_REPLAY=$rec run_split "$SMCSS" $args -P
			assert_success
			assert_equal "$stderr" ""
			# shellcheck disable=SC2086
			assert_equal "$output" "$(SMC_UTILS_REPLAY=$rec "$SMCSS" $args)"
		done
		SMC_UTILS_REPLAY=$rec run_split "$SMCSS" -a -P -j
		assert_success
		jq -e 'length > 0 and all(.[]; has("processes") | not)' <<<"$output"
	done
}
