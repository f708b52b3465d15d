#!/usr/bin/env bats
# Drive the bash completion functions the way bash does, with our freshly built tools.
load ../helpers/common

setup() {
	PATH="$TOP/smcss:$TOP/smcr:$TOP/smcd:$TOP/smc_pnet:$TOP/smc_run:$TOP/smc_chk:$TOP/smc_metrics:$TOP/smc_dbg:$TOP/smc_rnics:$PATH"
	# shellcheck source=../../completion/smc-utils.bash
	source "$TOP/completion/smc-utils.bash"
}

# complete WORDS...: the last word is the one being completed; prints COMPREPLY sorted
complete_words() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	case $1 in
	smcss) _smcss ;;
	smc_pnet) _smc_pnet ;;
	smc_chk) _smc_chk ;;
	smc_metrics | smc_dbg) _smcu_output_tool ;;
	smc_rnics) _smc_rnics ;;
	smc_run) COMP_LINE="$*" COMP_POINT=${#COMP_LINE} _smc_run ;;
	*) _smcu_genl ;;
	esac
	printf '%s\n' "${COMPREPLY[@]}" | sort
}

@test "smcss completes its options from --help" {
	run complete_words smcss --
	assert_success
	for o in --all --listening --debug --smcd --smcr --wide --explain --summary --interval \
		--processes --json --pretty --version --help; do
		assert_line "$o"
	done
	run complete_words smcss --ex
	assert_output "--explain"
	run complete_words smcss --su
	assert_output "--summary"
	run complete_words smcss --int
	assert_output "--interval"
	run complete_words smcss --pro
	assert_output "--processes"
	# after -i comes a number of seconds: no option is offered there
	run complete_words smcss -a -i ""
	assert_output ""
	run complete_words smcss --interval ""
	assert_output ""
	run complete_words smcss --sm
	assert_output $'--smcd\n--smcr'
}

@test "smcss completes filter terms and their values from --help and smcr explain" {
	run complete_words smcss -a ""
	assert_success
	for w in state exclude src dst sport dport mode fallback lgr not --all --summary; do
		assert_line "$w"
	done
	run complete_words smcss -a s
	assert_output $'sport\nsrc\nstate'
	# no option where a filter word starts without "-"
	run complete_words smcss mode tcp f
	assert_output "fallback"
	run complete_words smcss state L
	assert_output $'LISTEN'
	run complete_words smcss exclude c
	assert_output $'closing\nconnected'
	run complete_words smcss -s state all mode sm
	assert_output $'smc\nsmcd\nsmcr'
	run complete_words smcss fallback NOU
	assert_output "NOUEID"
	run complete_words smcss fallback 0x0303000
	assert_line "0x03030000"
	# addresses, ports and link group ids: nothing to offer
	for w in src dst sport dport lgr; do
		run complete_words smcss "$w" ""
		assert_output ""
	done
}

@test "smcr/smcd complete objects, commands and options" {
	for tool in smcr smcd; do
		run complete_words "$tool" ""
		for obj in info linkgroup device ueid hslimit; do
			assert_line "$obj"
		done
		assert_line ueid
		assert_line help
		run complete_words "$tool" u
		assert_output ueid
		run complete_words "$tool" -j u
		assert_output ueid
		run complete_words "$tool" ueid ""
		assert_output $'add\ndel\nflush\nhelp\nshow'
		run complete_words "$tool" ueid f
		assert_output flush
		run complete_words "$tool" --j
		assert_output --json
	done
}

@test "completion words match the help text exactly (no drift)" {
	objects=$("$SMCR" help | awk '/^Objects:/{on=1;next} /^[^ ]/{on=0} on{print $1}' | sort)
	run complete_words smcr ""
	assert_output "$(printf '%s\nhelp\n' "$objects" | sort)"
}

@test "smc_pnet completes options, interfaces and ports" {
	run complete_words smc_pnet --i
	assert_output $'--ibdevice\n--ibport\n--interface'
	run complete_words smc_pnet -a X -I l
	assert_output lo
	run complete_words smc_pnet -a X -D rxe0 -P ""
	assert_output $'1\n2'
	run complete_words smc_pnet -a X -D loop
	assert_output loopback-ism
}

@test "smcr completes link-group and device filters and their device names" {
	run complete_words smcr linkgroup link-show ""
	assert_output $'all\nibdev\nnetdev'
	run complete_words smcd linkgroup show ""
	assert_output all
	run complete_words smcr device show netdev l
	assert_output lo
	run complete_words smcr -n x linkgroup ""
	assert_output $'help\nlink-show\nshow'
}

@test "smcr/smcd explain completes fallback codes by number and name" {
	run complete_words smcr explain 0x0303000
	assert_output "$(printf '0x0303000%s\n' 0 1 2 3 4 5 6 7 8 9 a b c)"
	run complete_words smcd explain NOSMCD
	assert_output $'NOSMCD2DEV\nNOSMCDDEV\nNOSMCDEV'
	run complete_words smcr ex PEERD
	assert_output PEERDECL
	run complete_words smcr explain a
	assert_output all
	# after a code only codes follow: no "all" or "help"
	run complete_words smcr explain 0x03030000 a
	assert_output ""
	run complete_words smcr -j explain 0x0506
	assert_output ""
}

@test "smc_run completes its options and families, then the command" {
	run complete_words smc_run --
	assert_output $'--debug\n--debug-file\n--family\n--help\n--rcvbuf\n--sndbuf\n--version'
	# a file for the reports, and the command after it
	run complete_words smc_run -D "$TOP/man/smc_ru"
	assert_output "$TOP/man/smc_run.8"
	run complete_words smc_run --debug-file /tmp/log smcs
	assert_output smcss
	run complete_words smc_run -f ""
	assert_output $'auto\ninet\nsmc'
	run complete_words smc_run --family i
	assert_output inet
	run complete_words smc_run -r ""
	assert_output ""
	# after the options: a command, then that command's own arguments
	run complete_words smc_run -d -f smc smcs
	assert_output smcss
	run complete_words smc_run -r 64k smc_pn
	assert_output smc_pnet
	# without bash-completion loaded, the command's arguments are file names
	run complete_words smc_run -d cat "$TOP/man/smc_ru"
	assert_output "$TOP/man/smc_run.8"
}

@test "smc_run hands the command's words to the command's own completion" {
	# shellcheck source=/dev/null
	source /usr/share/bash-completion/bash_completion
	source "$TOP/completion/smc-utils.bash"
	run complete_words smc_run -d -f inet smcss --sm
	assert_output $'--smcd\n--smcr'
	run complete_words smc_run smcr ueid f
	assert_output flush
	run complete_words smc_run -- smcd --j
	assert_output --json
}

@test "smc_metrics completes its options from --help and a file after -o" {
	run complete_words smc_metrics --
	assert_success
	assert_output $'--all-netns\n--help\n--netns\n--output\n--version'
	run complete_words smc_metrics -A -o "$TOP/completion/smc-"
	assert_output "$TOP/completion/smc-utils.bash"
}

@test "smc_dbg completes its options from --help, a file after -o, namespaces after -n" {
	run complete_words smc_dbg --
	assert_success
	assert_output $'--help\n--netns\n--output\n--redact\n--version'
	run complete_words smc_dbg -r -o "$TOP/completion/smc-"
	assert_output "$TOP/completion/smc-utils.bash"
}

@test "smc_chk completes its options from --help, namespaces, nothing for numbers" {
	run complete_words smc_chk --
	for o in --connect --server --replay-check --port --bind --once --timeout --quiet \
		--netns --json --pretty --version --help; do
		assert_line "$o"
	done
	run complete_words smc_chk -S --o
	assert_output --once
	run complete_words smc_chk -C 127.0.0.1 -p ""
	assert_output ""
	run complete_words smc_chk -t ""
	assert_output ""
	run complete_words smc_chk -b 127.0.0.
	assert_output 127.0.0.1
	# -R takes a host, as -C does: names from the hosts file
	run complete_words smc_chk -R localhos
	assert_line localhost
	run complete_words smc_chk --re
	assert_output --replay-check
}

@test "-netns and -net take a namespace name, and \"--\" is no object word" {
	mkdir -p /run/netns 2>/dev/null && [ -w /run/netns ] || skip "cannot write /run/netns"
	local made=""
	[ -e /run/netns/smcu-compl-test ] || { touch /run/netns/smcu-compl-test && made=1; }
	run complete_words smcss -netns smcu-compl
	assert_output smcu-compl-test
	run complete_words smcr -net smcu-compl
	assert_output smcu-compl-test
	run complete_words smc_chk -netns smcu-compl
	assert_output smcu-compl-test
	run complete_words smc_metrics --netns smcu-compl
	assert_output smcu-compl-test
	[ -z "$made" ] || rm -f /run/netns/smcu-compl-test
	rmdir /run/netns 2>/dev/null || true
	run complete_words smcr -- ueid f
	assert_output flush
	run complete_words smcd ueid -- ""
	assert_output $'add\ndel\nflush\nhelp\nshow'
}

@test "smcr/smcd complete options after the object and its command too" {
	for tool in smcr smcd; do
		run complete_words "$tool" linkgroup -
		assert_line -- --json
		assert_line -- -n
		run complete_words "$tool" linkgroup show --de
		assert_output --details
		run complete_words "$tool" stats --js
		assert_output --json
	done
}

@test "smc_rnics completes options, FIDs and PCI addresses from its own JSON" {
	load ../helpers/sysfs_fixture
	make_s390_fixture "$BATS_TEST_TMPDIR/s390"
	export SMC_UTILS_SYSROOT="$BATS_TEST_TMPDIR/s390"
	export SMC_UTILS_REPLAY="$TOP/tests/replay/6.12.117+deb12-amd64/nosmc.rec"
	run complete_words smc_rnics --
	assert_output $'--IB-dev\n--all\n--disable\n--enable\n--help\n--json\n--pretty\n--rawids\n--version'
	run complete_words smc_rnics --e
	assert_output --enable
	# the FIDs in hex as the options take them: off for -e, on for -d
	run complete_words smc_rnics -e ""
	assert_output 420
	run complete_words smc_rnics --disable ""
	assert_output $'11\n300'
	run complete_words smc_rnics -I 000
	assert_output $'0001:00:00.0\n0002:00:00.0'
	run complete_words smc_rnics 3
	assert_output 300
}
