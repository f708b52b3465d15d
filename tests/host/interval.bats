#!/usr/bin/env bats
# smcss -i on a recorded kernel (the replay answers each listing as the kernel did):
# listings repeat until SIGINT, SIGTERM or SIGHUP, which end it with status 0 after the
# listing being printed; with -j one JSON document per line.
load ../helpers/common

setup() {
	REC=$TOP/tests/replay/6.12.117+deb12-amd64/smcd.rec
}

# listen_for SECONDS SIGNAL ARGS...: run smcss ARGS under replay, send SIGNAL after
# SECONDS; $output is its stdout, $status its own exit status
listen_for() {
	local secs=$1 sig=$2
	shift 2
	SMC_UTILS_REPLAY=$REC run_split timeout --preserve-status -s "$sig" "$secs" "$SMCSS" "$@"
}

@test "interval: -j prints one valid document per line until SIGINT, then exits 0" {
	local line n=0
	listen_for 1.5 INT -i 0.3 -a -j
	assert_success
	assert_equal "$stderr" ""
	while IFS= read -r line; do
		n=$((n + 1))
		jq -e 'length == 19' <<<"$line" >/dev/null
		"$TOP/tests/tools/validate-json.py" smcss -a -j <<<"$line"
	done <<<"$output"
	[ "$n" -ge 3 ] || fail "only $n documents in 1.5 s at 0.3 s"
	# the summary is a document per line too
	listen_for 1 TERM -i 0.3 -s -j
	assert_success
	[ "$(wc -l <<<"$output")" -ge 2 ]
	while IFS= read -r line; do
		"$TOP/tests/tools/validate-json.py" smcss -s -j <<<"$line"
	done <<<"$output"
}

@test "interval: text listings are separated by a blank line; SIGTERM and SIGHUP end it cleanly" {
	local sig
	for sig in TERM HUP; do
		listen_for 1 "$sig" -i 0.3 -l
		assert_success
		assert_line --index 0 --regexp '^State +UID +Inode +Local Address'
		assert_line --index 7 --regexp '^State +UID +Inode +Local Address'
		[ "${lines[6]}" != "" ] || fail "a listing is 6 LISTEN rows and its header"
		run bash -c 'grep -c "^\$" <<<"$1"' _ "$output"
		[ "$output" -ge 1 ]
	done
}

@test "interval: an error ends the loop at once with the listing's error" {
	# this host's kernel has no SMC (skipped where it has): exit 1, one line, no output
	[ ! -e /proc/net/smc ] && ! grep -qw '^smc' /proc/modules 2>/dev/null ||
		skip "this host has SMC"
	run_split timeout 10 "$SMCSS" -i 1 -n /proc/self/ns/net
	assert_equal "$status" 1
	assert_one_line_error '^smcss: '
	# a reader that goes away ends it as it ends a single listing (SIGPIPE, as ss)
	SMC_UTILS_REPLAY=$REC run bash -c 'timeout 10 "$0" -i 0.1 -a | head -1; echo "${PIPESTATUS[0]}"' \
		"$SMCSS"
	assert_line --index 1 141
}
