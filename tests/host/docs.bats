#!/usr/bin/env bats
# Man pages render without warnings and say what the programs do: every option, object,
# command and fallback code the programs know appears in the pages.
load ../helpers/common

# assert_options_documented PAGE CMD...: every --option CMD's help names is in man/PAGE
assert_options_documented() {
	local page=$1 opt
	shift
	for opt in $("$@" | grep -oE -- '--[a-z]+'); do
		grep -qF -- "\\-\\-${opt#--}" "$TOP/man/$page" || fail "$page lacks $opt"
	done
}

@test "man pages render without warnings" {
	for page in "$TOP"/man/*.7 "$TOP"/man/*.8; do
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
	assert_options_documented smcss.8 "$SMCSS" --help
}

@test "smcss.8 lists every Linux fallback code the knowledge base knows" {
	# the table in lib/decode/fallback_kb.c, as "smcr explain" lists it
	codes=$("$SMCR" -j explain all | jq -r '.[] | select(.vendor | not) | "\(.code) \(.name): \(.text)"')
	[ "$(printf '%s\n' "$codes" | wc -l)" -eq 36 ]
	while read -r code line; do
		code=$(printf '0x%08x' "$code")
		grep -qE "^\.B $code\$" "$TOP/man/smcss.8" || fail "smcss.8 lacks $code"
		# the meaning exactly as the table has it, so the page cannot drift
		grep -qF "$line" "$TOP/man/smcss.8" || fail "smcss.8 lacks '$line'"
	done <<<"$codes"
}

@test "smcr-explain.8 names the codes Linux never sets and the vendor codes" {
	while read -r code name; do
		grep -qF "$name" "$TOP/man/smcr-explain.8" ||
			grep -qF "$(printf '0x%08x' "$code")" "$TOP/man/smcr-explain.8" ||
			fail "smcr-explain.8 lacks $name"
	done < <("$SMCR" -j explain | jq -r '.[] | select(.vendor or .unused) | "\(.code) \(.name)"')
	run cat "$TOP/man/smcd-explain.8"
	assert_output ".so man8/smcr-explain.8"
}

@test "smcr.8/smcd.8 name every object and option of the help text" {
	for tool in smcr smcd; do
		for obj in $("$TOP/$tool/$tool" help | awk '/^Objects:/{on=1;next} /^[^ ]/{on=0} on{print $1}'); do
			grep -q "^\.B $obj\$" "$TOP/man/$tool.8" || fail "$tool.8 lacks object $obj"
		done
		assert_options_documented "$tool.8" "$TOP/$tool/$tool" help
	done
}

@test "smcr-ueid.8 documents every ueid command" {
	for cmd in $("$SMCR" ueid help | awk '/^Commands:/{on=1;next} /^[^ ]/{on=0} on{print $1}'); do
		grep -qE "^\.(B|BR|BI) \"?$cmd" "$TOP/man/smcr-ueid.8" || fail "smcr-ueid.8 lacks $cmd"
	done
}

@test "smc_pnet.8 documents every option of smc_pnet --help" {
	assert_options_documented smc_pnet.8 "$TOP/smc_pnet/smc_pnet" --help
}

@test "smc_run.8 documents every option of smc_run --help, and its exit statuses" {
	assert_options_documented smc_run.8 "$TOP/smc_run/smc_run" --help
	for status in 1 2 126 127; do
		grep -qx ".B $status" "$TOP/man/smc_run.8" || fail "smc_run.8 lacks exit status $status"
	done
}

@test "smc_chk.8 documents every option of smc_chk --help and every check" {
	assert_options_documented smc_chk.8 "$TOP/smc_chk/smc_chk" --help
	# the fixed check ids (those of a host without SMC, and the SMC ones)
	for id in module.smc module.smc_diag socket.af_smc socket.ipproto_smc eid.seid eid.ueid \
		hslimit pnet sysctl.net.ipv4.tcp_fastopen ipsec; do
		grep -qE "^\.B(R)? $id( |\$)|^\.BR? .*\b$id\b" "$TOP/man/smc_chk.8" ||
			fail "smc_chk.8 lacks check $id"
	done
}

@test "smc_metrics.8 documents every option of smc_metrics --help and every metric family" {
	local fam
	assert_options_documented smc_metrics.8 "$TOP/smc_metrics/smc_metrics" --help
	for fam in $(SMC_UTILS_REPLAY=$TOP/tests/replay/6.12.117+deb12-amd64/smcd.rec \
			"$TOP/smc_metrics/smc_metrics" | sed -n 's/^# TYPE \([a-z_]*\) .*/\1/p'); do
		grep -q "^\.B $fam{" "$TOP/man/smc_metrics.8" || fail "smc_metrics.8 lacks $fam"
	done
}

@test "smc_dbg.8 documents every option of smc_dbg --help and every file of a bundle" {
	local f
	assert_options_documented smc_dbg.8 "$TOP/smc_dbg/smc_dbg" --help
	cd "$BATS_TEST_TMPDIR"
	"$TOP/smc_dbg/smc_dbg" -o b.tar.gz >/dev/null
	for f in $(tar -tzf b.tar.gz | grep -v '/$' | sed 's|^[^/]*/||; s|^ns/[^/]*/||' | sort -u); do
		case $f in
		rdma-*.txt) grep -qF 'rdma\-*.txt' "$TOP/man/smc_dbg.8" ;;
		*) grep -qF "$(sed 's/-/\\-/g' <<<"${f%.*}")" "$TOP/man/smc_dbg.8" ;;
		esac || fail "smc_dbg.8 does not name $f"
	done
}

@test "smc_rnics.8 documents every option of smc_rnics --help and every JSON member" {
	assert_options_documented smc_rnics.8 "$TOP/smc_rnics/smc_rnics" --help
	grep -qF -- '\-\-IB\-dev' "$TOP/man/smc_rnics.8" || fail "smc_rnics.8 lacks --IB-dev"
	for key in $(jq -r '.items.properties | keys[]' "$TOP/schemas/smc_rnics.json"); do
		grep -qE "^\.BR? $key( |,|\$)" "$TOP/man/smc_rnics.8" || fail "smc_rnics.8 lacks $key"
	done
}
