#!/usr/bin/env bash
# Build the bench's tiny initramfs: static busybox, tests/vm/initramfs-init
# as /init, and the modules /init needs before it can reach the host root
# over 9p: virtio_pci (built into Debian's 6.12, a module on 6.1), 9pnet_virtio,
# 9p, overlay, and whatever they depend on (netfs, 9pnet, virtio_ring, ...).
#
# usage: tests/vm/mkinitramfs.sh
#
# Output: build/bench/<kernel>/initramfs.cpio.gz. Modules are stored decompressed
# because busybox insmod does not read Debian's .ko.xz.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

resolve_kernel
out=$BENCH_DIR/initramfs.cpio.gz
init_src=$BENCH_VM_DIR/initramfs-init
if stamp_ok "$out.done" && [ "$out" -nt "$init_src" ] && [ "$out" -nt "${BASH_SOURCE[0]}" ]; then
	exit 0
fi
stamp_ok "$BENCH_DIR/kernel/.done" || die "kernel not fetched yet (run tests/vm/fetch-kernel.sh)"

busybox=$(command -v busybox || true)
[ -n "$busybox" ] || die "busybox not found (install busybox-static)"
# A dynamically linked busybox would need its libraries in the image too.
if ! { ldd "$busybox" 2>&1 || true; } | grep -q 'not a dynamic'; then
	die "$busybox is not statically linked (install busybox-static)"
fi

moddir=$BENCH_DIR/kernel/lib/modules/$KVER
# virtio_pci first: the 9p shares are virtio PCI devices, and 9pnet_virtio only finds
# them once its bus driver is there.
want=(virtio_pci 9pnet_virtio 9p overlay)

# Resolve dependencies from modules.dep so the load order is right even if
# a future kernel splits things differently. Each module is listed after
# everything it needs.
declare -A seen=()
order=()
add_module() {
	local name=$1 line path dep
	line=$(grep -E "(^|/)${name}\.ko(\.xz|\.zst|\.gz)?:" "$moddir/modules.dep" || true)
	if [ -z "$line" ]; then
		# Built into the kernel: nothing to load.
		grep -qE "(^|/)${name}\.ko$" "$moddir/modules.builtin" && return 0
		die "module $name not found for $KVER"
	fi
	path=${line%%:*}
	[ -n "${seen[$path]:-}" ] && return 0
	seen[$path]=1
	for dep in ${line#*:}; do
		dep=${dep##*/}
		add_module "${dep%%.ko*}"
	done
	order+=("$path")
}
for m in "${want[@]}"; do
	add_module "$m"
done

tmp=$(mktemp -d "$BENCH_DIR/initramfs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/modules" "$tmp/proc" "$tmp/sys" "$tmp/dev" "$tmp/lower" "$tmp/rw" "$tmp/newroot"
cp "$busybox" "$tmp/bin/busybox"
ln -s busybox "$tmp/bin/sh"
install -m 0755 "$init_src" "$tmp/init"
: >"$tmp/modules/order"
for path in "${order[@]}"; do
	base=${path##*/}
	base=${base%%.ko*}
	case $path in
	*.ko.xz) xz -dc "$moddir/$path" >"$tmp/modules/$base.ko" ;;
	*.ko.zst) zstd -qdc "$moddir/$path" >"$tmp/modules/$base.ko" ;;
	*.ko.gz) gzip -dc "$moddir/$path" >"$tmp/modules/$base.ko" ;;
	*) cp "$moddir/$path" "$tmp/modules/$base.ko" ;;
	esac
	printf '%s\n' "$base" >>"$tmp/modules/order"
done

mods=$(tr '\n' ' ' <"$tmp/modules/order" | sed 's/ $//')
log "building initramfs (${mods:-no modules: the kernel has virtio and 9p built in})"
(cd "$tmp" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --owner=0:0 --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
printf '%s\n' "$KVER" >"$out.done"
