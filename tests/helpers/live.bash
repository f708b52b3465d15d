# tests/helpers/live.bash - for tests/live/*.bats, which run inside the qemu bench
# (tests/vm/run) on one of Debian's kernels: 6.12 with our loopback-ism smc.ko loaded, or
# 6.1 with Debian's own (BENCH_KERNEL of tests/vm/run).
load ../helpers/common

# Every live test needs the bench; outside it (no SMC) they are skipped, never faked.
require_bench() {
	[ "${SMC_BENCH:-0}" = 1 ] || skip "needs the live-kernel bench (tests/vm/run)"
	[ -d /sys/module/smc_diag ] || skip "smc_diag not loaded"
}

# --- what the running kernel has ---
#
# require_feature FEATURE...   skip the test, with the kernel's reason, unless the running
#                              kernel has every FEATURE (call it after require_bench)
# have_feature FEATURE         the same as a condition: status 0 if the kernel has it, else
#                              1 with the reason in $FEATURE_WHY
#
# Features are probed on the kernel itself, not read off its version number (the one
# exception, smcr_rxe, is a kernel bug that cannot be probed without running into it),
# once per boot: the answers are kept under /run/smc-features/.
#   loopback_ism        SMC-D's software device (Linux 6.9+, CONFIG_SMC_LO): SMC-D
#                       between sockets of this host (127.0.0.1, ::1, other namespaces)
#   smc_v2_1            the kernel speaks SMC version 2.1 or later (smcd -j info)
#   ipproto_smc         socket(AF_INET, SOCK_STREAM, IPPROTO_SMC) works (Linux 6.11+)
#   rxe_netdev          the SMC device list names the netdev of a soft-RoCE (rxe) port
#   stats_buffer_usage  the SMC statistics carry the buffer usage gauges
#   smcr_rxe            SMC-R link groups over rdma_rxe can be set up (and torn down)
#                       without hanging the kernel
#
# What each kernel of the bench has (tests/vm/guest-init.sh exports BENCH_KERNEL): a probe
# that misses one of these there fails the test instead of skipping it, so that a broken
# probe or bench can never turn the reference kernel's tests into skips.
_bench_kernel_features() {
	case ${BENCH_KERNEL:-} in
	6.12) echo "loopback_ism smc_v2_1 ipproto_smc rxe_netdev stats_buffer_usage smcr_rxe" ;;
	7.3) echo "loopback_ism smc_v2_1 ipproto_smc rxe_netdev stats_buffer_usage smcr_rxe rxe_netns" ;;
	*) echo "" ;; # 6.1 has none of them
	esac
}

# every feature there is a probe for (tests/live/kernel.bats lists them all)
export SMC_FEATURES="loopback_ism smc_v2_1 ipproto_smc rxe_netdev stats_buffer_usage smcr_rxe rxe_netns"
SMC_FEATURES_DIR=/run/smc-features

have_feature() {
	local name=$1 cache=$SMC_FEATURES_DIR/$1 answer
	FEATURE_WHY=
	# the probes load modules and make devices: never on the host
	if [ "${SMC_BENCH:-0}" != 1 ]; then
		FEATURE_WHY="not in the live-kernel bench (tests/vm/run)"
		return 1
	fi
	if [ ! -f "$cache" ]; then
		declare -F "_probe_$name" >/dev/null || {
			echo "have_feature: unknown feature '$name'" >&2
			return 2
		}
		mkdir -p "$SMC_FEATURES_DIR"
		if "_probe_$name"; then
			echo yes >"$cache"
		else
			printf 'no\n%s\n' "$FEATURE_WHY" >"$cache"
		fi
	fi
	{ read -r answer; read -r FEATURE_WHY || true; } <"$cache"
	[ "$answer" = yes ]
}

require_feature() {
	local name rc
	for name in "$@"; do
		rc=0
		have_feature "$name" || rc=$?
		[ "$rc" -ne 2 ] || fail "require_feature: unknown feature '$name'"
		[ "$rc" -eq 0 ] && continue
		if [[ " $(_bench_kernel_features) " == *" $name "* ]]; then
			fail "the bench's $BENCH_KERNEL kernel has $name, but the probe says: $FEATURE_WHY"
		fi
		skip "$FEATURE_WHY"
	done
}

# require_reference_kernel: for a test of the tools themselves more than of the kernel
# (valgrind over every output format, a minute each under TCG): make check runs it on
# 6.12, the kernel with every feature, and skips it, saying so, on the others, whose
# answers the other tests check, to keep the suite within CI's time.
# SMC_LIVE_ALL=1 (BENCH_ENV=SMC_LIVE_ALL for tests/vm/run) runs it everywhere.
require_reference_kernel() {
	[ "${BENCH_KERNEL:-}" = 6.12 ] || [ "${SMC_LIVE_ALL:-0}" = 1 ] ||
		skip "memory checkers over every output format: make check runs them on 6.12 only, for time (SMC_LIVE_ALL=1 runs them on ${BENCH_KERNEL:-this kernel} too)"
}

# The name SMC gives the loopback SMC-D device (smc_pnet -D): "loopback-ism" from 6.9 on,
# the DIBS device "lo" since SMC-D moved onto the DIBS layer (7.x, /sys/class/dibs/lo)
smc_loopback_device() {
	if [ -d /sys/class/dibs/lo ]; then echo lo; else echo loopback-ism; fi
}

_probe_loopback_ism() {
	local klog name
	name=$(smc_loopback_device)
	# loopback-ism has no sysfs node before DIBS and is left out of the SMC-D device
	# list (6.10+): the kernel log of the module's load is where it shows
	# (and /run/dmesg.setup: the log as it was when tests/vm/guest-init.sh loaded smc)
	klog=$(cat /run/dmesg.setup 2>/dev/null; dmesg 2>/dev/null) || true
	[[ $klog == *"smc: adding smcd device $name"* ]] && return 0
	FEATURE_WHY="no loopback-ism on $(uname -r) (no \"smc: adding smcd device $name\" in the kernel log; it came with Linux 6.9, CONFIG_SMC_LO, and is the DIBS device lo since 7.0, CONFIG_DIBS_LO): connections within this host find no SMC-D device and fall back"
	return 1
}

_probe_smc_v2_1() {
	local v
	v=$("$SMCD" -j info | jq -r 'if .smc_version then "\(.smc_version).\(.smc_release)" else empty end') || v=
	if [ -n "$v" ] && [ "$(printf '%s\n' 2.1 "$v" | sort -V | head -n1)" = 2.1 ]; then
		return 0
	fi
	FEATURE_WHY="the kernel speaks SMC version ${v:-(unknown)} (smcd info), not 2.1 (Linux 6.5+: SMC-Rv2.1 limits, peer release and vendor options)"
	return 1
}

_probe_ipproto_smc() {
	local err
	# 256 = IPPROTO_SMC
	err=$(perl -MSocket -e 'socket(my $s, AF_INET, SOCK_STREAM, 256) or die "$!\n"' 2>&1) &&
		return 0
	FEATURE_WHY="socket(AF_INET, SOCK_STREAM, IPPROTO_SMC) fails on $(uname -r): $err (IPPROTO_SMC came with Linux 6.11)"
	return 1
}

# load_rxe_modules [MODULE...]: veth, rdma_rxe, ib_uverbs and MODULE..., which the guest
# cannot load on demand (the kernel's modprobe runs in the initramfs, not in the chroot
# the tests run in); and crc32_generic where rdma_rxe asks the crypto API for "crc32"
# (its ICRC) when a device is added, else `rdma link add` fails with ENOENT. Kernels
# whose rdma_rxe calls the crc32 library directly (7.x) have no such module.
load_rxe_modules() {
	modprobe -a veth rdma_rxe ib_uverbs "$@"
	if modinfo crc32_generic >/dev/null 2>&1; then
		modprobe crc32_generic
	fi
}

# rxe_on_veth ADDR: soft-RoCE device rxt on veth vt0 (peer vt1, both up), vt0 with ADDR/24,
# and rxt in the PNET table as NETT; rxe_on_veth_down removes them again
rxe_on_veth() {
	load_rxe_modules
	ip link add vt0 type veth peer name vt1
	ip link set vt0 up
	ip link set vt1 up
	ip addr add "$1/24" dev vt0
	rdma link add rxt type rxe netdev vt0
	"$TOP/smc_pnet/smc_pnet" -a NETT -D rxt
}

rxe_on_veth_down() {
	"$TOP/smc_pnet/smc_pnet" -d NETT 2>/dev/null || true
	rdma link delete rxt 2>/dev/null || true
	ip link del vt0 2>/dev/null || true
}

# a soft-RoCE device of its own on a veth pair, asked through smcr -j device
_probe_rxe_netdev() {
	local json rc=0
	load_rxe_modules
	ip link add smcfeat0 type veth peer name smcfeat1
	ip link set smcfeat0 up
	rdma link add smcfeat type rxe netdev smcfeat0
	json=$("$SMCR" -j device ibdev smcfeat) || rc=1
	rdma link delete smcfeat
	ip link del smcfeat0
	[ "$rc" = 0 ] && jq -e '.[0].netdev == "smcfeat0"' <<<"$json" >/dev/null && return 0
	FEATURE_WHY="the SMC device list of $(uname -r) gives no netdev for a soft-RoCE port (smcr device shows Net-Dev -): its smc_ib.c asks the driver's get_netdev operation, which rdma_rxe does not have (6.12 asks ib_device_get_netdev())"
	return 1
}

# rdma_rxe with a UDP socket in each network namespace (rxe_ns.c; the function is in
# /proc/kallsyms once the module is loaded): an rxe device on a netdev inside a
# namespace then works (smcr_rxe_in_namespaces)
_probe_rxe_netns() {
	load_rxe_modules
	awk '$3 == "rxe_ns_pernet_sk4" { found = 1; exit } END { exit !found }' /proc/kallsyms && return 0
	FEATURE_WHY="rdma_rxe of $(uname -r) has one UDP socket for all network namespaces (no rxe_ns_pernet_sk4 in /proc/kallsyms): an rxe device on a netdev inside a namespace sends nothing"
	return 1
}

_probe_stats_buffer_usage() {
	"$SMCD" -a -j stats | jq -e '.rx | has("buffer_usage")' >/dev/null && return 0
	FEATURE_WHY="the SMC statistics of $(uname -r) carry no buffer usage gauges (SMC_NLA_STATS_T_RX_RMB_USAGE/TX_RMB_USAGE)"
	return 1
}

# A known kernel bug, hence a version number: on 6.1 the first SMC-R connection over
# rdma_rxe never confirms its link, and freeing the link group then blocks for good
# (seen in the bench on 6.1.0-56-amd64: the client in connect() and the server's
# smc_hs_wq kworker in smc_wr_drain_cq <- smc_wr_free_link <- smcr_link_clear <-
# smc_lgr_free, "blocked for more than 120 seconds"; issue 11). 6.12 works; releases in
# between were not tried, so everything before 6.2 counts as affected.
_probe_smcr_rxe() {
	local major minor
	IFS=. read -r major minor _ <<<"$(uname -r)"
	if [ "$major" -gt 6 ] || { [ "$major" -eq 6 ] && [ "$minor" -ge 2 ]; }; then
		return 0
	fi
	FEATURE_WHY="SMC-R over rdma_rxe hangs Linux $(uname -r) at the first connection (a kernel bug: the link never confirms, then the client and a kworker block for good in smc_wr_drain_cq <- smc_wr_free_link <- smcr_link_clear <- smc_lgr_free; issue 11), so no test sets up an SMC-R link group there"
	return 1
}

# The UEID SMCv2 needs on x86 (no system EID); set with our own tool.
BENCH_UEID=SMC-BENCH
ensure_ueid() {
	"$SMCD" ueid flush
	"$SMCD" ueid add "$BENCH_UEID"
}

# start_bg NAME CMD...: start CMD in the background and wait until it prints "ready"
start_bg() {
	local name=$1 i
	shift
	"$@" >"$BATS_TEST_TMPDIR/$name.out" 2>"$BATS_TEST_TMPDIR/$name.err" &
	echo $! >>"$BATS_TEST_TMPDIR/pids"
	for ((i = 0; i < 300; i++)); do
		grep -qx ready "$BATS_TEST_TMPDIR/$name.out" 2>/dev/null && return 0
		if ! kill -0 "$!" 2>/dev/null; then
			echo "# $name died: $(cat "$BATS_TEST_TMPDIR/$name.err")" >&3
			return 1
		fi
		sleep 0.05
	done
	echo "# $name not ready after 15 s" >&3
	return 1
}

stop_bg() {
	local pid
	[ -f "$BATS_TEST_TMPDIR/pids" ] || return 0
	while read -r pid; do
		kill "$pid" 2>/dev/null || true
	done <"$BATS_TEST_TMPDIR/pids"
	while read -r pid; do
		wait "$pid" 2>/dev/null || true
	done <"$BATS_TEST_TMPDIR/pids"
	rm -f "$BATS_TEST_TMPDIR/pids"
}

# pair PORT [SERVER-OPTS] -- [CLIENT-OPTS]: a server on 127.0.0.1:PORT and one client
pair() {
	local port=$1 sopts=() copts=()
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do sopts+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	copts=("$@")
	start_bg server "$SMC_CONN" server "${sopts[@]}" 127.0.0.1 "$port"
	start_bg client "$SMC_CONN" client "${copts[@]}" 127.0.0.1 "$port"
}

# rows_for PORT: the smcss -a JSON objects of sockets using PORT on either end
rows_for() {
	local port=$1
	shift
	"$SMCSS" -a -j "$@" | jq -c --argjson p "$port" '[.[] | select(.local_port == $p or .peer_port == $p)]'
}
