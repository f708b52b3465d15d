#!/usr/bin/env bats
# The host kernel has no SMC: the tools must say so clearly and truly, exit 1, print no
# stdout. What is true depends on the host's files (tests/helpers/kernel.bash reads them
# apart from the tools): a module that is not loaded (modprobe), a kernel built without
# SMC (never modprobe then), or a host that does not tell (both, in one line). A release
# is said to be too old only where it is: never "needs Linux 6.11" on 6.11 or later.
load ../helpers/common
load ../helpers/kernel

SMC_CHK="$TOP/smc_chk/smc_chk"
SMC_PNET="$TOP/smc_pnet/smc_pnet"
SMC_RUN="$TOP/smc_run/smc_run"
SMC_RUN_PROBE="$TOP/tests/tools/smc_run_probe"

setup() {
	if [ -d /sys/module/smc ]; then
		skip "this kernel has SMC loaded"
	fi
}

# release_at_least X.Y: is the running release X.Y or later?
release_at_least() {
	local want=$1 have
	have=$(uname -r | grep -Eo '^[0-9]+\.[0-9]+')
	[ "$(printf '%s\n%s\n' "$want" "$have" | sort -V | head -1)" = "$want" ]
}

@test "smcss without SMC: what the host says, exit 1, nothing on stdout" {
	for args in "" "-a" "-d" "-R" "-D" "-j" "-p -a" "-e" "-e -j" "-a -e -p"; do
		# shellcheck disable=SC2086
		run_split -1 "$SMCSS" $args
		assert_one_line_error "^smcss: SMC socket diagnostics unavailable: $NO_SMC_DIAG\$"
	done
}

@test "smcr/smcd ueid without SMC: what the host says, exit 1" {
	for tool in "$SMCR" "$SMCD"; do
		for args in "ueid" "ueid show" "-j ueid show" "ueid add ABC" "ueid del ABC" "ueid flush"; do
			# shellcheck disable=SC2086
			run_split -1 "$tool" $args
			assert_one_line_error "^$(basename "$tool"): $NO_SMC\$"
		done
	done
}

@test "every object of smcr/smcd and smc_pnet: the same one line" {
	for tool in "$SMCR" "$SMCD"; do
		for args in "info" "linkgroup" "device" "stats" "hslimit" "-d linkgroup"; do
			# shellcheck disable=SC2086
			run_split -1 "$tool" $args
			assert_one_line_error "^$(basename "$tool"): $NO_SMC\$"
		done
	done
	run_split -1 "$SMCD" seid
	assert_one_line_error "^smcd: $NO_SMC\$"
	for args in "" "-j" "-a X -I eth0" "-f"; do
		# shellcheck disable=SC2086
		run_split -1 "$SMC_PNET" $args
		assert_one_line_error "^smc_pnet: $NO_SMC\$"
	done
}

@test "a kernel built without SMC: no tool suggests modprobe" {
	[ "$HOST_SMC" = not-built ] || skip "this host's files do not say its kernel lacks SMC ($HOST_SMC)"
	for cmd in "$SMCSS" "$SMCSS -a -j" "$SMCR info" "$SMCD ueid" "$SMCR stats" "$SMC_PNET" \
		   "$SMC_CHK -C 127.0.0.1" "$SMC_CHK -S -p 37399"; do
		# shellcheck disable=SC2086
		run_split $cmd
		assert_equal "$status" 1
		[[ $stderr == *"this kernel was built without SMC"* ]] || fail "$cmd: $stderr"
		[[ $stderr != *modprobe* ]] || fail "$cmd suggests modprobe: $stderr"
	done
	run_split "$SMC_CHK"
	assert_equal "$status" 3
	refute_output --partial modprobe
	assert_line --regexp '^problem +module\.smc +this kernel was built without SMC \('
	assert_line --regexp '^ +fix: boot a kernel built with CONFIG_SMC'
	run_split "$SMC_RUN" -d "$SMC_RUN_PROBE" sockets tcp
	[[ $stderr == *"TCP sockets stay TCP; this kernel was built without SMC ("* ]] ||
		fail "smc_run -d: $stderr"
	[[ $stderr != *modprobe* ]] || fail "smc_run -d suggests modprobe: $stderr"
}

@test "this host's evidence: the configuration or module lists are named, or the doubt said" {
	run_split "$SMCD" info
	case $HOST_SMC in
	not-built)
		# the file it read is named, and what SMC needs that the kernel also lacks
		[[ $stderr =~ /proc/config\.gz|/boot/config-|/lib/modules/ ]] || fail "$stderr"
		if [ -f /proc/config.gz ] && zcat /proc/config.gz | grep -qx '# CONFIG_DIBS is not set' &&
			! zcat /proc/config.gz | grep -q '^# CONFIG_SMC is not set$\|^CONFIG_SMC='; then
			[[ $stderr == *"it needs "*"CONFIG_DIBS"* ]] || fail "DIBS not named: $stderr"
		fi
		;;
	unknown)
		[[ $stderr == *"or this kernel was built without SMC"* ]] || fail "$stderr"
		;;
	*)
		skip "this host has SMC to load ($HOST_SMC)"
		;;
	esac
}

@test "IPPROTO_SMC: \"needs Linux 6.11\" only on a release older than 6.11" {
	run_split "$SMC_CHK" -j
	msg=$(jq -r '.findings[] | select(.id == "socket.ipproto_smc") | .message + " " + (.fix // "")' \
		<<<"$output")
	[ -n "$msg" ] || fail "no socket.ipproto_smc finding: $output"
	if release_at_least 6.11; then
		[[ $msg != *"6.11 or later"* ]] || fail "on $(uname -r): $msg"
	else
		[[ $msg == *"needs Linux 6.11 or later"* ]] || fail "on $(uname -r): $msg"
	fi
	run_split "$SMC_RUN" -d -f inet "$SMC_RUN_PROBE" sockets tcp
	if release_at_least 6.11; then
		[[ $stderr != *"6.11 or later"* ]] || fail "smc_run on $(uname -r): $stderr"
	fi
}

# a recording whose kernel answered "no such family" / "no sock_diag handler" (ENOENT):
# made from the bench's recording by tests/replay/nltrace.py mutate (an error of INT_MIN,
# then its code made -2), a crafted reply for this test only
enoent_recording() {
	local proto=$1 rec
	rec=$(find "$TOP/tests/replay" -name 'smcd.rec' | head -1)
	[ -n "$rec" ] || skip "no recording"
	"$TOP/tests/replay/nltrace.py" mutate "$rec" "$BATS_TEST_TMPDIR/e1.rec" error-intmin "$proto"
	"$TOP/tests/replay/nltrace.py" mutate "$BATS_TEST_TMPDIR/e1.rec" "$BATS_TEST_TMPDIR/e2.rec" \
		replace 0000008000000000000000000000000000000000 feffffff00000000000000000000000000000000
	echo "$BATS_TEST_TMPDIR/e2.rec"
}

@test "a replay reads no file of this host: the words of the recorded kernel only" {
	# whatever this host's kernel lacks, a replayed "module absent" is the recorded
	# kernel's: the long-standing words, byte for byte
	rec=$(enoent_recording 16)
	for args in "info" "ueid" "stats"; do
		# shellcheck disable=SC2086
		SMC_UTILS_REPLAY=$rec run_split -1 "$SMCD" $args
		assert_one_line_error '^smcd: SMC module not loaded \(try: modprobe smc\)$'
	done
	rec=$(enoent_recording 4)
	SMC_UTILS_REPLAY=$rec run_split -1 "$SMCSS" -a
	assert_one_line_error '^smcss: SMC socket diagnostics unavailable: the smc_diag module is not loaded \(try: modprobe smc_diag\)$'
}
