#!/usr/bin/env bats
# smcss streams: 10,000 sockets are all listed, and its memory does not grow with them.
load ../helpers/live

setup() {
	require_bench
}

teardown() {
	stop_bg
}

# peak RSS (KiB) of smcss ARGS, output to a file
peak_rss() {
	"$TOP/tests/tools/maxrss" "$SMCSS" "$@" 2>"$BATS_TEST_TMPDIR/rss" >"$BATS_TEST_TMPDIR/out"
	sed -n 's/^maxrss_kib=//p' "$BATS_TEST_TMPDIR/rss"
}

@test "10,000 sockets: every one listed, text and JSON, with flat memory" {
	start_bg few "$SMC_CONN" idle -n 100
	small_text=$(peak_rss -a)
	small_json=$(peak_rss -a -j)
	start_bg many "$SMC_CONN" idle -n 9900
	big_text=$(peak_rss -a)
	[ "$(grep -c '^INIT' "$BATS_TEST_TMPDIR/out")" -ge 10000 ]
	big_json=$(peak_rss -a -j)
	[ "$(jq '[.[] | select(.state == "INIT")] | length' "$BATS_TEST_TMPDIR/out")" -ge 10000 ]
	echo "# peak RSS KiB: 100 sockets text=$small_text json=$small_json;" \
		"10000 sockets text=$big_text json=$big_json" >&3
	# 100x the sockets may cost at most 1 MiB more (one 1024-row table chunk)
	[ $((big_text - small_text)) -lt 1024 ]
	[ $((big_json - small_json)) -lt 1024 ]
}
