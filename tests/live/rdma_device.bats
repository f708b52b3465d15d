#!/usr/bin/env bats
# smcr device and info with a soft-RoCE device: what the kernel reports, and with -d
# what libibverbs knows (GUID, port, MTU, RoCE v2 GIDs).
load ../helpers/live

setup() {
	require_bench
	rxe_on_veth 198.18.5.1
}

teardown() {
	rxe_on_veth_down
}

# The port's netdev is what the kernel sends: vt0 on 6.12, nothing ("-") on 6.1, whose
# SMC device list knows no netdev of an rxe port (see rxe_netdev in tests/helpers/live.bash).
@test "smcr device: one row per port, PNET ID from the table marked with *" {
	local nd=- jnd='has("netdev") | not'
	if have_feature rxe_netdev; then
		nd=vt0 jnd='.netdev == "vt0"'
	fi
	run_split "$SMCR" device
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 'Net-Dev         IB-Dev   IB-P  IB-State  Type          Crit  #Links  PNET-ID  '
	# soft-RoCE has no PCI parent: its type is the verbs driver the RDMA core names
	assert_line --regexp "^$nd +rxt {9}1    ACTIVE  rxe {12} No {7}0  \\*NETT {12}\$"
	run "$SMCR" -j device ibdev rxt
	jq -e '.[0] | '"$jnd" <<<"$output"
	jq -e 'length == 1 and .[0].ib_port == 1 and .[0].state == "ACTIVE"
		and .[0].critical == false and .[0].links == 0 and .[0].pnetid == "NETT"
		and .[0].pnetid_by_user == true and .[0].type == "rxe" and .[0].driver == "rxe"
		and (.[0] | has("pci_id") | not)' <<<"$output"
	run "$SMCR" device ibdev nosuchdev
	refute_line --regexp 'rxt'
}

@test "smcr device netdev: the filter finds the port by the netdev the kernel names" {
	require_feature rxe_netdev
	run "$SMCR" device netdev vt0
	assert_line --regexp '^vt0 +rxt '
	run "$SMCR" -j device netdev vt1
	assert_output '[]'
}

@test "smcr -d device: libibverbs GUID, port state, link layer, MTU and RoCE v2 GIDs" {
	run_split "$SMCR" -d device ibdev rxt
	assert_success
	assert_equal "$stderr" ""
	# sysfs writes the GUID the same way (four groups of four hex digits)
	guid=$(cat /sys/class/infiniband/rxt/node_guid)
	assert_line "rxt: node GUID $guid"
	assert_line '  port 1: ACTIVE, link layer Ethernet, active MTU 1024'
	# the IPv4-mapped RoCE v2 GID of 198.18.5.1 = c612:0501
	assert_line --regexp '^    GID [0-9]+ +0000:0000:0000:0000:0000:ffff:c612:0501  RoCE v2  vt0$'
	run "$SMCR" -d -j device
	jq -e --arg g "$guid" '.[] | select(.ib_device == "rxt") | .verbs.node_guid == $g
		and .verbs.link_layer == "Ethernet" and .verbs.active_mtu == 1024
		and any(.verbs.gids[]; .gid == "0000:0000:0000:0000:0000:ffff:c612:0501"
			and .type == "RoCE v2" and .netdev == "vt0")' <<<"$output"
}

@test "smcr info counts RDMA devices of any vendor" {
	run "$SMCR" info
	assert_line 'RoCE:             v1 v2'
	run "$SMCR" -j info
	jq -e '.rdma_devices >= 1' <<<"$output"
}

@test "device views are valgrind- and ASan-clean" {
	require_reference_kernel
	for args in "device" "-d device" "-j -d device" "info"; do
		# shellcheck disable=SC2086
		run valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 "$SMCR" $args
		[ "$status" -eq 0 ] || fail "valgrind smcr $args: $status $output"
		# shellcheck disable=SC2086
		ASAN_OPTIONS=exitcode=99:detect_leaks=0 run "$TOP/build/asan/smcr" $args
		[ "$status" -eq 0 ] || fail "asan smcr $args: $status $output"
	done
}
