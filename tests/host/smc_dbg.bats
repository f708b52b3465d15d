#!/usr/bin/env bats
# smc_dbg on this host (no SMC: the SMC parts fail, the bundle is still made): the archive,
# its MANIFEST, redaction, and bad input (one line, exit 2, no archive).
load ../helpers/common

SMC_DBG="$TOP/smc_dbg/smc_dbg"

@test "smc_dbg: an archive with a MANIFEST of every file, failed parts said, never stopped" {
	cd "$BATS_TEST_TMPDIR"
	run_split "$SMC_DBG" -o b.tar.gz
	assert_success
	assert_output "$BATS_TEST_TMPDIR/b.tar.gz"
	tar -xzf b.tar.gz
	local top
	top=$(ls -d smc_dbg-*)
	[ -f "$top/MANIFEST" ]
	# every file is in the MANIFEST, and every MANIFEST line names a file
	diff <(cd "$top" && find . -type f ! -name MANIFEST ! -name errors.txt | sed 's|^\./||' | sort) \
		<(grep -v '^#' "$top/MANIFEST" | cut -d'|' -f1 | sed 's/ *$//' | sort)
	# this host has no SMC: the SMC parts failed, with why in errors.txt; the rest is there
	grep -q '^ns/_self/smcss.json | failed (exit 1) | .*smcss -a -d -j | ' "$top/MANIFEST"
	grep -q '^versions.txt | ok | ' "$top/MANIFEST"
	grep -q 'this kernel was built without SMC' "$top/errors.txt"
	grep -q "$(uname -r)" "$top/versions.txt"
	grep -q "^smcss (smc-utils) " "$top/versions-smc-utils.txt"
}

@test "smc_dbg -n: that namespace only; without: every named one" {
	ip netns add smcu-dbg-host 2>/dev/null || skip "cannot add a network namespace"
	cd "$BATS_TEST_TMPDIR"
	run_split "$SMC_DBG" -n smcu-dbg-host -o n.tar.gz
	local rc=$status
	run tar -tzf n.tar.gz
	ip netns del smcu-dbg-host
	assert_equal "$rc" 0
	assert_line --regexp '/ns/smcu-dbg-host/smcss\.json$'
	assert_line --regexp '/ns/smcu-dbg-host/ip-addr\.txt$'
	refute_line --regexp '/ns/_self/'
}

@test "smc_dbg --redact: no address, host name or EID of the host is left" {
	cd "$BATS_TEST_TMPDIR"
	local top addr
	run_split "$SMC_DBG" --redact -o r.tar.gz
	assert_success
	tar -xzf r.tar.gz
	top=$(ls -d smc_dbg-*)
	grep -q '^# redacted: ' "$top/MANIFEST"
	run grep -rlF "$(uname -n)" "$top"
	assert_failure 1
	for addr in $(ip -o addr show | awk '{ sub("/.*", "", $4); print $4 }'); do
		case $addr in 127.0.0.1 | ::1) continue ;; esac
		run grep -rlF -- "$addr" "$top"
		assert_failure 1
	done
	# what stands in is the same for the same address everywhere
	grep -qE ' 0\.0\.0\.[0-9]+/| 100::[0-9a-f]+/' "$top/ns/_self/ip-addr.txt"
}

@test "smc_dbg: bad input is one line, exit 2, no archive" {
	mkdir "$BATS_TEST_TMPDIR/cwd" && cd "$BATS_TEST_TMPDIR/cwd"
	assert_usage_errors "$SMC_DBG" <<'EOF2'
-x|unknown option '-x' \(try: smc_dbg --help\)$
extra|unexpected argument 'extra' \(try: smc_dbg --help\)$
-o|option '-o' needs a file name
-n|option '-n' needs a value
-n a/b|invalid network namespace "a/b" \(a name, an absolute path or a PID\)$
EOF2
	run_split "$SMC_DBG" -o /nonexistent/dir/b.tar.gz
	assert_failure 1
	assert_one_line_error '^smc_dbg: cannot write /nonexistent/dir/b.tar.gz: /nonexistent/dir is no writable directory$'
	assert_equal "$(ls)" ""
	run_split "$SMC_DBG" --version
	assert_success
	assert_output --regexp '^smc_dbg \(smc-utils\) [0-9]+\.[0-9]+\.[0-9]+$'
}
