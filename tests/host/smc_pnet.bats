#!/usr/bin/env bats
# smc_pnet command line on the host: usage errors exit 2 with one line, no SMC exits 1.
load ../helpers/common
load ../helpers/kernel

SMC_PNET="$TOP/smc_pnet/smc_pnet"

@test "smc_pnet: help and version" {
	run_split "$SMC_PNET" --help
	assert_success
	assert_line --index 0 "Usage: smc_pnet [OPTIONS] [PNETID]"
	run_split "$SMC_PNET" -v
	assert_output --regexp '^smc_pnet \(smc-utils\) '
}

@test "smc_pnet: bad input gives one line on stderr and exit 2" {
	assert_usage_errors "$SMC_PNET" <<-'CASES'
	-x|unknown option '-x' \(try: smc_pnet --help\)$
	--bogus|unknown option '--bogus'
	-I|option '-I' needs a value
	--ibport|option '--ibport' needs a value
	-a X|--add needs --interface and/or --ibdevice$
	-a -I eth0|--add needs a PNETID
	-d|--delete needs a PNETID
	-f X|--flush takes no PNETID; to delete one: smc_pnet --delete X$
	-s -I eth0|--interface only goes with --add$
	-d X -D dev|--ibdevice only goes with --add$
	-f -P 1|--ibport only goes with --add$
	-a X -I eth0 -P 1|--ibport needs --ibdevice$
	-a X -D dev -P 3|invalid port "3" \(1 or 2\)$
	-a X -D dev -P 0|invalid port "0" \(1 or 2\)$
	-a X -D dev -P one|invalid port "one" \(1 or 2\)$
	-a X -I a/b|invalid interface name "a/b"
	-a X -I 0123456789abcdef|invalid interface name "0123456789abcdef"
	-a X -I ..|invalid interface name ".."
	-a ABCDEFGHIJKLMNOPQ -I eth0|invalid PNET ID "ABCDEFGHIJKLMNOPQ" \(1-16 letters and digits\)$
	-a AB-C -I eth0|invalid PNET ID "AB-C"
	-a X -d|--add and --delete cannot be combined$
	-s -f|--show and --flush cannot be combined$
	A B|unexpected argument "B" \(one PNETID at most\)$
	--add=1 X -I e|option '--add' takes no value
	CASES
}

@test "smc_pnet without SMC: what the host says, exit 1, nothing on stdout" {
	[ -d /sys/module/smc ] && skip "this kernel has SMC loaded"
	for args in "" "-s" "-j" "-a X -I eth0" "-d X" "-f"; do
		# shellcheck disable=SC2086
		run_split -1 "$SMC_PNET" $args
		assert_one_line_error "^smc_pnet: $NO_SMC\$"
	done
}
