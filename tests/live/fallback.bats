#!/usr/bin/env bats
# Real fallbacks to TCP, with the exact reason codes asserted from our own output.
load ../helpers/live

setup() {
	require_bench
	ensure_ueid
}

teardown() {
	stop_bg
	"$SMCD" ueid add "$BENCH_UEID" 2>/dev/null || true
	"$TOP/smc_pnet/smc_pnet" -d PNETFB 2>/dev/null || true
}

@test "SMC client to a plain TCP server: client row TCP 0x03010000 (PEERNOSMC)" {
	start_bg server "$SMC_CONN" server --tcp 127.0.0.1 5200
	start_bg client "$SMC_CONN" client 127.0.0.1 5200
	run_split "$SMCSS"
	assert_success
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} 127\.0\.0\.1:[0-9]+ +127\.0\.0\.1:5200 +0000 TCP 0x03010000$'
	run "$SMCSS" -d
	assert_line --regexp '127\.0\.0\.1:5200 +0000 TCP 0x03010000$'
	run rows_for 5200
	# the plain TCP server socket is no AF_SMC socket: only the client is listed
	jq -e 'length == 1 and .[0].mode == "TCP" and .[0].fallback_reason == 50397184
		and .[0].fallback_reason_name == "PEERNOSMC" and (.[0] | has("peer_diagnosis") | not)
		and (.[0].fallback_reason_text | length > 0)' <<<"$output"
}

@test "plain TCP client to an SMC server: server row TCP 0x03010000" {
	start_bg server "$SMC_CONN" server 127.0.0.1 5201
	start_bg client "$SMC_CONN" client --tcp 127.0.0.1 5201
	run "$SMCSS"
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} 127\.0\.0\.1:5201 +127\.0\.0\.1:[0-9]+ +0000 TCP 0x03010000$'
	run rows_for 5201
	jq -e '[.[] | select(.state == "ACTIVE")] | length == 1 and .[0].fallback_reason == 50397184' <<<"$output"
}

@test "no UEID: server TCP 0x03030008, client TCP 0x05000000/0x03030008" {
	# without an SMC-D device the client proposes nothing (0x03030000) and no UEID is asked
	require_feature loopback_ism
	"$SMCD" ueid flush
	run "$SMCD" ueid show
	assert_output ""
	start_bg server "$SMC_CONN" server 127.0.0.1 5202
	start_bg client "$SMC_CONN" client 127.0.0.1 5202
	run "$SMCSS"
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} 127\.0\.0\.1:5202 +127\.0\.0\.1:[0-9]+ +0000 TCP 0x03030008$'
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} 127\.0\.0\.1:[0-9]+ +127\.0\.0\.1:5202 +0000 TCP 0x05000000/0x03030008$'
	run "$SMCSS" -d
	assert_line --regexp '^ACTIVE .* 127\.0\.0\.1:5202 +127\.0\.0\.1:[0-9]+ +0000 TCP 0x03030008$'
	assert_line --regexp '^ACTIVE .* 127\.0\.0\.1:5202 +0000 TCP 0x05000000/0x03030008$'
	run rows_for 5202
	jq -e '.[] | select(.local_port == 5202 and .state == "ACTIVE") | .fallback_reason == 50528264
		and .fallback_reason_name == "NOUEID" and (has("peer_diagnosis") | not)' <<<"$output"
	jq -e '.[] | select(.peer_port == 5202) | .fallback_reason == 83886080
		and .fallback_reason_name == "PEERDECL" and .peer_diagnosis == 50528264
		and .peer_diagnosis_name == "NOUEID"' <<<"$output"
}

# What every connection on a kernel without loopback-ism (6.1) does. Where loopback-ism
# exists, a PNET ID that lo does not have fences it off, as on 6.1 there is none.
@test "no usable SMC device: client TCP 0x03030000 (NOSMCDEV), server TCP 0x05000000/0x03030000" {
	if have_feature loopback_ism; then
		"$TOP/smc_pnet/smc_pnet" -a PNETFB -D "$(smc_loopback_device)"
	fi
	start_bg server "$SMC_CONN" server 127.0.0.1 5208
	start_bg client "$SMC_CONN" client 127.0.0.1 5208
	run_split "$SMCSS" -d
	assert_success
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} 127\.0\.0\.1:[0-9]+ +127\.0\.0\.1:5208 +0000 TCP 0x03030000$'
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} 127\.0\.0\.1:5208 +127\.0\.0\.1:[0-9]+ +0000 TCP 0x05000000/0x03030000$'
	run rows_for 5208
	jq -e '([.[] | select(.peer_port == 5208)] | length == 1 and .[0].fallback_reason == 50528256
			and (.[0] | has("peer_diagnosis") | not))
		and ([.[] | select(.local_port == 5208 and .state == "ACTIVE")] | length == 1
			and .[0].fallback_reason == 83886080 and .[0].peer_diagnosis == 50528256)' <<<"$output"
}

@test "fallback rows end after the codes, with -R and -D they are filtered out" {
	start_bg server "$SMC_CONN" server --tcp 127.0.0.1 5203
	start_bg client "$SMC_CONN" client 127.0.0.1 5203
	run "$SMCSS" -d
	assert_line --regexp ':5203 +0000 TCP 0x03010000$'
	run "$SMCSS" -D
	refute_output --partial ':5203'
	run "$SMCSS" -R
	refute_output --partial ':5203'
}

# --explain: one block per distinct code of the listed sockets, counted per side
@test "--explain: PEERNOSMC and NOUEID/PEERDECL blocks with counts, causes and remedies" {
	require_feature loopback_ism
	"$SMCD" ueid flush
	start_bg server "$SMC_CONN" server 127.0.0.1 5204
	start_bg client "$SMC_CONN" client 127.0.0.1 5204
	start_bg server2 "$SMC_CONN" server --tcp 127.0.0.1 5205
	start_bg client2 "$SMC_CONN" client 127.0.0.1 5205
	run_split "$SMCSS" -e
	assert_success
	assert_line "Fallback reasons (3 sockets fell back):"
	assert_line --regexp '^0x03010000 PEERNOSMC: .+'
	assert_line --regexp '^0x03030008 NOUEID: .+'
	assert_line --regexp '^0x05000000 PEERDECL: .+'
	assert_line --regexp '^Sockets: +1 socket fell back with it here, 1 because the peer declined with it$'
	assert_line --regexp '^Causes:$'
	assert_line --regexp '^What to do:$'
	run_split "$SMCSS" -e -j
	assert_success
	# JSON stays an array: each socket that fell back carries its codes' causes and
	# remedies
	jq -e 'length == 3
		and ([.[] | .fallback_reason_name] | sort == ["NOUEID", "PEERDECL", "PEERNOSMC"])
		and all(.[]; (.fallback_reason_causes | length > 0)
			and (.fallback_reason_remedies | length > 0))
		and ([.[] | select(has("peer_diagnosis"))
			| .peer_diagnosis_name == "NOUEID" and (.peer_diagnosis_causes | length > 0)
			and (.peer_diagnosis_remedies | length > 0)] == [true])' <<<"$output"
	run "$SMCSS" -j
	jq -e 'all(.[]; has("fallback_reason_causes") | not)' <<<"$output"
	# the remedy for a missing UEID names the command that sets one
	run "$SMCSS" -e
	assert_output --partial "ueid add"
	# the tally and the blocks under the memory checkers, on real fallbacks
	run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
		"$SMCSS" -a -e -j
	assert_success
	if [ -x "$TOP/build/asan/smcss" ]; then
		for args in "-e" "-a -e -p"; do
			# shellcheck disable=SC2086
			ASAN_OPTIONS=detect_leaks=1:exitcode=99 UBSAN_OPTIONS=halt_on_error=1:exitcode=98 \
				run "$TOP/build/asan/smcss" $args
			assert_success
		done
	fi
}

# Without loopback-ism (6.1) every one of these connections falls back: the totals must
# still be what the listing shows.
@test "--summary: live fallbacks and SMC-D connections counted as the listing shows them" {
	local sel want got file=$BATS_TEST_TMPDIR/json
	"$SMCD" ueid flush
	start_bg server "$SMC_CONN" server 127.0.0.1 5209
	start_bg client "$SMC_CONN" client 127.0.0.1 5209
	start_bg server2 "$SMC_CONN" server --tcp 127.0.0.1 5210
	start_bg client2 "$SMC_CONN" client 127.0.0.1 5210
	"$SMCD" ueid add "$BENCH_UEID"
	start_bg server3 "$SMC_CONN" server 127.0.0.1 5211
	start_bg client3 "$SMC_CONN" client -n 2 127.0.0.1 5211
	run_split "$SMCSS" -s
	assert_success
	assert_line "Sockets:   7"
	assert_line "Fallback reasons:"
	assert_line --regexp '^ +[0-9]+  0x03010000  PEERNOSMC  .+'
	if have_feature loopback_ism; then
		assert_line "Fell back: 3"
		assert_line --regexp '^Modes: +.*TCP 3'
		assert_line --regexp '^Modes: +.*SMCD 4'
		assert_line --regexp '^ +1  0x03030008  NOUEID  .+'
		assert_line "Peer diagnoses:"
	else
		assert_line "Fell back: 7"
		assert_line "Modes:     TCP 7"
	fi
	# the same sockets, listed and summed up by the oracle: for every selection
	for sel in "" "-a" "-l" "-D"; do
		# shellcheck disable=SC2086
		want=$("$SMCSS" $sel -j | "$TOP/tests/tools/sock-summary.py")
		# shellcheck disable=SC2086
		got=$("$SMCSS" $sel -s -j | python3 -c 'import json, sys
json.dump(json.load(sys.stdin), sys.stdout, sort_keys=True); print()')
		assert_equal "$got" "$want"
		# shellcheck disable=SC2086
		json_schema_check "$file" "$SMCSS" $sel -s -j
	done
	json_schema_assert "$file"
	run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
		"$SMCSS" -a -s -j
	assert_success
}

@test "--explain without fallbacks: a note in text, nothing to explain in JSON" {
	require_feature loopback_ism
	start_bg server "$SMC_CONN" server 127.0.0.1 5206
	start_bg client "$SMC_CONN" client 127.0.0.1 5206
	run_split "$SMCSS" -e
	assert_success
	assert_line --regexp ':5206 +0000 SMCD $'
	assert_line "No listed socket fell back to TCP."
	run_split "$SMCSS" -e -j
	jq -e 'length == 2 and all(.[]; has("fallback_reason_causes") | not)' <<<"$output"
}

# A fast-open client falls back inside connect() while its SMC state is still INIT:
# smc-tools' row format ends INIT rows after the inode, so only JSON and -a -e show it.
@test "fast-open client: an INIT row whose 0x03060000 (OPTUNSUPP) -a -e explains" {
	[ "$(($(cat /proc/sys/net/ipv4/tcp_fastopen) & 1))" = 1 ] ||
		skip "net.ipv4.tcp_fastopen has no client bit"
	start_bg server "$SMC_CONN" server --tcp 127.0.0.1 5207
	start_bg client "$SMC_CONN" client --fastopen 127.0.0.1 5207
	run_split "$SMCSS" -a -e
	assert_success
	assert_line --regexp '^INIT +00000 [0-9]{7,} $'
	assert_line "Fallback reasons (1 socket fell back):"
	assert_line --regexp '^0x03060000 OPTUNSUPP: .+'
	assert_output --partial "tcp_fastopen"
	run "$SMCSS" -e
	assert_line "No listed socket fell back to TCP."
}
