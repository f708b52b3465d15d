#!/usr/bin/env bats
# Hostile kernel replies, replayed through the tools' real code paths under ASan and
# UBSan (build/asan/, `make asan`). Each reply is crafted from a recording of the bench
# kernel by tests/replay/nltrace.py mutate: a robustness test, not a kernel's words.
# Every case must give one line on stderr, a documented exit status and nothing
# half-written on stdout, or well-formed output.
load ../helpers/common
load ../helpers/kernel

setup() {
	REC=$(ls -d "$TOP"/tests/replay/6.12*/ | head -1)
	MUTATE="$TOP/tests/replay/nltrace.py mutate"
	ASAN=$TOP/build/asan
	[ -x "$ASAN/smcr" ] || fail "build/asan/ is not built (make asan)"
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
}

# hostile SCENE MUTATION ARGS... : write the mutated recording to $BATS_TEST_TMPDIR/h.rec
hostile() {
	local scene=$1
	shift
	$MUTATE "$REC/$scene.rec" "$BATS_TEST_TMPDIR/h.rec" "$@"
	export SMC_UTILS_REPLAY=$BATS_TEST_TMPDIR/h.rec
}

@test "hostile: NLMSG_ERROR with error INT_MIN is a malformed reply, not undefined behaviour" {
	hostile smcr error-intmin 16
	run_split -1 "$ASAN/smcr" info
	assert_one_line_error '^smcr: .*malformed: error code -2147483648 is no errno$'
}

@test "hostile: a genl family id shorter than a u16 is refused" {
	hostile smcr short-attr 16 1
	run_split -1 "$ASAN/smcd" linkgroup
	assert_one_line_error "^smcd: .*the kernel's reply is malformed$"
}

@test "hostile: a reply that never ends is a timeout, named as such" {
	hostile smcd truncate-after 3
	run_split -1 "$ASAN/smcss" -a
	assert_one_line_error '^smcss: cannot list SMC sockets: .*(did not answer|ends before the kernel.s last message)'
}

@test "hostile: a PNET ID string without its NUL is read within its attribute" {
	hostile smcr replace 504e45544100 504e45544158
	run_split "$ASAN/smc_pnet"
	assert_success
	assert_output --partial PNETA
	run_split "$ASAN/smc_pnet" -j
	assert_success
	echo "$output" | jq -e . >/dev/null
}

@test "hostile: an RDMA device index shorter than a u32 is not read past its end" {
	hostile smcr short-attr 20 1 0
	run_split "$ASAN/smcr" device
	[ "$status" -le 1 ] || fail "status $status"
	[ -z "$stderr" ] || [ "$(printf '%s\n' "$stderr" | grep -vc '^smcr: ')" -eq 0 ]
}

@test "hostile: escape sequences, newlines and invalid UTF-8 in a peer host name" {
	# "smcbench" -> ESC [ 3 1 m LF 0xff 0xfe, the same length
	hostile smcd replace 736d6362656e6368 1b5b33316d0afffe
	run_split "$ASAN/smcd" -d linkgroup 100
	assert_success
	[[ "$output" != *$'\e'* ]] || fail "an escape character reached the terminal"
	run_split "$SMCD" -d linkgroup 100
	SMC_UTILS_REPLAY=$REC/smcd.rec run_split "$SMCD" -d linkgroup 100
	local clean_lines=${#lines[@]}
	run_split "$SMCD" -d linkgroup 100
	assert_equal "${#lines[@]}" "$clean_lines"
	run_split "$ASAN/smcd" -j -d linkgroup
	assert_success
	echo "$output" | jq -e . >/dev/null
	printf '%s' "$output" | iconv -f UTF-8 -t UTF-8 >/dev/null
	run_split "$ASAN/smcd" -j info
	assert_success
	printf '%s' "$output" | iconv -f UTF-8 -t UTF-8 >/dev/null
}

@test "replay: a missing, foreign or FIFO replay file is one line, never a hang" {
	SMC_UTILS_REPLAY=$BATS_TEST_TMPDIR/none run_split -1 "$SMCSS"
	assert_one_line_error '^smcss: cannot list SMC sockets: replay file .*/none: No such file or directory$'
	SMC_UTILS_REPLAY=/etc/passwd run_split -1 "$SMCR" linkgroup
	assert_one_line_error '^smcr: .*replay file /etc/passwd: not a recording'
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	SMC_UTILS_REPLAY=$BATS_TEST_TMPDIR/fifo run_split -1 timeout 10 "$SMCSS"
	assert_one_line_error '^smcss: .*replay file .*/fifo: not a regular file$'
	SMC_UTILS_REPLAY=$REC/smcd.rec SMC_UTILS_RECORD=$BATS_TEST_TMPDIR/x run_split -1 "$SMCSS"
	assert_one_line_error '^smcss: .*SMC_UTILS_RECORD and SMC_UTILS_REPLAY are both set: unset one$'
	SMC_UTILS_REPLAY=$REC/smcd.rec run_split -1 "$SMCR" -n nosuchns linkgroup
	assert_one_line_error '^smcr: network namespace "nosuchns" not found'
}

@test "record: what a tool records on this host (no SMC) replays to the same output" {
	local tool
	for tool in "$SMCSS" "$SMCR info" "$SMCD linkgroup" "$TOP/smc_pnet/smc_pnet" \
		"$TOP/smc_chk/smc_chk" "$TOP/smc_chk/smc_chk -j"; do
		rm -f "$BATS_TEST_TMPDIR/r.rec"
		# shellcheck disable=SC2086
		SMC_UTILS_RECORD=$BATS_TEST_TMPDIR/r.rec run_split $tool
		# the host's explanation of the missing SMC is recorded as a fact: the replay
		# says it in the same words, wherever it runs
		local want_out=$output want_err=$stderr want_status=$status
		# shellcheck disable=SC2086
		SMC_UTILS_REPLAY=$BATS_TEST_TMPDIR/r.rec run_split $tool
		assert_equal "$status" "$want_status"
		assert_equal "$output" "$want_out"
		assert_equal "$stderr" "$want_err"
	done
}

@test "hostile: smc_chk on a recording without its host reads says so, and judges nothing" {
	hostile smcd drop-fact 4
	run_split -1 "$ASAN/smc_chk"
	assert_one_line_error '^smc_chk: the replay file holds no smc_chk host reads .*record it again with smc_chk$'
}

@test "hostile: smc_chk's host reads cut short are malformed" {
	hostile smcd cut-fact 4
	run_split -1 "$ASAN/smc_chk" -j
	assert_one_line_error "^smc_chk: the replay file's smc_chk host reads are malformed$"
}

@test "hostile: the host's DIBS answer missing or cut short: the loopback note names both" {
	for mutation in drop-fact cut-fact; do
		hostile smcd "$mutation" 5
		run_split "$ASAN/smcd" device
		assert_success
		assert_equal "$stderr" ""
		# no SMC-D device listed: no header, as smc-tools; the note alone
		assert_line --index 0 --regexp '^\(loopback-ism \(the DIBS device lo where SMC-D runs over DIBS\), which the kernel does not list here, carries [0-9]+ link groups?: smcd linkgroup, CHID ffff\)$'
	done
}

@test "hostile: libibverbs details missing from a recording or cut short: the table, and a warning per device" {
	hostile smcr drop-fact 3
	run_split "$ASAN/smcr" -d device
	assert_success
	assert_line --index 0 --regexp '^Net-Dev +IB-Dev'
	assert_equal "$(grep -c 'the replay file does not hold them' <<<"$stderr")" 2
	hostile smcr cut-fact 3
	run_split "$ASAN/smcr" -d device
	assert_success
	assert_equal "$(grep -c "the replay file's libibverbs details of RDMA device rx[ab] are malformed" <<<"$stderr")" 2
}
