#!/usr/bin/env bats
# smc_pnet against the kernel's PNET table (SMC_PNETID family).
load ../helpers/live

SMC_PNET="$TOP/smc_pnet/smc_pnet"

setup() {
	require_bench
	"$SMC_PNET" -f
}

teardown() {
	"$SMC_PNET" -f
	ip netns del pnetns 2>/dev/null || true
}

@test "add, show (text as smc-tools, JSON), delete, flush" {
	run_split "$SMC_PNET" -a net1 -I lo
	assert_success
	assert_equal "$output$stderr" ""
	lo=$(smc_loopback_device)
	run "$SMC_PNET" --add NET2 --ibdevice "$lo"
	assert_success
	run "$SMC_PNET" -a NET3 -D rxe9 -P 2
	assert_success
	run_split "$SMC_PNET"
	assert_success
	# "PNETID ETHNAME IBNAME PORT", one blank apart, n/a and 255 for what is absent
	assert_output "NET1 lo n/a 255"$'\n'"NET2 n/a $lo 1"$'\n'"NET3 n/a rxe9 2"
	run "$SMC_PNET" -s NET2
	assert_output "NET2 n/a $lo 1"
	run "$SMC_PNET" net3
	assert_output 'NET3 n/a rxe9 2'
	run "$SMC_PNET" -s NOPE
	assert_success
	assert_output ''
	run "$SMC_PNET" -j
	assert_output '[{"pnetid":"NET1","netdev":"lo"},{"pnetid":"NET2","ib_device":"'"$lo"'","ib_port":1},{"pnetid":"NET3","ib_device":"rxe9","ib_port":2}]'
	run "$SMC_PNET" -p -s NET1
	jq -e '. == [{"pnetid":"NET1","netdev":"lo"}]' <<<"$output"
	run "$SMC_PNET" -d NET1
	assert_success
	run "$SMC_PNET"
	refute_line --partial NET1
	run "$SMC_PNET" -f
	assert_success
	run "$SMC_PNET"
	assert_output ''
	run "$SMC_PNET" -j
	assert_output '[]'
	# flushing an empty table is fine too
	run "$SMC_PNET" -f
	assert_success
}

@test "kernel errors: existing entry, unknown PNET ID, each one line and exit 1" {
	"$SMC_PNET" -a NET1 -I lo
	run_split -1 "$SMC_PNET" -a NET1 -I lo
	assert_one_line_error '^smc_pnet: nothing added for NET1: the entries exist already, or the device has a PNET ID from the hardware \(see: smc_pnet --show\)$'
	run_split -1 "$SMC_PNET" -d NOPE
	assert_one_line_error '^smc_pnet: PNET ID NOPE is not defined \(see: smc_pnet --show\)$'
}

@test "the netdev part is per namespace; device entries only from the initial one" {
	"$SMC_PNET" -a HOST -I lo
	ip netns add pnetns
	run ip netns exec pnetns "$SMC_PNET"
	assert_success
	assert_output ''
	run ip netns exec pnetns "$SMC_PNET" -a INNS -I lo
	assert_success
	run ip netns exec pnetns "$SMC_PNET"
	assert_output 'INNS lo n/a 255'
	run "$SMC_PNET"
	assert_output 'HOST lo n/a 255'
	run_split -1 ip netns exec pnetns "$SMC_PNET" -a INNS -D rxe0
	assert_one_line_error '^smc_pnet: cannot add INNS: RDMA/ISM device entries can only be set in the initial network namespace'
	ip netns exec pnetns "$SMC_PNET" -f
}

@test "changing the table needs CAP_NET_ADMIN; reading it does not" {
	"$SMC_PNET" -a NET1 -I lo
	run_split setpriv --reuid=65534 --regid=65534 --clear-groups "$SMC_PNET"
	assert_success
	assert_output 'NET1 lo n/a 255'
	while IFS='|' read -r args what; do
		# shellcheck disable=SC2086
		run_split -1 setpriv --reuid=65534 --regid=65534 --clear-groups "$SMC_PNET" $args
		assert_one_line_error "^smc_pnet: $what: permission denied \\(needs root or CAP_NET_ADMIN\\)$"
	done <<-'CASES'
	-a NET2 -I lo|cannot add NET2
	-d NET1|cannot delete NET1
	-f|cannot flush the PNET table
	CASES
}

@test "smc_pnet is valgrind- and ASan-clean on the live table" {
	require_reference_kernel
	"$SMC_PNET" -a NET1 -I lo
	"$SMC_PNET" -a NET2 -D "$(smc_loopback_device)"
	for args in "" "-j" "-s NET1" "-a NET1 -I lo" "-d NOPE"; do
		# shellcheck disable=SC2086
		run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 "$SMC_PNET" $args
		[ "$status" -le 1 ] || fail "valgrind smc_pnet $args: $status $output"
		if [ -x "$TOP/build/asan/smc_pnet" ]; then
			# shellcheck disable=SC2086
			ASAN_OPTIONS=exitcode=99 run "$TOP/build/asan/smc_pnet" $args
			[ "$status" -le 1 ] || fail "asan smc_pnet $args: $status $output"
		fi
	done
}

@test "bash completion offers the defined PNET IDs after -d" {
	"$SMC_PNET" -a ONE -I lo
	"$SMC_PNET" -a TWO -D "$(smc_loopback_device)"
	PATH="$TOP/smc_pnet:$PATH"
	source "$TOP/completion/smc-utils.bash"
	COMP_WORDS=(smc_pnet -d "")
	COMP_CWORD=2
	_smc_pnet
	assert_equal "${COMPREPLY[*]}" "ONE TWO"
}

# loopback-ism is "lo" since the DIBS layer (7.x): the kernel takes an entry for the
# name it does not use, which then applies to nothing, so smc_pnet says so
@test "-D with the other kernel's name of the SMC-D loopback: added, with one warning" {
	if [ "$(smc_loopback_device)" = lo ]; then
		other=loopback-ism
		want='smc_pnet: warning: this kernel runs SMC-D over DIBS, where loopback-ism is the device lo: the entry names no device (use --ibdevice lo)'
	else
		other=lo
		want='smc_pnet: warning: this kernel has no DIBS layer, where lo would be SMC-D'"'"'s loopback: the entry names no device (SMC-D'"'"'s loopback here, if the kernel has one, is loopback-ism)'
	fi
	run_split "$SMC_PNET" -a OTHER -D "$other"
	assert_success
	assert_output ''
	assert_equal "$stderr" "$want"
	run "$SMC_PNET" OTHER
	assert_output "OTHER n/a $other 1"
	# the kernel's own name: no word
	run_split "$SMC_PNET" -a OWN -D "$(smc_loopback_device)"
	assert_success
	assert_equal "$output$stderr" ""
}

# the device names -D takes: RDMA devices, and the SMC-D loopback under the kernel's name
# for it (loopback-ism; 7.x: the DIBS device lo)
@test "bash completion offers the kernel's name of the SMC-D loopback device after -D" {
	PATH="$TOP/smc_pnet:$PATH"
	source "$TOP/completion/smc-utils.bash"
	COMP_WORDS=(smc_pnet -a X -D "")
	COMP_CWORD=4
	_smc_pnet
	[[ " ${COMPREPLY[*]} " == *" $(smc_loopback_device) "* ]] ||
		fail "-D offers '${COMPREPLY[*]}', not $(smc_loopback_device)"
	if [ "$(smc_loopback_device)" = lo ]; then
		[[ " ${COMPREPLY[*]} " != *" loopback-ism "* ]] || fail "-D offers loopback-ism on a DIBS kernel"
	fi
}
