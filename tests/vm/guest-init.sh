#!/bin/bash
# Runs inside the bench guest, chrooted into the overlay of the host root,
# started by the initramfs /init. Not meant to be run on the host.
#
# 1. Sets the guest up for SMC: kernel filesystems, hostname smcbench, lo up,
#    ib_core, OUR smc.ko with loopback-ism (before anything can open an
#    AF_SMC socket, which would auto-load Debian's smc.ko instead), smc_diag.
#    On a kernel without loopback-ism (6.1) Debian's own smc.ko and smc_diag.
# 2. Runs the command described in /run/bench (argv: NUL-separated words,
#    cwd, optional env: `declare -p` lines) with stdin from /dev/null and
#    stdout/stderr into /run/bench/stdout and /run/bench/stderr.
# 3. Records its exit status in /run/bench/status ("setup-failed" if step 1
#    failed; the reason is in /run/bench/setup.log).
set -euo pipefail

# PATH comes from the initramfs (/bin only); use a normal root one.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root
export SMC_BENCH=1

res=/run/bench
# Where tests/vm/run found our smc.ko (build/bench/<kernel>/smc-lo unless
# BENCH_DIR moved the cache); empty for a kernel that keeps Debian's smc.ko.
smclo=$(cat "$res/smc-lo")
# Which of the bench's kernels this is (6.12, 6.1): tests/helpers/live.bash knows
# what each must have.
BENCH_KERNEL=$(cat "$res/kernel" 2>/dev/null || true)
export BENCH_KERNEL

mounted() { mountpoint -q "$1"; }

setup() {
	# Trace with timestamps into setup.log: shows what failed and what is slow.
	PS4='+ ${EPOCHREALTIME} '
	set -x
	mounted /proc || mount -t proc proc /proc
	mounted /sys || mount -t sysfs sysfs /sys
	mounted /dev || mount -t devtmpfs devtmpfs /dev
	mkdir -p /dev/pts /dev/shm
	mounted /dev/pts || mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts
	mounted /dev/shm || mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /dev/shm
	# bash process substitution (bats uses it) needs /dev/fd; devtmpfs does not make it
	[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
	[ -e /dev/stdin ] || ln -s /proc/self/fd/0 /dev/stdin
	[ -e /dev/stdout ] || ln -s /proc/self/fd/1 /dev/stdout
	[ -e /dev/stderr ] || ln -s /proc/self/fd/2 /dev/stderr
	mounted /run || mount -t tmpfs -o mode=0755 tmpfs /run
	# /tmp is deliberately not a fresh tmpfs: the overlay already makes it
	# writable, and hiding the host's /tmp would break commands whose cwd
	# or arguments live there (bats' temp dirs, mktemp -d paths).

	hostname smcbench
	ip link set lo up

	modprobe ib_core
	if [ -z "$smclo" ]; then
		# Debian's smc.ko as it is: no loopback-ism to check for
		modprobe -a smc smc_diag
		dmesg >/run/dmesg.setup
		return 0
	fi
	if [ -e /sys/module/smc ]; then
		echo "smc was loaded before our smc.ko" >&2
		return 1
	fi
	insmod "$smclo/smc.ko"
	if [ -f "$smclo/smc_diag.ko" ]; then
		insmod "$smclo/smc_diag.ko"
	else
		modprobe smc_diag
	fi
	# Our build is out of tree, so the kernel marks the module with O.
	grep -q O /sys/module/smc/taint || { echo "loaded smc is not ours" >&2; return 1; }
	# loopback-ism registers synchronously in smc's init. In 6.12 it is only
	# device_initialize()d, never added, so it has no sysfs node: the kernel
	# log (and the SMC netlink device list) are the places to see it.
	# (Captured first: with pipefail, `dmesg | grep -q` can fail on SIGPIPE.)
	local klog
	klog=$(dmesg)
	# kept for the tests: what the kernel said while SMC was loaded (the ring buffer
	# may have moved on by the time a test asks)
	printf '%s\n' "$klog" >/run/dmesg.setup
	if [[ $klog != *'smc: adding smcd device loopback-ism'* ]]; then
		echo "loopback-ism was not registered (no kernel message)" >&2
		return 1
	fi
}

# setup runs in its own bash so that `set -e` applies inside it (errexit is
# ignored in a function whose status an `if` or `||` tests).
if [ "${1:-}" = --setup ]; then
	setup
	exit 0
fi
if ! bash "${BASH_SOURCE[0]}" --setup >"$res/setup.log" 2>&1; then
	echo setup-failed >"$res/status"
	sync
	exit 1
fi

# Files written here are copied back to the host if tests/vm/run was given
# BENCH_OUTDIR.
export BENCH_OUT=$res/out
mkdir -p "$BENCH_OUT"

mapfile -d '' -t argv <"$res/argv"
cwd=$(cat "$res/cwd")
if [ -s "$res/env" ]; then
	# shellcheck source=/dev/null
	. "$res/env"
fi

# the host's run retries a guest that never got this far (a boot that failed), never one
# that started the command
: >"$res/started"
rc=0
(cd -- "$cwd" && exec "${argv[@]}") </dev/null >"$res/stdout" 2>"$res/stderr" || rc=$?
echo "$rc" >"$res/status.tmp"
mv "$res/status.tmp" "$res/status"
sync
