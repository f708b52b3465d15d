#!/usr/bin/env bats
# The Debian package (debian/), built as a distribution builds it: dpkg-buildpackage -b
# in two clean copies of the tree, in two places. The two .debs must be the same bytes,
# lintian must find nothing (pedantic and experimental tags included), blhc must find
# every hardening flag on every compiler line. The package is left in build/package/ for
# tests/live/package.bats, which installs it in the bench.
load ../helpers/common
load ../helpers/tree

PKG_DIR="$TOP/build/package"

setup_file() {
	local tool
	for tool in dpkg-buildpackage dh lintian blhc; do
		command -v "$tool" >/dev/null ||
			skip "$tool is missing: tests/deps.sh install (debhelper, lintian, blhc)"
	done
	WORK=$(mktemp -d)
	export WORK
	copy_tree "$WORK/one/smc-utils"
	copy_tree "$WORK/elsewhere/two/smc-utils"
	(cd "$WORK/one/smc-utils" && dpkg-buildpackage -us -uc -b >../build.log 2>&1) ||
		{ tail -30 "$WORK/one/build.log" >&3; return 1; }
	(cd "$WORK/elsewhere/two/smc-utils" && dpkg-buildpackage -us -uc -b >../build.log 2>&1) ||
		{ tail -30 "$WORK/elsewhere/two/build.log" >&3; return 1; }
	rm -rf "$PKG_DIR"
	mkdir -p "$PKG_DIR"
	cp "$WORK"/one/smc-utils_*.deb "$PKG_DIR/"
}

teardown_file() {
	[ -z "${WORK:-}" ] || rm -rf "$WORK"
}

@test "package: dpkg-buildpackage builds smc-utils, with the tools, library, pages, completion, schemas" {
	local deb
	deb=$(ls "$WORK"/one/smc-utils_*_*.deb)
	run dpkg-deb -c "$deb"
	assert_success
	for f in usr/bin/smcss usr/bin/smcr usr/bin/smcd usr/bin/smc_pnet usr/bin/smc_chk \
		 usr/bin/smc_run usr/bin/smc_rnics usr/share/man/man8/smc_rnics.8.gz \
		 usr/share/bash-completion/completions/smc_rnics usr/bin/smc_metrics usr/share/man/man8/smc_metrics.8.gz \
		 usr/bin/smc_dbg usr/share/man/man8/smc_dbg.8.gz \
		 usr/share/bash-completion/completions/smc_dbg \
		 usr/share/smc-utils/examples/smc-metrics.service \
		 usr/share/smc-utils/examples/smc-metrics.timer \
		 usr/share/bash-completion/completions/smc_metrics \
		 "usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)/smc-utils/libsmc-preload.so" \
		 usr/share/man/man8/smcss.8.gz usr/share/man/man7/af_smc.7.gz \
		 usr/share/bash-completion/completions/smcss \
		 usr/share/bash-completion/completions/smc_run \
		 usr/share/smc-utils/schemas/smcss.json usr/share/smc-utils/schemas/smcss-summary.json \
		 usr/share/smc-utils/examples/fallbacks.jq \
		 usr/share/doc/smc-utils/copyright; do
		assert_output --partial "./$f"
	done
	# the unit tests ran in the build (dh_auto_test)
	run grep -c 'override_dh_auto_test' "$WORK/one/build.log"
	assert_output 1
}

@test "package: two builds in different directories give the same bytes" {
	for f in "$WORK"/one/*.deb; do
		cmp "$f" "$WORK/elsewhere/two/${f##*/}" || fail "${f##*/} differs"
	done
}

@test "package: lintian finds nothing, pedantic and experimental tags included" {
	run lintian --pedantic --display-experimental --info --fail-on error,warning,info,pedantic,experimental \
		"$WORK"/one/smc-utils_*.changes
	# lintian says it should not run as root; that line is no finding
	assert_success
	refute_output --regexp '^[EWIPX]: '
}

@test "package: blhc finds the hardening flags on every compiler and linker line" {
	run blhc "$WORK/one/build.log"
	assert_success
	assert_output ""
}
