#!/usr/bin/env bats
# smc_chk on a host without SMC (the host kernel has none): the module checks report
# problems with their fixes, exit statuses, usage errors, valid JSON.
load ../helpers/common
load ../helpers/kernel

SMC_CHK="$TOP/smc_chk/smc_chk"

setup() {
	[ ! -d /sys/module/smc ] || skip "this host has SMC: the checks would pass"
}

@test "host checks without SMC: module problems with fixes, exit 3" {
	run_split "$SMC_CHK"
	assert_equal "$status" 3
	assert_equal "$stderr" ""
	# the words of what the host's files say (tests/helpers/kernel.bash)
	assert_line --regexp "^problem +module\.smc +$NO_SMC_CHK: no SMC at all on this host\$"
	assert_line --regexp "^problem +module\.smc_diag +$NO_SMC_DIAG_CHK: SMC sockets cannot be listed"
	assert_line --regexp "^problem +socket\.af_smc +AF_SMC sockets cannot be created: $NO_SMC_CHK\$"
	case $HOST_SMC in
	module)
		assert_line --regexp '^ +fix: modprobe smc$'
		assert_line --regexp '^ +fix: modprobe smc_diag$'
		;;
	not-built)
		assert_line --regexp '^ +fix: boot a kernel built with CONFIG_SMC'
		refute_output --partial modprobe
		;;
	esac
	assert_line --regexp '^[a-z]+ +sysctl\.net\.ipv4\.tcp_fastopen +0x[0-9a-f]+'
	assert_line --regexp '^[0-9]+ ok, [0-9]+ warnings?, [3-9] problems$'
	# the checks that need the module are not shown without it
	refute_line --regexp ' eid\.| pnet| rdma'
}

@test "host checks in JSON: findings and summary agree, every problem has a fix" {
	run_split "$SMC_CHK" -j
	assert_equal "$status" 3
	jq -e '(.findings | length) == .summary.ok + .summary.warning + .summary.problem
		and .summary.problem >= 3
		and all(.findings[]; (.id | length) > 0 and (.message | length) > 0)
		and all(.findings[] | select(.status == "problem"); (.fix | length) > 0)
		and all(.findings[] | select(.status == "ok"); has("fix") | not)' <<<"$output"
	run_split "$SMC_CHK" --pretty -q
	assert_equal "$status" 3
	jq -e 'all(.findings[]; .status != "ok")' <<<"$output"
	[[ $output == *$'\n  "findings": ['* ]]
}

@test "-q leaves out ok lines, the summary still counts them" {
	run_split "$SMC_CHK" -q
	assert_equal "$status" 3
	refute_line --regexp '^ok '
	assert_line --regexp '^[0-9]+ ok, '
}

@test "-C without SMC: one-line error with the fix, exit 1" {
	run_split "$SMC_CHK" -C 127.0.0.1
	assert_equal "$status" 1
	assert_one_line_error "^smc_chk: cannot create an AF_SMC socket: $NO_SMC\$"
	run_split "$SMC_CHK" -S -p 37399
	assert_equal "$status" 1
	assert_one_line_error "^smc_chk: cannot create an AF_SMC socket: $NO_SMC\$"
}

@test "-C with a name that does not resolve: one-line error, exit 1" {
	run_split "$SMC_CHK" -C no-such-host.invalid
	assert_equal "$status" 1
	assert_one_line_error '^smc_chk: cannot resolve "no-such-host\.invalid": '
}

@test "-n with a namespace that does not exist: one-line error, exit 1" {
	run_split "$SMC_CHK" -n no-such-ns
	assert_equal "$status" 1
	assert_one_line_error '^smc_chk: network namespace "no-such-ns" not found'
	run_split "$SMC_CHK" -n a/b
	assert_equal "$status" 2
}

@test "usage errors: one line, exit 2, nothing on stdout" {
	assert_usage_errors "$SMC_CHK" <<-'EOF2'
		-x|unknown option '-x' \(try: smc_chk --help\)
		--bogus|unknown option '--bogus'
		-C|option '-C' needs a value
		-C 127.0.0.1 -S|--connect and --server cannot be combined
		-S -C 127.0.0.1|--connect and --server cannot be combined
		-p 80|--port only goes with --connect, --server or --replay-check
		-t 3|--timeout only goes with --connect, --server or --replay-check
		-R|option '-R' needs a value
		-R ::1 -S|--server and --replay-check cannot be combined
		-C ::1 -R ::1|--connect and --replay-check cannot be combined
		-R ::1 -q|--quiet only goes with the host checks
		-R ::1 -b ::1|--bind only goes with --server
		-C ::1 -b ::1|--bind only goes with --server
		-C ::1 -1|--once only goes with --server
		-S -q|--quiet only goes with the host checks
		-S -p 0|invalid port "0" \(1-65535\)
		-S -p 65536|invalid port "65536"
		-S -p -1|invalid port "-1"
		-S -p 12x|invalid port "12x"
		-C ::1 -t 0|invalid timeout "0"
		-C ::1 -t x|invalid timeout "x"
		-C ::1 -t 3601|invalid timeout "3601"
		extra|unexpected argument "extra"
		--json=1|option '--json' takes no value
	EOF2
}

@test "-R on this host's loopback: a Linux listener does not replay option 254" {
	[ "$(id -u)" = 0 ] || skip "needs CAP_NET_RAW (root)"
	socat TCP-LISTEN:5190,bind=127.0.0.1,reuseaddr,fork SYSTEM:cat &
	local pid=$!
	for _ in $(seq 50); do ss -ltn 'sport = :5190' | grep -q 5190 && break; sleep 0.1; done
	run_split "$SMC_CHK" -R 127.0.0.1 -p 5190 -j
	local rc=$status
	kill "$pid"
	assert_equal "$rc" 0
	jq -e '.replayed == false and .peer == "127.0.0.1:5190"' <<<"$output"
	run_split "$SMC_CHK" -R 127.0.0.1 -p 5190 -t 2
	assert_failure 1
	assert_one_line_error '^smc_chk: 127\.0\.0\.1:5190 refused the connection: nothing listens there'
	run_split -2 "$SMC_CHK" -R ""
	assert_one_line_error '^smc_chk: --replay-check needs a host \(try: smc_chk --help\)$'
	run_split "$SMC_CHK" -R no-such-host.invalid
	assert_failure 1
	assert_one_line_error '^smc_chk: cannot resolve "no-such-host.invalid": '
	SMC_UTILS_REPLAY=$TOP/tests/replay/6.12.117+deb12-amd64/smcd.rec run_split "$SMC_CHK" -R 127.0.0.1
	assert_failure 2
	assert_one_line_error '^smc_chk: --replay-check sends packets: a replay of recorded kernel replies cannot answer it$'
}

@test "help and version" {
	run_split "$SMC_CHK" --help
	assert_success
	assert_line --partial 'smc_chk -C HOST [-p PORT]'
	assert_equal "$stderr" ""
	run_split "$SMC_CHK" -v
	assert_success
	assert_output --regexp '^smc_chk \(smc-utils\) '
}
