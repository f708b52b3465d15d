#!/usr/bin/env bats
# The Debian package installed in the bench (whose root overlay is thrown away): dpkg -i
# the .deb tests/host/package.bats built (make check runs the host tests first), then the
# installed tools on live SMC: they print what the tools of the tree print, and the
# installed smc_run converts sockets with its installed library.
load ../helpers/live
load ../helpers/smc_run

DEB_GLOB="$TOP/build/package/smc-utils_*.deb"

setup_file() {
	local debs
	# shellcheck disable=SC2206
	debs=($DEB_GLOB)
	[ -f "${debs[0]}" ] || return 0
	# no triggers: man-db's index is of no use in a guest that is thrown away
	dpkg --no-triggers -i "${debs[0]}" >"$BATS_FILE_TMPDIR/dpkg.log" 2>&1 ||
		{ cat "$BATS_FILE_TMPDIR/dpkg.log" >&3; return 1; }
}

setup() {
	require_bench
	# shellcheck disable=SC2206
	local debs=($DEB_GLOB)
	[ -f "${debs[0]}" ] || skip "no package in build/package (tests/host/package.bats builds it)"
	ensure_ueid
}

teardown() {
	stop_bg
}

@test "package: dpkg installed it, every tool answers from /usr/bin" {
	run dpkg-query -W -f '${Status} ${Version}' smc-utils
	assert_output --regexp '^install ok (installed|unpacked) '
	for t in smcss smcr smcd smc_pnet smc_chk smc_run; do
		run "/usr/bin/$t" --version
		assert_success
		assert_output --regexp "^$t \(smc-utils\) "
	done
	run dpkg -L smc-utils
	assert_line --regexp '^/usr/lib/[^/]+/smc-utils/libsmc-preload\.so$'
}

@test "package: the installed tools print what the tree's print, on live sockets" {
	local port=6900
	if have_feature loopback_ism; then
		pair "$port" -- --no-data
	fi
	for args in "-a" "-a -d" "-a -j" "-D" "-a -e"; do
		# shellcheck disable=SC2086
		diff <(/usr/bin/smcss $args) <("$SMCSS" $args) || fail "smcss $args differs"
	done
	for cmd in "info" "-j info" "linkgroup" "-d linkgroup" "device" "-j device" "ueid" \
		   "-a stats" "-a -j stats"; do
		# shellcheck disable=SC2086
		diff <(/usr/bin/smcd $cmd 2>&1) <("$SMCD" $cmd 2>&1) || fail "smcd $cmd differs"
	done
	diff <(/usr/bin/smc_pnet -j 2>&1) <("$TOP/smc_pnet/smc_pnet" -j 2>&1) ||
		fail "smc_pnet -j differs"
}

@test "package: the installed smc_run converts sockets with the installed library" {
	run_split /usr/bin/smc_run -f smc "$SMC_RUN_PROBE" sockets tcp udp
	assert_success
	assert_line --index 0 --regexp '^tcp domain=43 protocol=0 '
	assert_line --index 1 --regexp '^udp domain=2 protocol=17 '
	run_split /usr/bin/smc_run -d true
	assert_success
	[[ "$stderr" != *"$TOP"* ]] || fail "the installed smc_run names the tree: $stderr"
}
