#!/usr/bin/env bats
# smc_run on a live kernel: unmodified programs (socat, our probe) get SMC sockets in
# each -f mode; their connections are SMC-D over loopback-ism and SMC-R between the
# namespaces of tests/helpers/smcr.bash, as smcss shows; the data arrives intact.
#
# The SMC-D tests come first: smcr_up gives loopback-ism a PNET ID that no interface
# has, after which 127.0.0.1 no longer reaches SMC-D; teardown_file gives it back.
#
# -f inet (and auto's choice of it) needs IPPROTO_SMC, SMC-D needs loopback-ism, SMC-R
# needs a kernel that survives SMC-R over rdma_rxe: 6.1 has none of the three, so there
# the tests of AF_SMC sockets run and the others are skipped with the reason.
load ../helpers/smc_run
load ../helpers/smcr

setup() {
	require_bench
	[ -x "$SMC_RUN" ] || skip "run 'make' first"
}

teardown() {
	smcr_teardown
}

teardown_file() {
	if [ "${SMC_BENCH:-0}" = 1 ] && [ -e /run/netns/a ]; then
		smcr_down
	fi
}

# both ends of PORT, and only they, ACTIVE with mode $1 (run inside socat_copy)
both_ends() {
	local mode=$1 port=$2
	rows_for "$port" | jq -e --arg m "$mode" '[.[] | select(.state == "ACTIVE")] |
		length == 2 and all(.mode == $m)' >/dev/null || {
		echo "# smcss: $(rows_for "$port")" >&3
		return 1
	}
}

@test "smc_run -f smc: TCP sockets become AF_SMC sockets, flags kept, others untouched" {
	run_split "$SMC_RUN" -f smc "$SMC_RUN_PROBE" sockets tcp tcp6 tcp-tcp tcp6-flags udp unix mptcp
	assert_success
	assert_equal "$stderr" ""
	# AF_SMC; the protocol says IPv4 (SMCPROTO_SMC) or IPv6 (SMCPROTO_SMC6)
	assert_line --index 0 --regexp '^tcp domain=43 protocol=0 nonblock=0 cloexec=0 '
	assert_line --index 1 --regexp '^tcp6 domain=43 protocol=1 '
	assert_line --index 2 --regexp '^tcp-tcp domain=43 protocol=0 '
	assert_line --index 3 --regexp '^tcp6-flags domain=43 protocol=1 nonblock=1 cloexec=1 '
	assert_line --index 4 --regexp '^udp domain=2 protocol=17 '
	assert_line --index 5 --regexp '^unix domain=1 protocol=0 '
	assert_line --index 6 --regexp '^mptcp domain=2 protocol=262 '
	# auto takes IPPROTO_SMC where the kernel has it (next test), else AF_SMC
	if ! have_feature ipproto_smc; then
		run_split "$SMC_RUN" -f auto "$SMC_RUN_PROBE" sockets tcp tcp6 udp
		assert_success
		assert_equal "$stderr" ""
		assert_line --index 0 --regexp '^tcp domain=43 protocol=0 '
		assert_line --index 1 --regexp '^tcp6 domain=43 protocol=1 '
		assert_line --index 2 --regexp '^udp domain=2 protocol=17 '
	fi
}

@test "smc_run -f inet and auto: TCP sockets become IPPROTO_SMC sockets, the family stays" {
	require_feature ipproto_smc
	# IPPROTO_SMC (6.11+): the family stays; auto takes it where the kernel has it
	for mode in inet auto; do
		run_split "$SMC_RUN" -f "$mode" "$SMC_RUN_PROBE" sockets tcp tcp6 tcp-flags udp
		assert_success
		assert_line --index 0 --regexp '^tcp domain=2 protocol=256 '
		assert_line --index 1 --regexp '^tcp6 domain=10 protocol=256 '
		assert_line --index 2 --regexp '^tcp-flags domain=2 protocol=256 nonblock=1 cloexec=1 '
		assert_line --index 3 --regexp '^udp domain=2 protocol=17 '
	done
}

# (-f inet needs IPPROTO_SMC: without it only AF_SMC sockets are converted)
@test "smc_run -r/-t: buffer sizes on converted sockets only" {
	local modes=(smc)
	plain_udp=$("$SMC_RUN_PROBE" sockets udp unix)
	if have_feature ipproto_smc; then
		modes+=(inet)
	else
		echo "# -f inet not tried: $FEATURE_WHY" >&3
	fi
	for mode in "${modes[@]}"; do
		run_split "$SMC_RUN" -f "$mode" -r 96k -t 80k "$SMC_RUN_PROBE" sockets tcp udp unix
		assert_success
		# the kernel doubles what SO_RCVBUF/SO_SNDBUF ask for
		assert_line --index 0 --regexp '^tcp domain=[0-9]+ protocol=[0-9]+ .* rcvbuf=196608 sndbuf=163840$'
		assert_equal "$(sed 1d <<<"$output")" "$plain_udp"
	done
	run_split "$SMC_RUN" -d -r 96k "$SMC_RUN_PROBE" sockets tcp
	# (bats holds fd 3: the socket's number varies)
	grep -qE '^smc_run: smc_run_probe\[[0-9]+\]: socket [0-9]+: SO_RCVBUF 98304 requested, the kernel set 196608$' <<<"$stderr"
}

@test "smc_run: socat over 127.0.0.1 is SMC-D in each mode, data intact" {
	require_feature loopback_ism ipproto_smc
	ensure_ueid
	port=6600
	for mode in auto smc inet; do
		socat_copy "$mode" "$port" 127.0.0.1 both_ends SMCD "$port"
		port=$((port + 1))
	done
}

@test "smc_run: socat over ::1 (AF_SMC with SMCPROTO_SMC6) is SMC-D, data intact" {
	require_feature loopback_ism
	ensure_ueid
	COPY_BYTES=262144 socat_copy smc 6610 ::1 both_ends SMCD 6610
}

@test "smc_run -d: reports options SMC rejects or ignores, once each, on SMC sockets only" {
	local modes=(smc)
	if have_feature ipproto_smc; then
		modes+=(inet)
	else
		echo "# -f inet not tried: $FEATURE_WHY" >&3
	fi
	for mode in "${modes[@]}"; do
		run_split "$SMC_RUN" -d -f "$mode" "$SMC_RUN_PROBE" options 127.0.0.1 6620
		assert_success
		tcp=$(sed -n 's/^tcp fd=//p' <<<"$output")
		fo=$(sed -n 's/^fastopen fd=//p' <<<"$output")
		p="smc_run: smc_run_probe\\[[0-9]+\\]: socket"
		grep -qE "^$p $tcp: setsockopt\\(SO_KEEPALIVE\\): accepted, but it does not act on SMC connections as it does on TCP$" <<<"$stderr"
		grep -qE "^$p $tcp: setsockopt\\(SO_PRIORITY\\): accepted" <<<"$stderr"
		grep -qE "^$p $tcp: getsockopt\\(TCP_INFO\\): accepted" <<<"$stderr"
		grep -qE "^$p $tcp: setsockopt\\(TCP_FASTOPEN_CONNECT\\): SMC does not support TCP Fast Open: .*falls back to TCP \\(reason 0x03060000, OPTUNSUPP\\)" <<<"$stderr"
		grep -qE "^$p $fo: sendto\\(MSG_FASTOPEN\\): SMC does not support TCP Fast Open" <<<"$stderr"
		# once each, nothing for TCP_NODELAY (works on SMC) or the UDP socket
		assert_equal "$(grep -c 'SO_KEEPALIVE' <<<"$stderr")" 1
		assert_equal "$(grep -c 'SO_PRIORITY' <<<"$stderr")" 1
		! grep -q TCP_NODELAY <<<"$stderr"
		# 2 conversions, 5 reports
		assert_equal "$(grep -c . <<<"$stderr")" 7
	done
	# and the program did what it does without smc_run: the same stdout
	run_split "$SMC_RUN" -f smc "$SMC_RUN_PROBE" options 127.0.0.1 6620
	assert_equal "$stderr" ""
	assert_line "sendto: Connection refused"
}

@test "preload library: 64 threads storm socket()/close() with real SMC sockets" {
	for mode in auto smc; do
		run_split "$SMC_RUN" -f "$mode" "$SMC_RUN_PROBE" storm 64 10
		assert_success
		assert_output "storm: 1920 sockets, 1280 converted, 0 errors, 0 fds leaked"
	done
}

@test "smc_run: socat between namespaces a and b is SMC-R in each mode, data intact" {
	smcr_require
	require_feature smcr_rxe ipproto_smc
	local t=$EPOCHREALTIME
	smcr_up
	echo "# smcr_up took $(smcr_elapsed "$t") s" >&3
	port=6630
	for mode in auto smc inet; do
		COPY_SERVER_NS=b COPY_CLIENT_NS=a COPY_BYTES=262144 \
			socat_copy "$mode" "$port" "$SMCR_B" smcr_jq "$port" \
			'($a | length == 1 and .[0].mode == "SMCR") and
			 ([$b[] | select(.state == "ACTIVE")] | length == 1 and .[0].mode == "SMCR")'
		port=$((port + 1))
	done
}
