#!/usr/bin/env bash
# Fetch the kernel image of BENCH_KERNEL into build/bench/<kernel>/kernel/ without
# installing it on the host: Debian's package (6.12, 6.1), or the bench's own build of
# Debian's kernel source (7.3, see build-kernel.sh and tests/vm/README.md).
#
# usage: [BENCH_KERNEL=6.12|6.1|7.3] tests/vm/fetch-kernel.sh
#
# The exact version comes from the meta package, linux-image-6.12-amd64 or
# linux-image-amd64 (override with BENCH_KERNEL_META). The package is unpacked with dpkg -x and
# depmod is run on the copy, because Debian ships no modules.dep (its
# postinst generates it). Modules stay .ko.xz: the guest's kmod reads xz, and
# mkinitramfs.sh decompresses the few it needs for busybox insmod.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

resolve_kernel
dest=$BENCH_DIR/kernel
if stamp_ok "$dest/.done"; then
	exit 0
fi

# A kernel the bench builds (7.3): once per source version and configuration, outside the
# clone, then copied in as if unpacked from a package.
if [ -n "$BENCH_KERNEL_SOURCE" ]; then
	key=$(cat "$BENCH_VM_DIR/kernel-7.config" "$BENCH_VM_DIR/build-kernel.sh" | sha256sum | cut -c1-12)
	built=$SMC_UTILS_CACHE/kernels/$KPKGVER-$key
	if [ ! -f "$built/release" ]; then
		log "building $KVER from $BENCH_KERNEL_SOURCE $KPKGVER into $built (once; about 30 minutes on 2 CPUs)"
		rm -rf "$built"
		mkdir -p "$built/debs" "$built/src"
		(cd "$built/debs" && apt_private "$BENCH_KERNEL_SUITE" get -q download \
			"$BENCH_KERNEL_SOURCE=$KPKGVER") >"$built/apt.log" 2>&1 ||
			{ cat "$built/apt.log" >&2; die "downloading $BENCH_KERNEL_SOURCE failed"; }
		dpkg -x "$built"/debs/*.deb "$built/pkg"
		tar -C "$built/src" -xJf "$built"/pkg/usr/src/"$BENCH_KERNEL_SOURCE".tar.xz
		rm -rf "$built/pkg" "$built/debs"
		"$BENCH_VM_DIR/build-kernel.sh" "$built/src/$BENCH_KERNEL_SOURCE" "$built" \
			>"$built/build.log" 2>&1 ||
			{ tail -n 30 "$built/build.log" >&2; die "building $KVER failed (log: $built/build.log)"; }
		rm -rf "$built/src" "$built/build"
	fi
	[ "$(cat "$built/release")" = "$KVER" ] ||
		die "$built built $(cat "$built/release"), not $KVER"
	rm -rf "$dest"
	mkdir -p "$dest"
	cp -a "$built/kernel/." "$dest/"
	cp "$built/config" "$dest/boot/config-$KVER"
	depmod -b "$dest" "$KVER"
	printf '%s\n' "$KVER" >"$dest/.done"
	exit 0
fi

log "fetching linux-image-$KVER ($KPKGVER)"
tmp=$BENCH_DIR/kernel.tmp
rm -rf "$tmp" "$dest"
mkdir -p "$tmp/debs"
apt_download "$tmp/debs" "linux-image-$KVER=$KPKGVER"
dpkg -x "$tmp/debs"/linux-image-*.deb "$tmp/root"

[ -f "$tmp/root/boot/vmlinuz-$KVER" ] || die "no vmlinuz-$KVER in the package"
mkdir -p "$dest"
mv "$tmp/root/boot" "$dest/boot"
# bookworm's kernel packages still install to /lib/modules; accept /usr too.
if [ -d "$tmp/root/lib/modules/$KVER" ]; then
	mods=$tmp/root/lib/modules
else
	mods=$tmp/root/usr/lib/modules
fi
mkdir -p "$dest/lib"
mv "$mods" "$dest/lib/modules"
rm -rf "$tmp"

log "running depmod for $KVER"
depmod -b "$dest" "$KVER"
printf '%s\n' "$KVER" >"$dest/.done"
