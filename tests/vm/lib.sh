# shellcheck shell=bash
# Helpers shared by the host-side bench scripts in tests/vm/.
# Source it; it only defines variables and functions.
#
# Cache layout (everything under $BENCH_DIR, i.e. build/bench/ of the repo):
#   kver                  resolved kernel: "<kernel release> <debian version>"
#   kernel/               dpkg -x of linux-image-<kver> (boot/, lib/modules/)
#   kernel/.done          stamp: kver of a complete extraction + depmod
#   smc-lo/smc.ko         smc.ko rebuilt with CONFIG_SMC_LO (loopback-ism)
#   smc-lo/.done          stamp: kver it was built for
#   initramfs.cpio.gz     busybox initramfs (+ .done stamp)
#   console.log           kernel console of the last finished `run`
#   runs/run.XXXXXX/      per-run share with the guest (deleted afterwards)

# depmod and friends live in sbin, which a non-root PATH may lack.
PATH=$PATH:/usr/sbin:/sbin

BENCH_VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$BENCH_VM_DIR/../.." && pwd -P)
BENCH_DIR=${BENCH_DIR:-$REPO/build/bench}
# The meta package that names "the current 6.12 kernel" in Debian 12.
BENCH_KERNEL_META=${BENCH_KERNEL_META:-linux-image-6.12-amd64}

log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

# apt-get download refuses to drop privileges to _apt when the target
# directory is not readable by that user and then prints a warning; as
# root we simply tell it not to sandbox.
apt_download() {
	local dir=$1; shift
	local -a opts=()
	if [ "$(id -u)" = 0 ]; then
		opts=(-o APT::Sandbox::User=root)
	fi
	(cd "$dir" && apt-get "${opts[@]}" -q download "$@") >"$dir/apt.log" 2>&1 ||
		{ cat "$dir/apt.log" >&2; die "apt-get download $* failed"; }
}

# Sets KVER (kernel release, e.g. 6.12.117+deb12-amd64), KABI (without the
# flavour, e.g. 6.12.117+deb12), KSERIES (6.12) and KPKGVER (Debian package
# version, e.g. 6.12.117-1~deb12u1).
#
# Once resolved the choice is kept in $BENCH_DIR/kver so that a later archive
# update does not silently swap the kernel under a developer; delete
# build/bench to move to a newer one.
resolve_kernel() {
	local line=
	if [ -s "$BENCH_DIR/kver" ]; then
		line=$(cat "$BENCH_DIR/kver")
	else
		local dep
		dep=$(apt-cache show --no-all-versions "$BENCH_KERNEL_META" 2>/dev/null |
			sed -n 's/^Depends:.*\blinux-image-\([^ ,]*\) (= \([^)]*\)).*/\1 \2/p' | head -n1)
		[ -n "$dep" ] || die "cannot resolve $BENCH_KERNEL_META with apt-cache (run apt-get update?)"
		line=$dep
		mkdir -p "$BENCH_DIR"
		printf '%s\n' "$line" >"$BENCH_DIR/kver"
	fi
	# These are used by the scripts that source this file.
	# shellcheck disable=SC2034
	{
		KVER=${line%% *}
		KPKGVER=${line#* }
		KABI=${KVER%-*}
		KSERIES=$(printf '%s' "$KVER" | cut -d. -f1,2)
	}
	if [ -z "$KVER" ] || [ -z "$KPKGVER" ] || [ "$KABI" = "$KVER" ]; then
		die "bad kernel version record in $BENCH_DIR/kver: $line"
	fi
}

# stamp_ok FILE: true if FILE exists and records the current kernel.
stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$KVER" ]; }
