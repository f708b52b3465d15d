#!/usr/bin/env bats
# smcss --summary on the recorded kernels: its totals are what the listing of the same
# sockets adds up to (tests/tools/sock-summary.py, an oracle written apart from the C
# code), its JSON follows schemas/smcss-summary.json, its text says the same.
load ../helpers/common

setup() {
	shopt -s nullglob
	RECORDINGS=("$TOP"/tests/replay/*/smcd.rec)
	[ ${#RECORDINGS[@]} -ge 3 ] || fail "no recorded smcd scenes"
}

sorted_json() {
	python3 -c 'import json, sys; json.dump(json.load(sys.stdin), sys.stdout, sort_keys=True); print()'
}

@test "summary: the totals of every selection add up the listing, on every kernel" {
	local rec sel want got
	for rec in "${RECORDINGS[@]}"; do
		for sel in "" "-a" "-l" "-D" "-R" "-a -D"; do
			# shellcheck disable=SC2086
			want=$(SMC_UTILS_REPLAY=$rec "$SMCSS" $sel -j | "$TOP/tests/tools/sock-summary.py")
			# shellcheck disable=SC2086
			got=$(SMC_UTILS_REPLAY=$rec "$SMCSS" $sel -s -j | sorted_json)
			assert_equal "$got" "$want"
		done
	done
}

@test "summary: fallback reasons ranked with names, in text and JSON alike" {
	local rec=$TOP/tests/replay/6.12.117+deb12-amd64/smcd.rec
	SMC_UTILS_REPLAY=$rec run_split "$SMCSS" -a -s
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 "Sockets:   19"
	assert_line --index 1 "States:    ACTIVE 13, LISTEN 6"
	assert_line --index 2 "Modes:     TCP 3, SMCD 10, none 6"
	assert_line --index 3 "Families:  inet 16, inet6 3"
	assert_line --index 4 "Fell back: 3"
	assert_line --index 5 "Fallback reasons:"
	assert_line --index 6 --regexp '^       1  0x03010000  PEERNOSMC  .+$'
	assert_line --index 9 "Peer diagnoses:"
	assert_line --index 10 --regexp '^       1  0x03030008  NOUEID  .+$'
	SMC_UTILS_REPLAY=$rec run_split "$SMCSS" -a -s -j
	assert_success
	jq -e '.sockets == 19 and .fell_back == 3
		and ([.fallback_reasons[].name] == ["PEERNOSMC", "NOUEID", "PEERDECL"])
		and .peer_diagnoses == [.fallback_reasons[1]]' <<<"$output"
}

@test "summary: no sockets is a summary of zeros, and the JSON of every case validates" {
	local rec file=$BATS_TEST_TMPDIR/json
	# -R without -a: connected SMC-R sockets, of which the SMC-D scene has none
	SMC_UTILS_REPLAY=${RECORDINGS[0]} run_split "$SMCSS" -s -R
	assert_success
	assert_output "$(printf '%s\n' 'Sockets:   0' 'States:    none' 'Modes:     none' \
		'Families:  none' 'Fell back: 0')"
	for rec in "${RECORDINGS[@]}"; do
		SMC_UTILS_REPLAY=$rec json_schema_check "$file" "$SMCSS" -a -s -j
		SMC_UTILS_REPLAY=$rec json_schema_check "$file" "$SMCSS" -s -p
		SMC_UTILS_REPLAY=$rec json_schema_check "$file" "$SMCSS" -s -R -j
	done
	json_schema_assert "$file"
}

@test "summary: a failed write and a kernel without SMC are the listing's errors" {
	SMC_UTILS_REPLAY=${RECORDINGS[0]} run_split "$SMCSS" -a -s -j
	assert_success
	SMC_UTILS_REPLAY=${RECORDINGS[0]} run -1 bash -c '"$0" -a -s >/dev/full' "$SMCSS"
	assert_output --regexp '^smcss: .*(No space left on device|ENOSPC)'
	run_split "$SMCSS" -s -n /proc/self/ns/net
	# this host's kernel has no SMC at all: one line, exit 1, nothing on stdout
	if [ ! -e /proc/net/smc ] && ! grep -qw smc /proc/modules 2>/dev/null; then
		assert_equal "$status" 1
		assert_one_line_error '^smcss: '
	fi
}
