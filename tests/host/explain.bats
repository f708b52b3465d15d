#!/usr/bin/env bats
# smcr/smcd explain: the fallback code knowledge base on the command line. It needs no
# kernel support, so everything here runs on the host (which has no SMC).
load ../helpers/common

@test "explain takes 0x03030000, 03030000, NOSMCDEV and SMC_CLC_DECL_NOSMCDEV alike" {
	for tool in "$SMCR" "$SMCD"; do
		run_split "$tool" explain 0x03030000
		assert_success
		assert_equal "$stderr" ""
		local first=$output
		assert_line --index 0 "0x03030000 NOSMCDEV: no usable SMC device (neither SMC-R nor SMC-D)"
		assert_line --regexp '^Class: +configuration \(0x03xxxxxx\)$'
		assert_line "Causes:"
		assert_line "What to do:"
		assert_line --partial '`smc_pnet -s`'
		for form in 0X03030000 03030000 NOSMCDEV nosmcdev SMC_CLC_DECL_NOSMCDEV smc_clc_decl_NoSmcDev; do
			run_split "$tool" explain "$form"
			assert_success
			assert_equal "$output" "$first"
		done
	done
}

@test "explain of several codes, and of a pair as smcss prints it" {
	run_split "$SMCR" explain 0x05000000 0x03030008
	assert_success
	local two=$output
	assert_line --index 0 --regexp '^0x05000000 PEERDECL: '
	assert_line --regexp '^0x03030008 NOUEID: '
	run_split "$SMCR" explain 0x05000000/0x03030008
	assert_equal "$output" "$two"
	run_split "$SMCR" explain PEERDECL/NOUEID
	assert_equal "$output" "$two"
}

@test "explain without a code or with all lists every code, one line each" {
	run_split "$SMCR" explain
	assert_success
	local all=$output
	assert_line --index 0 --regexp '^Code +Name +Source +Meaning$'
	# 36 Linux codes, 3 vendor codes, a header
	assert_equal "${#lines[@]}" 40
	assert_line --regexp '^0x03030008 NOUEID +Linux +the peer.s SMCv2 proposal carried no Enterprise ID$'
	assert_line --regexp '^0x030c0000 VERSMISMAT +unused '
	assert_line --regexp '^0x0303000c VENDOR_FEAT +vendor '
	run_split "$SMCD" explain all
	assert_equal "$output" "$all"
	run_split "$SMCR" ex all
	assert_equal "$output" "$all"
}

@test "explain JSON: full entries, valid for jq; the list carries the short facts" {
	run_split "$SMCR" -j explain 0x03060000 0x7f000001
	assert_success
	jq -e 'length == 2
		and .[0] == (.[0] | {code, known, name, text, class, origin, vendor, unused,
				    causes, remedies})
		and .[0].code == 50724864 and .[0].known and .[0].name == "OPTUNSUPP"
		and .[0].class == "configuration" and .[0].origin == "local"
		and (.[0].vendor | not) and (.[0].unused | not)
		and (.[0].causes | length > 0) and (.[0].remedies | length > 0)
		and (.[0].causes + .[0].remedies | all(type == "string" and length > 0))
		and .[1] == {"code": 2130706433, "known": false, "class": "unknown class"}' \
		<<<"$output"
	run_split "$SMCD" -p explain CREDITSERR
	assert_success
	jq -e '.[0].vendor and .[0].code == 161021956 and .[0].class == "internal"' <<<"$output"
	run_split "$SMCR" explain -j
	assert_success
	jq -e 'length == 39 and all(.[]; (keys | sort) ==
		["class", "code", "name", "origin", "text", "unused", "vendor"])
		and ([.[] | select(.unused) | .name] == ["TIMEOUT_AL", "NOSEID", "VERSMISMAT"])
		and ([.[] | select(.vendor) | .code] == [50397185, 50528268, 161021956])
		and ([.[] | select(.origin == "peer") | .name] == ["PEERDECL"])' <<<"$output"
}

@test "explain: a well-formed unknown code is shown raw with its class" {
	run_split "$SMCD" explain 0x03030042 03ff0000
	assert_success
	assert_equal "$stderr" ""
	assert_output $'0x03030042: not a known code\nClass:      configuration (0x03xxxxxx)\n\n0x03ff0000: not a known code\nClass:      configuration (0x03xxxxxx)'
	run_split "$SMCR" explain 0x00000000
	assert_success
	assert_line "Class:      unknown class (0x00xxxxxx)"
}

@test "explain: malformed codes are usage errors naming the accepted forms" {
	local forms='\(write 0x03030000, 03030000, NOSMCDEV or SMC_CLC_DECL_NOSMCDEV; try: smcr explain all\)$'
	assert_usage_errors "$SMCR" <<EOF
explain 0x123|explain: "0x123" is not a code $forms
explain 0x0303000g|explain: "0x0303000g" is not a code $forms
explain NOSUCH|explain: "NOSUCH" is not a code $forms
explain 3030000|explain: "3030000" is not a code $forms
explain 0x030300000|explain: "0x030300000" is not a code $forms
explain 0x03030000 bogus|explain: "bogus" is not a code $forms
explain 0x05000000/|explain: "0x05000000/" is not a code $forms
explain all 0x03030000|explain: "all" is not a code $forms
explain help 0x03030000|explain: "help" is not a code $forms
-j explain x|explain: "x" is not a code $forms
EOF
	run_split -2 "$SMCR" explain ""
	assert_one_line_error '^smcr: explain: "" is not a code '
	run_split -2 "$SMCD" explain SMC_CLC_DECL_
	assert_one_line_error '^smcd: explain: "SMC_CLC_DECL_" is not a code .*try: smcd explain all\)$'
}

@test "explain help, and explain in the tools' help" {
	run_split "$SMCR" explain help
	assert_success
	assert_line --index 0 "Usage: smcr explain [all]"
	assert_line --index 1 "       smcr explain CODE..."
	run_split "$SMCD" help
	assert_line --regexp '^  explain +what a fallback code means and what to do$'
}

@test "explain needs no kernel: no netlink socket is opened" {
	command -v strace >/dev/null || skip "no strace"
	run --separate-stderr strace -f -qq -e trace=socket -o /dev/stderr "$SMCR" -j explain NOUEID
	assert_success
	jq -e '.[0].name == "NOUEID"' <<<"$output"
	refute [ -n "$(grep socket <<<"$stderr")" ]
	run_split strace -f -qq -e trace=socket -o /dev/stderr "$SMCD" explain
	assert_success
	assert_equal "$stderr" ""
}
