# shellcheck shell=bash
# Helpers shared by the host-side bench scripts in tests/vm/.
# Source it; it only defines variables and functions.
#
# The kernel: BENCH_KERNEL=6.12 (the default), 6.1 or 7.3, each with its own cache, so
# that switching costs nothing once they are there. 6.12 and 6.1 are Debian's kernel
# packages; 7.3 is built here from Debian's linux-source-7.3 (trixie-backports), because
# Debian's 7.x has no SMC (build-kernel.sh), and the build is kept outside the clone, in
# $SMC_UTILS_CACHE/kernels/ (default ~/.cache/smc-utils), keyed by source version and
# configuration. Cache layout (everything under $BENCH_DIR, i.e. build/bench/<kernel>/):
#   kver                  resolved kernel: "<kernel release> <debian version>"
#   kernel/               dpkg -x of linux-image-<kver> (boot/, lib/modules/)
#   kernel/.done          stamp: kver of a complete extraction + depmod
#   smc-lo/smc.ko         smc.ko rebuilt with CONFIG_SMC_LO (loopback-ism); only for a
#                         kernel whose Kconfig has SMC_LO switched off (6.12); absent
#                         where Debian's smc.ko is used as it is (6.1: no loopback-ism)
#   smc-lo/.done          stamp: kver it was built (or found not needed) for
#   initramfs.cpio.gz     busybox initramfs (+ .done stamp)
#   console.log           kernel console of the last finished `run`
#   runs/run.XXXXXX/      per-run share with the guest (deleted afterwards)

# depmod and friends live in sbin, which a non-root PATH may lack.
PATH=$PATH:/usr/sbin:/sbin

log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

BENCH_VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$BENCH_VM_DIR/../.." && pwd -P)
BENCH_ROOT=$REPO/build/bench
BENCH_KERNEL=${BENCH_KERNEL:-6.12}
# The meta package that names the current kernel of each choice in Debian 12.
case $BENCH_KERNEL in
6.12) _bench_meta=linux-image-6.12-amd64 ;; # bookworm's 6.12 (Debian 13's kernel)
6.1) _bench_meta=linux-image-amd64 ;;       # bookworm's own 6.1.0-NN
7.3) _bench_meta= ;;                         # built: BENCH_KERNEL_SOURCE
*) die "BENCH_KERNEL=$BENCH_KERNEL: choose 6.12 (the default), 6.1 or 7.3" ;;
esac
# A kernel built by the bench: the Debian source package and the suite that has it
BENCH_KERNEL_SOURCE=
BENCH_KERNEL_SUITE=
if [ "$BENCH_KERNEL" = 7.3 ]; then
	BENCH_KERNEL_SOURCE=linux-source-7.3
	BENCH_KERNEL_SUITE=trixie-backports
fi
# the suffix of a built kernel's release: tells it from any Debian package's
BENCH_LOCALVERSION=-smcbench
SMC_UTILS_CACHE=${SMC_UTILS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/smc-utils}
BENCH_KERNEL_META=${BENCH_KERNEL_META:-$_bench_meta}
BENCH_DIR=${BENCH_DIR:-$BENCH_ROOT/$BENCH_KERNEL}
# apt-get download refuses to drop privileges to _apt when the target
# directory is not readable by that user and then prints a warning; as
# root we simply tell it not to sandbox.
# apt_private SUITE get|cache ARGS...: apt-get or apt-cache with a configuration of our
# own (sources for Debian's SUITE only, state under $SMC_UTILS_CACHE/apt/SUITE), never
# touching the host's; its lists are fetched on first use.
apt_private() {
	local suite=$1 tool=apt-$2 dir=$SMC_UTILS_CACHE/apt/$1
	shift 2
	local -a opts=(-o "Dir::Etc=$dir/etc" -o "Dir::State=$dir/state" -o "Dir::Cache=$dir/cache"
		-o Dir::Etc::Parts=/dev/null -o Dir::Etc::Preferences=/dev/null
		-o Dir::Etc::PreferencesParts=/dev/null)
	[ "$(id -u)" != 0 ] || opts+=(-o APT::Sandbox::User=root)
	if [ ! -f "$dir/state/lists/.done" ]; then
		mkdir -p "$dir/etc" "$dir/state/lists/partial" "$dir/cache/archives/partial"
		echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" \
			>"$dir/etc/sources.list"
		apt-get "${opts[@]}" -q update >"$dir/update.log" 2>&1 ||
			{ cat "$dir/update.log" >&2; die "apt-get update for $suite failed"; }
		: >"$dir/state/lists/.done"
	fi
	"$tool" "${opts[@]}" "$@"
}

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
# build/bench/<kernel> to move to a newer one.
resolve_kernel() {
	local line=
	if [ -s "$BENCH_DIR/kver" ]; then
		line=$(cat "$BENCH_DIR/kver")
	elif [ -n "$BENCH_KERNEL_SOURCE" ]; then
		local ver
		ver=$(apt_private "$BENCH_KERNEL_SUITE" cache show --no-all-versions \
			"$BENCH_KERNEL_SOURCE" 2>/dev/null | sed -n 's/^Version: //p' | head -n1)
		[ -n "$ver" ] || die "cannot find $BENCH_KERNEL_SOURCE in Debian's $BENCH_KERNEL_SUITE"
		# 7.3.4-1~bpo13+1 builds 7.3.4-smcbench
		line="${ver%%-*}$BENCH_LOCALVERSION $ver"
		mkdir -p "$BENCH_DIR"
		printf '%s\n' "$line" >"$BENCH_DIR/kver"
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
	# A BENCH_DIR or BENCH_KERNEL_META of another kernel would mix two caches.
	if [ "$KSERIES" != "$BENCH_KERNEL" ]; then
		die "$BENCH_DIR/kver names $KVER, not a $BENCH_KERNEL kernel (BENCH_KERNEL=$BENCH_KERNEL)"
	fi
}

# The bench kept 6.12's cache in build/bench/ itself before there was a choice of
# kernels; move such a cache into its own directory instead of fetching and building it
# all again. Call with the cache lock held.
migrate_flat_cache() {
	local line series f
	[ -s "$BENCH_ROOT/kver" ] || return 0
	line=$(cat "$BENCH_ROOT/kver")
	series=$(printf '%s' "${line%% *}" | cut -d. -f1,2)
	case $series in
	6.12 | 6.1) ;;
	*) return 0 ;;
	esac
	[ ! -e "$BENCH_ROOT/$series" ] || return 0
	log "moving the cache of $series from build/bench/ to build/bench/$series/"
	mkdir -p "$BENCH_ROOT/$series.tmp"
	for f in kernel smc-lo initramfs.cpio.gz initramfs.cpio.gz.done console.log kver; do
		if [ -e "$BENCH_ROOT/$f" ]; then
			mv "$BENCH_ROOT/$f" "$BENCH_ROOT/$series.tmp/$f"
		fi
	done
	mv "$BENCH_ROOT/$series.tmp" "$BENCH_ROOT/$series"
	rmdir "$BENCH_ROOT/runs" 2>/dev/null || true
}

# smc_lo_plan: how this kernel gets loopback-ism, from the configuration Debian built
# it with (kernel/boot/config-KVER; a feature, not a version number):
#   rebuild  the kernel has the option, switched off (6.12: "# CONFIG_SMC_LO is not
#            set"): build-smc-lo.sh rebuilds smc.ko with it
#   builtin  Debian's smc.ko has it already (CONFIG_SMC_LO=y)
#   none     the kernel predates loopback-ism (6.1 has no CONFIG_SMC_LO at all): the
#            bench loads Debian's smc.ko, and SMC-D has no device
smc_lo_plan() {
	local config=$BENCH_DIR/kernel/boot/config-$KVER
	[ -f "$config" ] || die "no $config (run tests/vm/fetch-kernel.sh)"
	if grep -qx 'CONFIG_SMC_LO=y' "$config"; then
		echo builtin
	elif grep -qx '# CONFIG_SMC_LO is not set' "$config"; then
		echo rebuild
	else
		echo none
	fi
}

# stamp_ok FILE: true if FILE exists and records the current kernel.
stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$KVER" ]; }
