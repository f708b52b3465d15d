#!/usr/bin/env bats
# smc_metrics live: Debian's real prometheus-node-exporter reads our file through its
# textfile collector, and what it serves on /metrics says what smcd/smcr stats -j and
# smcss -a -j say at that moment (tests/tools/metrics-oracle.py).
load ../helpers/live

SMC_METRICS="$TOP/smc_metrics/smc_metrics"

setup() {
	require_bench
	ensure_ueid
	command -v prometheus-node-exporter >/dev/null ||
		fail "prometheus-node-exporter missing (tests/deps.sh installs it)"
}

teardown() {
	stop_bg
	ip netns del smcu-metrics 2>/dev/null || true
}

# node_exporter on loopback, only the textfile collector, reading directory $1
start_node_exporter() {
	prometheus-node-exporter --web.listen-address=127.0.0.1:19100 \
		--collector.disable-defaults --collector.textfile \
		--collector.textfile.directory="$1" >"$BATS_TEST_TMPDIR/ne.log" 2>&1 &
	echo $! >>"$BATS_TEST_TMPDIR/pids"
	for _ in $(seq 300); do
		curl -sf http://127.0.0.1:19100/metrics >/dev/null && return 0
		sleep 0.1
	done
	fail "node_exporter did not answer: $(cat "$BATS_TEST_TMPDIR/ne.log")"
}

@test "smc_metrics -o: node_exporter serves our series with the values of stats -j and smcss -j" {
	local dir=$BATS_TEST_TMPDIR/textfile d=$BATS_TEST_TMPDIR
	mkdir "$dir"
	start_bg server "$SMC_CONN" server 127.0.0.1 5120
	start_bg client "$SMC_CONN" client -n 2 127.0.0.1 5120
	start_bg server2 "$SMC_CONN" server --tcp 127.0.0.1 5121
	start_bg client2 "$SMC_CONN" client 127.0.0.1 5121
	run_split "$SMC_METRICS" -o "$dir/smc.prom"
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	# the JSON of the same moment (nothing moves between: the connections are idle)
	"$SMCD" -j stats -a >"$d/d.json"
	"$SMCR" -j stats -a >"$d/r.json"
	"$SMCSS" -a -j >"$d/s.json"
	run promtool check metrics <"$dir/smc.prom"
	assert_success
	start_node_exporter "$dir"
	curl -sf http://127.0.0.1:19100/metrics >"$d/scraped"
	# node_exporter read the file without complaint, and serves every one of our samples
	grep -q '^node_textfile_scrape_error 0$' "$d/scraped"
	run "$TOP/tests/tools/metrics-oracle.py" "$d/scraped" "$d/d.json" "$d/r.json" "$d/s.json"
	assert_success
	echo "# $output" >&3
	assert_output --regexp '^metrics-oracle: ([0-9]+) of \1 samples agree'
	# the live sockets: at least the client of 5121 fell back, PEERNOSMC counted
	grep -qE '^smc_sockets\{mode="tcp",state="ACTIVE"\} [1-9]' "$d/scraped"
	grep -qE '^smc_fallback_reasons_total\{code="0x03010000",reason="PEERNOSMC",role="client"\} [1-9]' "$d/scraped"
	if have_feature loopback_ism; then
		grep -qE '^smc_sockets\{mode="smcd",state="ACTIVE"\} [4-9]' "$d/scraped"
		grep -qE '^smc_connections_total\{role="client",technology="smcd",version="2"\} [1-9]' "$d/scraped"
	fi
	# a second run replaces the file whole while node_exporter reads it
	run_split "$SMC_METRICS" -o "$dir/smc.prom"
	assert_success
	assert_equal "$(ls "$dir")" "smc.prom"
	curl -sf http://127.0.0.1:19100/metrics | grep -q '^node_textfile_scrape_error 0$'
}

@test "smc_metrics -A and -n: a netns label for every other namespace, valgrind-clean" {
	ip netns add smcu-metrics
	run_split "$SMC_METRICS" -A
	assert_success
	assert_equal "$stderr" ""
	assert_line 'smc_collect_success{netns="smcu-metrics",part="statistics"} 1'
	assert_line 'smc_collect_success{netns="smcu-metrics",part="sockets"} 1'
	assert_line 'smc_collect_success{part="statistics"} 1'
	# a new namespace has counted nothing yet
	assert_line 'smc_connections_total{netns="smcu-metrics",technology="smcd",role="client",version="2"} 0'
	refute_line --regexp '^smc_sockets\{netns="smcu-metrics"'
	printf '%s\n' "$output" | promtool check metrics
	run_split "$SMC_METRICS" -n smcu-metrics
	assert_success
	assert_line 'smc_collect_success{netns="smcu-metrics",part="sockets"} 1'
	refute_line --regexp '^smc_collect_success\{part='
	run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
		"$SMC_METRICS" -A -o "$BATS_TEST_TMPDIR/m.prom"
	assert_success
}
