#!/usr/bin/env bats
# Live SMC-R: namespace a (198.18.0.1) connects to namespace b (198.18.0.2) over
# soft-RoCE (rdma_rxe), and smcss shows both ends. The topology and why it looks the way
# it does: tests/helpers/smcr.bash.
#
# smcss lists the sockets of its own network namespace only (sock_diag is per
# namespace), so the client end is read in namespace a, the server end in b: with
# `in_a smcss` (ip netns exec) in the first test, then with the cheaper `smcss -n a`,
# which the first test shows to be the same.
#
# Where SMC-R over rdma_rxe hangs the kernel (6.1, see smcr_rxe in tests/helpers/live.bash)
# only the connections that fall back before any link group exists are made.
load ../helpers/smcr

setup_file() {
	smcr_require
	local t=$EPOCHREALTIME
	smcr_up
	echo "# smcr_up took $(smcr_elapsed "$t") s" >&3
}

teardown_file() {
	if [ "${SMC_BENCH:-0}" = 1 ]; then
		smcr_down
	fi
}

setup() {
	require_bench
}

teardown() {
	smcr_teardown
}

# the RoCE v2 GID rdma_rxe made from a netdev's IPv4 address, as the kernel prints GIDs
# (sysfs and smc_diag alike): 8 groups of 4 hex digits, ::ffff:198.18.0.x
GID_A=0000:0000:0000:0000:0000:ffff:c612:0001
GID_B=0000:0000:0000:0000:0000:ffff:c612:0002

@test "SMC-R a -> b: SMCR rows on both ends, in text, each in its own namespace" {
	require_feature smcr_rxe
	smcr_pair 6100 -- -n 2
	run_split in_a "$SMCSS"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp '^State +UID +Inode +Local Address +Peer Address +Intf Mode $'
	smcr_count_is 2 '^ACTIVE +00000 [0-9]{7,} 198\.18\.0\.1:[0-9]+ +198\.18\.0\.2:6100 +0000 SMCR $' 6100
	refute_line --regexp ':6100 .* TCP'
	run_split in_b "$SMCSS"
	assert_success
	smcr_count_is 2 '^ACTIVE +00000 [0-9]{7,} 198\.18\.0\.2:6100 +198\.18\.0\.1:[0-9]+ +0000 SMCR $' 6100
	refute_line --regexp '^LISTEN'
	run in_b "$SMCSS" -l
	assert_line --regexp '^LISTEN +00000 [0-9]{7,} 198\.18\.0\.2:6100 +$'
	# the initial namespace sees neither end, and a does not see b's listener
	run "$SMCSS" -a
	refute_output --partial ':6100'
	run in_a "$SMCSS" -a
	refute_line --regexp '^LISTEN'
	# smcss -n NS shows the same as smcss run inside NS
	in_a_rows=$(in_a "$SMCSS" -a -d)
	run "$SMCSS" -n a -a -d
	assert_output "$in_a_rows"
}

@test "SMC-R a -> b: JSON of both ends" {
	require_feature smcr_rxe
	smcr_pair 6101
	# a listener carries no connection, yet the kernel reports diag_mode 0 (SMC-R) for
	# it: smcss leaves that meaningless mode out of JSON
	smcr_jq 6101 '($a | length == 1) and ($a[0] | .state == "ACTIVE" and .mode == "SMCR"
		and .family == "inet" and .local_address == "198.18.0.1" and .peer_address == "198.18.0.2"
		and .peer_port == 6101 and .bound_ifindex == 0 and (has("fallback_reason") | not))
		and ([$b[] | select(.state == "ACTIVE")] | length == 1 and (.[0] | .mode == "SMCR"
			and .local_address == "198.18.0.2" and .local_port == 6101
			and .peer_address == "198.18.0.1" and .peer_port == $a[0].local_port
			and (has("fallback_reason") | not)))
		and ([$b[] | select(.state == "LISTEN")] | length == 1 and (.[0] | has("mode") | not))'
}

@test "SMC-R -R: role, RoCE device, port, link id and the two GIDs, swapped across the pair" {
	require_feature smcr_rxe
	smcr_pair 6102
	run_split "$SMCSS" -n a -R
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp '^State +UID +Inode +Local Address +Peer Address +Intf Mode Role IB-device +Port Linkid GID +Peer-GID$'
	assert_line --regexp "^ACTIVE +00000 [0-9]{7,} 198\\.18\\.0\\.1:[0-9]+ +198\\.18\\.0\\.2:6102 +0000 SMCR CLNT rxa +01 +01 +$GID_A +$GID_B\$"
	run "$SMCSS" -n b -R
	assert_line --regexp "^ACTIVE +00000 [0-9]{7,} 198\\.18\\.0\\.2:6102 +198\\.18\\.0\\.1:[0-9]+ +0000 SMCR SERV rxb +01 +01 +$GID_B +$GID_A\$"
	# -R lists connected SMC-R sockets only: no listener
	refute_line --regexp '^LISTEN'

	# each end's GID is the other end's peer GID; both have the same link id
	GA=$GID_A GB=$GID_B smcr_jq 6102 '$ENV.GA as $ga | $ENV.GB as $gb
		| [$b[] | select(.state == "ACTIVE")] as $b
		| ($a | length == 1) and ($b | length == 1)
		and ($a[0] | .role == "CLNT" and .ib_device == "rxa" and .ib_port == 1 and .link_id == 1
			and .gid == $ga and .peer_gid == $gb)
		and ($b[0] | .role == "SERV" and .ib_device == "rxb" and .ib_port == 1 and .link_id == 1
			and .gid == $gb and .peer_gid == $ga)
		and $a[0].gid == $b[0].peer_gid and $a[0].peer_gid == $b[0].gid' -R
	# both GIDs are in the RoCE devices' own GID tables (sysfs prints them alike)
	grep -qx "$GID_A" /sys/class/infiniband/rxa/ports/1/gids/*
	grep -qx "$GID_B" /sys/class/infiniband/rxb/ports/1/gids/*
}

@test "SMC-R -d: shutdown, token, 64 KiB buffers and cursors that moved with the greeting" {
	require_feature smcr_rxe
	smcr_pair 6103
	run_split "$SMCSS" -n a -d
	assert_success
	cursor='[0-9a-f]{4}:[0-9a-f]{8}'
	assert_line --regexp "198\\.18\\.0\\.2:6103 +0000 SMCR  <->  [0-9a-f]{8} 00010000 00010000 00010000( $cursor){2} [0-9a-f]{2}:[0-9a-f]{2} +( $cursor){2} [0-9a-f]{2}:[0-9a-f]{2} +( $cursor){3} \$"
	# the client sent its 17-byte greeting (tx cursors) and received the echo (rx)
	smcr_jq 6103 '($a[0] | .token > 0 and .sndbuf_bytes == 65536 and .rmbe_bytes == 65536
		and .peer_rmbe_bytes == 65536 and .tx_sent_count == 17 and .tx_fin_count == 17
		and .rx_prod_count == 17 and .shutdown == 0)
		and ($b[] | select(.state == "ACTIVE") | .rx_prod_count == 17 and .tx_sent_count == 17)' -d
}

@test "SMC-R: the first contact builds the link group, later connections reuse it" {
	require_feature smcr_rxe
	smcr_fresh_linkgroups
	smcr_pair 6104 -- -v -n 3
	mapfile -t us < <(sed -n 's/^smc_conn: connect took \([0-9]*\) us$/\1/p' "$BATS_TEST_TMPDIR/client.err")
	assert_equal "${#us[@]}" 3
	echo "# connect(): first contact $((us[0] / 1000)) ms, reuse $((us[1] / 1000)) ms and $((us[2] / 1000)) ms" >&3
	# a first contact also creates the QP and confirms the link over RoCE; a reuse
	# only runs the CLC handshake (typically 0.05-0.2 s against 4-20 ms in the bench)
	[ "${us[1]}" -lt "${us[0]}" ] || [ "${us[2]}" -lt "${us[0]}" ]
	# One link group per side, carrying all three connections. The kernel files SMC-R
	# link groups under the RoCE device's namespace (the initial one here), not under
	# the sockets' namespaces a and b: smcr linkgroup shows them from there.
	run_split "$SMCR" -j linkgroup
	assert_success
	LG=$output smcr_jq 6104 '($a | length == 3 and all(.mode == "SMCR" and .ib_device == "rxa"
		and .link_id == 1))
		and ($ENV.LG | fromjson | [.[] | select(.pnetid == "PNETA" or .pnetid == "PNETB")]
		| length == 2
		and (map(select(.role == "CLNT")) | length == 1 and .[0].pnetid == "PNETA"
			and .[0].conns == 3 and .[0].smc_version == 2 and .[0].direct)
		and (map(select(.role == "SERV")) | length == 1 and .[0].pnetid == "PNETB"
			and .[0].conns == 3))' -R
}

@test "SMC-R smcss lgr ID: each end's sockets by its link group, found from -n a and -n b" {
	require_feature smcr_rxe
	local clnt serv
	smcr_pair 6105 -- -n 2
	run_split "$SMCR" -j linkgroup
	assert_success
	clnt=$(jq -r '[.[] | select(.pnetid == "PNETA" and .role == "CLNT")][0].linkgroup_id' <<<"$output")
	serv=$(jq -r '[.[] | select(.pnetid == "PNETB" and .role == "SERV")][0].linkgroup_id' <<<"$output")
	[ "$clnt" != null ] && [ "$serv" != null ] && [ "$clnt" != "$serv" ]
	# the link groups live in the RoCE devices' namespace (the initial one), the sockets
	# in a and b: smcss asks its own namespace for the links too
	run_split "$SMCSS" -n a -j "lgr $(printf '%08x' "$clnt")" and dport 6105
	assert_success
	assert_equal "$stderr" ""
	jq -e 'length == 2 and all(.mode == "SMCR" and .peer_port == 6105)' <<<"$output"
	run_split "$SMCSS" -n b -j state all "lgr 0x$(printf '%x' "$serv")" and sport 6105
	jq -e 'length == 2 and all(.state == "ACTIVE" and .local_port == 6105)' <<<"$output"
	# the client's link group holds none of the server's sockets, and -R shows its rows
	run_split "$SMCSS" -n b -j "lgr $(printf '%x' "$clnt")"
	assert_output "[]"
	run_split "$SMCSS" -n a -R "lgr $(printf '%x' "$clnt")" and dport 6105
	assert_equal "$(grep -c ":6105 .* SMCR CLNT rxa " <<<"$output")" 2
	run_split "$SMCSS" -n a -s "mode smcr and dport 6105"
	assert_line "Sockets:   2"
}

@test "without loopback-ism's PNET ID, a -> b is SMC-D: loopback-ism serves every namespace" {
	# (and without loopback-ism at all, a -> b would be SMC-R: see smcr_rxe)
	require_feature loopback_ism
	smcr_drop_lo_pnet
	smcr_pair 6105
	run "$SMCSS" -n a
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} 198\.18\.0\.1:[0-9]+ +198\.18\.0\.2:6105 +0000 SMCD $'
	run "$SMCSS" -n b
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} 198\.18\.0\.2:6105 +198\.18\.0\.1:[0-9]+ +0000 SMCD $'
	run "$SMCSS" -n a -R
	refute_output --partial ':6105'
}

# An AF_INET6 socket to a v4-mapped address. Up to 6.12 SMC-Rv2 is IPv4 only (the
# client checks the internal TCP socket's family), SMC-Rv1 needs RoCE v1 GIDs rdma_rxe
# does not have, and loopback-ism is PNET-fenced off: the client finds no device and
# declines with NOSMCDEV before it proposes anything; the server falls back with the
# client's code as peer diagnosis. 7.x's SMC-Rv2 takes a v4-mapped source address as the
# IPv4 one it is (af_smc.c checks ipv6_addr_v4mapped): the connection is SMC-R. Either
# way the address is shown in brackets, shortened and whole; each bench kernel must show
# its own outcome.
@test "IPv6 v4-mapped (::ffff:198.18.0.2): falls back 0x03030000 up to 6.12, SMC-R on 7.x; shown in brackets, shortened and whole" {
	local mode=TCP
	[ "${BENCH_KERNEL:-}" != 7.3 ] || mode=SMCR
	if [ "$mode" = SMCR ]; then
		require_feature smcr_rxe
	fi
	start_bg server "$SMC_CONN" server --netns b :: 6106
	start_bg client "$SMC_CONN" client --netns a "::ffff:$SMCR_B" 6106
	# 23-character address field: "[::ffff:198.18.0.1]:NNNNN" does not fit and is cut
	# in the middle of the IPv4 part (smc-tools' ".." marker right after a dot)
	run "$SMCSS" -n a
	if [ "$mode" = SMCR ]; then
		assert_line --regexp '^ACTIVE +00000 [0-9]{7,} \[::ffff:198\.18\.\.\]:[0-9]{5} \[::ffff:198\.18\.\.\.\]:6106 0000 SMCR $'
		run "$SMCSS" -n a -W -R
		assert_line --regexp '^ACTIVE +00000 [0-9]{7,} \[::ffff:198\.18\.0\.1\]:[0-9]+ +\[::ffff:198\.18\.0\.2\]:6106 +0000 SMCR +CLNT '
		smcr_jq 6106 '($a | length == 1) and ($a[0] | .family == "inet6"
			and .local_address == "::ffff:198.18.0.1" and .peer_address == "::ffff:198.18.0.2"
			and .mode == "SMCR" and (has("fallback_reason") | not))
			and ($b[] | select(.state == "ACTIVE") | .family == "inet6" and .mode == "SMCR")'
		return
	fi
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} \[::ffff:198\.18\.\.\]:[0-9]{5} \[::ffff:198\.18\.\.\.\]:6106 0000 TCP 0x03030000$'
	run "$SMCSS" -n a -W -d
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} \[::ffff:198\.18\.0\.1\]:[0-9]+ +\[::ffff:198\.18\.0\.2\]:6106 +0000 TCP 0x03030000$'
	run "$SMCSS" -n b -a -W -d
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} \[::ffff:198\.18\.0\.2\]:6106 +\[::ffff:198\.18\.0\.1\]:[0-9]+ +0000 TCP 0x05000000/0x03030000$'
	# a listener on "::" has all-zero addresses, which sock_diag cannot tell from IPv4
	assert_line --regexp '^LISTEN +00000 [0-9]{7,} 0\.0\.0\.0:6106 +$'
	smcr_jq 6106 '($a | length == 1) and ($a[0] | .family == "inet6"
		and .local_address == "::ffff:198.18.0.1" and .peer_address == "::ffff:198.18.0.2"
		and .peer_port == 6106 and .mode == "TCP" and .fallback_reason == 50528256
		and .fallback_reason_name == "NOSMCDEV" and (has("peer_diagnosis") | not))
		and ($b[] | select(.state == "ACTIVE") | .family == "inet6"
			and .local_address == "::ffff:198.18.0.2" and .peer_address == "::ffff:198.18.0.1"
			and .fallback_reason == 83886080 and .peer_diagnosis == 50528256
			and .peer_diagnosis_name == "NOSMCDEV")
		and ($b[] | select(.state == "LISTEN") | .family == "inet" and .local_address == "0.0.0.0")'
}

# The scope (%va) is no part of the address sock_diag reports; the interface shows only
# as the Intf column (idiag_if, the internal TCP socket's bound device, in hex). The
# client's is 0: tcp_v6_connect() binds the TCP socket to the scope's interface, but
# the SMC fallback (smc_connect_fallback -> smc_copy_sock_settings_to_clc) copies the
# AF_SMC socket's unbound sk_bound_dev_if over it. The accepted end keeps its interface.
@test "IPv6 link-local with scope (fe80::2%va): falls back 0x03030000; Intf only on the server end" {
	start_bg server "$SMC_CONN" server --netns b "$SMCR_B6%vb" 6107
	# the client also binds its source address first (smc_conn --bind, scope included)
	start_bg client "$SMC_CONN" client --netns a --bind "$SMCR_A6%va" "$SMCR_B6%va" 6107
	vb_line=$(ip -n b -o link show vb)
	vb_if=${vb_line%%:*}
	run "$SMCSS" -n a
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} \[fe80::1\]:[0-9]+ +\[fe80::2\]:6107 +0000 TCP 0x03030000$'
	run "$SMCSS" -n b -a -d
	assert_line --regexp "^ACTIVE +00000 [0-9]{7,} \\[fe80::2\\]:6107 +\\[fe80::1\\]:[0-9]+ +$(printf %04x "$vb_if") TCP 0x05000000/0x03030000\$"
	# bound to fe80::2 (the listener's scope is not shown either)
	assert_line --regexp '^LISTEN +00000 [0-9]{7,} \[fe80::2\]:6107 +$'
	VB_IF=$vb_if smcr_jq 6107 '($a | length == 1) and ($a[0] | .family == "inet6"
		and .local_address == "fe80::1" and .peer_address == "fe80::2" and .bound_ifindex == 0
		and .fallback_reason == 50528256)
		and ($b[] | select(.state == "ACTIVE") | .family == "inet6" and .local_address == "fe80::2"
			and .peer_address == "fe80::1" and .bound_ifindex == ($ENV.VB_IF | tonumber)
			and .fallback_reason == 83886080 and .peer_diagnosis == 50528256)
		and ($b[] | select(.state == "LISTEN") | .family == "inet6" and .local_address == "fe80::2")'
}
