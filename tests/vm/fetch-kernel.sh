#!/usr/bin/env bash
# Fetch Debian's kernel image of BENCH_KERNEL (6.12 or 6.1) into
# build/bench/<kernel>/kernel/ without installing it on the host.
#
# usage: [BENCH_KERNEL=6.12|6.1] tests/vm/fetch-kernel.sh
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
