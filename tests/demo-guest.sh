#!/usr/bin/env bash
# Runs inside the bench (tests/vm/run): real SMC-D connections and a fallback, shown
# with our own tools. Called by "make demo" through tests/demo.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
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

echo "== kernel $(uname -r), SMC-D device: loopback-ism"
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
