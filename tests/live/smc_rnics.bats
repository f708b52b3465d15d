#!/usr/bin/env bats
# smc_rnics on a live kernel: soft-RoCE and SMC-D's loopback, which have no PCI function,
# are listed as virtual, with what sysfs and SMC say of them. (The PCI columns, s390's
# included, are tested on sysfs fixtures: tests/host/smc_rnics.bats.)
load ../helpers/live

RNICS="$TOP/smc_rnics/smc_rnics"

setup() {
	require_bench
	rxe_on_veth 198.18.6.1
}

teardown() {
	"$TOP/smc_pnet/smc_pnet" -d NETL 2>/dev/null || true
	rxe_on_veth_down
}

@test "soft-RoCE: virtual, its interface, port state and the PNET ID from the table" {
	local state
	state=$(sed 's/^[0-9]*: //' /sys/class/infiniband/rxt/ports/1/state)
	[ "$state" = ACTIVE ]
	run_split "$RNICS"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp '^FID +Power +PCI_ID +PCHID +Type +PFT +VF +PPrt +PNET_ID +Net-Dev +State$'
	assert_line --regexp '^- +- +virtual +- +rxe +- +- +- +\*NETT +vt0 +ACTIVE$'
	run_split "$RNICS" -I
	assert_line --regexp '^- +- +virtual +- +rxe +- +- +1 +\*NETT +rxt +ACTIVE$'
	run_split "$RNICS" -j
	assert_success
	jq -e '[.[] | select(.ib_device == "rxt")] == [{"kind":"rdma","virtual":true,
		"ib_device":"rxt","ib_port":1,"state":"ACTIVE","link_layer":"Ethernet",
		"netdevs":["vt0"],"pnetid":"NETT","pnetid_by_user":true,"type":"rxe",
		"verbs_driver":"rxe"}]' <<<"$output"
	# the PNET ID goes when its entry does
	"$TOP/smc_pnet/smc_pnet" -d NETT
	run "$RNICS" -I
	assert_line --regexp '^- +- +virtual +- +rxe +- +- +1 +- +rxt +ACTIVE$'
}

@test "SMC-D's loopback is listed as a virtual ISM device where the kernel has it" {
	local lo
	lo=$(smc_loopback_device)
	run_split "$RNICS" -j
	assert_success
	if ! have_feature loopback_ism; then
		# 6.1: no loopback-ism, and no ISM either
		jq -e 'all(.[]; .kind != "ism")' <<<"$output"
		return
	fi
	jq -e --arg lo "$lo" '[.[] | select(.kind == "ism")] == [{"kind":"ism","virtual":true,
		"ib_device":$lo,"type":"ISM"}]' <<<"$output"
	"$TOP/smc_pnet/smc_pnet" -a NETL -D "$lo"
	run_split "$RNICS" -I
	assert_success
	assert_equal "$stderr" ""
	assert_line --regexp "^- +- +virtual +- +ISM +- +- +- +\\*NETL +$lo\$"
}

@test "-a adds the network PCI functions without an RDMA device, as sysfs has them" {
	local want=0 dev class
	for dev in /sys/bus/pci/devices/*; do
		class=$(cat "$dev/class")
		[[ $class == 0x02* ]] && [ ! -d "$dev/infiniband" ] && want=$((want + 1))
	done
	run_split "$RNICS" -a -j
	assert_success
	[ "$(jq '[.[] | select(.kind == "other")] | length' <<<"$output")" -eq "$want" ]
	run_split "$RNICS" -j
	jq -e 'all(.[]; .kind != "other")' <<<"$output"
}

@test "errors: power control is s390's, a FID matches nothing here, usage" {
	run_split -1 "$RNICS" -e 11
	assert_one_line_error '^smc_rnics: cannot enable FID 11: there is no PCI slot 00000011 with power control here'
	run_split -1 "$RNICS" 0x11
	assert_one_line_error '^smc_rnics: no RDMA or ISM device has FID 0x11$'
	run_split -2 "$RNICS" -I rxt
	assert_one_line_error '^smc_rnics: invalid FID or PCI address "rxt"'
}

@test "JSON follows the schema; ASan and valgrind find nothing" {
	local out="$BATS_TEST_TMPDIR/json"
	for args in "-j" "-p -a" "-j -I -r"; do
		# shellcheck disable=SC2086
		json_schema_check "$out" "$RNICS" $args
	done
	json_schema_assert "$out"
	for args in "" "-a -j" "-I -r"; do
		# shellcheck disable=SC2086
		ASAN_OPTIONS=exitcode=99:detect_leaks=1 run "$TOP/build/asan/smc_rnics" $args
		[ "$status" -eq 0 ] || fail "asan smc_rnics $args: $status $output"
	done
	run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 "$RNICS" -a -j
	assert_success
}
