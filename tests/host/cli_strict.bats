#!/usr/bin/env bats
# The command-line rules every tool shares, where getopt and strtoul() alone were too
# lenient: "--" ends options at every level, -netns is --netns (not -n "etns"), numbers are
# digits of their documented base and nothing else, -n never hangs nor enters a namespace
# it was not given, and smc_run's reports never reach what a program put on fd 2. The host
# has no SMC: what passes the checks fails later with exit 1, a usage error exits 2.
load ../helpers/common
load ../helpers/kernel

SMC_CHK="$TOP/smc_chk/smc_chk"
SMC_PNET="$TOP/smc_pnet/smc_pnet"
SMC_RUN="$TOP/smc_run/smc_run"
SMC_RUN_PROBE="$TOP/tests/tools/smc_run_probe"

# assert_past_usage: the command line was accepted (what fails then is the missing SMC or
# namespace): not exit 2
assert_past_usage() {
	[ "$status" -ne 2 ] || fail "usage error: $stderr"
}

@test "--: ends the options after the object and after the command too" {
	for tool in "$SMCR" "$SMCD"; do
		name=$(basename "$tool")
		# the EID after "--" is the EID (it then fails for want of SMC, not as usage)
		run_split -1 "$tool" ueid add -- ABC
		assert_one_line_error "^$name: $NO_SMC\$"
		run_split -1 "$tool" ueid -- add ABC
		assert_one_line_error "^$name: $NO_SMC\$"
		run_split -1 "$tool" -- ueid add -- ABC
		assert_one_line_error "^$name: $NO_SMC\$"
		# after "--", what looks like an option is an argument, judged as one
		assert_usage_errors "$tool" <<-'CASES'
		ueid add -- -X|invalid user EID "-X": the first character must be a letter or digit$
		ueid add -- -d|invalid user EID "-d"
		ueid add -d --|ueid add: missing EID
		ueid add -- ABC -- X|ueid add: unexpected argument "--"
		linkgroup -- -d|linkgroup: "-d" is neither a link group id
		explain -- -j|explain: "-j" is not a code
		info -- -j|unknown command "-j"
		CASES
	done
	# options before "--" still count: JSON of the code list
	run_split "$SMCR" explain -j -- NOUEID
	assert_success
	jq -e '.[0].name == "NOUEID"' <<<"$output"
	# the other tools: getopt's own "--"
	run_split -2 "$SMCSS" -- -a
	assert_one_line_error '^smcss: invalid filter at column 1: expected a filter term .*found "-a"'
	run_split -2 "$SMC_CHK" -- -q
	assert_one_line_error '^smc_chk: unexpected argument "-q"'
	run_split -2 "$SMC_PNET" -d -- -X
	assert_one_line_error '^smc_pnet: invalid PNET ID "-X"'
	run_split -1 "$SMC_PNET" -a -I eth0 -- X
	assert_one_line_error "^smc_pnet: $NO_SMC\$"
}

@test "-netns and -net are --netns, as ip spells them, in every tool with -n" {
	for cmd in "$SMCSS -netns no-such-ns" "$SMCSS -net no-such-ns -a" \
		   "$SMCR -netns no-such-ns info" "$SMCD -net no-such-ns info" \
		   "$SMCR info -netns no-such-ns" "$SMCD linkgroup -d -netns no-such-ns" \
		   "$SMC_CHK -netns no-such-ns" "$SMC_CHK -q -net no-such-ns" \
		   "$SMCSS --netns no-such-ns" "$SMCSS -n no-such-ns" "$SMCSS -nno-such-ns"; do
		# shellcheck disable=SC2086
		run_split -1 $cmd
		assert_one_line_error ': network namespace "no-such-ns" not found \(see: ip netns list\)$'
	done
	# a namespace really called "etns" is still -n etns
	run_split -1 "$SMCR" -n etns info
	assert_one_line_error '^smcr: network namespace "etns" not found'
}

@test "-netns: a glued -n value that only misspells it is refused, a missing value named" {
	for tool in "$SMCSS" "$SMCR" "$SMCD" "$SMC_CHK"; do
		name=$(basename "$tool")
		assert_usage_errors "$tool" <<-CASES
		-ne x info|option '-ne' is ambiguous: -netns, or -n with the value "e"\\? \(write -netns VALUE, or -n e; try: $name (--)?help\)$
		-netn x info|option '-netn' is ambiguous: -netns, or -n with the value "etn"\\?
		-netns|option '-netns' needs a value \(try: $name (--)?help\)$
		-net|option '-net' needs a value
		CASES
	done
	assert_usage_errors "$SMCR" <<-'CASES'
	-dnetns x info|option '-dnetns' is ambiguous
	info -jne x|option '-jne' is ambiguous
	CASES
	# the same rule for the other options of that form: -port is --port
	run_split -2 "$SMC_CHK" -port 80
	assert_one_line_error '^smc_chk: --port only goes with --connect, --server or --replay-check$'
	run_split -2 "$SMC_RUN" -family tcp true
	assert_one_line_error '^smc_run: invalid family "tcp"'
}

@test "LG-IDs: hexadecimal digits, 0x optional, nothing else" {
	for tool in "$SMCR" "$SMCD"; do
		assert_usage_errors "$tool" <<-'CASES'
		linkgroup -0|linkgroup: "-0" is neither a link group id \(hex\)
		linkgroup +1|linkgroup: "\+1" is neither a link group id
		linkgroup show 0x|linkgroup: "0x" is neither
		linkgroup show 100000000|linkgroup: "100000000" is neither
		linkgroup show 1g|linkgroup: "1g" is neither
		CASES
		for id in " 1" "1 " $'1\n' "0x-1" "0x+1" "--1"; do
			run_split -2 "$tool" linkgroup show "$id"
			[[ $stderr == *"is neither a link group id"* ]] || fail "\"$id\": $stderr"
		done
		for id in 0 100 0x100 0XfFfFfFfF 00000100; do
			run_split "$tool" linkgroup show "$id"
			assert_past_usage
		done
	done
}

@test "explain: codes are hexadecimal; a decimal-looking number is refused with its hex" {
	for tool in "$SMCR" "$SMCD"; do
		run_split -2 "$tool" explain 50528256
		assert_one_line_error '^smc[rd]: explain: "50528256" looks decimal, but codes are hexadecimal: write 0x03030000 for the decimal number \(as JSON output gives codes\) or 0x50528256$'
		run_split -2 "$tool" explain 0x05000000/50724864
		assert_one_line_error 'explain: "50724864" looks decimal.* write 0x03060000 for the decimal number'
		run_split -2 "$tool" explain 161021955
		assert_one_line_error 'explain: "161021955" looks decimal.* write 0x09990003 for the decimal number \(as JSON output gives codes\)$'
		# what the decimal number stands for, and the hex reading, both with 0x
		run_split "$tool" explain 0x03030000
		assert_line --index 0 --partial "0x03030000 NOSMCDEV"
		run_split "$tool" explain 0x50528256
		assert_success
		assert_line --index 0 "0x50528256: not a known code"
		# 8 digits that start with 0, or hold a letter, cannot be decimal
		run_split "$tool" explain 03030000 7f000001
		assert_success
	done
	# the JSON code of a code, fed back, names the way to write it
	code=$("$SMCR" -j explain NOUEID | jq '.[0].code')
	run_split -2 "$SMCR" explain "$code"
	assert_one_line_error "write 0x03030008 for the decimal number"
}

@test "smc_chk -t: decimal seconds, at most 3 decimals; -p: decimal digits" {
	assert_usage_errors "$SMC_CHK" <<-'CASES'
	-C ::1 -t 0x1p3|invalid timeout "0x1p3" \(seconds, 0.001-3600, at most 3 decimals\)$
	-C ::1 -t 1e1|invalid timeout "1e1"
	-C ::1 -t inf|invalid timeout "inf"
	-C ::1 -t nan|invalid timeout "nan"
	-C ::1 -t .5|invalid timeout ".5"
	-C ::1 -t 5.|invalid timeout "5."
	-C ::1 -t 0.0001|invalid timeout "0.0001"
	-C ::1 -t 0.000|invalid timeout "0.000"
	-C ::1 -t +5|invalid timeout "\+5"
	-C ::1 -t 3600.001|invalid timeout "3600.001"
	-S -p +80|invalid port "\+80" \(1-65535\)$
	-S -p 0x50|invalid port "0x50"
	-S -p 99999999999999999999|invalid port "9+"
	CASES
	for t in " 5" "5 " "1,5"; do
		run_split -2 "$SMC_CHK" -C ::1 -t "$t"
		assert_one_line_error "^smc_chk: invalid timeout \"$t\""
	done
	run_split -2 "$SMC_CHK" -S -p " 80"
	assert_one_line_error '^smc_chk: invalid port " 80"'
	for t in 5 0.25 0.001 3600 3600.000 007; do
		run_split -1 "$SMC_CHK" -C ::1 -t "$t" -p 00080
		assert_one_line_error '^smc_chk: cannot create an AF_SMC socket'
	done
}

@test "smc_pnet -P: 1 or 2, decimal digits only" {
	for port in "+1" " 1" "1 " "0x1" "-1" "" "01x"; do
		run_split -2 "$SMC_PNET" -a X -D dev -P "$port"
		assert_equal "$output" ""
		assert_equal "$stderr" "smc_pnet: invalid port \"$port\" (1 or 2)"
	done
	run_split -1 "$SMC_PNET" -a X -D dev -P 02
	assert_past_usage
}

@test "-n: a FIFO neither hangs nor is entered; other files that are no namespace refused" {
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	touch "$BATS_TEST_TMPDIR/file"
	for ns in "$BATS_TEST_TMPDIR/fifo" "$BATS_TEST_TMPDIR/file" /dev/null /proc/self/ns/mnt; do
		for cmd in "$SMCSS -n" "$SMC_CHK -n" "$SMCR info -n" "$SMCD -j linkgroup -n"; do
			# shellcheck disable=SC2086
			run_split -2 timeout 10 $cmd "$ns"
			assert_one_line_error "^smc[a-z_]*: \"$ns\" is not a network namespace \(a name from ip netns list, or a path such as /run/netns/NAME or /proc/PID/ns/net, or a PID\)$"
		done
	done
	# a namespace file by its path is entered (the host's tools then fail for want of SMC)
	run_split -1 "$SMCSS" -n /proc/self/ns/net
	refute [ -n "$(grep -i namespace <<<"$stderr")" ]
	run_split -1 "$SMCSS" -n $$
	refute [ -n "$(grep -i namespace <<<"$stderr")" ]
}

@test "-n: a path or name too long is refused, never cut to one that exists" {
	long_path=$(printf '/%.0s' {1..5000})proc/self/ns/net
	long_name=$(printf 'a%.0s' {1..300})
	for cmd in "$SMCSS -n" "$SMC_CHK -n" "$SMCR info -n"; do
		# shellcheck disable=SC2086
		run_split -2 $cmd "$long_path"
		assert_one_line_error '^smc[a-z_]*: network namespace "/{40}\.\.\." is too long \(5016 characters; a name may have 255, a path 4095\)$'
		# shellcheck disable=SC2086
		run_split -2 $cmd "$long_name"
		assert_one_line_error '^smc[a-z_]*: network namespace "a{40}\.\.\." is too long \(300 characters'
	done
	# 255 characters that name this namespace, then more: the whole path counts
	cut_here=$(printf '/%.0s' {1..239})proc/self/ns/net
	[ ${#cut_here} -eq 255 ]
	run_split -1 "$SMCSS" -n "$cut_here/nonexistent"
	assert_one_line_error '^smcss: cannot enter network namespace "/+proc/self/ns/net/nonexistent": Not a directory$'
}

@test "smc_run -d: no report into what the program put on fd 2 after closing stderr" {
	# a file
	run_split "$SMC_RUN" -d "$SMC_RUN_PROBE" reopen-stderr file "$BATS_TEST_TMPDIR/data" tcp
	assert_success
	assert_output --regexp '^tcp domain=2 protocol=6 '
	[ ! -s "$BATS_TEST_TMPDIR/data" ] || fail "report in the program's file: $(cat "$BATS_TEST_TMPDIR/data")"
	# a socket, as a program's connection would be
	run_split "$SMC_RUN" -d "$SMC_RUN_PROBE" reopen-stderr socket tcp tcp6
	assert_success
	assert_line "fd 2 received 0 bytes"
	# a socket whose peer is gone: no SIGPIPE either
	run_split "$SMC_RUN" -d "$SMC_RUN_PROBE" reopen-stderr closed-socket tcp
	assert_success
	assert_output --regexp '^tcp domain=2 '
}

@test "smc_run -d: a report into a stderr nobody reads does not kill the program" {
	# stderr a pipe whose reader is gone, SIGPIPE at its default: the report's write
	# fails quietly, the program goes on
	run "$SMC_RUN_PROBE" broken-stderr "$SMC_RUN" -d "$SMC_RUN_PROBE" sockets tcp udp
	assert_success
	assert_line --index 0 --regexp '^tcp domain=2 protocol=6 '
	assert_line --index 1 --regexp '^udp domain=2 protocol=17 '
}

@test "smc_run -D FILE: reports appended to FILE, whatever the program does with stderr" {
	log="$BATS_TEST_TMPDIR/reports"
	echo "earlier line" >"$log"
	run_split "$SMC_RUN" -D "$log" "$SMC_RUN_PROBE" sockets tcp
	assert_success
	assert_equal "$stderr" ""
	# relative, and the program in another directory: the path was made absolute
	cd "$BATS_TEST_TMPDIR"
	run_split "$SMC_RUN" --debug-file reports sh -c 'cd / && exec "$0" reopen-stderr file "$1" tcp' \
		"$SMC_RUN_PROBE" "$BATS_TEST_TMPDIR/data"
	assert_success
	[ ! -s "$BATS_TEST_TMPDIR/data" ]
	run cat "$log"
	assert_line --index 0 "earlier line"
	assert_line --index 1 --regexp '^smc_run: smc_run_probe\[[0-9]+\]: SMC sockets refused .*: TCP sockets stay TCP(; .*)?$'
	assert_line --index 2 --regexp '^smc_run: smc_run_probe\[[0-9]+\]: SMC sockets refused '
	assert_equal "${#lines[@]}" 3
	# the launcher tells the library, and nothing inherited counts
	run_split "$SMC_RUN" -D "$log" env
	assert_line "SMC_RUN_DEBUG=1"
	assert_line "SMC_RUN_DEBUG_FILE=$log"
	SMC_RUN_DEBUG_FILE=/tmp/x run_split "$SMC_RUN" env
	refute_line --regexp '^SMC_RUN_DEBUG_FILE='
	# a file that cannot be written: one line, exit 1, the program not started
	run_split -1 "$SMC_RUN" -D /nonexistent/dir/reports echo started
	assert_one_line_error '^smc_run: cannot open the debug file /nonexistent/dir/reports: No such file or directory$'
	assert_usage_errors "$SMC_RUN" <<-'CASES'
	-D|option '-D' needs a value \(try: smc_run --help\)$
	--debug-file= true|--debug-file needs a file name
	CASES
}
