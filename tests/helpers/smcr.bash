# tests/helpers/smcr.bash - live SMC-R between two network namespaces over soft-RoCE
#
# Sourced by tests/live/smcr*.bats (`load ../helpers/smcr`), which run in the qemu bench.
#
#   smcr_up          build the bench topology below (idempotent; for setup_file)
#   smcr_down        take it all down again and give the bench back as it was
#   smcr_teardown    for a bats teardown: stop_bg, then undo every knob the test turned
#   smcr_restore     the heavy hammer: undo known knobs, then smcr_up again
#   in_a CMD...      run CMD in namespace a (the SMC-R client side, 198.18.0.1)
#   in_b CMD...      run CMD in namespace b (the SMC-R server side, 198.18.0.2)
#   smcr_pair PORT [SERVER-OPTS] -- [CLIENT-OPTS]
#                    smc_conn server in b on 198.18.0.2:PORT, one client in a (start_bg);
#                    a first contact the kernel lets time out is made again
#   rows_in NS PORT [SMCSS-OPTS]   like rows_for, but for namespace NS (smcss -n NS)
#   smcr_jq PORT FILTER [SMCSS-OPTS]
#                    jq -e FILTER over both ends at once: $a and $b are the smcss -a -j
#                    rows of namespaces a and b that use PORT; on failure also
#                    smcr_diagnose PORT (TCP sockets, SMC sockets again, the raw
#                    smc_diag replies, fallback counters, links, dmesg)
#   smcr_count_is N REGEX PORT   N lines of $output match, else output and diagnosis
#   smcr_have_linkgroups  true while any SMC-R link group (an RC QP of smc) exists
#
# Knobs that provoke a fallback; each records its own undo, run by smcr_teardown:
#   smcr_drop_rxe a|b          delete that side's rxe device (no RoCE device at all)
#   smcr_drop_ib_pnet a|b      delete the PNET entry of that side's rxe device
#   smcr_drop_eth_pnet a|b     delete the PNET entry of va (in a) or vb (in b)
#   smcr_drop_ueid             flush the UEID table
#   smcr_drop_lo_pnet          let loopback-ism (SMC-D) serve a and b again
#   smcr_server_indirect       server's route back to the client goes via a gateway
#   smcr_client_noroute        the client's SMC-Rv2 route lookup to the server fails
#   smcr_rxe_in_namespaces [--keep-macvlan-gids]
#                              RoCE on rxe devices on va/vb inside the namespaces
#   smcr_fresh_linkgroups      recreate both rxe devices if any link group exists: the
#                              next connection is a first contact (an SMC-R link group
#                              outlives its last connection by 10 minutes)
#
# Topology (all of it inside the throw-away bench guest):
#
#   netns a                         netns b
#   va 198.18.0.1/24 -------veth------- vb 198.18.0.2/24     TCP and the CLC handshake
#   |  fe80::1/64                       |  fe80::2/64
#   ra (macvlan on va)                  rb (macvlan on vb)    both moved to the initial
#   198.18.0.1, rxe "rxa"               198.18.0.2, rxe "rxb" netns: RoCE v2 (UDP 4791)
#
# Why not simply rxe devices on va and vb? rdma_rxe before 7.x is not namespace-aware:
# its UDP socket and its route lookups live in the initial namespace, and it takes a RoCE
# packet only if it arrives on the rxe device's own netdev. An rxe on a veth end inside a
# namespace sends into the wrong routing table and never receives (smcr_rxe_in_namespaces
# keeps that failure as a test; 7.x's rdma_rxe has a socket per namespace, and there the
# same test shows SMC-R working). So RoCE runs over macvlans in the initial namespace
# whose lower devices are the veth ends: frames still cross the veth pair, and each side's
# RoCE GID (::ffff:198.18.0.x) is the address its SMC socket uses.
load ../helpers/live

SMCR_A=198.18.0.1
SMCR_B=198.18.0.2
SMCR_A6=fe80::1
SMCR_B6=fe80::2
SMC_PNET="$TOP/smc_pnet/smc_pnet"
export SMCR_A SMCR_B SMCR_A6 SMCR_B6 SMC_PNET

# Fixed, locally administered MACs: the static neighbours below need them, and reading
# them back costs a process per device.
SMCR_MAC_VA=02:53:4d:43:00:01
SMCR_MAC_VB=02:53:4d:43:00:02
SMCR_MAC_RA=02:53:4d:43:01:01
SMCR_MAC_RB=02:53:4d:43:01:02
# PNET IDs: distinct per side, so that a client never picks the peer's RoCE device
# (both are visible from every namespace), and one for loopback-ism that no netdev has.
SMCR_PNET_A=PNETA
SMCR_PNET_B=PNETB
SMCR_PNET_LO=PNETLO
# Policy routing: rule preferences and tables of the two RoCE directions.
SMCR_TAB_AB=101
SMCR_TAB_BA=102
# What smcr_up changed in the initial namespace, to put back in smcr_down.
SMCR_STATE=/run/smcr-bench

in_a() { ip netns exec a "$@"; }
in_b() { ip netns exec b "$@"; }

# smc_conn enters the namespace itself (--netns): cheaper than `ip netns exec`, and
# start_bg gets smc_conn's own pid to stop (a shell function such as in_b would run in a
# forked subshell, whose pid is not smc_conn's).
#
# A first contact (no link group yet, no knob turned) that the kernel lets time out on
# its own is made once more, from fresh link groups, with a note: 7.3 under TCG now and
# then takes longer than the server's CLC wait (2 s) to set up the first link; the
# server gives up and deletes the link, the client, still waiting for CONFIRM_LINK,
# drops that DELETE_LINK ("dropped unexpected LLC msg: msg 4 exp 1" in dmesg), and both
# ends fall back (server 0x02010000, client 0x05000000/0x02010000). That is the
# kernel's timing, not what a test looks at; tests that provoke the same timeout on
# purpose turn a knob first, so they are left alone.
smcr_pair() {
	local port=$1 sopts=() copts=() fresh=0 try
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do sopts+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	copts=("$@")
	if ! smcr_have_linkgroups && [ ! -s "$SMCR_STATE/undo" ]; then
		fresh=1
	fi
	for try in 1 2 3; do
		start_bg server "$SMC_CONN" server --netns b "${sopts[@]}" "$SMCR_B" "$port"
		start_bg client "$SMC_CONN" client --netns a "${copts[@]}" "$SMCR_B" "$port"
		[ "$fresh" = 1 ] && [ "$try" -lt 3 ] && _smcr_first_contact_timed_out "$port" ||
			return 0
		echo "# the kernel's first contact timed out on its own (attempt $try; dmesg:" \
			"$(dmesg | grep -o 'dropped unexpected LLC msg.*' | tail -1)): again" >&3
		stop_bg
		_smcr_wait_port_closed "$port"
		smcr_fresh_linkgroups
	done
}

# _smcr_first_contact_timed_out PORT: did a connection to PORT fall back because a CLC
# wait timed out (0x0201xxxx-0x0203xxxx: TIMEOUT_CL, _AL, _CD; client end, either the
# server's decline or its own)?
_smcr_first_contact_timed_out() {
	"$SMCSS" -n a | grep -qE ":$1 +0000 TCP (0x05000000/)?0x020[123][0-9a-f]{4}\$"
}

# _smcr_wait_port_closed PORT: until neither namespace lists a socket of PORT (at most
# about 10 s)
_smcr_wait_port_closed() {
	local i
	for ((i = 0; i < 50; i++)); do
		! "$SMCSS" -n a -a | grep -q ":$1 " && ! "$SMCSS" -n b -a | grep -q ":$1 " &&
			return 0
		sleep 0.2
	done
}

# rows_in NS PORT [SMCSS-OPTS]: smcss -a -j of namespace NS, the rows using PORT.
# (sock_diag lists only the caller's namespace: a's sockets are invisible from b.
# smcss -n NS enters the namespace itself, like `in_a smcss` but without the extra
# process and mount namespace of `ip netns exec`.)
rows_in() {
	local ns=$1 port=$2
	shift 2
	"$SMCSS" -n "$ns" -a -j "$@" |
		jq -c --argjson p "$port" '[.[] | select(.local_port == $p or .peer_port == $p)]'
}

# smcr_jq PORT FILTER [SMCSS-OPTS]: one jq for the JSON of both namespaces (each jq
# start costs a good part of a second in the bench). On failure both inputs go to
# stderr, which bats shows.
smcr_jq() {
	local port=$1 filter=$2 ja jb
	shift 2
	ja=$("$SMCSS" -n a -a -j "$@") || return 1
	jb=$("$SMCSS" -n b -a -j "$@") || return 1
	jq -n -e --argjson port "$port" --argjson a "$ja" --argjson b "$jb" '
		def rows($r): [$r[] | select(.local_port == $port or .peer_port == $port)];
		rows($a) as $a | rows($b) as $b | '"$filter" >/dev/null || {
		printf 'smcr_jq: filter failed on\n a: %s\n b: %s\n' "$ja" "$jb" >&2
		smcr_diagnose "$port" >&2
		return 1
	}
}

# smcr_count_is N REGEX PORT: exactly N lines of $output match REGEX; if not, $output
# and smcr_diagnose PORT go to stderr, which bats shows.
smcr_count_is() {
	local n
	# shellcheck disable=SC2154  # $output: set by bats' run
	n=$(grep -cE "$2" <<<"$output")
	[ "$n" = "$1" ] && return 0
	printf 'smcr_count_is: %s lines match %s, not %s, in\n%s\n' "$n" "$2" "$1" "$output" >&2
	smcr_diagnose "$3" >&2
	return 1
}

# smcr_diagnose PORT: what the kernel holds besides the SMC sockets, for a failure that
# does not repeat at will: the TCP sockets under the SMC ones (one per connection on
# either end, whether or not SMC lists it), the SMC sockets again a moment later, the
# links and the kernel log.
smcr_diagnose() {
	local port=$1 ns
	for ns in a b; do
		echo "--- TCP sockets on port $port in $ns (ss -tan)"
		ip netns exec "$ns" ss -tanH "( sport = :$port or dport = :$port )" 2>&1
	done
	sleep 1
	for ns in a b; do
		echo "--- SMC sockets in $ns one second later (smcss -a)"
		"$SMCSS" -n "$ns" -a 2>&1
	done
	for ns in a b; do
		echo "--- what the kernel sent for smcss -n $ns -a (recorded, one line per message)"
		SMC_UTILS_RECORD="$BATS_TEST_TMPDIR/diagnose-$ns.rec" "$SMCSS" -n "$ns" -a >/dev/null 2>&1
		python3 "$BATS_TEST_DIRNAME/../replay/nltrace.py" dump "$BATS_TEST_TMPDIR/diagnose-$ns.rec" 2>&1
	done
	echo "--- fallbacks counted by the kernel (smcr -d stats)"
	"$SMCR" -d stats 2>&1 | grep -iE 'fallback|decline|0x' | head -20
	echo "--- links (smcr -d linkgroup link-show)"
	"$SMCR" -d linkgroup link-show 2>&1
	echo "--- kernel log, last 20 lines"
	dmesg 2>&1 | tail -20
}

# Skip (never fake) when a piece is missing.
smcr_require() {
	require_bench
	[ -x "$SMC_PNET" ] || skip "smc_pnet/smc_pnet is not built yet (make all)"
	command -v rdma >/dev/null || skip "the rdma tool (iproute2) is missing"
	modinfo rdma_rxe >/dev/null 2>&1 || skip "the kernel has no rdma_rxe module"
}

# --- building blocks (each one idempotent) ---

# The guest cannot load modules on demand: the kernel's request_module() runs
# /sbin/modprobe in the root of PID 1, which is the bench's initramfs, not the chroot
# the tests run in. So everything that would be auto-loaded is loaded here:
# load_rxe_modules (live.bash: veth, rdma_rxe, ib_uverbs for libibverbs and the RDMA
# core's driver names in the Type column of smcr device, crc32_generic where needed) and
#   macvlan         the links ra and rb
#   xfrm_user       compiles per-socket IPsec policies (smc_conn --ipsec)
_smcr_modules() {
	load_rxe_modules macvlan xfrm_user
}

# (ra and rb exist only while their lower devices va and vb do)
_smcr_topology_complete() {
	[ -e /run/netns/a ] && [ -e /run/netns/b ] && [ -e /sys/class/net/ra ] &&
		[ -e /sys/class/net/rb ]
}

# Namespaces, the veth pair, the macvlans and the addresses. Built in one go, or rebuilt
# from nothing if a previous run left half of it.
_smcr_links() {
	_smcr_topology_complete && return 0
	if [ -e /run/netns/a ] || [ -e /run/netns/b ]; then
		smcr_down
	fi
	ip netns add a
	ip netns add b
	# The CLC handshake and the TCP data path: a plain veth pair between a and b. No
	# IPv6 address autoconfiguration on it, but fixed link-local addresses without DAD
	# (nodad), usable at once.
	ip -b - <<-EOF
		link add va netns a address $SMCR_MAC_VA type veth peer name vb netns b address $SMCR_MAC_VB
	EOF
	# Inside the namespaces each peer address is pinned to the peer's veth: the
	# macvlan in the initial namespace holds the same address and would answer ARP too.
	ip -n a -b - <<-EOF
		link set lo up
		link set va addrgenmode none
		address add $SMCR_A/24 dev va
		address add $SMCR_A6/64 dev va nodad
		link set va up
		link add ra link va address $SMCR_MAC_RA type macvlan mode bridge
		link set ra netns 1
		neigh replace $SMCR_B dev va lladdr $SMCR_MAC_VB nud permanent
		neigh replace $SMCR_B6 dev va lladdr $SMCR_MAC_VB nud permanent
	EOF
	ip -n b -b - <<-EOF
		link set lo up
		link set vb addrgenmode none
		address add $SMCR_B/24 dev vb
		address add $SMCR_B6/64 dev vb nodad
		link set vb up
		link add rb link vb address $SMCR_MAC_RB type macvlan mode bridge
		link set rb netns 1
		neigh replace $SMCR_A dev vb lladdr $SMCR_MAC_VA nud permanent
		neigh replace $SMCR_A6 dev vb lladdr $SMCR_MAC_VA nud permanent
	EOF
	# The macvlans now live in the initial namespace, their lower devices (va, vb) stay
	# in a and b. Each carries its side's address: rdma_rxe derives the RoCE v2 GID
	# (::ffff:198.18.0.x) from it, and SMC-Rv2 only uses a GID whose netdev holds an
	# address in the subnet of the SMC socket's source address. noprefixroute: no /24
	# route per macvlan in the main table; the routes come from the policy rules below.
	ip -b - <<-EOF
		link set ra addrgenmode none
		link set rb addrgenmode none
		address add $SMCR_A/24 dev ra noprefixroute
		address add $SMCR_B/24 dev rb noprefixroute
		link set ra up
		link set rb up
	EOF
}

# sysctls of the initial namespace: the RoCE packet from 198.18.0.1 arrives on rb with a
# source address that is local (on ra) too. accept_local lets it in, rp_filter=0 stops
# the reverse-path check from dropping it. The effective rp_filter is the larger of
# `all` and the device's, so `all` goes to 0 too; its old value is kept for smcr_down.
# (Written to /proc/sys directly: no process to start, which counts under TCG.)
_smcr_sysctls() {
	local conf=/proc/sys/net/ipv4/conf v
	mkdir -p "$SMCR_STATE"
	if [ ! -f "$SMCR_STATE/rp_filter" ]; then
		read -r v <"$conf/all/rp_filter"
		echo "$v" >"$SMCR_STATE/rp_filter"
	fi
	echo 0 >"$conf/all/rp_filter"
	echo 0 >"$conf/ra/rp_filter"
	echo 0 >"$conf/rb/rp_filter"
	echo 1 >"$conf/ra/accept_local"
	echo 1 >"$conf/rb/accept_local"
}

# Routing in the initial namespace, where rdma_rxe and SMC-Rv2's GID checks look up
# routes. Both addresses are local there, so a lookup 198.18.0.1 -> 198.18.0.2 would
# answer "local" and rxe would loop the packet back instead of sending it. Therefore:
#  - the `local` table rule moves from preference 0 to 100, below our own rules;
#  - locally generated traffic (iif lo) from A to B uses table 101: "B dev ra src A",
#    and B to A table 102: "A dev rb src B"; received packets still find `local`.
#  - static neighbours: A's packets to B go to rb's MAC, B's to ra's. (SMC-Rv2 copies
#    the neighbour's MAC into the link without checking its state, and ARP would be
#    ambiguous anyway: every address exists twice on the segment.)
_smcr_routes() {
	local rules cmds=()
	rules=$'\n'$(ip rule show)
	_smcr_has_rule "$rules" 100 'from all lookup local' || cmds+=("rule add pref 100 lookup local")
	! _smcr_has_rule "$rules" 0 'from all lookup local' || cmds+=("rule del pref 0 lookup local")
	_smcr_has_rule "$rules" 10 "from $SMCR_A to $SMCR_B iif lo lookup $SMCR_TAB_AB" ||
		cmds+=("rule add pref 10 iif lo from $SMCR_A to $SMCR_B lookup $SMCR_TAB_AB")
	_smcr_has_rule "$rules" 11 "from $SMCR_B to $SMCR_A iif lo lookup $SMCR_TAB_BA" ||
		cmds+=("rule add pref 11 iif lo from $SMCR_B to $SMCR_A lookup $SMCR_TAB_BA")
	cmds+=("route replace $SMCR_B dev ra src $SMCR_A table $SMCR_TAB_AB"
		"route replace $SMCR_A dev rb src $SMCR_B table $SMCR_TAB_BA"
		"neigh replace $SMCR_B dev ra lladdr $SMCR_MAC_RB nud permanent"
		"neigh replace $SMCR_A dev rb lladdr $SMCR_MAC_RA nud permanent")
	printf '%s\n' "${cmds[@]}" | ip -b -
}

# _smcr_has_rule RULES PREF TEXT: RULES (`ip rule show`, after a newline) has the line
# "PREF:<tab>TEXT".
_smcr_has_rule() {
	[[ $1 == *$'\n'"$2:"$'\t'"$3"$'\n'* || $1 == *$'\n'"$2:"$'\t'"$3" ]]
}

# The soft-RoCE devices, on the macvlans (see the top of this file for why not on va/vb).
_smcr_rxe() {
	[ -e /sys/class/infiniband/rxa ] || rdma link add rxa type rxe netdev ra
	[ -e /sys/class/infiniband/rxb ] || rdma link add rxb type rxe netdev rb
}

# SMCv2 (and SMC-Rv2 is all rdma_rxe can do: it has RoCE v2 GIDs only) needs a common
# Enterprise ID; x86 has no system EID, so a user EID. The table is global, not per
# namespace.
_smcr_ueid() {
	local have
	# one EID a line, blank-padded to 32 as the kernel holds it (EIDs have no blanks)
	have=$("$SMCD" ueid show | tr -d ' ')
	[[ $'\n'$have$'\n' == *$'\n'$BENCH_UEID$'\n'* ]] || "$SMCD" ueid add "$BENCH_UEID"
}

# PNET table: which RoCE device serves which netdev. Without it SMC looks for a RoCE
# device on the handshake netdev itself (va/vb have none) and finds nothing.
#  - RDMA/ISM device entries live in the initial namespace's table:
#      rxa port 1 -> PNETA, rxb port 1 -> PNETB, and loopback-ism -> PNETLO.
#    loopback-ism serves every namespace of the kernel, and without a PNET ID the client
#    offers SMC-D through it and the server prefers SMC-D: a->b would be SMCD, not SMCR.
#    With a PNET ID that no netdev of a or b carries, neither side offers it.
#  - netdev entries live in each namespace's own table: va -> PNETA (in a), vb -> PNETB
#    (in b).
# Each table is flushed and refilled, so this also undoes the PNET knobs.
_smcr_pnet() {
	"$SMC_PNET" -f
	"$SMC_PNET" -a "$SMCR_PNET_A" -D rxa -P 1
	"$SMC_PNET" -a "$SMCR_PNET_B" -D rxb -P 1
	"$SMC_PNET" -a "$SMCR_PNET_LO" -D "$(smc_loopback_device)"
	in_a "$SMC_PNET" -f
	in_a "$SMC_PNET" -a "$SMCR_PNET_A" -I va
	in_b "$SMC_PNET" -f
	in_b "$SMC_PNET" -a "$SMCR_PNET_B" -I vb
}

# --- the public functions ---

smcr_up() {
	_smcr_modules
	_smcr_links
	_smcr_sysctls
	_smcr_routes
	_smcr_rxe
	_smcr_ueid
	_smcr_pnet
}

# Stop the processes still running in the namespaces (the tests' smc_conn; by their
# ids). Sockets go first: deleting an rxe device waits until no link uses it.
_smcr_stop_ns_procs() {
	local ns pid pids=() i
	for ns in a b; do
		[ -e "/run/netns/$ns" ] || continue
		mapfile -t -O "${#pids[@]}" pids < <(ip netns pids "$ns")
	done
	[ ${#pids[@]} -gt 0 ] || return 0
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	# they may be no children of this shell (wait cannot reap them): poll until gone
	for ((i = 0; i < 100; i++)); do
		for pid in "${pids[@]}"; do
			kill -0 "$pid" 2>/dev/null && break
			pid=
		done
		[ -z "$pid" ] && return 0
		sleep 0.05
	done
	echo "smcr: processes ${pids[*]} did not stop" >&2
	return 1
}

# Deletes whatever rxe devices exist on our netdevs, in both places they can be.
_smcr_del_rxe() {
	local d
	for d in rxa rxb rxva rxvb; do
		[ -e "/sys/class/infiniband/$d" ] || continue
		# a device is deleted by name from any namespace (shared RDMA netns mode)
		rdma link delete "$d"
	done
}

smcr_down() {
	local rules cmds v
	_smcr_stop_ns_procs
	_smcr_del_rxe
	# our PNET IDs; removing PNETLO gives loopback-ism back to every netdev (SMC-D
	# over lo for the other live tests)
	if [ -x "$SMC_PNET" ]; then
		"$SMC_PNET" -d "$SMCR_PNET_A" 2>/dev/null || true
		"$SMC_PNET" -d "$SMCR_PNET_B" 2>/dev/null || true
		"$SMC_PNET" -d "$SMCR_PNET_LO" 2>/dev/null || true
	fi
	# deleting a namespace deletes its veth end, and with it the macvlan on top
	ip netns del a 2>/dev/null || true
	ip netns del b 2>/dev/null || true
	rules=$'\n'$(ip rule show)
	cmds=()
	_smcr_has_rule "$rules" 0 'from all lookup local' || cmds+=("rule add pref 0 lookup local")
	! _smcr_has_rule "$rules" 100 'from all lookup local' || cmds+=("rule del pref 100 lookup local")
	[[ $rules != *$'\n10:'* ]] || cmds+=("rule del pref 10")
	[[ $rules != *$'\n11:'* ]] || cmds+=("rule del pref 11")
	[ ${#cmds[@]} -eq 0 ] || printf '%s\n' "${cmds[@]}" | ip -b -
	if [ -f "$SMCR_STATE/rp_filter" ]; then
		read -r v <"$SMCR_STATE/rp_filter"
		echo "$v" >/proc/sys/net/ipv4/conf/all/rp_filter
	fi
	rm -rf "$SMCR_STATE"
	# the UEID stays: it is the bench's usual one (ensure_ueid)
	return 0
}

# smcr_have_linkgroups: does any SMC-R link group exist? Each link is an RC queue pair
# that smc owns on one of the RoCE devices (`rdma resource show qp`).
smcr_have_linkgroups() {
	[[ $(rdma resource show qp) == *'type RC '*'comm [smc]'* ]]
}

# Recreate both rxe devices if link groups exist: deleting a device ends the link groups
# on it (after their sockets are gone), on both sides at once. Then the next connection
# between a and b is a first contact. Nothing to undo.
smcr_fresh_linkgroups() {
	_smcr_stop_ns_procs
	smcr_have_linkgroups || return 0
	_smcr_del_rxe
	_smcr_rxe
}

# _smcr_undo CMD [ARGS...]: run CMD at smcr_teardown (the last one registered first).
_smcr_undo() {
	mkdir -p "$SMCR_STATE"
	printf '%q ' "$@" >>"$SMCR_STATE/undo"
	echo >>"$SMCR_STATE/undo"
}

smcr_teardown() {
	stop_bg
	smcr_undo_knobs
}

# Undo the knobs turned so far, last first, leaving the connections made meanwhile
# (tests/replay/record-guest.sh holds one per fallback reason).
smcr_undo_knobs() {
	local undo i
	[ -s "$SMCR_STATE/undo" ] || return 0
	mapfile -t undo <"$SMCR_STATE/undo"
	rm -f "$SMCR_STATE/undo"
	for ((i = ${#undo[@]} - 1; i >= 0; i--)); do
		eval "${undo[i]}"
	done
}

# Everything back to what smcr_up makes, whatever state a test left behind: the
# recorded undos, then a full smcr_up. Slower than smcr_teardown; for when a test
# broke off in the middle of a knob.
smcr_restore() {
	smcr_teardown
	_smcr_stop_ns_procs
	[ -z "$(ip -n a rule show pref 50 2>/dev/null)" ] || ip -n a rule del pref 50
	[ -z "$(ip -n a rule show pref 51 2>/dev/null)" ] || ip -n a rule del pref 51
	_smcr_del_rxe
	smcr_up
}

# --- knobs ---

_smcr_side() {
	case $1 in
	a | b) ;;
	*) echo "smcr: side must be a or b, not '$1'" >&2; return 1 ;;
	esac
}

# No RoCE device at all on that side. Link groups from earlier connections would still
# name the device on the other side (the next connection then falls back once with a
# synchronization error), so they are ended first.
smcr_drop_rxe() {
	_smcr_side "$1" || return 1
	smcr_fresh_linkgroups
	_smcr_undo _smcr_rxe
	rdma link delete "rx$1"
}

# The RoCE device exists but has no PNET ID: no netdev leads to it.
smcr_drop_ib_pnet() {
	local pnet=$SMCR_PNET_A
	_smcr_side "$1" || return 1
	[ "$1" = b ] && pnet=$SMCR_PNET_B
	_smcr_undo "$SMC_PNET" -a "$pnet" -D "rx$1" -P 1
	"$SMC_PNET" -d "$pnet"
}

# The handshake netdev (va in a, vb in b) has no PNET ID: nothing leads from it to a
# RoCE device.
smcr_drop_eth_pnet() {
	local pnet=$SMCR_PNET_A
	_smcr_side "$1" || return 1
	[ "$1" = b ] && pnet=$SMCR_PNET_B
	_smcr_undo ip netns exec "$1" "$SMC_PNET" -a "$pnet" -I "v$1"
	ip netns exec "$1" "$SMC_PNET" -d "$pnet"
}

smcr_drop_ueid() {
	_smcr_undo "$SMCD" ueid add "$BENCH_UEID"
	"$SMCD" ueid flush
}

smcr_drop_lo_pnet() {
	_smcr_undo "$SMC_PNET" -a "$SMCR_PNET_LO" -D "$(smc_loopback_device)"
	"$SMC_PNET" -d "$SMCR_PNET_LO"
}

# The server (b) reaches the client's RoCE address only through a gateway
# (198.18.0.254, pinned to a made-up MAC): its SMC-Rv2 route lookup says
# uses_gateway, so its CLC accept says "not direct", while the client's own lookup
# says direct. Only a first contact carries that flag, hence fresh link groups.
smcr_server_indirect() {
	smcr_fresh_linkgroups
	_smcr_undo _smcr_server_direct
	ip -b - <<-EOF
		neigh replace 198.18.0.254 dev rb lladdr 02:53:4d:43:02:fe nud permanent
		route replace $SMCR_A via 198.18.0.254 dev rb src $SMCR_B onlink table $SMCR_TAB_BA
	EOF
}

_smcr_server_direct() {
	ip -b - <<-EOF
		route replace $SMCR_A dev rb src $SMCR_B table $SMCR_TAB_BA
		neigh del 198.18.0.254 dev rb
	EOF
}

# In a, TCP to the server is routed as usual, but any other lookup for it fails.
# SMC-Rv2's client route check (smc_ib_find_route) looks up with protocol 0, so it hits
# the unreachable rule while the connection itself keeps working.
smcr_client_noroute() {
	_smcr_undo _smcr_client_route
	ip -n a -b - <<-EOF
		rule add pref 50 to $SMCR_B ipproto tcp lookup main
		rule add pref 51 to $SMCR_B unreachable
	EOF
}

_smcr_client_route() {
	ip -n a -b - <<-EOF
		rule del pref 51
		rule del pref 50
	EOF
}

# RoCE devices on va and vb inside the namespaces (rxva, rxvb) instead of rxa/rxb, with
# the PNET IDs moved over, and the macvlans' addresses taken off: a port's GID table
# lists the addresses of its netdev's upper devices too, so ra's address would be a
# second GID of rxva (::ffff:198.18.0.1, netdev ra) whose netdev is in the initial
# namespace. What happens then depends on rdma_rxe (feature rxe_netns):
#  - one UDP socket for all namespaces (6.12, 6.1): rxva's route lookups are the initial
#    namespace's, it sends nothing, and the link confirmation times out (0x02010000);
#  - a socket in each namespace (7.x): SMC-R works.
# With --keep-macvlan-gids the addresses stay: SMC-Rv2 picks the first GID of the
# address whose netdev has a route to the peer, ra's; the peer's RoCE packets then go to
# the initial namespace, where no rxe socket is left (rxa and rxb are gone: UdpNoPorts),
# and the link times out on every kernel.
# rxa and rxb go away first: a server reuses any link group it has with the same peer
# (for SMC-Rv2: same system ID and peer GID, and rxva's GID equals rxa's) whatever
# device PNET names now, so a link group left from an earlier test would carry the
# connection over rxa/rxb.
smcr_rxe_in_namespaces() {
	_smcr_stop_ns_procs
	_smcr_undo _smcr_pnet
	_smcr_undo _smcr_rxe
	_smcr_undo _smcr_del_rxe
	_smcr_del_rxe
	if [ "${1:-}" != --keep-macvlan-gids ]; then
		_smcr_undo _smcr_macvlan_addresses
		ip -b - <<-EOF
			address del $SMCR_A/24 dev ra
			address del $SMCR_B/24 dev rb
		EOF
	fi
	"$SMC_PNET" -d "$SMCR_PNET_A"
	"$SMC_PNET" -d "$SMCR_PNET_B"
	in_a rdma link add rxva type rxe netdev va
	in_b rdma link add rxvb type rxe netdev vb
	"$SMC_PNET" -a "$SMCR_PNET_A" -D rxva -P 1
	"$SMC_PNET" -a "$SMCR_PNET_B" -D rxvb -P 1
}

# The macvlans' addresses back, and the routes that went with them (an address takes
# the routes whose source it is along when it goes)
_smcr_macvlan_addresses() {
	ip -b - <<-EOF
		address add $SMCR_A/24 dev ra noprefixroute
		address add $SMCR_B/24 dev rb noprefixroute
	EOF
	_smcr_routes
}

# udp_noports [NS]: the UDP datagrams that found no socket, in NS or the initial namespace
udp_noports() {
	local cmd=(cat /proc/net/snmp)
	[ -n "${1:-}" ] && cmd=(ip netns exec "$1" "${cmd[@]}")
	"${cmd[@]}" | awk '$1 == "Udp:" && $2 ~ /^[0-9]+$/ { print $3 }'
}

# seconds since $1 (an $EPOCHREALTIME), with 3 decimals
smcr_elapsed() {
	local now=$EPOCHREALTIME
	awk -v a="$1" -v b="$now" 'BEGIN { printf "%.3f", b - a }'
}
