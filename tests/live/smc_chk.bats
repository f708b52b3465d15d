#!/usr/bin/env bats
# smc_chk on the live kernel. First SMC-D over 127.0.0.1 (loopback-ism): the host checks,
# -C against smc_chk -S and against a plain TCP server, no UEID, fast open, no smc_diag.
# (On 6.1, which has no loopback-ism, the SMC-D connections are skipped, and so are the
# SMC-R ones: SMC-R over rdma_rxe hangs that kernel; see tests/helpers/live.bash.)
# Then SMC-R between the namespaces a and b of tests/helpers/smcr.bash: each knob that
# provokes a fallback must be flagged by the host checks of the affected side before any
# connection is tried. (SMC-R comes last: the SMC-R bench gives loopback-ism a PNET ID
# that no interface has, which turns SMC-D over lo off until smcr_down.)
load ../helpers/smcr

SMC_CHK="$TOP/smc_chk/smc_chk"

setup() {
	require_bench
	ensure_ueid
}

teardown() {
	smcr_teardown
	"$SMCD" ueid add "$BENCH_UEID" 2>/dev/null || true
	[ ! -f "$BATS_TEST_TMPDIR/tfo" ] || cat "$BATS_TEST_TMPDIR/tfo" >/proc/sys/net/ipv4/tcp_fastopen
	[ -d /sys/module/smc_diag ] || load_smc_diag
	[ ! -f "$BATS_TEST_TMPDIR/xfrm" ] || ip xfrm policy flush
}

# smc_diag as the bench loads it (guest-init.sh): the one built with our smc.ko, if any
load_smc_diag() {
	local smclo
	smclo=$(cat /run/bench/smc-lo 2>/dev/null) || smclo=
	if [ -n "$smclo" ] && [ -f "$smclo/smc_diag.ko" ]; then
		insmod "$smclo/smc_diag.ko"
	else
		modprobe smc_diag
	fi
}

teardown_file() {
	if [ "${SMC_BENCH:-0}" = 1 ] && [ -e /run/netns/a ]; then
		smcr_down
	fi
}

# chk_server NAME [OPTIONS]: smc_chk -S --once in the background, until it listens
chk_server() {
	local name=$1 i
	shift
	"$SMC_CHK" -S --once "$@" >"$BATS_TEST_TMPDIR/$name.out" 2>"$BATS_TEST_TMPDIR/$name.err" &
	echo $! >>"$BATS_TEST_TMPDIR/pids"
	echo $! >"$BATS_TEST_TMPDIR/$name.pid"
	for ((i = 0; i < 200; i++)); do
		grep -q '^listening on ' "$BATS_TEST_TMPDIR/$name.out" 2>/dev/null && return 0
		sleep 0.05
	done
	echo "# $name: $(cat "$BATS_TEST_TMPDIR/$name.err")" >&3
	return 1
}

# chk_server_status NAME: wait for the --once server; its exit status in $status, its
# output in $output
chk_server_status() {
	status=0
	wait "$(cat "$BATS_TEST_TMPDIR/$1.pid")" || status=$?
	output=$(cat "$BATS_TEST_TMPDIR/$1.out")
	mapfile -t lines <<<"$output"
}

# --- SMC-D over loopback-ism ---

@test "host checks on the bench: no problem, exit 0; JSON findings and summary" {
	# IPPROTO_SMC: a working one is ok; where the kernel refuses it (6.1) a warning
	local ipproto=ok
	have_feature ipproto_smc || ipproto=warning
	run_split "$SMC_CHK"
	assert_success
	assert_equal "$stderr" ""
	assert_line --regexp '^ok +module\.smc +loaded, SMC version 2\.[0-9]'
	assert_line --regexp '^ok +module\.smc_diag '
	assert_line --regexp '^ok +socket\.af_smc '
	assert_line --regexp "^$ipproto +socket\\.ipproto_smc "
	assert_line --regexp "^ok +eid\\.ueid +user EID $BENCH_UEID: "
	assert_line --regexp '^ok +eid\.seid +no system EID'
	assert_line --regexp '^ok +sysctl\.net\.smc\.wmem +65536: '
	# SMC-D: loopback-ism where the kernel has it; none at all on 6.1, a warning
	if have_feature loopback_ism; then
		if [ "$(smc_loopback_device)" = lo ]; then name="the DIBS device lo"; else name=loopback-ism; fi
		assert_line --regexp "^ok +smcd +no ISM device, but the kernel is SMC-Dv2 capable, which without ISM means $name \\(the kernel does not list it\\): connections within this host can use SMC-D\$"
	else
		assert_line --regexp '^warning +smcd +no SMC-D device: no ISM device and no loopback-ism'
		refute_output --partial 'SMC-D is'
	fi
	assert_line --regexp '^[0-9]+ ok, [0-9]+ warnings?, 0 problems$'
	run_split "$SMC_CHK" -j
	assert_success
	jq -e '.summary.problem == 0 and (.findings | length) == .summary.ok + .summary.warning
		and ([.findings[] | select(.id == "module.smc")][0].status == "ok")
		and all(.findings[]; .status == "ok" or .status == "warning")' <<<"$output"
	run_split "$SMC_CHK" -q
	assert_success
	refute_line --regexp '^ok '
}

@test "-C against smc_chk -S: SMC-D on both ends, exit 0 (IPv4 and IPv6)" {
	require_feature loopback_ism
	chk_server srv -p 37300
	run_split "$SMC_CHK" -C 127.0.0.1 -p 37300
	assert_success
	assert_equal "$stderr" ""
	assert_line --regexp '^Peer: +127\.0\.0\.1:37300$'
	assert_line --regexp '^Mode: +SMC-D$'
	assert_line --regexp '^GID: +[0-9a-f]{32}$'
	chk_server_status srv
	assert_equal "$status" 0
	assert_line 'listening on 0.0.0.0:37300'
	assert_line --regexp '^Local: +127\.0\.0\.1:37300$'
	assert_line --regexp '^Mode: +SMC-D$'

	chk_server srv6 -b ::1 -p 37301
	run_split "$SMC_CHK" -j -C ::1 -p 37301
	assert_success
	jq -e '.role == "client" and .peer == "[::1]:37301" and .mode == "SMCD"
		and (.gid | length) == 32 and (has("fallback_reason") | not)' <<<"$output"
	chk_server_status srv6
	assert_equal "$status" 0
}

@test "-C against a plain TCP server: 0x03010000 (PEERNOSMC) with causes and remedies, exit 3" {
	start_bg tcp "$SMC_CONN" server --tcp 127.0.0.1 37302
	run_split "$SMC_CHK" -C 127.0.0.1 -p 37302
	assert_equal "$status" 3
	assert_equal "$stderr" ""
	assert_line --regexp '^Mode: +TCP \(fell back from SMC\)$'
	assert_line --regexp '^Fallback: +0x03010000 PEERNOSMC$'
	assert_line --regexp '^Meaning: +.+'
	assert_line 'What to do:'
	run_split "$SMC_CHK" -j -C 127.0.0.1 -p 37302
	assert_equal "$status" 3
	jq -e '.mode == "TCP" and .fallback_reason == 50397184
		and .fallback_reason_name == "PEERNOSMC" and (.remedies | length) > 0
		and (.causes | length) > 0' <<<"$output"
}

@test "no UEID: eid.ueid warns with the fix" {
	"$SMCD" ueid flush
	run_split "$SMC_CHK"
	assert_success
	assert_line --regexp '^warning +eid\.ueid +no user EID and no system EID: .*0x03030008'
	assert_line --regexp '^ +fix: smcd ueid add NAME'
}

@test "no UEID: -C shows the server's 0x03030008 (NOUEID)" {
	# without an SMC-D device the client proposes nothing, so no UEID is asked for
	require_feature loopback_ism
	"$SMCD" ueid flush
	chk_server srv -p 37303
	run_split "$SMC_CHK" -C 127.0.0.1 -p 37303
	assert_equal "$status" 3
	assert_line --regexp '^Fallback: +0x05000000 PEERDECL$'
	assert_line --regexp '^Peer code: +0x03030008 NOUEID$'
	chk_server_status srv
	assert_equal "$status" 3
	assert_line --regexp '^Fallback: +0x03030008 NOUEID$'
}

@test "nothing listening: one-line error naming the fix, exit 1" {
	run_split "$SMC_CHK" -C 127.0.0.1 -p 37304
	assert_equal "$status" 1
	assert_one_line_error '^smc_chk: cannot connect to 127\.0\.0\.1:37304: connection refused \(start a server there: smc_chk -S -p 37304\)$'
}

@test "fast open beyond the default is flagged; the default and 0 are not" {
	cat /proc/sys/net/ipv4/tcp_fastopen >"$BATS_TEST_TMPDIR/tfo"
	echo 0x403 >/proc/sys/net/ipv4/tcp_fastopen
	run_split "$SMC_CHK"
	assert_success
	assert_line --regexp '^warning +sysctl\.net\.ipv4\.tcp_fastopen +0x403 \(TFO_CLIENT_ENABLE TFO_SERVER_ENABLE TFO_SERVER_WO_SOCKOPT1\): .*0x03060000'
	assert_line --regexp 'fix: .*sysctl -w net\.ipv4\.tcp_fastopen=1'
	echo 1 >/proc/sys/net/ipv4/tcp_fastopen
	run_split "$SMC_CHK"
	assert_line --regexp '^ok +sysctl\.net\.ipv4\.tcp_fastopen +0x1 \(TFO_CLIENT_ENABLE, the default\)'
	echo 0 >/proc/sys/net/ipv4/tcp_fastopen
	run_split "$SMC_CHK"
	assert_line --regexp '^ok +sysctl\.net\.ipv4\.tcp_fastopen +0x0: fast open off'
}

@test "without smc_diag: module.smc_diag is a problem with its fix (exit 3), -C cannot tell the mode (exit 1)" {
	rmmod smc_diag || skip "smc_diag is in use"
	run_split "$SMC_CHK"
	assert_equal "$status" 3
	assert_line --regexp '^problem +module\.smc_diag +the smc_diag module is not loaded'
	assert_line --regexp '^ +fix: modprobe smc_diag$'
	chk_server srv -p 37305
	run_split "$SMC_CHK" -C 127.0.0.1 -p 37305
	assert_equal "$status" 1
	assert_one_line_error 'its mode is unknown: the smc_diag module is not loaded \(try: modprobe smc_diag\)$'
}

# SMC makes a connection fall back only for its socket's own IPsec policy; the policies of
# the namespace cover the TCP handshake but not the data SMC then moves.
@test "IPsec policies of the namespace: SMC bypasses them, so they are a warning" {
	modprobe xfrm_user
	run_split "$SMC_CHK" -j
	jq -e '[.findings[] | select(.id == "ipsec" and .status == "ok")] | length == 1' <<<"$output"
	touch "$BATS_TEST_TMPDIR/xfrm"
	ip xfrm policy add src 198.18.9.1/32 dst 198.18.9.2/32 proto tcp dir out \
		tmpl src 198.18.9.1 dst 198.18.9.2 proto esp mode transport
	# a policy without template protects nothing
	ip xfrm policy add src 198.18.9.1/32 dst 198.18.9.3/32 dir out action allow
	run_split "$SMC_CHK" -q
	assert_success
	assert_line --regexp '^warning +ipsec +1 IPsec policy protects traffic here \(ip xfrm policy\), but SMC only falls back for a socket.s own policy'
	assert_line --regexp 'fix: keep connections that must stay encrypted on TCP'
}

# --- SMC-R between the namespaces a (client) and b (server) ---

smcr_ready() {
	smcr_require
	modprobe ib_uverbs	# libibverbs needs it for the port and GID checks
	smcr_up
}

@test "SMC-R bench: the checks of a and b find no problem" {
	smcr_ready
	run_split "$SMC_CHK" -n a
	assert_success
	assert_line --regexp '^ok +rdma\.rxa\.1 +ACTIVE, Ethernet, MTU [0-9]+, [0-9]+ RoCE v2 GIDs? \([1-9][0-9]* IPv4\), netdev \(a netdev in another namespace\), PNET ID PNETA$'
	assert_line --regexp '^ok +pnet\.netdev\.va +va has PNET ID PNETA'
	# b's device is no warning in a: its PNET ID is on an interface of namespace b
	assert_line --regexp '^ok +pnet\.dev\.rxb\.1 +rxb port 1 has PNET ID PNETB, as interface vb in network namespace b does'
	run_split "$SMC_CHK" -n b -j
	jq -e '[.findings[] | select(.id == "pnet.dev.rxa.1")] | length == 1
		and .[0].status == "ok" and (.[0].message | test("interface va in network namespace a"))' \
		<<<"$output"
	# the visits to the other namespaces under valgrind
	run valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
		"$SMC_CHK" -n a -q
	[ "$status" -eq 0 ] || fail "valgrind smc_chk -n a -q: $status $output"
	# the initial namespace sees the rxe devices' netdevs, and rxe works there
	run_split "$SMC_CHK" -q
	assert_success
	run_split "$SMC_CHK"
	if have_feature rxe_netns; then
		assert_line --regexp '^ok +rdma\.rxa\.1\.netns +software RoCE device \(rdma_rxe\); this kernel.s rdma_rxe has a UDP socket in each network namespace, so its netdev may be in any$'
	else
		assert_line --regexp '^ok +rdma\.rxa\.1\.netns +software RDMA device on ra, in the initial network namespace$'
	fi
}

@test "SMC-R bench: -C from a to b is SMC-R" {
	require_feature smcr_rxe
	smcr_ready
	chk_server srv -n b -b "$SMCR_B" -p 37310
	run_split "$SMC_CHK" -n a -C "$SMCR_B" -p 37310
	assert_success
	assert_line --regexp '^Mode: +SMC-R$'
	assert_line --regexp '^RDMA: +rxa port 1$'
	chk_server_status srv
	assert_equal "$status" 0
	assert_line --regexp '^RDMA: +rxb port 1$'
}

@test "SMC-R: a side without RoCE device or its PNET entry is a problem of that side" {
	smcr_ready
	smcr_drop_rxe a
	run_split "$SMC_CHK" -n a -q
	assert_equal "$status" 3
	assert_line --regexp '^problem +pnet\.netdev\.va +va has PNET ID PNETA, but no RDMA or ISM device has it'
	assert_line --regexp 'fix: smc_pnet -a PNETA -D DEVICE'
	run_split "$SMC_CHK" -n b -q
	assert_success
	chk_server srv -n b -b "$SMCR_B" -p 37311
	run_split "$SMC_CHK" -n a -C "$SMCR_B" -p 37311
	assert_equal "$status" 3
	assert_line --regexp '^Fallback: +0x03030000 NOSMCDEV$'
	smcr_teardown

	smcr_drop_ib_pnet b
	run_split "$SMC_CHK" -n b -q
	assert_equal "$status" 3
	assert_line --regexp '^problem +pnet\.netdev\.vb +vb has PNET ID PNETB, but no RDMA or ISM device has it'
}

@test "SMC-R: an interface without its PNET entry and a missing UEID are flagged" {
	smcr_ready
	smcr_drop_eth_pnet a
	run_split "$SMC_CHK" -n a -q
	assert_success
	assert_line --regexp '^warning +pnet\.dev\.rxa\.1 +rxa port 1 has PNET ID PNETA, but no interface in this network namespace has it, nor one in another named namespace'
	smcr_teardown

	smcr_drop_ueid
	run_split "$SMC_CHK" -n b -q
	assert_line --regexp '^warning +eid\.ueid +no user EID and no system EID'
}

# rdma_rxe before 7.x sends and receives only through the initial namespace; 7.x's has a
# socket in each (smcr_fallback.bats shows both at work)
@test "SMC-R: rxe devices inside the namespaces: a problem where rdma_rxe serves only the initial namespace" {
	smcr_ready
	smcr_rxe_in_namespaces
	if have_feature rxe_netns; then
		run_split "$SMC_CHK" -n a
		refute_line --regexp '^problem +rdma\.'
		assert_line --regexp '^ok +rdma\.rxva\.1\.netns +software RoCE device \(rdma_rxe\); this kernel.s rdma_rxe has a UDP socket in each network namespace, so its netdev may be in any$'
		run_split "$SMC_CHK"
		assert_line --regexp '^ok +rdma\.rxvb\.1\.netns +software RoCE device \(rdma_rxe\)'
		return
	fi
	run_split "$SMC_CHK" -n a -q
	assert_equal "$status" 3
	assert_line --regexp '^problem +rdma\.rxva\.1\.netns +rxva is a software RDMA device \(rdma_rxe, siw\) whose netdev va is in a network namespace other than the initial one, and this kernel.s rdma_rxe sends and receives only through the initial one: .*0x02010000'
	run_split "$SMC_CHK" -q
	assert_equal "$status" 3
	assert_line --regexp '^problem +rdma\.rxvb\.1\.netns +rxvb is a software RDMA device'
}
