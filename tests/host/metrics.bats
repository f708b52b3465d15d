#!/usr/bin/env bats
# smc_metrics on the recorded kernels and on this host (no SMC): the Prometheus text passes
# promtool, says what smcd/smcr stats -j and smcss -a -j say (tests/tools/metrics-oracle.py),
# is written atomically with -o, and bad input is one line, exit 2, nothing written.
load ../helpers/common

SMC_METRICS="$TOP/smc_metrics/smc_metrics"

setup() {
	shopt -s nullglob
	RECORDINGS=("$TOP"/tests/replay/*/smcd.rec)
	[ ${#RECORDINGS[@]} -ge 3 ] || fail "no recorded smcd scenes"
	command -v promtool >/dev/null || fail "promtool missing (Debian package prometheus)"
}

@test "metrics: promtool accepts them and they agree with stats -j and smcss -j, on every kernel" {
	local rec d=$BATS_TEST_TMPDIR
	for rec in "${RECORDINGS[@]}"; do
		SMC_UTILS_REPLAY=$rec run_split "$SMC_METRICS"
		assert_success
		assert_equal "$stderr" ""
		printf '%s\n' "$output" >"$d/m.prom"
		run promtool check metrics <"$d/m.prom"
		assert_success
		assert_output ""
		SMC_UTILS_REPLAY=$rec "$SMCD" -j stats -a >"$d/d.json"
		SMC_UTILS_REPLAY=$rec "$SMCR" -j stats -a >"$d/r.json"
		SMC_UTILS_REPLAY=$rec "$SMCSS" -a -j >"$d/s.json"
		run "$TOP/tests/tools/metrics-oracle.py" "$d/m.prom" "$d/d.json" "$d/r.json" "$d/s.json"
		assert_success
		assert_output --regexp '^metrics-oracle: ([0-9]+) of \1 samples agree \(1[0-9]{2} statistics, [1-9] socket counts\)$'
		grep -qx 'smc_collect_success{part="statistics"} 1' "$d/m.prom"
		grep -qx 'smc_collect_success{part="sockets"} 1' "$d/m.prom"
	done
}

@test "metrics: names and labels as Prometheus wants them; one HELP and TYPE per family" {
	SMC_UTILS_REPLAY=$TOP/tests/replay/6.12.117+deb12-amd64/smcd.rec run_split "$SMC_METRICS"
	assert_success
	assert_line 'smc_fallback_reasons_total{role="server",code="0x03030008",reason="NOUEID"} 1'
	assert_line 'smc_connections_total{technology="smcd",role="client",version="2"} 5'
	assert_line 'smc_sockets{mode="none",state="LISTEN"} 6'
	assert_line 'smc_buffer_usage_bytes{technology="smcd",direction="rx"} 655360'
	# counters end in _total, every family once, its samples right after it
	grep '^# TYPE .* counter$' <<<"$output" | grep -v '_total counter$' && fail "counter without _total"
	[ "$(grep -c '^# TYPE' <<<"$output")" = "$(grep '^# TYPE' <<<"$output" | sort -u | wc -l)" ]
	awk '/^# TYPE/ { fam = $3; next } /^#/ { next } { n = $1; sub(/\{.*/, "", n); if (n != fam) exit 1 }' <<<"$output"
}

@test "metrics: -o writes atomically, readable by the collector, no temporary file left" {
	local dir=$BATS_TEST_TMPDIR/textfile rec=$TOP/tests/replay/6.12.117+deb12-amd64/smcd.rec
	mkdir "$dir"
	echo "old" >"$dir/smc.prom"
	ln "$dir/smc.prom" "$dir/held"	# a reader's view of the old file stays whole
	(umask 077 && SMC_UTILS_REPLAY=$rec run_split "$SMC_METRICS" -o "$dir/smc.prom" &&
		assert_success && assert_output "" && assert_equal "$stderr" "")
	assert_equal "$(stat -c %a "$dir/smc.prom")" 644
	assert_equal "$(cat "$dir/held")" "old"
	assert_equal "$(SMC_UTILS_REPLAY=$rec "$SMC_METRICS")" "$(cat "$dir/smc.prom")"
	assert_equal "$(ls "$dir")" $'held\nsmc.prom'
	# a directory that is not there: one line, status 1, nothing left behind
	run_split "$SMC_METRICS" -o "$dir/no/such/smc.prom"
	assert_failure 1
	assert_one_line_error '^smc_metrics: cannot create a file beside .*/no/such/smc.prom: No such file or directory$'
	run_split "$SMC_METRICS" -o /dev/null/smc.prom
	assert_failure 1
	assert_one_line_error '^smc_metrics: cannot create a file beside /dev/null/smc.prom: Not a directory$'
	assert_equal "$(ls "$dir")" $'held\nsmc.prom'
}

@test "metrics: this host has no SMC: the failure is said once and the metrics say so" {
	local d=$BATS_TEST_TMPDIR
	[ ! -e /proc/net/smc ] || skip "this host has SMC"
	run_split "$SMC_METRICS"
	assert_failure 1
	# what could be read (nothing) is still written whole: the metrics say it
	assert_equal "$(wc -l <<<"$stderr")" 1
	[[ $stderr == "smc_metrics: this kernel was built without SMC"* ]]
	assert_output --partial 'smc_collect_success{part="statistics"} 0'
	assert_output --partial 'smc_collect_success{part="sockets"} 0'
	refute_output --partial 'smc_connections_total{'
	printf '%s\n' "$output" >"$d/m.prom"
	run promtool check metrics <"$d/m.prom"
	assert_success
}

@test "metrics: bad input is one line, exit 2, nothing on stdout" {
	assert_usage_errors "$SMC_METRICS" <<'EOF2'
-x|unknown option '-x' \(try: smc_metrics --help\)$
extra|unexpected argument 'extra' \(try: smc_metrics --help\)$
-o|option '-o' needs a value
-A -n a|--all-netns and --netns cannot be combined$
-n a/b|invalid network namespace "a/b"
-j|unknown option '-j'
EOF2
	run_split -2 "$SMC_METRICS" -o ""
	assert_one_line_error '^smc_metrics: --output needs a file name$'
	SMC_UTILS_REPLAY=${RECORDINGS[0]} run_split -2 "$SMC_METRICS" -A
	assert_one_line_error '^smc_metrics: --all-netns reads this host.s namespaces: a replay cannot answer it$'
}

@test "metrics: the systemd service and timer examples pass systemd-analyze verify" {
	command -v systemd-analyze >/dev/null || skip "no systemd-analyze"
	local d=$BATS_TEST_TMPDIR/units
	mkdir "$d"
	# the installed path is not there on a build host: the freshly built tool instead
	sed "s|/usr/bin/smc_metrics|$SMC_METRICS|" "$TOP/examples/smc-metrics.service" \
		>"$d/smc-metrics.service"
	cp "$TOP/examples/smc-metrics.timer" "$d/"
	run systemd-analyze verify --man=no "$d/smc-metrics.service" "$d/smc-metrics.timer"
	assert_success
	assert_output ""
	grep -qx 'ExecStart=/usr/bin/smc_metrics -A -o /var/lib/prometheus/node-exporter/smc.prom' \
		"$TOP/examples/smc-metrics.service"
}
