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

# json_schema_check FILE CMD...: run CMD, keep its standard output in FILE as a
# "$ CMD" block; json_schema_assert FILE then checks every block against schemas/ at
# once (one interpreter for all: each start costs time in the bench)
json_schema_check() {
	local file=$1 rc=0
	shift
	printf '$ %s' "$(basename "$1")" >>"$file"
	[ $# -lt 2 ] || printf ' %s' "${@:2}" >>"$file"
	printf '\n' >>"$file"
	"$@" >>"$file" 2>/dev/null || rc=$?
	printf '\nexit %d\n' "$rc" >>"$file"
}

json_schema_assert() {
	run "$TOP/tests/tools/validate-json.py" --expected "$1"
	assert_success
	assert_output --regexp '^validate-json: [1-9][0-9]* JSON outputs valid$'
}
