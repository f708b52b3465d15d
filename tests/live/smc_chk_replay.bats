#!/usr/bin/env bats
# smc_chk --replay-check live: a Linux listener (plain TCP and SMC) answers the SYN with
# option 254 without echoing it; a responder that echoes every option (tests/tools/
# opt_echo.c, in its own namespace behind a veth, below its kernel's TCP) is reported; a
# closed port refuses; without CAP_NET_RAW the tool says so.
load ../helpers/live

SMC_CHK="$TOP/smc_chk/smc_chk"
OPT_ECHO="$TOP/tests/tools/opt_echo"

setup() {
	require_bench
	ensure_ueid
}

teardown() {
	stop_bg
	ip link del smcu-e0 2>/dev/null || true
	ip netns del smcu-echo 2>/dev/null || true
}

@test "smc_chk -R: Linux listeners do not replay option 254, a closed port refuses" {
	start_bg tcp "$SMC_CONN" server --tcp 127.0.0.1 5140
	start_bg smc "$SMC_CONN" server 127.0.0.1 5141
	run_split "$SMC_CHK" -R 127.0.0.1 -p 5140
	assert_success
	assert_equal "$stderr" ""
	assert_line --regexp '^Peer: +127\.0\.0\.1:5140$'
	assert_line --regexp '^SYN-ACK: +options 0204[0-9a-f]{4}'
	assert_line --regexp '^Option 254: not replayed$'
	# an SMC server: our marker is no SMC magic, so it does not answer with SMC's option
	run_split "$SMC_CHK" -R 127.0.0.1 -p 5141 -j
	assert_success
	jq -e '.replayed == false and .other_option_254 == false
		and (.synack_options | test("fe06") | not)' <<<"$output"
	"$TOP/tests/tools/validate-json.py" smc_chk -R 127.0.0.1 -j <<<"$output"
	run_split "$SMC_CHK" -R ::1 -p 5142
	assert_failure 1
	assert_one_line_error '^smc_chk: \[::1\]:5142 refused the connection: nothing listens there'
	run_split setpriv --inh-caps=-all --bounding-set=-net_raw "$SMC_CHK" -R 127.0.0.1 -p 5140
	assert_failure 1
	assert_one_line_error '^smc_chk: --replay-check needs a raw socket, which needs CAP_NET_RAW \(run it as root\)$'
	# the probe's half-open connection was reset: the listener has no connection from it
	run "$SMCSS" -a sport 5141
	refute_line --regexp '^ACTIVE'
}

@test "smc_chk -R: a responder that echoes TCP options is reported, exit 3" {
	local mac
	modprobe veth
	ip netns add smcu-echo
	ip link add smcu-e0 type veth peer name smcu-e1 netns smcu-echo
	ip addr add 198.18.9.1/24 dev smcu-e0
	ip link set smcu-e0 up
	ip -n smcu-echo link set smcu-e1 up
	# 198.18.9.2 is no address of the responder's namespace: its kernel drops the SYN
	# without a RST, and the responder answers from a packet socket on smcu-e1
	mac=$(ip -n smcu-echo -o link show smcu-e1 | grep -oE 'link/ether [0-9a-f:]+' | cut -d' ' -f2)
	ip neigh add 198.18.9.2 lladdr "$mac" dev smcu-e0
	start_bg echo ip netns exec smcu-echo "$OPT_ECHO" smcu-e1 198.18.9.2 5143
	run_split "$SMC_CHK" -R 198.18.9.2 -p 5143
	assert_failure 3
	assert_equal "$stderr" ""
	assert_line --regexp '^SYN-ACK: +options 0204[0-9a-f]{4}fe06736d63750101$'
	assert_line --regexp '^Option 254: REPLAYED: the peer \(or a middlebox\) echoes unknown TCP options'
	run_split "$SMC_CHK" -R 198.18.9.2 -p 5143 -j
	assert_failure 3
	jq -e '.replayed == true and (.synack_options | test("fe06736d6375"))' <<<"$output"
	"$TOP/tests/tools/validate-json.py" smc_chk -R 198.18.9.2 -j <<<"$output"
	# nothing answers at all on another address of that subnet: no answer, said so
	run_split "$SMC_CHK" -R 198.18.9.3 -p 5143 -t 1
	assert_failure 1
	assert_one_line_error '^smc_chk: no answer from 198\.18\.9\.3:5143 within 1 s'
}
