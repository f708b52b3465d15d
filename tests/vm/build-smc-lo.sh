#!/usr/bin/env bash
# Rebuild smc.ko for the bench kernel with CONFIG_SMC_LO (the software
# SMC-D device "loopback-ism"), which Debian's build leaves out.
# Only where the kernel has the option switched off (6.12); a kernel without it
# (6.1 predates loopback-ism) keeps Debian's smc.ko: then smc-lo/ holds only its
# stamp, and the guest loads Debian's modules (see smc_lo_plan in lib.sh).
#
# usage: tests/vm/build-smc-lo.sh
#
# Output: build/bench/<kernel>/smc-lo/smc.ko, its source in .../smc-lo/src/net/smc/,
# plus smc_diag.ko only if Debian's
# smc_diag would not accept our smc.ko (symbol CRC mismatch; not the case for
# 6.12.117, where SMC_LO only changes smc_loopback.h, which no exported
# symbol's type depends on).
#
# How: the matching linux-headers/-common/linux-kbuild packages and
# linux-source are unpacked (dpkg -x, nothing is installed) into a scratch
# dir, only net/smc/ is taken from the source tarball, and it is built as an
# external module against the headers with a Kbuild that switches SMC_LO on.
# Needs the compiler the kernel was built with (gcc-12 on bookworm), make,
# pahole (BTF for modules) and xz.
set -euo pipefail
# shellcheck source=tests/vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

resolve_kernel
out=$BENCH_DIR/smc-lo
if stamp_ok "$out/.done"; then
	exit 0
fi

plan=$(smc_lo_plan)
if [ "$plan" != rebuild ]; then
	rm -rf "$out"
	mkdir -p "$out"
	if [ "$plan" = none ]; then
		log "$KVER has no CONFIG_SMC_LO (no loopback-ism, or it is DIBS_LO): the bench uses the kernel's own smc.ko"
	else
		log "$KVER has CONFIG_SMC_LO=y: the bench uses Debian's smc.ko"
	fi
	printf '%s\n' "$KVER" >"$out/.done"
	exit 0
fi

b=$BENCH_DIR/smc-lo-build
rm -rf "$b" "$out"
mkdir -p "$b/debs" "$b/root" "$b/smc"

# The kbuild package is named after the ABI on 6.12 (linux-kbuild-6.12.117+deb12) and
# after the series on 6.1 (linux-kbuild-6.1): take the name the headers depend on.
kbuild=$(apt-cache show "linux-headers-$KVER" 2>/dev/null |
	awk -v RS= -v v="$KPKGVER" '$0 ~ "\nVersion: " v "\n"' |
	sed -n 's/^Depends:.*\b\(linux-kbuild-[^ ,]*\).*/\1/p' | head -n1)
[ -n "$kbuild" ] || die "cannot tell which linux-kbuild package linux-headers-$KVER needs"

log "fetching linux-source-$KSERIES, headers and kbuild ($KPKGVER)"
apt_download "$b/debs" \
	"linux-source-$KSERIES=$KPKGVER" \
	"linux-headers-$KVER=$KPKGVER" \
	"linux-headers-$KABI-common=$KPKGVER" \
	"$kbuild=$KPKGVER"

for pkg in "linux-headers-$KVER" "linux-headers-$KABI-common" "$kbuild"; do
	dpkg -x "$b/debs/${pkg}_"*.deb "$b/root"
done
hdr=$b/root/usr/src/linux-headers-$KVER
[ -f "$hdr/Makefile" ] || die "headers package has no $hdr/Makefile"
# The flavour's Makefile is one line including the -common one by absolute
# path under /usr/src; point it into our scratch tree instead. (scripts/ and
# tools/ are relative symlinks into the unpacked linux-kbuild, so they work.)
sed -i "s|^include /usr/src/|include $b/root/usr/src/|" "$hdr/Makefile"
grep -q "^include $b/" "$hdr/Makefile" || die "unexpected headers Makefile: $(cat "$hdr/Makefile")"

# The headers force the exact compiler the kernel was built with.
cc=$(sed -n 's/^CC = .*(CROSS_COMPILE)\([^ ]*\).*/\1/p' "$hdr/.kernelvariables")
cross=$(sed -n 's/^override CROSS_COMPILE = //p' "$hdr/.kernelvariables")
command -v "$cross$cc" >/dev/null ||
	die "the kernel headers want $cross$cc (Debian package ${cc:-gcc-12}); install it"

log "extracting net/smc from linux-source-$KSERIES"
dpkg-deb --fsys-tarfile "$b/debs/linux-source-${KSERIES}_"*.deb |
	tar -xO "./usr/src/linux-source-$KSERIES.tar.xz" |
	xz -dc -T0 |
	tar -x -C "$b/smc" --strip-components=3 "linux-source-$KSERIES/net/smc"
[ -f "$b/smc/smc_loopback.c" ] || die "net/smc/smc_loopback.c missing from linux-source"
rm -rf "$b/debs"

# Kbuild wins over Makefile in kbuild's lookup, so the original Makefile is
# kept untouched and included. CONFIG_SMC_LO := y makes it list
# smc_loopback.o; the -D makes IS_ENABLED(CONFIG_SMC_LO) true in the C code
# (autoconf.h only carries a comment for unset options, so no clash).
cat >"$b/smc/Kbuild" <<'EOF'
CONFIG_SMC_LO := y
include $(src)/Makefile
ccflags-y += -DCONFIG_SMC_LO=1
EOF

log "building smc.ko with CONFIG_SMC_LO"
if ! make -C "$hdr" M="$b/smc" -j"$(nproc)" modules >"$b/build.log" 2>&1; then
	tail -n 30 "$b/build.log" >&2
	die "module build failed (full log: $b/build.log)"
fi

mkdir -p "$out.tmp"
# Like Debian's own modules: no DWARF (13 MB -> 0.7 MB; BTF stays), so the
# guest reads less over 9p.
strip --strip-debug -o "$out.tmp/smc.ko" "$b/smc/smc.ko"
# Debian's smc_diag.ko records the CRC of every smc symbol it uses
# (CONFIG_MODVERSIONS); it loads against our smc.ko only if those match.
ours=$(awk '{print $2, $1}' "$b/smc/Module.symvers" | sort)
theirs=$(awk -F'\t' '$3 == "net/smc/smc" {print $2, $1}' "$hdr/Module.symvers" | sort)
if [ "$ours" != "$theirs" ]; then
	log "exported smc symbols differ from Debian's: using our smc_diag.ko too"
	strip --strip-debug -o "$out.tmp/smc_diag.ko" "$b/smc/smc_diag.ko"
fi
# keep the source we built from: tests cross-check our decode tables against it
# (e.g. every SMC_CLC_DECL_* in smc_clc.h); headers and C files are about 1 MB
mkdir -p "$out.tmp/src/net/smc"
cp "$b/smc/"*.[ch] "$out.tmp/src/net/smc/"
rm -rf "$out"
mv "$out.tmp" "$out"
printf '%s\n' "$KVER" >"$out/.done"
if [ "${BENCH_KEEP_BUILD:-0}" != 1 ]; then
	rm -rf "$b"
fi
log "built $out/smc.ko"
