# tests/helpers/live.bash - for tests/live/*.bats, which run inside the qemu bench
# (tests/vm/run) on Debian's 6.12 kernel with our loopback-ism smc.ko loaded.
load ../helpers/common

# Every live test needs the bench; outside it (no SMC) they are skipped, never faked.
require_bench() {
	[ "${SMC_BENCH:-0}" = 1 ] || skip "needs the live-kernel bench (tests/vm/run)"
	[ -d /sys/module/smc_diag ] || skip "smc_diag not loaded"
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
