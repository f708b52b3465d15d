# tests/helpers/common.bash - shared by every bats file (host and live)
bats_require_minimum_version 1.5.0
load '/usr/lib/bats/bats-support/load.bash'
load '/usr/lib/bats/bats-assert/load.bash'

TOP="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"
SMCSS="$TOP/smcss/smcss"
SMCR="$TOP/smcr/smcr"
SMCD="$TOP/smcd/smcd"
SMC_CONN="$TOP/tests/tools/smc_conn"
export TOP SMCSS SMCR SMCD SMC_CONN

# run_split CMD... : like `run --separate-stderr`, keeps $output (stdout) and $stderr apart
run_split() {
	run --separate-stderr "$@"
}

# the one-line error contract: stdout empty, exactly one line on stderr matching $1
assert_one_line_error() {
	assert_equal "$output" ""
	assert_equal "$(printf '%s\n' "$stderr" | wc -l)" 1
	[[ "$stderr" =~ $1 ]] || fail "stderr '$stderr' does not match '$1'"
}

# assert_usage_errors TOOL [PREFIX]: stdin holds "ARGS|PATTERN" lines; TOOL ARGS must exit 2
# with one line on stderr matching PREFIX PATTERN (PREFIX defaults to "^TOOL-NAME: ")
assert_usage_errors() {
	local tool=$1 prefix=${2-"^$(basename "$1"): "} args pattern
	while IFS='|' read -r args pattern; do
		# shellcheck disable=SC2086
		run_split -2 "$tool" $args
		assert_one_line_error "$prefix$pattern"
	done
}
