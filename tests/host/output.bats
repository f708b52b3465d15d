#!/usr/bin/env bats
# The output layer's contract on the host (no SMC needed): a failed write is one line
# naming its errno, exit 1; a reader that went away ends the tool quietly, killed by
# SIGPIPE (141) as ss would be; error lines are escaped so that they stay one line.
# Escaping of kernel strings in text and JSON: tests/unit/test_escape.c.
load ../helpers/common

SMC_PNET="$TOP/smc_pnet/smc_pnet"
SMC_CHK="$TOP/smc_chk/smc_chk"
SMC_RUN="$TOP/smc_run/smc_run"
SMC_RNICS="$TOP/smc_rnics/smc_rnics"

@test "a write error names its errno: smcr explain all > /dev/full" {
	run_split "$SMCR" explain all
	assert_success
	run --separate-stderr bash -c '"$1" explain all >/dev/full' _ "$SMCR"
	assert_failure 1
	assert_equal "$stderr" "smcr: cannot write output: No space left on device"
	run --separate-stderr bash -c '"$1" -j explain all >/dev/full' _ "$SMCR"
	assert_failure 1
	assert_equal "$stderr" "smcr: cannot write output: No space left on device"
	run --separate-stderr bash -c '"$1" explain all >&-' _ "$SMCR"
	assert_failure 1
	assert_equal "$stderr" "smcr: cannot write output: Bad file descriptor"
}

@test "help and version into /dev/full: one error line, exit 1, every tool" {
	for tool in "$SMCSS" "$SMCR" "$SMCD" "$SMC_PNET" "$SMC_CHK" "$SMC_RUN" "$SMC_RNICS"; do
		name=$(basename "$tool")
		for opt in -h --help -v --version; do
			run --separate-stderr bash -c '"$1" "$2" >/dev/full' _ "$tool" "$opt"
			[ "$status" -eq 1 ] || fail "$name $opt >/dev/full: exit $status, not 1"
			assert_equal "$stderr" "$name: cannot write output: No space left on device"
		done
	done
	run --separate-stderr bash -c '"$1" help >/dev/full' _ "$SMCR"
	assert_failure 1
	assert_equal "$stderr" "smcr: cannot write output: No space left on device"
	run --separate-stderr bash -c '"$1" linkgroup help >/dev/full' _ "$SMCR"
	assert_failure 1
	assert_equal "$stderr" "smcr: cannot write output: No space left on device"
}

# The reader is gone before the tool writes (true exits at once; the tool starts half a
# second later), so every run takes the same path. "status N" is the tool's exit status
# as the shell sees it; nothing else may reach stderr.
broken_pipe() {
	run --separate-stderr bash -c "$1"'
		{ sleep 0.5; "$@"; echo "status $?" >&2; } | true' _ "${@:2}"
}

@test "a reader that went away: quiet, ended by SIGPIPE (141), like ss" {
	broken_pipe '' "$SMCR" explain all
	assert_equal "$stderr" "status 141"
	broken_pipe '' "$SMCR" -j explain all
	assert_equal "$stderr" "status 141"
	broken_pipe '' "$SMCSS" --help
	assert_equal "$stderr" "status 141"
	# the same when the parent ignores SIGPIPE: the write fails with EPIPE instead
	broken_pipe 'trap "" PIPE;' "$SMCR" explain all
	assert_equal "$stderr" "status 141"
	broken_pipe 'trap "" PIPE;' "$SMCR" -p explain all
	assert_equal "$stderr" "status 141"
	broken_pipe 'trap "" PIPE;' "$SMCD" --version
	assert_equal "$stderr" "status 141"
	broken_pipe 'trap "" PIPE;' "$SMC_PNET" --help
	assert_equal "$stderr" "status 141"
	# the program smc_run starts keeps the SIGPIPE disposition it was given
	run "$SMC_RUN" sh -c 'sed -n "s/^SigIgn:[[:space:]]*//p" /proc/self/status'
	assert_success
	(( (0x$output >> (13 - 1) & 1) == 0 )) || fail "SIGPIPE ignored in the program: $output"
	run bash -c 'trap "" PIPE; "$1" sh -c "sed -n \"s/^SigIgn:[[:space:]]*//p\" /proc/self/status"' \
		_ "$SMC_RUN"
	assert_success
	(( (0x$output >> (13 - 1) & 1) == 1 )) || fail "SIGPIPE not ignored in the program: $output"
}

@test "an argument with a newline or an escape sequence gives one escaped error line" {
	run_split -2 "$SMCR" linkgroup show $'1\nfoo'
	assert_one_line_error '^smcr: linkgroup: "1\\012foo" is neither a link group id'
	run_split -2 "$SMCR" explain $'\e[31mX\nY'
	assert_one_line_error '^smcr: explain: "\\033\[31mX\\012Y" is not a code'
	# bytes that are not UTF-8 as octal, a backslash doubled, valid UTF-8 unchanged
	run_split -2 "$SMCR" explain $'\xff\xc0\x80\\é'
	assert_one_line_error '^smcr: explain: "\\377\\300\\200\\\\é" is not a code'
	run_split -2 "$SMCSS" $'--bad\r\n'
	assert_one_line_error "^smcss: unknown option '--bad\\\\015\\\\012'"
	[[ "$stderr" != *$'\e'* && "$stderr" != *$'\r'* ]] || fail "raw control characters on stderr"
}

@test "the stats baseline file's content is escaped when an error quotes it" {
	export XDG_RUNTIME_DIR="$BATS_TEST_TMPDIR/xdg"
	mkdir -m 700 "$XDG_RUNTIME_DIR" "$XDG_RUNTIME_DIR/smc-utils"
	baseline="$XDG_RUNTIME_DIR/smc-utils/stats-net$(stat -Lc %i /proc/self/ns/net)"
	printf 'version=1\n\e[31mX\xff\r=1\n' >"$baseline"
	run_split -1 "$SMCD" stats
	assert_one_line_error '^smcd: cannot use the statistics baseline .*: line 2: unknown key "\\033\[31mX\\377\\015"'
}
