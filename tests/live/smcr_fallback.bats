#!/usr/bin/env bats
# SMC-R fallbacks between namespace a (client, 198.18.0.1) and b (server, 198.18.0.2):
# each test takes one piece away with a knob of tests/helpers/smcr.bash, connects, and
# asserts the exact reason codes of both ends from our smcss (text, -d names, JSON).
# Every knob is undone in teardown (smcr_teardown), so the tests stand alone.
#
# Reading the codes: an end that gave up itself shows "TCP <its code>"; an end whose
# peer declined shows "TCP 0x05000000/<peer's code>" (PEERDECL plus the peer's
# diagnosis). Codes as seen on Debian's 6.12.117 kernel in the bench, and the same on
# 6.1.0-56, where only the fallbacks before any link group are tried: SMC-R over
# rdma_rxe hangs that kernel once a link group is set up (smcr_rxe in
# tests/helpers/live.bash).
load ../helpers/smcr

setup_file() {
	smcr_require
	smcr_up
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

# assert_fallback PORT CLIENT SERVER
# Both ends of the connection to PORT: the client's in namespace a, the server's in b
# (smcss -n). Each end is "CODES NAMES": "0x03030000 NOSMCDEV" for an end that gave up
# itself, "0x05000000/0x03030000 PEERDECL/NOSMCDEV" for one whose peer declined; or "-"
# for an end that is no AF_SMC socket at all (plain TCP), which smcss must not list.
# Checked in text ("TCP CODES", the row ends there), with -d ("TCP CODES (NAMES)") and
# in JSON (codes as numbers, names, texts; peer_diagnosis only with a peer code); and
# --explain: a block for each code of the end, counted as its own reason or the peer's,
# with causes and remedies.
# (All JSON goes through one jq: each jq start costs most of a second in the bench.)
assert_fallback() {
	local port=$1 ns side spec json=() specs=() ends codes names
	local lcode pcode lname pname
	for side in client server; do
		if [ "$side" = client ]; then
			ns=a spec=$2 ends="198\\.18\\.0\\.1:[0-9]+ +198\\.18\\.0\\.2:$port"
		else
			ns=b spec=$3 ends="198\\.18\\.0\\.2:$port +198\\.18\\.0\\.1:[0-9]+"
		fi
		run_split "$SMCSS" -n "$ns" -a -e -j
		assert_success
		json+=("$output")
		if [ "$spec" = - ]; then
			specs+=('{"none": true}')
			continue
		fi
		codes=${spec% *} names=${spec#* }
		lcode=${codes%%/*} pcode=${codes#*/} lname=${names%%/*} pname=${names#*/}
		[ "$pcode" != "$codes" ] || pcode=0 pname=
		specs+=("{\"l\": $((lcode)), \"ln\": \"$lname\", \"p\": $((pcode)), \"pn\": \"$pname\"}")
		run "$SMCSS" -n "$ns"
		assert_success
		assert_line --regexp "^ACTIVE +00000 [0-9]{7,} $ends +0000 TCP $codes\$"
		# -d rows end with the codes too, as in smc-tools (the names: -e, JSON)
		run "$SMCSS" -n "$ns" -d
		assert_line --regexp "^ACTIVE +00000 [0-9]{7,} $ends +0000 TCP $codes\$"
		run "$SMCSS" -n "$ns" -e
		assert_line "Fallback reasons (1 socket fell back):"
		assert_line --regexp "^$lcode $lname: .+"
		[ "$pcode" = 0 ] || assert_line --regexp "^$pcode $pname: .+"
	done
	jq -n -e --argjson port "$port" --argjson c "${json[0]}" --argjson s "${json[1]}" \
		--argjson cx "${specs[0]}" --argjson sx "${specs[1]}" '
		def active($rows): [$rows[] | select(.local_port == $port or .peer_port == $port)
			| select(.state != "LISTEN")];
		def ok($rows; $x): active($rows) as $r
			| if $x.none then $r == []
			else $r | length == 1 and (.[0] | .state == "ACTIVE" and .mode == "TCP"
				and .fallback_reason == $x.l and .fallback_reason_name == $x.ln
				and (.fallback_reason_text | length > 0)
				and (.fallback_reason_causes | length > 0)
				and (.fallback_reason_remedies | length > 0)
				and if $x.p == 0 then has("peer_diagnosis") | not
				else .peer_diagnosis == $x.p and .peer_diagnosis_name == $x.pn
					and (.peer_diagnosis_causes | length > 0) end)
			end;
		ok($c; $cx) and ok($s; $sx)'
}

# --- no RoCE device ---

# The client finds no device for any SMC variant, so instead of a proposal it sends a
# decline: the client itself shows NOSMCDEV (0x03030000), not the SMC-R specific
# 0x03030002, and the server shows that code as its peer's.
@test "client without RoCE device: client 0x03030000, server 0x05000000/0x03030000" {
	smcr_drop_rxe a
	smcr_pair 6200
	assert_fallback 6200 "0x03030000 NOSMCDEV" "0x05000000/0x03030000 PEERDECL/NOSMCDEV"
}

# The server gets a proposal offering SMC-Rv2 only, finds no RoCE device of its own and
# declines with the SMC-R specific code.
@test "server without RoCE device: server 0x03030002, client 0x05000000/0x03030002" {
	smcr_drop_rxe b
	smcr_pair 6201
	assert_fallback 6201 "0x05000000/0x03030002 PEERDECL/NOSMCRDEV" "0x03030002 NOSMCRDEV"
}

@test "client's RoCE device without PNET ID: client 0x03030000, server 0x05000000/0x03030000" {
	smcr_drop_ib_pnet a
	smcr_pair 6202
	assert_fallback 6202 "0x03030000 NOSMCDEV" "0x05000000/0x03030000 PEERDECL/NOSMCDEV"
}

@test "server's RoCE device without PNET ID: server 0x03030002, client 0x05000000/0x03030002" {
	smcr_drop_ib_pnet b
	smcr_pair 6203
	assert_fallback 6203 "0x05000000/0x03030002 PEERDECL/NOSMCRDEV" "0x03030002 NOSMCRDEV"
}

# Without a PNET ID on the handshake netdev, SMC only considers a RoCE device whose own
# netdev is va or vb; there is none (rxa sits on the macvlan ra).
@test "no PNET entry for the client's netdev va: client 0x03030000, server 0x05000000/0x03030000" {
	smcr_drop_eth_pnet a
	smcr_pair 6204
	assert_fallback 6204 "0x03030000 NOSMCDEV" "0x05000000/0x03030000 PEERDECL/NOSMCDEV"
}

@test "no PNET entry for the server's netdev vb: server 0x03030002, client 0x05000000/0x03030002" {
	smcr_drop_eth_pnet b
	smcr_pair 6205
	assert_fallback 6205 "0x05000000/0x03030002 PEERDECL/NOSMCRDEV" "0x03030002 NOSMCRDEV"
}

# Over SMC-D (tests/live/fallback.bats) a missing UEID is the server's NOUEID
# (0x03030008). Here the client already drops SMC-Rv2 (it needs a UEID to offer it),
# has nothing else to offer, and declines with NOSMCDEV.
@test "no UEID: client 0x03030000, server 0x05000000/0x03030000" {
	smcr_drop_ueid
	run "$SMCD" ueid show
	assert_output ""
	smcr_pair 6206
	assert_fallback 6206 "0x03030000 NOSMCDEV" "0x05000000/0x03030000 PEERDECL/NOSMCDEV"
}

# --- peers without SMC ---

@test "SMC client to a plain TCP server: client 0x03010000, nothing on the server end" {
	smcr_pair 6207 --tcp
	# the TCP server's sockets are no AF_SMC sockets: "-"
	assert_fallback 6207 "0x03010000 PEERNOSMC" "-"
}

@test "plain TCP client to an SMC server: server 0x03010000, nothing on the client end" {
	smcr_pair 6208 -- --tcp
	assert_fallback 6208 "-" "0x03010000 PEERNOSMC"
}

# --- IPsec ---

# smc_conn --ipsec sets a per-socket xfrm policy (IP_XFRM_POLICY) on the AF_SMC socket;
# SMC hands SOL_IP options to its internal TCP socket, and using_ipsec() (net/smc/smc.h)
# finds the policy there: the client declines before proposing.
@test "IPsec policy on the client socket: client 0x03020000, server 0x05000000/0x03020000" {
	smcr_pair 6209 -- --ipsec
	assert_fallback 6209 "0x03020000 IPSEC" "0x05000000/0x03020000 PEERDECL/IPSEC"
}

# The accepted internal TCP socket inherits the listener's policy; the server checks
# it after reading the proposal and declines.
@test "IPsec policy on the listening socket: server 0x03020000, client 0x05000000/0x03020000" {
	smcr_pair 6210 --ipsec
	assert_fallback 6210 "0x05000000/0x03020000 PEERDECL/IPSEC" "0x03020000 IPSEC"
}

# --- SMC-Rv2 routes (net/smc/af_smc.c smc_connect_rdma_v2_prepare) ---
# On a first contact the server's CLC accept says whether it reaches the client's RoCE
# address directly (smc_ib_find_route in the server's RoCE netdev's namespace). If it
# says "indirect", the client looks the route up itself (in its own namespace):
# failing lookup -> NOROUTE, a direct route -> NOINDIRECT. A link group reused from an
# earlier connection skips all this, so both knobs start with fresh link groups.

@test "server reaches the client only via a gateway, client directly: client 0x030f0000, server 0x05000000/0x030f0000" {
	require_feature smcr_rxe # the server sets up a link group
	smcr_server_indirect
	smcr_pair 6211
	assert_fallback 6211 "0x030f0000 NOINDIRECT" "0x05000000/0x030f0000 PEERDECL/NOINDIRECT"
}

@test "server says indirect and the client has no route for SMC: client 0x030e0000, server 0x05000000/0x030e0000" {
	require_feature smcr_rxe # the server sets up a link group
	smcr_server_indirect
	smcr_client_noroute
	smcr_pair 6212
	assert_fallback 6212 "0x030e0000 NOROUTE" "0x05000000/0x030e0000 PEERDECL/NOROUTE"
}

@test "the client's route check is skipped while the server says direct: SMCR despite no route" {
	require_feature smcr_rxe # the server sets up a link group
	smcr_fresh_linkgroups
	smcr_client_noroute
	smcr_pair 6213
	run "$SMCSS" -n a
	assert_line --regexp ':6213 +0000 SMCR $'
}

# --- RoCE that never arrives ---

# assert_confirm_timeout PORT: the link confirmation over RoCE timed out. The server
# gives up after 2 s (TIMEOUT_CL). The client waits 4 s for the same message, then up
# to 1 s for the server's CLC decline. On the bench (qemu TCG) that decline sometimes
# arrives too late: the client then falls back with its own TIMEOUT_CL, and the
# server's decline (44 bytes starting "SMCR" in EBCDIC, e2 d4 c3 d9) lands in the
# client's TCP stream as data. Hence --no-data, and either client outcome is accepted.
assert_confirm_timeout() {
	local port=$1 client
	run "$SMCSS" -n a
	if grep -qE ":$port +0000 TCP 0x02010000\$" <<<"$output"; then
		echo "# the client timed out on its own (the decline race above)" >&3
		client="0x02010000 TIMEOUT_CL"
	else
		client="0x05000000/0x02010000 PEERDECL/TIMEOUT_CL"
	fi
	assert_fallback "$port" "$client" "0x02010000 TIMEOUT_CL"
}

# rxe devices on va/vb inside the namespaces, nothing else with their addresses: where
# rdma_rxe has one UDP socket for all namespaces (6.12), rxva sends nothing and the link
# confirmation times out; where it has one per namespace (7.x), SMC-R works.
@test "RoCE devices inside the namespaces: SMC-R where rdma_rxe serves namespaces (7.x), else server 0x02010000" {
	require_feature smcr_rxe # the server sets up a link group
	smcr_rxe_in_namespaces
	smcr_pair 6214 -- --no-data
	if have_feature rxe_netns; then
		run "$SMCSS" -n a
		assert_line --regexp ':6214 +0000 SMCR $'
		run "$SMCSS" -n b
		assert_line --regexp ':6214 +198\.18\.0\.1:[0-9]+ +0000 SMCR $'
	else
		echo "# $FEATURE_WHY" >&3
		assert_confirm_timeout 6214
		# nothing left rxva: its route lookups are the initial namespace's
		rdma statistic show link rxva/1 | grep -q ' sent_pkts 0 '
	fi
}

# The same with the macvlans' addresses kept: ra's address is a second GID of rxva, in
# the initial namespace, and SMC-Rv2 picks it. The peer's RoCE packets then go to the
# initial namespace, where no rxe socket is left: the link confirmation times out on
# every kernel, and on 7.x (where rxvb does send) the initial namespace counts them as
# UDP datagrams for no socket.
@test "RoCE devices inside the namespaces, their addresses also on netdevs of the initial namespace: 0x02010000" {
	require_feature smcr_rxe # the server sets up a link group
	smcr_rxe_in_namespaces --keep-macvlan-gids
	local noports
	noports=$(udp_noports)
	smcr_pair 6216 -- --no-data
	assert_confirm_timeout 6216
	if have_feature rxe_netns; then
		[ "$(udp_noports)" -gt "$noports" ] ||
			fail "no RoCE packet reached the initial namespace (UdpNoPorts $noports -> $(udp_noports))"
	fi
}
