#!/usr/bin/env bats
# smcr/smcd ueid against the kernel's UEID table.
load ../helpers/live

setup() {
	require_bench
	"$SMCD" ueid flush
}

teardown() {
	"$SMCD" ueid flush
	"$SMCD" ueid add "$BENCH_UEID"
}

@test "ueid add, show (text and JSON), del, flush" {
	run_split "$SMCR" ueid add ALPHA.1
	assert_success
	assert_equal "$output$stderr" ""
	run "$SMCD" ueid add BETA-2
	assert_success
	run_split "$SMCD" ueid show
	assert_success
	assert_equal "$stderr" ""
	# one EID a line, as the kernel stores it and smc-tools prints it: blank-padded to 32
	assert_output "$(printf '%-32s\n%-32s' ALPHA.1 BETA-2)"
	run "$SMCR" ueid
	assert_output "$(printf '%-32s\n%-32s' ALPHA.1 BETA-2)"
	run "$SMCR" -j ueid show
	assert_output '[{"eid":"ALPHA.1"},{"eid":"BETA-2"}]'
	run "$SMCR" -p ueid show
	jq -e '. == [{"eid":"ALPHA.1"},{"eid":"BETA-2"}]' <<<"$output"
	run "$SMCR" ueid delete ALPHA.1
	assert_success
	run "$SMCR" ueid d BETA-2
	assert_success
	run "$SMCR" ueid show
	assert_output ""
	run "$SMCR" -j ueid show
	assert_output '[]'
	"$SMCR" ueid add GAMMA
	run "$SMCR" ueid flush
	assert_success
	run "$SMCR" ueid show
	assert_output ""
}

@test "a 32-character UEID is accepted and shown whole" {
	eid=ABCDEFGHIJKLMNOPQRSTUVWXYZ012345
	run "$SMCD" ueid add "$eid"
	assert_success
	run "$SMCD" ueid show
	assert_output "$eid"
}

@test "kernel errors: duplicate, unknown, table full (4), each one line and exit 1" {
	"$SMCD" ueid add DUP
	run_split -1 "$SMCD" ueid add DUP
	assert_one_line_error '^smcd: user EID DUP is already defined$'
	run_split -1 "$SMCD" ueid del NOPE
	assert_one_line_error '^smcd: user EID NOPE is not defined \(see: smcd ueid show\)$'
	# the kernel takes SMC_MAX_UEID (4) entries, not the 8 smc-tools documents
	for i in 2 3 4; do
		"$SMCD" ueid add "E$i"
	done
	run_split -1 "$SMCD" ueid add NINTH
	assert_one_line_error '^smcd: cannot add user EID NINTH: the table is full \(4 entries; try: smcd ueid del EID\)$'
	run "$SMCD" ueid show
	[ "${#lines[@]}" -eq 4 ]
	refute_line NINTH
}

@test "changing UEIDs needs CAP_NET_ADMIN; showing them does not" {
	"$SMCD" ueid add VISIBLE
	run_split setpriv --reuid=65534 --regid=65534 --clear-groups "$SMCD" ueid show
	assert_success
	assert_output "$(printf '%-32s' VISIBLE)"
	for args in "ueid add NOBODY" "ueid del VISIBLE" "ueid flush"; do
		# shellcheck disable=SC2086
		run_split -1 setpriv --reuid=65534 --regid=65534 --clear-groups "$SMCD" $args
		assert_one_line_error '^smcd: cannot (add user EID NOBODY|delete user EID VISIBLE|flush user EIDs): permission denied \(needs root or CAP_NET_ADMIN\)$'
	done
	run "$SMCD" ueid show
	assert_output "$(printf '%-32s' VISIBLE)"
}

@test "invalid EIDs are refused before the kernel sees them" {
	run_split -2 "$SMCD" ueid add bad
	assert_one_line_error 'use upper case'
	run "$SMCD" ueid show
	assert_output ""
}

@test "bash completion offers the defined UEIDs after 'ueid del'" {
	"$SMCD" ueid add ONE
	"$SMCD" ueid add TWO
	PATH="$TOP/smcd:$PATH"
	source "$TOP/completion/smc-utils.bash"
	COMP_WORDS=(smcd ueid del "")
	COMP_CWORD=3
	_smcu_genl
	assert_equal "$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')" "ONE TWO "
}
