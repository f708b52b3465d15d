#!/usr/bin/env bats
# smcr/smcd stats on the live kernel: counters move by exactly what the tests do, reset
# and -a behave, fallback reasons land on the right side with the right code. The tests
# that count SMC-D connections need loopback-ism (not on 6.1); the others run everywhere.
load ../helpers/live

setup() {
	require_bench
	ensure_ueid
	# a baseline directory of this test only
	export XDG_RUNTIME_DIR="$BATS_TEST_TMPDIR/xdg"
	mkdir -m 700 "$XDG_RUNTIME_DIR"
	BASELINE="$XDG_RUNTIME_DIR/smc-utils/stats-net$(stat -Lc %i /proc/self/ns/net)"
	# "smc_conn hello N\n": what each client connection sends and gets echoed
	GREETING=17
}

teardown() {
	stop_bg
	"$SMCD" ueid add "$BENCH_UEID" 2>/dev/null || true
	ip netns del smcstats 2>/dev/null || true
}

# jq on the absolute counters: the kernel's values, no baseline
abs() {
	"$SMCD" -a -j stats | jq -c "$1"
}

# start counting from zero, and make sure it worked
zero() {
	run_split "$SMCD" stats reset
	assert_success
	assert_equal "$stderr" ""
	run "$SMCD" -j stats
	jq -e '.since_reset and .connections.total == 0 and .fallbacks.total == 0' <<<"$output"
}

@test "N SMC-D connections: client and server v2 successes +N each, bytes and requests exact" {
	require_feature loopback_ism stats_buffer_usage
	before=$("$SMCD" -a -j stats)
	start_bg server "$SMC_CONN" server 127.0.0.1 5600
	start_bg client "$SMC_CONN" client -n 3 127.0.0.1 5600
	after=$("$SMCD" -a -j stats)
	run jq -n -c --argjson a "$before" --argjson b "$after" '
		def d(p): ($b | getpath(p)) - ($a | getpath(p));
		{ smc: d(["connections","smc"]), cv2: d(["connections","client_v2"]),
		  sv2: d(["connections","server_v2"]), v1: d(["connections","smc_v1"]),
		  total: d(["connections","total"]), hs: d(["handshake_errors","total"]),
		  fb: d(["fallbacks","total"]),
		  txb: d(["tx","bytes"]), rxb: d(["rx","bytes"]),
		  txr: d(["tx","requests"]), rxr: d(["rx","requests"]),
		  rmbs: (([$b.rx.buffer_sizes[]] | add) - ([$a.rx.buffer_sizes[]] | add)),
		  got: (d(["rx","buffer_allocations"]) + d(["rx","buffer_reuses"])),
		  small: d(["tx","request_sizes","up_to_8k"]) }'
	echo "# deltas: $output" >&3
	# 3 connections, each counted by its client and by its server
	jq -e '.smc == 6 and .cv2 == 3 and .sv2 == 3 and .v1 == 0 and .total == 6' <<<"$output"
	jq -e '.hs == 0 and .fb == 0' <<<"$output"
	# each client writes the greeting, each server echoes it: 6 sends, 6 receives
	jq -e --argjson g "$GREETING" '.txb == 6 * $g and .rxb == 6 * $g and .txr == 6
		and .rxr == 6 and .small == 6' <<<"$output"
	# one receive buffer (RMB/DMB) per connection end
	jq -e '.rmbs == 6 and .got == 6' <<<"$output"
	# the usage gauge counts the buffers in use now
	jq -e '.rx.buffer_usage > 0' <<<"$after"
}

@test "reset: show counts from zero; -a still shows the kernel's totals" {
	require_feature loopback_ism stats_buffer_usage
	zero
	abs_before=$(abs .connections.smc)
	run_split "$SMCD" stats
	assert_success
	assert_line --index 0 "SMC-D Connections Summary"
	assert_line "  Total connections handled             0"
	assert_line "  SMC connections                       0"
	assert_line "  Avg requests per SMC conn             0.0"

	start_bg server "$SMC_CONN" server 127.0.0.1 5601
	start_bg client "$SMC_CONN" client -n 2 127.0.0.1 5601
	run "$SMCD" -j stats
	jq -e '.technology == "SMC-D" and .since_reset and .connections.smc == 4
		and .connections.client_v2 == 2 and .connections.server_v2 == 2
		and .connections.total == 4 and (.reset_time | type == "number")' <<<"$output"
	# -a: the baseline is ignored (and kept)
	run abs .
	jq -e --argjson b "$abs_before" '(.since_reset | not) and (has("reset_time") | not)
		and .connections.smc == $b + 4' <<<"$output"
	[ -f "$BASELINE" ]

	run_split "$SMCD" -d stats
	assert_success
	assert_line "  Total connections handled             4"
	assert_line "  SMC connections                       4 (client 2, server 2)"
	# as smc-tools: the client/server split per version is in -j only
	assert_line "    v1                                  0"
	assert_line "    v2                                  4"
	assert_line "  Handshake errors                      0 (client 0, server 0)"
	assert_line "  TCP fallback                          0 (client 0, server 0)"
	assert_line "$(printf '  Data transmitted (Bytes) %14d (%d)' $((4 * GREETING)) $((4 * GREETING)))"
	# a gauge: what is in use now, whatever the baseline
	assert_line --regexp '^  Buffer usage \(Bytes\) +[1-9][0-9]* \([0-9.]+K?\)$'
	assert_line "  Bufs        0       0       0       4       0       0       0       0"
	assert_line "            8KB    16KB    32KB    64KB   128KB   256KB   512KB  >512KB"

	# the json command word prints smc-tools' line, the same counters under its names
	run "$SMCD" stats json
	assert_success
	[ "${#lines[@]}" -eq 1 ]
	[[ $output == '{"SMCD": {"SMC_INT_TX_BUF_8K":'* ]]
	j=$("$SMCD" -j stats)
	jq -e --argjson j "$j" 'keys == ["SMCD"] and (.SMCD | length == 65)
		and .SMCD.SMC_CLNT_V2_SUCC_CNT + .SMCD.SMC_SRV_V2_SUCC_CNT == $j.connections.smc_v2
		and .SMCD.SMC_RX_BYTES == $j.rx.bytes and .SMCD.SMC_TX_CNT == $j.tx.requests
		and .SMCD.SMC_INT_RX_BUF_64K == $j.rx.buffer_sizes.up_to_64k' <<<"$output"
	# -j with the json word is our object, as -j stats show
	run "$SMCD" -j stats json
	assert_equal "$output" "$j"
	# reset prints what it resets, then the next show starts from zero again
	run "$SMCD" -j stats reset
	jq -e '.connections.smc == 4' <<<"$output"
	run "$SMCD" -j stats
	jq -e '.connections.smc == 0 and .rx.bytes == 0' <<<"$output"
}

@test "SMC client to a plain TCP server: 0x03010000 (PEERNOSMC) on the client side" {
	zero
	start_bg server "$SMC_CONN" server --tcp 127.0.0.1 5602
	start_bg client "$SMC_CONN" client 127.0.0.1 5602
	run "$SMCD" -j stats
	jq -e '.fallbacks.total == 1 and .fallbacks.client == 1 and .fallbacks.server == 0
		and .fallbacks.server_reasons == []
		and .fallbacks.client_reasons == [{"code": 50397184, "name": "PEERNOSMC",
			"text": "the peer did not offer SMC in the TCP handshake",
			"class": "configuration", "count": 1}]
		and .connections.smc == 0 and .connections.total == 1' <<<"$output"
	run "$SMCD" -d stats
	assert_line "  TCP fallback                          1 (client 1, server 0)"
	assert_line "    Client"
	assert_line "      0x03010000 PEERNOSMC              1  the peer did not offer SMC in the TCP handshake"
	refute_line "    Server"
	# without -d no reason lines
	run "$SMCD" stats
	refute_line --partial "PEERNOSMC"
}

@test "no UEID: 0x03030008 (NOUEID) on the server, peer decline on the client" {
	# without an SMC-D device the client proposes nothing, so no UEID is asked for
	require_feature loopback_ism
	zero
	"$SMCD" ueid flush
	start_bg server "$SMC_CONN" server 127.0.0.1 5603
	start_bg client "$SMC_CONN" client -n 2 127.0.0.1 5603
	run "$SMCR" -j stats
	# fallbacks are not per technology: smcr shows them too
	jq -e '.technology == "SMC-R" and .fallbacks.total == 4
		and .fallbacks.server == 2 and .fallbacks.client == 2
		and ([.fallbacks.server_reasons[] | {code, name, count}]
			== [{"code": 50528264, "name": "NOUEID", "count": 2}])
		and ([.fallbacks.client_reasons[] | {code, name, count}]
			== [{"code": 83886080, "name": "PEERDECL", "count": 2}])
		and .handshake_errors.total == 0' <<<"$output"
	run "$SMCD" -j stats
	jq -e '.connections.smc == 0 and .connections.total == 4' <<<"$output"
	run "$SMCD" -dd stats
	assert_line "    Server"
	assert_line "      0x03030008 NOUEID                 2  the peer's SMCv2 proposal carried no Enterprise ID"
	assert_line "      0x05000000 PEERDECL               2  the peer declined SMC; its own code says why"
	# the code smcss shows the client with explains both sides, SMC loaded or not
	run "$SMCD" -j explain 0x05000000/0x03030008
	jq -e '[.[].name] == ["PEERDECL", "NOUEID"] and (.[1].remedies | any(test("ueid add")))' \
		<<<"$output"
}

@test "TCP Fast Open on the SMC socket: 0x03060000 (OPTUNSUPP) on the client" {
	[ "$(($(cat /proc/sys/net/ipv4/tcp_fastopen) & 1))" = 1 ] ||
		skip "net.ipv4.tcp_fastopen has no client bit"
	zero
	start_bg server "$SMC_CONN" server --tcp 127.0.0.1 5604
	start_bg client "$SMC_CONN" client --fastopen 127.0.0.1 5604
	run "$SMCD" -j stats
	jq -e '.fallbacks.client == 1 and .fallbacks.server == 0
		and ([.fallbacks.client_reasons[] | {code, name, count}]
			== [{"code": 50724864, "name": "OPTUNSUPP", "count": 1}])' <<<"$output"
	# against an SMC server the server falls back too, with PEERNOSMC (seen on 6.12)
	start_bg server2 "$SMC_CONN" server 127.0.0.1 5605
	start_bg client2 "$SMC_CONN" client --fastopen 127.0.0.1 5605
	run "$SMCD" -j stats
	jq -e '.fallbacks.client == 2 and .fallbacks.server == 1
		and ([.fallbacks.client_reasons[] | {code, count}] == [{"code": 50724864, "count": 2}])
		and ([.fallbacks.server_reasons[] | {code, count}] == [{"code": 50397184, "count": 1}])' \
		<<<"$output"
}

@test "a baseline above the kernel's counters is dropped with one warning" {
	require_feature loopback_ism # counts an SMCv2 connection
	start_bg server "$SMC_CONN" server 127.0.0.1 5606
	start_bg client "$SMC_CONN" client 127.0.0.1 5606
	zero
	# as if the module had been reloaded since the reset: the kernel is below the file
	sed -i 's/^smcd\.client_v2=.*/smcd.client_v2=999999999/' "$BASELINE"
	run_split "$SMCD" -j stats
	assert_success
	assert_equal "$stderr" 'smcd: warning: the SMC counters started again since the last "smcd stats reset" (module reloaded or reboot?): showing them since then'
	jq -e '(.since_reset | not) and .connections.client_v2 >= 1' <<<"$output"
	[ ! -e "$BASELINE" ]
	run_split "$SMCD" stats
	assert_equal "$stderr" ""
	# a baseline from another boot is just as stale
	zero
	sed -i 's/^boot_id=.*/boot_id=00000000-0000-0000-0000-000000000000/' "$BASELINE"
	run_split "$SMCD" stats
	assert_success
	assert_equal "$(wc -l <<<"$stderr")" 1
	[[ $stderr == *"started again"* ]]
}

@test "reset replaces a symbolic link or a corrupt baseline without following it" {
	mkdir -m 700 "$XDG_RUNTIME_DIR/smc-utils"
	echo precious >"$BATS_TEST_TMPDIR/target"
	ln -s "$BATS_TEST_TMPDIR/target" "$BASELINE"
	run_split "$SMCD" stats reset
	assert_success
	assert_equal "$stderr" "smcd: warning: replacing the statistics baseline $BASELINE: it is a symbolic link, not followed"
	[ -f "$BASELINE" ] && [ ! -L "$BASELINE" ]
	assert_equal "$(cat "$BATS_TEST_TMPDIR/target")" precious
	assert_equal "$(stat -c %a "$BASELINE")" 600
	head -3 "$BASELINE" | grep -qx 'version=1'
	[ ! -e "$BASELINE.tmp" ]
	echo garbage >>"$BASELINE"
	run_split -1 "$SMCD" stats
	assert_one_line_error "^smcd: cannot use the statistics baseline $BASELINE: it is corrupt: line [0-9]+: not a key=value line \(try: smcd stats reset\)$"
	run_split "$SMCD" stats reset
	assert_success
	[[ $stderr == "smcd: warning: replacing the statistics baseline $BASELINE: it is corrupt: line "* ]]
	run_split "$SMCD" stats
	assert_success
	assert_equal "$stderr" ""
}

@test "statistics and baselines are per network namespace" {
	require_feature loopback_ism # counts SMC connections
	start_bg server "$SMC_CONN" server 127.0.0.1 5607
	start_bg client "$SMC_CONN" client 127.0.0.1 5607
	ip netns add smcstats
	run ip netns exec smcstats "$SMCD" -a -j stats
	assert_success
	jq -e '.connections.total == 0 and .fallbacks.total == 0 and .rx.bytes == 0' <<<"$output"
	run ip netns exec smcstats "$SMCD" stats reset
	assert_success
	ns_file="$XDG_RUNTIME_DIR/smc-utils/stats-net$(ip netns exec smcstats stat -Lc %i /proc/self/ns/net)"
	[ -f "$ns_file" ]
	[ ! -e "$BASELINE" ]
	run "$SMCD" -j stats
	jq -e '(.since_reset | not) and .connections.smc >= 2' <<<"$output"
}

@test "JSON: valid, the same keys for smcr and smcd, every key in the man page" {
	# a fallback, so that the reason objects exist (fallbacks show in both tools)
	start_bg server "$SMC_CONN" server --tcp 127.0.0.1 5608
	start_bg client "$SMC_CONN" client 127.0.0.1 5608
	run "$SMCR" -p stats
	assert_success
	jq -e '.technology == "SMC-R" and (.fallbacks.client_reasons | length) >= 1' <<<"$output"
	keys_r=$(jq -c '[paths | map(strings) | .[-1] // empty] | unique' <<<"$output")
	run "$SMCD" -j stats
	jq -e '.technology == "SMC-D"' <<<"$output"
	keys_d=$(jq -c '[paths | map(strings) | .[-1] // empty] | unique' <<<"$output")
	assert_equal "$keys_r" "$keys_d"
	# the buffer usage gauges only where the kernel sends them (not 6.1)
	local usage='index("buffer_usage")'
	have_feature stats_buffer_usage || usage='(index("buffer_usage") | not)'
	jq -e 'index("code") and index("text") and index("over_1024k") and '"$usage" <<<"$keys_d"
	for key in $(jq -r '.[]' <<<"$keys_d"); do
		grep -qE "(^|[ \"])$key([ ,\"]|$)" "$TOP/man/smcr-stats.8" ||
			fail "smcr-stats.8 does not document the JSON key $key"
	done
}

@test "stats is valgrind-clean on the live kernel" {
	require_reference_kernel
	start_bg server "$SMC_CONN" server --tcp 127.0.0.1 5609
	start_bg client "$SMC_CONN" client 127.0.0.1 5609
	"$SMCD" stats reset >/dev/null
	# with a baseline: load and subtract (text, -d reasons), save (JSON), the json word
	for cmd in "$SMCD -d stats" "$SMCR -p stats reset" "$SMCD stats json"; do
		# shellcheck disable=SC2086
		run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 $cmd
		assert_success
	done
}

# Last: it reloads the SMC module (and loses its state, such as the UEID table).
@test "after a real module reload the baseline is dropped with one warning" {
	start_bg server "$SMC_CONN" server 127.0.0.1 5610
	start_bg client "$SMC_CONN" client 127.0.0.1 5610
	zero
	stop_bg
	smclo=$(cat /run/bench/smc-lo 2>/dev/null) || skip "the bench does not say where smc.ko is"
	rmmod smc_diag smc 2>/dev/null || skip "the smc module is in use"
	# our smc.ko (6.12), or Debian's where the bench uses that (6.1: an empty smc-lo)
	if [ -z "$smclo" ]; then
		modprobe smc
	else
		insmod "$smclo/smc.ko"
	fi
	if [ -f "$smclo/smc_diag.ko" ]; then insmod "$smclo/smc_diag.ko"; else modprobe smc_diag; fi
	ensure_ueid
	run_split "$SMCD" -j stats
	assert_success
	assert_equal "$(wc -l <<<"$stderr")" 1
	[[ $stderr == *"started again since the last \"smcd stats reset\""* ]]
	jq -e '(.since_reset | not) and .connections.total == 0' <<<"$output"
	[ ! -e "$BASELINE" ]
}
