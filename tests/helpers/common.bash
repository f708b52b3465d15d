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
