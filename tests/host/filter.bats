#!/usr/bin/env bats
# smcss FILTER on the recorded kernels: each filter selects exactly the sockets a jq
# predicate over the unfiltered JSON listing picks (an oracle written apart from the C
# code); the filter comes before -j, -e, -s and the text rows; a malformed filter is one
# line naming the column, exit 2, nothing on stdout.
load ../helpers/common

setup() {
	shopt -s nullglob
	RECORDINGS=("$TOP"/tests/replay/*/smcd.rec)
	[ ${#RECORDINGS[@]} -ge 3 ] || fail "no recorded smcd scenes"
}

# FILTER@jq predicate on one socket of `smcss -a -j`
ORACLE='sport = :7000@.local_port == 7000
sport eq 7000 or dport == :7000@.local_port == 7000 or .peer_port == 7000
dport > 50000@.peer_port > 50000
dport >= 7003 and dport <= 7010@.peer_port >= 7003 and .peer_port <= 7010
sport != :7000 sport lt 7010@.local_port != 7000 and .local_port < 7010
src 127.0.0.0/8@.family == "inet" and (.local_address | startswith("127."))
src 0.0.0.0@.local_address == "0.0.0.0"
dst 127.0.0.1:7000@.peer_address == "127.0.0.1" and .peer_port == 7000
src [::1]:7001@.local_address == "::1" and .local_port == 7001
src ::1 or dst ::1@.local_address == "::1" or .peer_address == "::1"
dst != 127.0.0.1@.peer_address != "127.0.0.1"
src *:7001@.local_port == 7001
mode smcd@.mode == "SMCD"
mode tcp@.mode == "TCP"
mode SMC@.mode == "SMCD" or .mode == "SMCR"
mode none@.mode == null
not mode smcd@.mode != "SMCD"
! ( mode smcd or mode none )@.mode == "TCP"
fallback PEERDECL@.fallback_reason == 83886080 or .peer_diagnosis == 83886080
fallback 0x03030000 || fallback NOUEID@[.fallback_reason, .peer_diagnosis] | any(. == 50528256 or . == 50528264)
mode tcp and not fallback peerdecl@.mode == "TCP" and .fallback_reason != 83886080 and .peer_diagnosis != 83886080
(sport 7000 or sport 7001) and mode smcd@(.local_port == 7000 or .local_port == 7001) and .mode == "SMCD"
state listening@.state == "LISTEN"
state all@true
state connected@.state != "LISTEN" and .state != "INIT" and .state != "CLOSED"
exclude listen mode smcd@.state != "LISTEN" and .mode == "SMCD"
state listen state active dport 0@(.state == "LISTEN" or .state == "ACTIVE") and .peer_port == 0'

@test "filter: every term and combination selects what the oracle does, on every kernel" {
	local rec filter pred want got n=0
	for rec in "${RECORDINGS[@]}"; do
		while IFS='@' read -r filter pred; do
			want=$(SMC_UTILS_REPLAY=$rec "$SMCSS" -a -j | jq -c "[.[] | select($pred) | .inode]")
			# as a shell splits an unquoted filter (without globbing "[::1]")
			set -f
			# shellcheck disable=SC2086
			got=$(SMC_UTILS_REPLAY=$rec "$SMCSS" -a -j $filter | jq -c '[.[].inode]')
			set +f
			[ "$got" = "$want" ] ||
				fail "$(basename "$(dirname "$rec")"): '$filter' selects $got, not $want"
			# one word or many: the same filter
			got=$(SMC_UTILS_REPLAY=$rec "$SMCSS" -a -j "$filter" | jq -c '[.[].inode]')
			assert_equal "$got" "$want"
			[ "$want" = "[]" ] || n=$((n + 1))
		done <<<"$ORACLE"
	done
	# the oracle is worth something only if most filters select sockets somewhere
	[ "$n" -ge 40 ] || fail "only $n filters selected any socket"
}

@test "filter: a state filter replaces -a, -l and the default; -D still applies" {
	local rec=$TOP/tests/replay/6.12.117+deb12-amd64/smcd.rec
	SMC_UTILS_REPLAY=$rec run_split "$SMCSS" state listen
	assert_success
	assert_equal "$(grep -c '^LISTEN ' <<<"$output")" 6
	assert_equal "$(wc -l <<<"$output")" 7
	SMC_UTILS_REPLAY=$rec run_split "$SMCSS" -l state active
	assert_success
	refute_output --partial LISTEN
	assert_equal "$(wc -l <<<"$output")" 14
	# without a state filter, -l and the default select as before
	SMC_UTILS_REPLAY=$rec run_split "$SMCSS" -l sport 7000
	assert_output "$(SMC_UTILS_REPLAY=$rec "$SMCSS" -l | grep -E '^(State|LISTEN .*:7000 )')"
	SMC_UTILS_REPLAY=$rec run_split "$SMCSS" mode none
	assert_output "$(SMC_UTILS_REPLAY=$rec "$SMCSS" | head -1)"
	SMC_UTILS_REPLAY=$rec run_split "$SMCSS" -a -D -j mode tcp
	assert_output "[]"
}

@test "filter: the text rows are those of the unfiltered listing, byte for byte" {
	local rec=$TOP/tests/replay/6.12.117+deb12-amd64/smcd.rec
	SMC_UTILS_REPLAY=$rec run_split "$SMCSS" -a -d 'mode tcp or src [::1]'
	assert_success
	assert_output "$(SMC_UTILS_REPLAY=$rec "$SMCSS" -a -d | grep -E '^State|TCP|\[::1\]:[0-9]+ ')"
}

@test "filter: lgr selects an SMC-D link group's sockets" {
	local rec want got
	for rec in "$TOP"/tests/replay/{6.12.117+deb12-amd64,7.3.4-smcbench}/smcd.rec; do
		want=$(SMC_UTILS_REPLAY=$rec "$SMCSS" -a -d -D -j |
			jq -c '[.[] | select(.linkgroup_id == 512) | .inode]')
		[ "$want" != "[]" ] || fail "no socket in link group 200"
		got=$(SMC_UTILS_REPLAY=$rec "$SMCSS" -a -d -D -j lgr 200 | jq -c '[.[].inode]')
		assert_equal "$got" "$want"
		got=$(SMC_UTILS_REPLAY=$rec "$SMCSS" -a -d -D -j 'not lgr 0x100' | jq -c '[.[].inode]')
		assert_equal "$got" "$want"
	done
}

@test "filter: -s, -e and -j see only the selected sockets" {
	local rec want got
	for rec in "${RECORDINGS[@]}"; do
		want=$(SMC_UTILS_REPLAY=$rec "$SMCSS" -a -j mode tcp | "$TOP/tests/tools/sock-summary.py")
		got=$(SMC_UTILS_REPLAY=$rec "$SMCSS" -a -s -j mode tcp |
			python3 -c 'import json, sys; json.dump(json.load(sys.stdin), sys.stdout, sort_keys=True); print()')
		assert_equal "$got" "$want"
	done
	rec=$TOP/tests/replay/6.12.117+deb12-amd64/smcd.rec
	SMC_UTILS_REPLAY=$rec run_split "$SMCSS" -a -e fallback PEERNOSMC
	assert_success
	assert_line "Fallback reasons (1 socket fell back):"
	refute_output --partial NOUEID
	SMC_UTILS_REPLAY=$rec run_split "$SMCSS" -a -e mode smcd
	assert_line "No listed socket fell back to TCP."
	SMC_UTILS_REPLAY=$rec run_split "$SMCSS" -s state listen
	assert_line --index 0 "Sockets:   6"
}

@test "filter: the JSON of filtered listings validates" {
	local rec file=$BATS_TEST_TMPDIR/json
	for rec in "${RECORDINGS[@]}"; do
		SMC_UTILS_REPLAY=$rec json_schema_check "$file" "$SMCSS" -a -j mode tcp
		SMC_UTILS_REPLAY=$rec json_schema_check "$file" "$SMCSS" -a -e -j mode tcp
		SMC_UTILS_REPLAY=$rec json_schema_check "$file" "$SMCSS" -s -j state all
		SMC_UTILS_REPLAY=$rec json_schema_check "$file" "$SMCSS" -j sport 1
	done
	json_schema_assert "$file"
}

@test "filter: a malformed filter is one line with its column, exit 2, before any request" {
	# no kernel is asked: the host has no SMC, the replay file does not exist
	export SMC_UTILS_REPLAY=/nonexistent
	assert_usage_errors "$SMCSS" '^smcss: invalid filter at column ' <<'EOF'
bogus|1: expected a filter term \(src, dst, sport, dport, mode, fallback, lgr, not, "\("\), found "bogus" \(see smcss\(8\), FILTER\)$
-a sport|6: expected a port \(number or service name\), found the end
sport = :x|9: expected a port \(number or service name\), found ":x"
src 10.0.0.256|5: expected an address\[/prefix\]\[:port\] \(numeric\), ":port" or "\*", found "10.0.0.256"
src host.example.com|5: expected an address
dst 10.0.0.0/33|5: expected an address
dport 65536|7: expected a port
mode smcx|6: expected a mode \(smcr, smcd, smc, tcp, none\), found "smcx"
fallback 50528256|10: expected a fallback code \(0x03030000\) or name \(NOSMCDEV\)
fallback NOSUCHREASON|10: expected a fallback code
lgr 0x1ffffffff|5: expected a link group id
( mode smcd|12: expected "\)" or "or", found the end
mode smcd )|11: expected "and", "or" or the end, found "\)"
mode smcd or|13: expected a filter term
mode smcd state listen|11: expected a filter term .*state filters come first
state|6: expected a state \(ACTIVE, LISTEN, INIT, CLOSED, ... or all, connected, closing\), found the end
state bogus|7: expected a state
-j !|2: expected a filter term
-s dport < < 1|9: expected a port
EOF
}

@test "filter: hostile bytes in a filter are escaped, long words cut, deep nesting refused" {
	export SMC_UTILS_REPLAY=/nonexistent
	run_split -2 "$SMCSS" src $'\e[31mred\tblue\n'
	assert_one_line_error '^smcss: invalid filter at column 5: .*found "\\033\[31mred"'
	run_split -2 "$SMCSS" src "$(printf 'a%.0s' {1..5000})"
	assert_one_line_error 'found "a{40}\.\.\."'
	run_split -2 "$SMCSS" mode $'\xff\xfe'
	assert_one_line_error 'found "\\377\\376"'
	run_split -2 "$SMCSS" $(printf '( %.0s' {1..65}) mode smcd
	assert_one_line_error 'column 131: expected at most 64 nested parentheses or "not"'
}
