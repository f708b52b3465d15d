#!/usr/bin/env bash
# tests/vm/build-kernel.sh SRC-DIR OUT-DIR - build the bench's own kernel from the kernel
# source tree SRC-DIR (Debian's linux-source-X, unpacked) with x86_64's defconfig and
# tests/vm/kernel-7.config, out of tree in OUT-DIR/build, and install the image and the
# modules into OUT-DIR/kernel/ in the layout of an unpacked Debian kernel package:
# boot/vmlinuz-RELEASE and lib/modules/RELEASE/. Fails if a symbol of the fragment did not
# survive the configuration (a dependency the fragment lacks).
set -euo pipefail
src=$(cd "$1" && pwd -P)
out=$2
frag=$(cd "$(dirname "$0")" && pwd -P)/kernel-7.config
mkdir -p "$out/build" "$out/kernel/boot"
out=$(cd "$out" && pwd -P)
make -s -C "$src" O="$out/build" x86_64_defconfig
"$src/scripts/kconfig/merge_config.sh" -m -O "$out/build" "$out/build/.config" "$frag" >/dev/null
make -s -C "$src" O="$out/build" olddefconfig
# every line of the fragment must be in the result as written
missing=$(grep -E '^(CONFIG_|# CONFIG_)' "$frag" | while read -r line; do
	grep -qxF "$line" "$out/build/.config" || echo "$line"
done)
[ -z "$missing" ] || { printf 'build-kernel: not in the configuration:\n%s\n' "$missing" >&2; exit 1; }
jobs=$(nproc)
# the release names the bench's build: LOCALVERSION (lib.sh BENCH_LOCALVERSION)
make -s -C "$src" O="$out/build" -j"$jobs" LOCALVERSION=-smcbench bzImage modules
release=$(make -s -C "$src" O="$out/build" LOCALVERSION=-smcbench kernelrelease)
make -s -C "$src" O="$out/build" LOCALVERSION=-smcbench INSTALL_MOD_PATH="$out/kernel" \
	INSTALL_MOD_STRIP=1 DEPMOD=/sbin/depmod modules_install
cp "$out/build/arch/x86/boot/bzImage" "$out/kernel/boot/vmlinuz-$release"
cp "$out/build/.config" "$out/config"
echo "$release" >"$out/release"
echo "build-kernel: $release in $out/kernel"
