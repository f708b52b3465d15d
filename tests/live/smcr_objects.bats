#!/usr/bin/env bats
# smcr linkgroup and device on real SMC-R link groups between namespaces a and b
# (topology: tests/helpers/smcr.bash). Link groups hang 6.1 (smcr_rxe in
# tests/helpers/live.bash): there these tests are skipped.
load ../helpers/smcr

setup_file() {
	# (not worth building where every test skips, as on 6.1)
	if have_feature smcr_rxe || have_feature rxe_netdev; then
		smcr_up
	fi
}

teardown_file() {
	if [ "${SMC_BENCH:-0}" = 1 ] && [ -e /run/netns/a ]; then
		smcr_down
	fi
}

setup() {
	require_bench
}

teardown() {
	smcr_teardown
}

@test "linkgroup: one SMC-R link group per side, with role, type, connections" {
	require_feature smcr_rxe
	smcr_pair 5400
	run_split "$SMCR" linkgroup
	assert_success
	assert_equal "$stderr" ""
	# smc-tools' header and columns, byte for byte: scripts parse them
	assert_line --index 0 'LG-ID    LG-Role  LG-Type  VLAN  #Conns  PNET-ID '
	assert_line --regexp '^[0-9a-f]{8} CLNT     SINGLE      0       1  PNETA {12}$'
	assert_line --regexp '^[0-9a-f]{8} SERV     SINGLE      0       1  PNETB {12}$'
	run "$SMCR" -j linkgroup ibdev rxa
	jq -e 'length == 1 and .[0].role == "CLNT" and .[0].type == "SINGLE" and .[0].conns == 1
		and .[0].smc_version == 2 and .[0].direct == true and .[0].peer_os == "LINUX"
		and .[0].negotiated_eid == "SMC-BENCH" and (.[0].net_cookie | test("^0x"))
		and .[0].max_conns == 255 and .[0].max_links == 2 and .[0].buf_type == "physical"
		and .[0].sndbuf_alloc_bytes > 0 and .[0].rmb_alloc_bytes > 0' <<<"$output"
}

@test "-n: an SMC-R link group belongs to its RDMA device's namespace, not its sockets'" {
	require_feature smcr_rxe
	smcr_pair 5406
	# rxa and rxb live in the initial namespace (shared RDMA netns mode), so do the
	# link groups: none in a or b, both in PID 1's namespace
	# (the kernel listed the link groups of every namespace: smc-tools' header comes)
	run_split "$SMCR" -n a linkgroup
	assert_success
	assert_output 'LG-ID    LG-Role  LG-Type  VLAN  #Conns  PNET-ID '
	run "$SMCR" -n b -j linkgroup
	assert_output '[]'
	run "$SMCR" -n 1 -j linkgroup
	jq -e '[.[] | select(.conns > 0)] | length == 2 and (map(.net_cookie) | unique | length == 1)' <<<"$output"
}

@test "linkgroup -d: blocks with the SMCv2 details and what smc-tools dropped" {
	require_feature smcr_rxe
	smcr_pair 5401
	run "$SMCR" -d linkgroup ibdev rxa
	assert_line --regexp '^LG-ID    : [0-9a-f]{8}$'
	assert_line 'LG-Role  : CLNT'
	assert_line 'LG-Type  : SINGLE'
	assert_line 'PNET-ID  : PNETA'
	assert_line 'Version  : 2'
	assert_line 'Peer-Host: smcbench'
	assert_line 'Direct   : Yes'
	assert_line 'EID      : SMC-BENCH                       '
	assert_line --regexp '^Max-Conns: [0-9]+$'
	assert_line --regexp '^Max-Links: [0-9]+$'
	assert_line 'Buf-Type : physical'
	assert_line --regexp '^Netns    : 0x[0-9a-f]+$'
}

@test "link-show: links with netdev, state, UIDs, IB device and GIDs (-dd)" {
	require_feature smcr_rxe
	smcr_pair 5402
	run_split "$SMCR" linkgroup link-show ibdev rxa
	assert_success
	assert_line --index 0 'LG-ID    LG-Role  LG-Type  Net-Dev         Link-State      #Conns  '
	# the link's netdev is the RoCE macvlan in the initial namespace
	assert_line --index 1 --regexp '^[0-9a-f]{8} CLNT     SINGLE   ra {14}LINK_ACTIVE {10}1  $'
	run "$SMCR" -dd linkgroup link-show ibdev rxa
	assert_line --index 0 --regexp '#Conns  Link-UID  Peer-UID  IB-Dev    IB-P  Local-GID {33}Peer-GID  $'
	assert_line --index 1 --regexp ' LINK_ACTIVE {10}1  [0-9a-f]{8}  [0-9a-f]{8}  rxa {10}1  0000:0000:0000:0000:0000:ffff:c612:0001   0000:0000:0000:0000:0000:ffff:c612:0002  $'
	run "$SMCR" -j l link-show ibdev rxb
	jq -e 'length == 1 and .[0].role == "SERV" and .[0].ib_device == "rxb" and .[0].ib_port == 1
		and .[0].state == "LINK_ACTIVE" and .[0].gid == "0000:0000:0000:0000:0000:ffff:c612:0002"
		and .[0].peer_gid == "0000:0000:0000:0000:0000:ffff:c612:0001"' <<<"$output"
	# the link's UID names its group; the peer UID is the other side's
	a=$("$SMCR" -j l link-show ibdev rxa | jq -c '.[0]')
	b=$("$SMCR" -j l link-show ibdev rxb | jq -c '.[0]')
	jq -e --argjson b "$b" '.uid == $b.peer_uid and .peer_uid == $b.uid' <<<"$a"
	uid=$(jq -r '.uid' <<<"$a")
	run "$SMCR" linkgroup "$(printf %x "$uid")"
	assert_success
	assert_line --index 1 --regexp '^[0-9a-f]{8} CLNT '
}

@test "filters: ibdev and netdev select link groups for show and link-show" {
	require_feature smcr_rxe
	smcr_pair 5403
	run "$SMCR" linkgroup show ibdev rxa
	assert_line --index 1 --regexp ' CLNT '
	refute_line --regexp ' SERV '
	run "$SMCR" linkgroup link-show ibdev rxb
	assert_line --index 1 --regexp ' SERV '
	refute_line --regexp ' CLNT '
	# the kernel sent links, none matched: the header alone, as smc-tools
	run "$SMCR" linkgroup show ibdev nosuch
	assert_output 'LG-ID    LG-Role  LG-Type  VLAN  #Conns  PNET-ID '
	run "$SMCR" -j linkgroup all ibdev rxa
	jq -e 'length == 1 and .[0].role == "CLNT"' <<<"$output"
}

@test "device: links counted on the ports while connections run" {
	require_feature smcr_rxe
	smcr_pair 5404
	run "$SMCR" device ibdev rxa
	assert_line --index 1 --regexp '^ra {14}rxa {9}1    ACTIVE  rxe {12}(Yes| No) {7}[1-9]  \*PNETA {11}$'
	run "$SMCR" -j device ibdev rxb
	jq -e '.[0].links >= 1 and .[0].pnetid == "PNETB"' <<<"$output"
	# the kernel lists valid ports only and says so for each (Linux 5.11+)
	jq -e 'all(.[]; .port_valid == true)' <<<"$output"
}

# A link group outlives its last connection (the kernel frees it after about ten
# minutes of idleness), and ends at once with its RoCE device.
@test "link groups stay with 0 connections, then go with their RoCE devices" {
	require_feature smcr_rxe
	smcr_pair 5407
	run "$SMCR" -j linkgroup link-show
	jq -e 'length >= 2 and all(.[]; .state == "LINK_ACTIVE")' <<<"$output"
	_smcr_stop_ns_procs
	run "$SMCR" linkgroup
	assert_line --regexp '^[0-9a-f]{8} CLNT     SINGLE      0       0  PNETA {12}$'
	assert_line --regexp '^[0-9a-f]{8} SERV     SINGLE      0       0  PNETB {12}$'
	smcr_fresh_linkgroups
	# none left: as smc-tools, not even a header
	run_split "$SMCR" linkgroup
	assert_success
	assert_output ''
	run "$SMCR" -j linkgroup link-show
	assert_output '[]'
	run "$SMCR" -j device
	jq -e '[.[] | select(.ib_device == "rxa" or .ib_device == "rxb")] | length == 2
		and all(.[]; .links == 0)' <<<"$output"
}

@test "SMC-R views are valgrind-clean on live link groups" {
	require_feature smcr_rxe
	smcr_pair 5405
	for args in "linkgroup" "-d linkgroup" "-dd linkgroup link-show" "-j linkgroup link-show" "-d device" "-n a linkgroup" "linkgroup ibdev rxa"; do
		# shellcheck disable=SC2086
		run valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 "$SMCR" $args
		[ "$status" -eq 0 ] || fail "valgrind smcr $args: $status $output"
	done
}

# SMC reports a RoCE port's netdev by its index in the netdev's namespace. smc-tools looks
# the index up wherever it runs: inside namespace a, rb's index names a's va (or nothing).
@test "inside another namespace (-n, ip netns exec) netdevs show by index, never as another interface" {
	# the netdev's index comes from the SMC device list, which 6.1 gives none for rxe
	require_feature rxe_netdev
	require_feature smcr_rxe
	smcr_pair 5408
	local rb_index
	rb_index=$(cat /sys/class/net/rb/ifindex)
	# rxb's netdev rb lives in the initial namespace: named there, by index elsewhere
	run "$SMCR" device ibdev rxb
	assert_line --index 1 --regexp '^rb {14}rxb {9}1    ACTIVE  '
	run "$SMCR" -n a device ibdev rxb
	assert_success
	assert_line --index 1 --regexp "^if#$rb_index +rxb {9}1    ACTIVE  "
	run in_a "$SMCR" device ibdev rxb
	assert_success
	assert_line --index 1 --regexp "^if#$rb_index +rxb {9}1    ACTIVE  "
	run in_a "$SMCR" linkgroup link-show ibdev rxb
	assert_success
	assert_line --index 1 --regexp "^[0-9a-f]{8} SERV     SINGLE   if#$rb_index +LINK_ACTIVE "
	run in_a "$SMCR" -j linkgroup link-show ibdev rxb
	# JSON: the index alone, no name
	jq -e --argjson i "$rb_index" 'length == 1 and (.[0] | has("netdev") | not) and .[0].netdev_ifindex == $i' <<<"$output"
	run in_a "$SMCR" -j device ibdev rxb
	jq -e --argjson i "$rb_index" '(.[0] | has("netdev") | not) and .[0].netdev_ifindex == $i' <<<"$output"
	# no interface of a is rb: the filter finds none (the kernel replied: the header comes)
	run in_a "$SMCR" linkgroup link-show netdev rb
	assert_success
	assert_output 'LG-ID    LG-Role  LG-Type  Net-Dev         Link-State      #Conns  '
}

@test "SMC-R JSON follows the schemas: link groups, links, devices with libibverbs, -R sockets" {
	require_feature smcr_rxe
	smcr_pair 5409
	local f=$BATS_TEST_TMPDIR/json
	for args in "-j linkgroup" "-j linkgroup link-show" "-d -j device" "-n a -j device" "-j info"; do
		# shellcheck disable=SC2086
		json_schema_check "$f" "$SMCR" $args
	done
	json_schema_check "$f" "$SMCSS" -n a -R -j
	json_schema_check "$f" "$SMCSS" -n b -a -d -j
	json_schema_assert "$f"
}
