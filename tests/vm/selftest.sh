#!/usr/bin/env bash
# Check that the VM bench itself works: exit statuses and argument quoting
# survive the trip through the guest, our smc.ko with loopback-ism is the one
# loaded (6.12; Debian's own on 6.1), and tests/tools/smc_conn can open SMC
# connections over 127.0.0.1 (on 6.1 they fall back: no SMC-D device).
# Boots the guest six times (about 50 s under TCG).
#
# usage: [BENCH_KERNEL=6.12|6.1|7.3] tests/vm/selftest.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
cd "$here/../.."
kernel=${BENCH_KERNEL:-6.12}
# what differs on 6.1: Debian's smc.ko, no loopback-ism, no IPPROTO_SMC; on 7.3 the
# kernel's own smc.ko, whose loopback is the DIBS device lo
ours=yes lo=yes ipproto=yes
if [ "$kernel" = 6.1 ]; then
	ours=no lo=no ipproto=no
elif [ "$kernel" = 7.3 ]; then
	ours=no
fi

passed=0
failed=0
check() { # check NAME EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then
		passed=$((passed + 1))
		printf 'ok     %s\n' "$1"
	else
		failed=$((failed + 1))
		printf 'FAILED %s\n  expected: %q\n  actual:   %q\n' "$1" "$2" "$3"
	fi
}

tests/vm/prepare

# a guest that does not start the command in time is booted once more, then given up
rc=0
err=$(BENCH_BOOT_TIMEOUT=1 tests/vm/run true 2>&1) || rc=$?
check "a guest that never starts: exit 125" 125 "$rc"
check "... after one more boot, each said" \
	"booting once more|did not start the command within 1s, twice" \
	"$(grep -oE 'booting once more|did not start the command within 1s, twice' <<<"$err" | paste -sd'|')"

rc=0
tests/vm/run false || rc=$?
check "exit status 1 is passed through" 1 "$rc"

rc=0
tests/vm/run sh -c 'exit 7' || rc=$?
check "exit status 7 is passed through" 7 "$rc"

# shellcheck disable=SC2016  # the $ is meant literally
args=('a b' "c'd" '$HOME "q" \n' '')
out=$(tests/vm/run printf '[%s]\n' "${args[@]}")
check "arguments survive unchanged" "$(printf '[%s]\n' "${args[@]}")" "$out"

# Everything SMC in one boot; each line of output is one verdict.
# shellcheck disable=SC2016  # expanded in the guest
guest='
say() { if "$@" >/dev/null 2>&1; then echo "yes"; else echo "no"; fi; }
wait_ready() { for _ in $(seq 100); do grep -qx ready "$1" && return 0; sleep 0.1; done; return 1; }
c=./tests/tools/smc_conn
echo "kernel $(uname -r | cut -d. -f1,2)"
echo "smc ours $(say grep -q O /sys/module/smc/taint)"
echo "smc_diag $(say test -d /sys/module/smc_diag)"
echo "loopback-ism $(say sh -c "dmesg | grep -qE \"adding smcd device (loopback-ism|lo) \"")"
echo "hostname $(hostname)"
echo "SMC_BENCH $SMC_BENCH"
$c server 127.0.0.1 5000 >/tmp/srv4 2>&1 &
$c server -6 ::1 5000 >/tmp/srv6 2>&1 &
$c server --tcp 127.0.0.1 5001 >/tmp/srvt 2>&1 &
echo "server4 $(say wait_ready /tmp/srv4)"
echo "server6 $(say wait_ready /tmp/srv6)"
echo "servertcp $(say wait_ready /tmp/srvt)"
echo "client4 x3 $(say $c client --exit 127.0.0.1 5000 -n 3)"
echo "client6 $(say $c client --exit ::1 5000)"
echo "client ipproto $(say $c client --exit --ipproto 127.0.0.1 5000)"
echo "client tcp $(say $c client --exit --tcp 127.0.0.1 5001)"
$c client 127.0.0.1 5000 -n 2 >/tmp/cli 2>&1 &
echo "client held $(say wait_ready /tmp/cli)"
echo "idle x1000 $(say $c idle --exit -n 1000)"
'
out=$(tests/vm/run bash -c "$guest")
expect="kernel $kernel
smc ours $ours
smc_diag yes
loopback-ism $lo
hostname smcbench
SMC_BENCH 1
server4 yes
server6 yes
servertcp yes
client4 x3 yes
client6 yes
client ipproto $ipproto
client tcp yes
client held yes
idle x1000 yes"
while IFS= read -r line; do
	name=${line% *}
	got=$(printf '%s\n' "$out" | grep -F -x -m1 "$line" || printf '%s\n' "$out" | grep -F -m1 "$name " || true)
	check "guest: $name" "$line" "$got"
done <<<"$expect"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
