#!/usr/bin/env bats
# Golden tests from real kernels. tests/replay/record records, in the bench, every
# command of tests/replay/SCENE.commands against the scene's live state into
# tests/replay/<release>/SCENE.rec, and keeps what the commands printed live in
# SCENE.live. Here every command is replayed from the recording and must print exactly
# SCENE.expected (`make regen` rewrites those from the replays: review the diff), and
# SCENE.expected must be what the kernel's tools printed live.
load ../helpers/common

setup() {
	REPLAY=$TOP/tests/replay
	shopt -s nullglob
	RECORDINGS=("$REPLAY"/*/*.rec)
	[ ${#RECORDINGS[@]} -ge 2 ] || fail "no recorded scenes under tests/replay/"
}

@test "replay: every scene of every recorded kernel prints its expected output" {
	local rec scene
	for rec in "${RECORDINGS[@]}"; do
		scene=$(basename "$rec" .rec)
		SMC_UTILS_REPLAY=$rec "$REPLAY/run-commands.sh" "$REPLAY/$scene.commands" \
			>"$BATS_TEST_TMPDIR/got"
		diff -u "${rec%.rec}.expected" "$BATS_TEST_TMPDIR/got"
	done
}

@test "replay: the expected outputs are what the tools printed live on that kernel" {
	local rec
	for rec in "${RECORDINGS[@]}"; do
		run "$REPLAY/compare-live.py" "${rec%.rec}.live" "${rec%.rec}.expected"
		assert_success
	done
}

@test "replay: the recordings name the kernel they come from" {
	local rec release
	for rec in "${RECORDINGS[@]}"; do
		release=$(basename "$(dirname "$rec")")
		run "$REPLAY/nltrace.py" dump "$rec"
		assert_success
		assert_output --partial "note program="
		[[ "$output" == *"kernel=$release "* ]] || fail "$rec: recorded on another kernel than $release"
	done
}

# schemas/: JSON Schema 2020-12, one per command (smcr(8), JSON OUTPUT)
@test "replay: every JSON output of every recorded kernel follows its schema" {
	local expected=("$REPLAY"/*/*.expected)
	run "$TOP/tests/tools/validate-json.py" --expected "${expected[@]}"
	assert_success
	assert_output --regexp '^validate-json: [0-9]+ JSON outputs valid$'
}

@test "schemas: each is a valid 2020-12 schema, and they catch what breaks the rules" {
	local v=$TOP/tests/tools/validate-json.py
	# an unknown member, a 64-bit id as a number, a missing required member
	run "$v" smcss -j <<<'[{"state":"ACTIVE","state_code":1,"uid":0,"inode":1,"family":"inet","local_port":1,"peer_port":2,"bound_ifindex":0,"ifindex":0}]'
	assert_failure 1
	assert_output --partial "smcss.json: Additional properties are not allowed ('ifindex' was unexpected)"
	run "$v" smcd -j linkgroup <<<'[{"linkgroup_id":256,"vlan_id":0,"conns":1,"smc_version":2,"gid":12}]'
	assert_failure 1
	assert_output --partial "smc-linkgroup.json: 12 is not of type 'string' at /0/gid"
	run "$v" smcr -j info <<<'{"smcd_v2":true}'
	assert_failure 1
	assert_output --partial "'smcr_v2' is a required property"
	# the command decides the schema: stats json alone is smc-tools' line
	run "$v" smcd stats json <<<'{"SMCD": {"SMC_RX_BYTES":1}}'
	assert_failure 1
	run "$v" smcd -n a -j stat <<<'{"technology":"SMC-D"}'
	assert_failure 1
	assert_output --partial "smc-stats.json"
	# JSON from a command no schema covers
	run "$v" smcr -j nosuchobject <<<'{}'
	assert_failure 1
	assert_output --partial "prints JSON no schema describes"
	run "$v" --expected /dev/null
	assert_success
	for s in "$TOP"/schemas/*.json; do
		run /usr/bin/python3 -c 'import json, sys, jsonschema
jsonschema.Draft202012Validator.check_schema(json.load(open(sys.argv[1])))' "$s"
		assert_success
	done
}
