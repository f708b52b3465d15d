#!/usr/bin/env bash
# Runs inside the bench (tests/vm/run): real SMC-D connections and a fallback, shown
# with our own tools. Called by "make demo" through tests/demo.sh. On a kernel that
# lacks something (6.1: no loopback-ism, SMC-R over soft-RoCE hangs it) it shows what
# the kernel does instead and says what it lacks (the probes of tests/helpers/live.bash).
set -euo pipefail
cd "$(dirname "$0")/.."
# the bats helpers outside bats: have_feature, and smcr_up for the SMC-R part
. tests/helpers/outside-bats.bash
conn=tests/tools/smc_conn
PATH="$PWD/smcss:$PWD/smcr:$PWD/smcd:$PATH"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

show() {
	printf '\n$ %s\n' "$*"
	"$@"
}

# start CMD...: start in the background, wait for its "ready" line
start() {
	local out
	out=$(mktemp)
	"$@" >"$out" &
	pids+=($!)
	until grep -qx ready "$out"; do sleep 0.05; done
}

echo "== kernel $(uname -r)"
for f in $SMC_FEATURES; do
	have_feature "$f" || echo "   lacks $f: $FEATURE_WHY"
done
if have_feature loopback_ism; then
	echo "   SMC-D device: $(smc_loopback_device) (loopback)"
else
	echo "   no SMC-D device: the connections below fall back to TCP, and smcss says why"
fi
show smcd ueid add SMC-DEMO
show smcd ueid show
start "$conn" server 127.0.0.1 7000
start "$conn" client -n 2 127.0.0.1 7000
start "$conn" server ::1 7001
start "$conn" client ::1 7001
start "$conn" server --tcp 127.0.0.1 7002
start "$conn" client 127.0.0.1 7002
show smcss -a
show smcss -D
show smcss -d
echo
echo '$ smcss -j | jq -c '"'"'.[] | select(.mode == "TCP") | {local_port, peer_port, fallback_reason_name, fallback_reason_text}'"'"
smcss -j | jq -c '.[] | select(.mode == "TCP") | {local_port, peer_port, fallback_reason_name, fallback_reason_text}'

echo
echo "== why did a connection fall back? (no user EID on this x86 host)"
PATH="$PWD/smc_chk:$PWD/smc_run:$PATH"
smcd ueid flush
start "$conn" server 127.0.0.1 7003
start "$conn" client 127.0.0.1 7003
show smcss -e
show smc_chk -q || true
show smcd ueid add SMC-DEMO
smc_chk -S -p 7004 >/dev/null 2>&1 &
pids+=($!)
sleep 0.3
# exit 3 where the connection falls back (6.1): the verdict, not a failure of the demo
show smc_chk -C 127.0.0.1 -p 7004 || true
show smcr explain 0x03030002

echo
echo "== smc_run: an unmodified program (socat) over SMC-D (or falling back without it)"
if command -v socat >/dev/null; then
	head -c 1M /dev/urandom >/tmp/demo.in
	smc_run socat -u TCP-LISTEN:7005,reuseaddr CREATE:/tmp/demo.out &
	pids+=($!)
	sleep 0.5
	show smc_run -d socat -u - TCP:127.0.0.1:7005 </tmp/demo.in
	sleep 0.3
	show sha256sum /tmp/demo.in /tmp/demo.out
else
	echo "(socat is not installed: tests/deps.sh install)"
fi

echo
echo "== SMC-R between two network namespaces over soft-RoCE (tests/helpers/smcr.bash)"
smcr_up >/dev/null
if have_feature smcr_rxe; then
	start ip netns exec b "$conn" server 198.18.0.2 7100
	start ip netns exec a "$conn" client 198.18.0.2 7100
	show smcss -n a -R
	show smcr linkgroup
else
	echo "(no SMC-R connection: $FEATURE_WHY)"
fi
show smcr device
show smc_chk -n a -q || true
