#!/usr/bin/env bats
# Drive the bash completion functions the way bash does, with our freshly built tools.
load ../helpers/common

setup() {
	PATH="$TOP/smcss:$TOP/smcr:$TOP/smcd:$TOP/smc_pnet:$PATH"
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
	*) _smcu_genl ;;
	esac
	printf '%s\n' "${COMPREPLY[@]}" | sort
}

@test "smcss completes its options from --help" {
	run complete_words smcss --
	assert_success
	for o in --all --listening --debug --smcd --smcr --wide --json --pretty --version --help; do
		assert_line "$o"
	done
	run complete_words smcss --sm
	assert_output $'--smcd\n--smcr'
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
