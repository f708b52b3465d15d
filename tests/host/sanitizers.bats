#!/usr/bin/env bats
# The unit tests and the command-line paths under AddressSanitizer + UBSan and valgrind
# ("make asan" builds build/asan/; make check does it first).
load ../helpers/common

setup() {
	ASAN="$TOP/build/asan"
	[ -x "$ASAN/smcss" ] || skip "run 'make asan' first"
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
	export UBSAN_OPTIONS=halt_on_error=1:exitcode=98
}

@test "unit tests are clean under ASan/UBSan" {
	for t in "$ASAN"/test_*; do
		run "$t"
		assert_success
		refute_output --partial "not ok"
	done
}

@test "command-line paths are clean under ASan/UBSan (usage errors, help, no SMC)" {
	for args in "-h" "-v" "-x" "-l -a" "-a" "-j -d" "-p -D"; do
		# shellcheck disable=SC2086
		run "$ASAN/smcss" $args
		[ "$status" -le 2 ] || fail "smcss $args exited $status: $output"
	done
	for args in "help" "ueid help" "bogus" "ueid add lower" "ueid add ABC" "-j ueid show" "ueid flush"; do
		# shellcheck disable=SC2086
		run "$ASAN/smcd" $args
		[ "$status" -le 2 ] || fail "smcd $args exited $status: $output"
	done
}

@test "command-line paths are valgrind-clean" {
	for cmd in "$SMCSS -h" "$SMCSS -x" "$SMCSS -a -j" "$SMCR ueid help" "$SMCR ueid add lower" "$SMCD -j ueid"; do
		# shellcheck disable=SC2086
		run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 $cmd
		[ "$status" -le 2 ] || fail "$cmd: status $status: $output"
	done
}

@test "cppcheck finds nothing in the C sources" {
	run cppcheck --quiet --error-exitcode=1 --enable=warning,style,performance,portability \
		--std=c11 -I"$TOP/lib" -I"$TOP/lib/uapi" --suppress=missingIncludeSystem \
		"$TOP/lib" "$TOP/smcss" "$TOP/smcr" "$TOP/smcd" "$TOP/smc_pnet" "$TOP/tests/unit" "$TOP/tests/tools"
	assert_success
	assert_output ""
}
