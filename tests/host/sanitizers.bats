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
	for args in "-h" "-v" "-x" "-l -a" "-a" "-j -d" "-p -D" "-netns x" "-ne x" "-n /dev/null" \
		    "-- -a" "-s -d" "-a -s -j" "-i 0" "-i 1 -p" "-a -P -j"; do
		# shellcheck disable=SC2086
		run "$ASAN/smcss" $args
		[ "$status" -le 2 ] || fail "smcss $args exited $status: $output"
	done
	for args in "help" "ueid help" "bogus" "ueid add lower" "ueid add ABC" "-j ueid show" "ueid flush" \
		    "explain" "-j explain 0x05000000/0x03030008 7f000001" "explain x/y" "explain NOUEID/" \
		    "ueid add -- -X" "ueid -- add -- X" "info -netns x" "-dnetns x info" "linkgroup -0" \
		    "explain 50528256/161021955"; do
		# shellcheck disable=SC2086
		run "$ASAN/smcd" $args
		[ "$status" -le 2 ] || fail "smcd $args exited $status: $output"
	done
	# an empty word: the code counter once read past its end (tests/fuzz/repro/explain)
	run "$ASAN/smcr" explain 0 "" " x"
	[ "$status" -eq 2 ] || fail "smcr explain 0 '' ' x' exited $status: $output"
	# (run from build/asan, smc_run looks for the installed library: exit 1 if missing)
	for args in "-h" "-v" "-x" "" "-r 0 true" "-f bad true" "-d -r 64k -t 1m -f smc true"; do
		# shellcheck disable=SC2086
		run "$ASAN/smc_run" $args
		[ "$status" -le 2 ] || fail "smc_run $args exited $status: $output"
	done
	# smc_chk: 3 is its verdict "problems found" (no SMC here), not a crash
	for args in "-h" "-x" "" "-j -q" "-C 127.0.0.1" "-S -p 0" "-n no-such-ns" "-netns" \
		    "-C ::1 -t 0x1p3" "-C ::1 -t 0.25 -p +1"; do
		# shellcheck disable=SC2086
		run "$ASAN/smc_chk" $args
		[ "$status" -le 3 ] || fail "smc_chk $args exited $status: $output"
	done
}

@test "command-line paths are valgrind-clean" {
	for cmd in "$SMCSS -h" "$SMCSS -x" "$SMCSS -a -j" "$SMCR ueid help" "$SMCR ueid add lower" "$SMCD -j ueid" \
		   "$SMCR explain 0x05000000/0x03030008 7f000001" "$SMCD -j explain" "$SMCR explain a/b"; do
		# shellcheck disable=SC2086
		run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 $cmd
		[ "$status" -le 2 ] || fail "$cmd: status $status: $output"
	done
	for args in "-r 1k -t 1m true" "-x" "-f bad true"; do
		# shellcheck disable=SC2086
		run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
			"$TOP/smc_run/smc_run" $args
		[ "$status" -le 2 ] || fail "smc_run $args: status $status: $output"
	done
	for args in "" "--pretty" "-C 127.0.0.1" "-p x"; do
		# shellcheck disable=SC2086
		run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
			"$TOP/smc_chk/smc_chk" $args
		[ "$status" -le 3 ] || fail "smc_chk $args: status $status: $output"
	done
}

@test "cppcheck finds nothing in the C sources" {
	run cppcheck --quiet --error-exitcode=1 --enable=warning,style,performance,portability \
		--std=c11 -I"$TOP/lib/transport" -I"$TOP/lib/kernel" -I"$TOP/lib/decode" \
		-I"$TOP/lib/output" -I"$TOP/lib/util" -I"$TOP/cmd" -I"$TOP/lib/uapi" \
		--suppress=missingIncludeSystem \
		"$TOP/lib" "$TOP/cmd" "$TOP/smcss" "$TOP/smcr" "$TOP/smcd" "$TOP/smc_pnet" "$TOP/tests/unit" "$TOP/tests/tools" \
		"$TOP/smc_run" "$TOP/smc_chk" "$TOP/smc_rnics" "$TOP/smc_metrics" "$TOP/tests/fuzz"
	assert_success
	assert_output ""
}
