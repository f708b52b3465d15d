#!/usr/bin/env bats
# Man pages render without warnings and say what the programs do: every option, object,
# command and fallback code the programs know appears in the pages.
load ../helpers/common

@test "man pages render without warnings" {
	for page in "$TOP"/man/*.8; do
		head -1 "$page" | grep -q '^\.so ' && continue
		run --separate-stderr man --warnings -l "$page"
		assert_success
		assert_equal "$stderr" ""
	done
}

@test "smcd-ueid.8 points at smcr-ueid.8, which exists" {
	run cat "$TOP/man/smcd-ueid.8"
	assert_output ".so man8/smcr-ueid.8"
	[ -f "$TOP/man/smcr-ueid.8" ]
}

@test "smcss.8 documents every option of smcss --help" {
	for opt in $("$SMCSS" --help | grep -oE -- '--[a-z]+'); do
		grep -qF -- "\\-\\-${opt#--}" "$TOP/man/smcss.8" || fail "smcss.8 lacks $opt"
	done
}

@test "smcss.8 lists every fallback code the decode table knows" {
	codes=$(grep -oE 'X\(0x[0-9a-f]{8}, "[A-Z0-9_]+"' "$TOP/lib/decode_tables.h")
	[ "$(printf '%s\n' "$codes" | wc -l)" -eq 36 ]
	while read -r code name; do
		grep -qE "^\.B $code\$" "$TOP/man/smcss.8" || fail "smcss.8 lacks $code"
		grep -qF "${name}:" "$TOP/man/smcss.8" || fail "smcss.8 lacks $name"
	done < <(printf '%s\n' "$codes" | sed -E 's/X\((0x[0-9a-f]+), "([A-Z0-9_]+)"/\1 \2/')
}

@test "smcr.8/smcd.8 name every object and option of the help text" {
	for tool in smcr smcd; do
		for obj in $("$TOP/$tool/$tool" help | awk '/^Objects:/{on=1;next} /^[^ ]/{on=0} on{print $1}'); do
			grep -q "^\.B $obj\$" "$TOP/man/$tool.8" || fail "$tool.8 lacks object $obj"
		done
		for opt in $("$TOP/$tool/$tool" help | grep -oE -- '--[a-z]+'); do
			grep -qF -- "\\-\\-${opt#--}" "$TOP/man/$tool.8" || fail "$tool.8 lacks $opt"
		done
	done
}

@test "smcr-ueid.8 documents every ueid command" {
	for cmd in $("$SMCR" ueid help | awk '/^Commands:/{on=1;next} /^[^ ]/{on=0} on{print $1}'); do
		grep -qE "^\.(B|BR|BI) \"?$cmd" "$TOP/man/smcr-ueid.8" || fail "smcr-ueid.8 lacks $cmd"
	done
}

@test "smc_pnet.8 documents every option of smc_pnet --help" {
	for opt in $("$TOP/smc_pnet/smc_pnet" --help | grep -oE -- '--[a-z]+'); do
		grep -qF -- "\\-\\-${opt#--}" "$TOP/man/smc_pnet.8" || fail "smc_pnet.8 lacks $opt"
	done
}
