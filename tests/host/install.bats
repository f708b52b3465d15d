#!/usr/bin/env bats
# make install and uninstall as a distribution packager runs them: two copies of the
# source tree, in two places, built with Debian's hardening flags (dpkg-buildflags),
# installed into DESTDIRs. They must install the same bytes, hold no path of either
# tree, carry the hardening, run from a PREFIX install (each tool's --version, smc_run
# true) and leave nothing behind after make uninstall. The copies keep the work tree
# untouched: a test that changed PREFIX there would relink the launcher the other suites
# use.
load ../helpers/common
load ../helpers/tree

# build_install SRC DESTDIR [VAR=VALUE...]: make install with Debian's hardened flags
build_install() {
	local src=$1 dest=$2
	shift 2
	(
		cd "$src" || exit 1
		# the flags name the directory they are taken in (-ffile-prefix-map)
		eval "$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --export=sh)"
		make -s -j2 install DESTDIR="$dest" PREFIX=/usr "$@" >/dev/null
	)
}

setup_file() {
	command -v dpkg-buildflags >/dev/null || skip "dpkg-buildflags is missing (dpkg-dev)"
	WORK=$(mktemp -d)
	export WORK
	copy_tree "$WORK/src-one"
	copy_tree "$WORK/elsewhere/src-two"
	build_install "$WORK/src-one" "$WORK/one"
	build_install "$WORK/elsewhere/src-two" "$WORK/two"
}

teardown_file() {
	[ -z "${WORK:-}" ] || rm -rf "$WORK"
}

@test "install: everything lands below DESTDIR and PREFIX, completion included" {
	[ -x "$WORK/one/usr/bin/smcss" ]
	[ -f "$WORK/one/usr/lib/smc-utils/libsmc-preload.so" ]
	[ -f "$WORK/one/usr/share/man/man8/smc_run.8" ]
	[ -f "$WORK/one/usr/share/man/man7/af_smc.7" ]
	for f in "$TOP"/schemas/*.json; do
		cmp "$f" "$WORK/one/usr/share/smc-utils/schemas/${f##*/}" || fail "schema ${f##*/}"
	done
	for t in smcss smcr smcd smc_pnet smc_chk smc_run smc_metrics smc_dbg smc_rnics; do
		[ -x "$WORK/one/usr/bin/$t" ] || fail "$t not installed"
		[ -e "$WORK/one/usr/share/bash-completion/completions/$t" ] ||
			fail "no completion for $t"
	done
	run find "$WORK/one" -mindepth 1 -maxdepth 1
	assert_output "$WORK/one/usr"
}

@test "install: the example summarises the fallbacks of a recorded kernel" {
	local ex="$WORK/one/usr/share/smc-utils/examples/fallbacks.jq"

	[ -f "$ex" ]
	run sh -c "SMC_UTILS_REPLAY='$TOP/tests/replay/6.12.117+deb12-amd64/smcr_fallback.rec' \
		'$SMCSS' -n a -a -j | jq -r -f '$ex'"
	assert_success
	assert_output "4  0x03030000 NOSMCDEV
2  0x05000000 PEERDECL  (peer: 0x03030002 NOSMCRDEV)
1  0x03010000 PEERNOSMC
1  0x03020000 IPSEC
1  0x05000000 PEERDECL  (peer: 0x03020000 IPSEC)"
}

@test "install: two builds in different places install the same bytes" {
	run diff -r "$WORK/one" "$WORK/two"
	assert_success
}

@test "install: no installed file holds a path of its build tree" {
	run grep -rlF "$WORK/src-one" "$WORK/one"
	assert_failure 1
	run grep -rlF "$WORK" "$WORK/one"
	assert_failure 1
}

@test "install: CPPFLAGS, CFLAGS and LDFLAGS reach every binary (fortify, relro, now, PIE)" {
	for f in "$WORK"/one/usr/bin/* "$WORK/one/usr/lib/smc-utils/libsmc-preload.so"; do
		[ "${f##*/}" != smc_dbg ] || continue	# a shell script
		run readelf -d -W "$f"
		assert_output --partial "BIND_NOW"
		run readelf -l -W "$f"
		assert_output --partial "GNU_RELRO"
		run readelf -h "$f"
		assert_output --partial "DYN ("
		run sh -c "nm -D '$f' | grep -c '_chk@'"
		[ "$output" -gt 0 ] || fail "$f: no _FORTIFY_SOURCE function (_chk) is used"
	done
}

@test "install: a plain PREFIX install runs, smc_run with its installed library" {
	local p="$WORK/prefix/usr"

	# as the README says: no flags, no DESTDIR
	(cd "$WORK/src-one" && make -s -j2 install PREFIX="$p" >/dev/null)
	run grep -rlF "$WORK/src-one" "$p"
	assert_failure 1
	for t in smcss smcr smcd smc_pnet smc_chk smc_run smc_metrics smc_dbg smc_rnics; do
		run "$p/bin/$t" --version
		assert_success
		assert_output "$t (smc-utils) $(sed -n 's/.*SMC_UTILS_VERSION "\(.*\)".*/\1/p' \
			"$TOP/lib/util/version.h")"
	done
	run "$p/bin/smc_run" -d true
	assert_success
	run strings "$p/bin/smc_run"
	assert_output --partial "$p/lib/smc-utils/libsmc-preload.so"
	[ -f "$p/share/bash-completion/completions/smcss" ]
}

@test "uninstall: removes every file install wrote" {
	(cd "$WORK/src-one" && make -s uninstall DESTDIR="$WORK/one" PREFIX=/usr)
	run find "$WORK/one" -type f -o -type l
	assert_output ""
	run find "$WORK/one/usr/lib/smc-utils" "$WORK/one/usr/share/smc-utils"
	assert_failure
}
