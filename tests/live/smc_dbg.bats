#!/usr/bin/env bats
# smc_dbg live: a bundle of a host with SMC-D connections over an address of its own; the
# archive lists, every JSON file of it validates against schemas/ (the command that made
# it, from MANIFEST, picks the schema), and --redact leaves no address, host name or EID.
load ../helpers/live

SMC_DBG="$TOP/smc_dbg/smc_dbg"
ADDR=198.18.7.1

setup() {
	require_bench
	ensure_ueid
	modprobe veth
	ip link add smcdbg0 type veth peer name smcdbg1
	ip addr add "$ADDR/24" dev smcdbg0
	ip link set smcdbg0 up
}

teardown() {
	stop_bg
	ip link del smcdbg0 2>/dev/null || true
	ip netns del smcu-dbg 2>/dev/null || true
}

# validate: every JSON file of $BUNDLE that MANIFEST says was made, against the schema of
# the command that made it, in one validate-json.py run (a python start costs seconds
# under TCG); prints how many
validate_bundle() {
	local file status cmd blocks=$BATS_TEST_TMPDIR/blocks n=0
	: >"$blocks"
	while IFS='|' read -r file status cmd _; do
		file=${file% } status=${status# } status=${status% } cmd=${cmd# } cmd=${cmd% }
		[[ $file == *.json && $status == ok* ]] || continue
		# shellcheck disable=SC2086
		set -- $cmd
		{ printf '$ %s' "$(basename "$1")"; printf ' %s' "${@:2}"; printf '\n'
		  cat "$BUNDLE/$file"; printf '\nexit 0\n'; } >>"$blocks"
		n=$((n + 1))
	done < <(grep -v '^#' "$BUNDLE/MANIFEST")
	"$TOP/tests/tools/validate-json.py" --expected "$blocks" >&2 || fail "the bundle's JSON does not validate"
	echo "$n"
}

@test "smc_dbg: the bundle of a live host lists, and its JSON validates" {
	local n
	ip netns add smcu-dbg	# a second namespace in the bundle
	start_bg server "$SMC_CONN" server "$ADDR" 5130
	start_bg client "$SMC_CONN" client "$ADDR" 5130
	cd "$BATS_TEST_TMPDIR"
	run_split "$SMC_DBG" -o b.tar.gz
	assert_success
	assert_output "$BATS_TEST_TMPDIR/b.tar.gz"
	run tar -tzf b.tar.gz
	assert_success
	assert_line --regexp '^smc_dbg-[0-9]{8}-[0-9]{6}/MANIFEST$'
	assert_line --regexp '/ns/_self/smcss\.json$'
	assert_line --regexp '/ns/smcu-dbg/smcss\.json$'
	tar -xzf b.tar.gz
	BUNDLE=$(ls -d "$BATS_TEST_TMPDIR"/smc_dbg-*)
	grep -q '^ns/_self/smcss.json | ok | ' "$BUNDLE/MANIFEST"
	grep -q '^ns/smcu-dbg/smcd-stats.json | ok | ' "$BUNDLE/MANIFEST"
	grep -qE '^ns/_self/smc-chk.json \| ok' "$BUNDLE/MANIFEST"
	jq -e --arg a "$ADDR" '[.[] | select(.local_address == $a and .local_port == 5130
		and .state == "ACTIVE")] | length == 1' \
		"$BUNDLE/ns/_self/smcss.json"
	grep -q "inet $ADDR/24" "$BUNDLE/ns/_self/ip-addr.txt"
	grep -q '^smc_sockets{' "$BUNDLE/ns/_self/smc-metrics.prom"
	grep -q "^net.smc" "$BUNDLE/sysctl.txt"
	n=$(validate_bundle)
	[ "$n" -ge 15 ] || fail "only $n JSON files validated"
	echo "# $n JSON files validate" >&3
}

@test "smc_dbg --redact: no address, host name or EID is left, and the JSON still validates" {
	local plain red
	start_bg server "$SMC_CONN" server "$ADDR" 5131
	start_bg client "$SMC_CONN" client "$ADDR" 5131
	cd "$BATS_TEST_TMPDIR"
	run_split "$SMC_DBG" --redact -o r.tar.gz
	assert_success
	tar -xzf r.tar.gz
	BUNDLE=$(ls -d "$BATS_TEST_TMPDIR"/smc_dbg-*)
	for plain in "$ADDR" "$(uname -n)" "$BENCH_UEID" \
		$(ip -o link show smcdbg0 | grep -oE 'link/ether [0-9a-f:]+' | cut -d' ' -f2); do
		run grep -rlF -- "$plain" "$BUNDLE"
		assert_failure 1
	done
	# the stand-in is the same in every file: the socket's address is the interface's
	red=$(jq -r '.[] | select(.local_port == 5131 and .state == "ACTIVE") | .local_address' \
		"$BUNDLE/ns/_self/smcss.json")
	[[ $red == 0.* ]]
	grep -q "inet $red/24" "$BUNDLE/ns/_self/ip-addr.txt"
	[ "$(validate_bundle)" -ge 15 ]
}
