#!/usr/bin/env bats
# Command-line contract of every tool, on the host (no SMC needed): usage errors exit 2
# with one line on stderr and nothing on stdout; help and version go to stdout, exit 0.
load ../helpers/common

@test "smcss: help and version on stdout, exit 0" {
	run_split "$SMCSS" -h
	assert_success
	assert_line --index 0 "Usage: smcss [OPTIONS] [FILTER]"
	assert_equal "$stderr" ""
	run_split "$SMCSS" --version
	assert_success
	assert_output --regexp '^smcss \(smc-utils\) [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "smcss: bad input gives one line on stderr and exit 2" {
	assert_usage_errors "$SMCSS" "" <<-'CASES'
	-x|^smcss: unknown option '-x' \(try: smcss --help\)$
	--bogus|^smcss: unknown option '--bogus'
	-l -a|^smcss: --listening cannot be combined with --all$
	-l -d|^smcss: --listening cannot be combined with --debug$
	-l -D|^smcss: --listening cannot be combined with --smcd$
	-l -R|^smcss: --listening cannot be combined with --smcr$
	-D -R|^smcss: --smcd and --smcr cannot be combined$
	-s -d|^smcss: --summary cannot be combined with --debug$
	--summary -W|^smcss: --summary cannot be combined with --wide$
	-a -s -e|^smcss: --summary cannot be combined with --explain$
	-s -P|^smcss: --summary cannot be combined with --processes$
	--processes=1|^smcss: option '--processes' takes no value \(try: smcss --help\)$
	-s=1|^smcss: unknown option '-='
	--summary=1|^smcss: option '--summary' takes no value \(try: smcss --help\)$
	-i 0|^smcss: invalid interval "0" \(seconds, 0.1-86400, at most 3 decimals\)$
	-i 0.05|^smcss: invalid interval "0.05"
	--interval 1.2345|^smcss: invalid interval "1.2345"
	--interval=86401|^smcss: invalid interval "86401"
	-i -1|^smcss: invalid interval "-1"
	-i|^smcss: option '-i' needs a value \(try: smcss --help\)$
	-i 1 -p|^smcss: --interval prints one JSON document per line: use --json, not --pretty$
	extra|^smcss: invalid filter at column 1: expected a filter term .*, found "extra" \(see smcss\(8\), FILTER\)$
	--all=3|^smcss: option '--all' takes no value \(try: smcss --help\)$
	-n|^smcss: option '-n' needs a value \(try: smcss --help\)$
	-n a/b|^smcss: invalid network namespace "a/b" \(a name, an absolute path or a PID\)$
	CASES
}

@test "smcr/smcd: help, version and usage errors" {
	for tool in "$SMCR" "$SMCD"; do
		name=$(basename "$tool")
		run_split "$tool" help
		assert_success
		assert_line --index 0 "Usage: $name [OPTIONS] OBJECT [COMMAND [ARGS]]"
		assert_line "  ueid        user-defined Enterprise IDs (needed by SMCv2)"
		run_split "$tool" -v
		assert_success
		assert_output --regexp "^$name \(smc-utils\) "
		run_split "$tool" ueid help
		assert_success
		assert_line --index 0 "Usage: $name ueid [show]"
		assert_usage_errors "$tool" <<-'CASES'
		-z|unknown option '-z' \(try: smc[rd] help\)$
		--nope|unknown option '--nope'
		bogus|unknown object "bogus" \(try: smc[rd] help\)$
		ueid bogus|unknown command "bogus" \(try: smc[rd] ueid help\)$
		ueid add|ueid add: missing EID
		ueid del|ueid del: missing EID
		ueid add A B|ueid add: unexpected argument "B"
		ueid show X|ueid show: unexpected argument "X"
		ueid flush X|ueid flush: unexpected argument "X"
		ueid add lower|invalid user EID "lower": .*use upper case\)$
		ueid add -ABC|invalid user EID "-ABC": the first character must be a letter or digit$
		ueid add A..B|invalid user EID "A..B": it contains ".."$
		ueid add A_B|invalid user EID "A_B": only A-Z, 0-9, '.' and '-' are allowed, not '_'$
		ueid add 123456789012345678901234567890123|invalid user EID "1234.*": it is longer than 32 characters$
		CASES
	done
}

@test "smcr: a 32-character EID passes validation (fails later only for want of SMC)" {
	run_split "$SMCR" ueid add 12345678901234567890123456789012
	[ "$status" -ne 2 ]
}

@test "smcr/smcd objects: usage errors before anything is sent" {
	for tool in "$SMCR" "$SMCD"; do
		assert_usage_errors "$tool" <<-'CASES'
		info extra|unknown command "extra" \(try: smc[rd] info help\)$
		info show extra|info: unexpected argument "extra"
		linkgroup xyz|linkgroup: "xyz" is neither a link group id \(hex\) nor all, ibdev or netdev
		linkgroup show 123456789|linkgroup: "123456789" is neither
		linkgroup 100 200|linkgroup: "200" is neither
		device bogus|device: unknown filter "bogus"
		hslimit bogus|unknown command "bogus" \(try: smc[rd] hslimit help\)$
		hslimit show x|hslimit show: unexpected argument "x"
		-n|option '-n' needs a value
		ueid show --netns|option '--netns' needs a value
		-n a/b info|invalid network namespace "a/b" \(a name, an absolute path or a PID\)$
		CASES
	done
	run_split -2 "$SMCD" linkgroup ibdev x
	assert_one_line_error '^smcd: linkgroup: ibdev filters SMC-R link groups only'
	run_split -2 "$SMCR" linkgroup ibdev
	assert_one_line_error '^smcr: linkgroup: ibdev needs a device name$'
	run_split -2 "$SMCR" seid
	assert_one_line_error '^smcr: unknown object "seid" \(try: smcr help\)$'
}

@test "smcr/smcd: smc-tools abbreviations and help words" {
	run "$SMCD" h
	assert_success
	assert_line --index 0 --partial "Usage: smcd"
	run "$SMCR" l help
	assert_line --index 0 "Usage: smcr linkgroup [show] [all | LG-ID] [ibdev DEV] [netdev DEV]"
	assert_line --index 1 "       smcr linkgroup link-show [all | LG-ID] [ibdev DEV] [netdev DEV]"
	run "$SMCD" d help
	assert_line --index 0 "Usage: smcd device [show] [all]"
	run "$SMCD" se help
	assert_line --index 0 "Usage: smcd seid [show]"
	run "$SMCD" i help
	assert_line --index 0 "Usage: smcd info [show]"
	# options after the object
	run "$SMCR" ueid help -j
	assert_success
	# help is text whatever -j says, as -h is (it printed nothing at all)
	assert_line --index 0 "Usage: smcr ueid [show]"
	run "$SMCD" -j explain help
	assert_line --index 0 "Usage: smcd explain [all]"
}
