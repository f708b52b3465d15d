#!/usr/bin/env bats
# The host kernel has no SMC: the tools must say so clearly, exit 1, print no stdout.
load ../helpers/common

setup() {
	if [ -d /sys/module/smc ]; then
		skip "this kernel has SMC loaded"
	fi
}

@test "smcss without SMC: clear message, exit 1, nothing on stdout" {
	for args in "" "-a" "-d" "-R" "-D" "-j" "-p -a" "-e" "-e -j" "-a -e -p"; do
		# shellcheck disable=SC2086
		run_split -1 "$SMCSS" $args
		assert_one_line_error '^smcss: SMC socket diagnostics unavailable: the smc_diag module is not loaded \(try: modprobe smc_diag\)$'
	done
}

@test "smcr/smcd ueid without SMC: module not loaded, exit 1" {
	for tool in "$SMCR" "$SMCD"; do
		for args in "ueid" "ueid show" "-j ueid show" "ueid add ABC" "ueid del ABC" "ueid flush"; do
			# shellcheck disable=SC2086
			run_split -1 "$tool" $args
			assert_one_line_error "^$(basename "$tool"): SMC module not loaded \(try: modprobe smc\)$"
		done
	done
}
