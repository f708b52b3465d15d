#!/usr/bin/env bats
# Real SMC-D over loopback-ism (connections to 127.0.0.1 and ::1), read back with smcss.
# On a kernel without loopback-ism (6.1) the SMC-D tests are skipped; the others run on
# the fallbacks that kernel makes.
load ../helpers/live

setup() {
	require_bench
	ensure_ueid
}

teardown() {
	stop_bg
}

@test "SMC-D: two connections show as SMCD rows on both sides, in text" {
	require_feature loopback_ism
	start_bg server "$SMC_CONN" server 127.0.0.1 5100
	start_bg client "$SMC_CONN" client -n 2 127.0.0.1 5100
	run_split "$SMCSS"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 --regexp '^State +UID +Inode +Local Address +Peer Address +Intf Mode $'
	# smc-tools' columns: state, uid, inode, local, peer, intf, mode
	server_rows=$(grep -cE '^ACTIVE +[0-9]{5} [0-9]{7,} 127\.0\.0\.1:5100 +127\.0\.0\.1:[0-9]+ +0000 SMCD $' <<<"$output")
	client_rows=$(grep -cE '^ACTIVE +[0-9]{5} [0-9]{7,} 127\.0\.0\.1:[0-9]+ +127\.0\.0\.1:5100 +0000 SMCD $' <<<"$output")
	assert_equal "$server_rows" 2
	assert_equal "$client_rows" 2
	# the listener is hidden by default and shown by -a and -l
	refute_line --regexp '^LISTEN'
	run "$SMCSS" -l
	assert_line --regexp '^LISTEN +00000 [0-9]{7,} 127\.0\.0\.1:5100 +$'
	run "$SMCSS" -a
	assert_line --regexp '^LISTEN +00000 [0-9]{7,} 127\.0\.0\.1:5100 +$'
}

@test "SMC-D: JSON carries mode, family and addresses of every socket" {
	require_feature loopback_ism
	start_bg server "$SMC_CONN" server 127.0.0.1 5101
	start_bg client "$SMC_CONN" client -n 2 127.0.0.1 5101
	run rows_for 5101
	assert_success
	jq -e 'length == 5' <<<"$output"
	jq -e '[.[] | select(.state == "ACTIVE")] | length == 4 and all(.mode == "SMCD" and .family == "inet"
		and .local_address == "127.0.0.1" and .peer_address == "127.0.0.1" and .state_code == 1)' <<<"$output"
	jq -e '[.[] | select(.state == "LISTEN")] | length == 1 and .[0].local_port == 5101' <<<"$output"
	# SMC sockets carry no fallback members
	jq -e 'all(has("fallback_reason") | not)' <<<"$output"
	run "$SMCSS" -p
	jq -e . <<<"$output" >/dev/null
}

@test "SMC-D: -D shows 128-bit GIDs and tokens that match across the pair" {
	require_feature loopback_ism
	start_bg server "$SMC_CONN" server 127.0.0.1 5102
	start_bg client "$SMC_CONN" client 127.0.0.1 5102
	run_split "$SMCSS" -D
	assert_success
	assert_line --index 0 --regexp 'Mode GID +Token +Peer-GID +Peer-Token +Linkid$'
	assert_line --regexp '127\.0\.0\.1:5102 +0000 SMCD [0-9a-f]{32} [0-9a-f]{16} [0-9a-f]{32} [0-9a-f]{16} [0-9a-f]{8} $'
	run rows_for 5102 -D
	server=$(jq -c '.[] | select(.local_port == 5102)' <<<"$output")
	client=$(jq -c '.[] | select(.peer_port == 5102)' <<<"$output")
	# loopback-ism: one device, so both ends have the same GID; each end's DMB token is
	# the other end's peer token; both belong to the same link group
	jq -e --argjson c "$client" '.gid == $c.gid and .gid_ext == $c.gid_ext and .peer_gid == .gid
		and .dmb_token == $c.peer_dmb_token and .peer_dmb_token == $c.dmb_token
		and .linkgroup_id == $c.linkgroup_id and (.gid | test("^0x[0-9a-f]{16}$"))' <<<"$server"
	# -D shows only SMC-D sockets
	run "$SMCSS" -D
	refute_line --regexp ' TCP '
}

@test "SMC-D: -d shows shutdown, token, buffers and cursors that move with the data" {
	require_feature loopback_ism
	start_bg server "$SMC_CONN" server 127.0.0.1 5103
	start_bg client "$SMC_CONN" client 127.0.0.1 5103
	run_split "$SMCSS" -d
	assert_success
	assert_line --regexp '127\.0\.0\.1:5103 +0000 SMCD  <->  [0-9a-f]{8} [0-9a-f]{8} [0-9a-f]{8} [0-9a-f]{8}( [0-9a-f]{4}:[0-9a-f]{8}){2} [0-9a-f]{2}:[0-9a-f]{2} +( [0-9a-f]{4}:[0-9a-f]{8}){2} [0-9a-f]{2}:[0-9a-f]{2} +( [0-9a-f]{4}:[0-9a-f]{8}){3} $'
	run rows_for 5103 -d
	# smc_conn's client sends a greeting the server echoes: the client's sent and
	# confirmed cursors are past zero, and buffers are at least 16 KiB
	jq -e '.[] | select(.peer_port == 5103) | .token > 0 and .sndbuf_bytes >= 16384
		and .rmbe_bytes >= 16384 and .tx_sent_count > 0 and .tx_fin_count > 0 and .shutdown == 0' <<<"$output"
}

@test "SMC-D over IPv6 ::1: brackets in text, inet6 in JSON" {
	require_feature loopback_ism
	start_bg server "$SMC_CONN" server ::1 5104
	start_bg client "$SMC_CONN" client ::1 5104
	run "$SMCSS"
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} \[::1\]:5104 +\[::1\]:[0-9]+ +0000 SMCD $'
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} \[::1\]:[0-9]+ +\[::1\]:5104 +0000 SMCD $'
	run rows_for 5104
	jq -e '[.[] | select(.state == "ACTIVE")] | length == 2 and all(.family == "inet6" and .local_address == "::1")' <<<"$output"
	run "$SMCSS" -l
	assert_line --regexp '^LISTEN +00000 [0-9]{7,} \[::1\]:5104 +$'
}

# The kernel reports no addresses for IPPROTO_SMC sockets (6.11+); smcss takes them from
# the TCP socket behind each, through inet_diag (tcp_diag), and shows "*" without it.
@test "IPPROTO_SMC sockets (6.11+): SMC-D, addresses from their TCP sockets, else *" {
	require_feature ipproto_smc loopback_ism
	start_bg server "$SMC_CONN" server --ipproto 127.0.0.1 5105
	start_bg client "$SMC_CONN" client --ipproto 127.0.0.1 5105
	modprobe -a inet_diag tcp_diag
	run "$SMCSS" -a
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} 127\.0\.0\.1:5105 +127\.0\.0\.1:[0-9]+ +0000 SMCD $'
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} 127\.0\.0\.1:[0-9]+ +127\.0\.0\.1:5105 +0000 SMCD $'
	assert_line --regexp '^LISTEN +00000 [0-9]{7,} 127\.0\.0\.1:5105 +$'
	run rows_for 5105
	jq -e '[.[] | select(.state == "ACTIVE")] | length == 2 and all(.mode == "SMCD"
		and .family == "inet" and .local_address == "127.0.0.1" and .peer_address == "127.0.0.1")' \
		<<<"$output"
	run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 "$SMCSS" -a
	assert_success
	# without the TCP side of sock_diag the addresses stay unknown: "*", never 0.0.0.0
	rmmod tcp_diag
	run "$SMCSS"
	modprobe tcp_diag
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} \*:5105 +\*:[0-9]+ +0000 SMCD $'
	assert_line --regexp '^ACTIVE +00000 [0-9]{7,} \*:[0-9]+ +\*:5105 +0000 SMCD $'
	refute_output --partial '0.0.0.0'
}

@test "unconnected AF_SMC sockets are INIT rows, shown only with -a" {
	start_bg idle "$SMC_CONN" idle -n 3
	run "$SMCSS"
	refute_line --regexp '^INIT'
	run "$SMCSS" -a
	[ "$(grep -cE '^INIT +00000 [0-9]{7,} $' <<<"$output")" -ge 3 ]
}

@test "smcss is valgrind-clean on live SMC-D sockets" {
	require_reference_kernel
	start_bg server "$SMC_CONN" server 127.0.0.1 5106
	start_bg client "$SMC_CONN" client 127.0.0.1 5106
	for args in "-a" "-d" "-D" "-R -a" "-j -d" "-p -D"; do
		# shellcheck disable=SC2086
		run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 "$SMCSS" $args
		assert_success
	done
}

@test "smcss and smcd are ASan/UBSan-clean on live sockets and UEIDs" {
	[ -x "$TOP/build/asan/smcss" ] || skip "run 'make asan' first"
	export ASAN_OPTIONS=detect_leaks=1:exitcode=99 UBSAN_OPTIONS=halt_on_error=1:exitcode=98
	start_bg server "$SMC_CONN" server 127.0.0.1 5107
	start_bg client "$SMC_CONN" client 127.0.0.1 5107
	for args in "-a" "-d" "-D" "-R -a" "-j -d" "-p -D" "-l"; do
		# shellcheck disable=SC2086
		run "$TOP/build/asan/smcss" $args
		assert_success
	done
	run "$TOP/build/asan/smcd" ueid add ASAN
	assert_success
	run "$TOP/build/asan/smcd" -j ueid show
	assert_success
	run "$TOP/build/asan/smcd" ueid add ASAN
	assert_failure 1
	run "$TOP/build/asan/smcd" ueid del ASAN
	assert_success
}

# SMC-D where the kernel has loopback-ism; on 6.1 both ends fall back for want of an
# SMC-D device (client NOSMCDEV, server its peer's decline)
@test "smcss -n lists the sockets of another network namespace only" {
	# an SMC row ends with a blank after the mode, as in smc-tools; a fallback row with
	# its codes
	local smode='SMCD ' cmode='SMCD '
	if ! have_feature loopback_ism; then
		smode='TCP 0x05000000/0x03030000' cmode='TCP 0x03030000'
	fi
	ip netns add ssns
	ip -n ssns link set lo up
	start_bg server ip netns exec ssns "$SMC_CONN" server 127.0.0.1 5108
	start_bg client ip netns exec ssns "$SMC_CONN" client 127.0.0.1 5108
	run "$SMCSS" -n ssns
	assert_success
	assert_line --regexp "^ACTIVE +00000 [0-9]{7,} 127\\.0\\.0\\.1:5108 +127\\.0\\.0\\.1:[0-9]+ +0000 $smode\$"
	assert_line --regexp "^ACTIVE +00000 [0-9]{7,} 127\\.0\\.0\\.1:[0-9]+ +127\\.0\\.0\\.1:5108 +0000 $cmode\$"
	run "$SMCSS" --net ssns -a -j
	jq -e '[.[] | select(.local_port == 5108 or .peer_port == 5108)] | length == 3' <<<"$output"
	run "$SMCSS" -a
	refute_output --partial ':5108'
	run_split -1 "$SMCSS" -n nosuchns
	assert_one_line_error '^smcss: network namespace "nosuchns" not found \(see: ip netns list\)$'
	stop_bg
	ip netns del ssns
}

@test "JSON gives listening and unconnected sockets no mode, unless they fell back" {
	start_bg server "$SMC_CONN" server 127.0.0.1 5109
	start_bg idle "$SMC_CONN" idle -n 1
	run "$SMCSS" -a -j
	jq -e '[.[] | select(.state == "LISTEN" or .state == "INIT")] | length >= 2 and all(has("mode") | not)' <<<"$output"
}

@test "smcss -i: each JSON line is the sockets of its moment; SIGINT ends it with status 0" {
	local out=$BATS_TEST_TMPDIR/watch pid rc=0
	start_bg server "$SMC_CONN" server 127.0.0.1 5110
	"$SMCSS" -i 0.5 -j >"$out" 2>"$out.err" &
	pid=$!
	# the first listings show the listener alone; a connection made later shows up
	sleep 1.5
	start_bg client "$SMC_CONN" client 127.0.0.1 5110
	sleep 1.5
	kill -INT "$pid"
	wait "$pid" || rc=$?
	assert_equal "$rc" 0
	assert_equal "$(cat "$out.err")" ""
	[ "$(wc -l <"$out")" -ge 3 ] || fail "$(wc -l <"$out") listings in 3 s at 0.5 s"
	# -i without -a: connected sockets only, so the first documents are empty arrays
	jq -se '.[0] == [] and (.[-1] | map(select(.local_port == 5110 or .peer_port == 5110))
		| length == 2)' "$out"
	while IFS= read -r line; do
		"$TOP/tests/tools/validate-json.py" smcss -j <<<"$line"
	done <"$out"
	# the summary in text, every 0.3 s, ended by SIGTERM
	run timeout --preserve-status -s TERM 1.5 "$SMCSS" -s -i 0.3
	assert_success
	[ "$(grep -c '^Sockets:   2$' <<<"$output")" -ge 2 ]
}

@test "smcss -P: the processes that hold each socket, a hostile name escaped" {
	local evil=$BATS_TEST_TMPDIR/$'smc\033[1mX' spid cpid
	# the process name (comm) is the file name the client runs as: any bytes but '/'
	ln -s "$SMC_CONN" "$evil"
	start_bg server "$SMC_CONN" server 127.0.0.1 5112
	start_bg client "$evil" client 127.0.0.1 5112
	spid=$(pgrep -f 'smc_conn server 127.0.0.1 5112')
	cpid=$(pgrep -f 'client 127.0.0.1 5112' | grep -vx "$spid")
	run_split "$SMCSS" -a -P
	assert_success
	# every row of the pair and the listener is followed by its owner's line
	assert_line --regexp "^  users:\\(\\(\"smc_conn\",pid=$spid,fd=[0-9]+\\)\\)$"
	assert_line --regexp "^  users:\\(\\(\"smc\\\\033\\[1mX\",pid=$cpid,fd=[0-9]+\\)\\)$"
	[ "$(grep -c "pid=$spid," <<<"$output")" -eq 2 ]	# the listener and the accepted
	# the rows themselves are those without -P
	assert_equal "$(grep -v '^  users:' <<<"$output")" "$("$SMCSS" -a)"
	run_split "$SMCSS" -a -P -j
	assert_success
	jq -e --argjson s "$spid" --argjson c "$cpid" '
		([.[] | select(.local_port == 5112) | .processes[0].pid] == [$s, $s])
		and ([.[] | select(.peer_port == 5112) | .processes | length] == [1])
		and ([.[] | select(.peer_port == 5112) | .processes[0] | .name, .pid]
		     == ["smc\u001b[1mX", $c])' <<<"$output"
	"$TOP/tests/tools/validate-json.py" smcss -a -P -j <<<"$output"
	run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
		"$SMCSS" -a -P
	assert_success
}

@test "smcss FILTER: ports, addresses, modes, fallback codes and link groups on live sockets" {
	local lg conns want got
	start_bg server "$SMC_CONN" server 127.0.0.1 5114
	start_bg client "$SMC_CONN" client -n 2 127.0.0.1 5114
	start_bg server2 "$SMC_CONN" server --tcp 127.0.0.1 5115
	start_bg client2 "$SMC_CONN" client 127.0.0.1 5115
	# ss's words: the server ends of 5114 (two) and the client of 5115, nothing else
	run_split "$SMCSS" 'sport = :5114 or dport == :5115'
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(grep -c ':5114 ' <<<"$output")" 2
	assert_equal "$(grep -c ':5115 .*TCP 0x03010000$' <<<"$output")" 1
	assert_equal "$(wc -l <<<"$output")" 4
	# the client of 5115 fell back: PEERNOSMC by name and by code, mode tcp
	run_split "$SMCSS" -j 'mode tcp and fallback PEERNOSMC and dst 127.0.0.0/8:5115'
	jq -e 'length == 1 and .[0].peer_port == 5115' <<<"$output"
	run_split "$SMCSS" -j fallback 0x03010000 and not dport 5115
	jq -e 'all(.[]; .peer_port != 5115)' <<<"$output"
	# the listeners with a state filter; without it, -l
	run_split "$SMCSS" -j state listening 'sport >= 5114 and sport <= 5115'
	jq -e '[.[].local_port] | sort == [5114]' <<<"$output"
	if have_feature loopback_ism; then
		# SMC-D: a link group's sockets, found through their dmbinfo. The two ends of
		# a loopback-ism connection may be in different link groups: each group holds
		# as many sockets as smcd counts connections in it
		run_split "$SMCD" -j linkgroup
		assert_success
		jq -e 'length >= 1' <<<"$output"
		while read -r lg conns; do
			want=$("$SMCSS" -D -j | jq -c --argjson lg "$lg" \
				'[.[] | select(.linkgroup_id == $lg) | .inode]')
			got=$("$SMCSS" -j "lgr $(printf '%x' "$lg")" | jq -c '[.[].inode]')
			assert_equal "$got" "$want"
			assert_equal "$(jq length <<<"$got")" "$conns"
			got=$("$SMCSS" -D -j "not lgr 0x$(printf '%08x' "$lg")" |
				jq -c --argjson lg "$lg" 'map(select(.linkgroup_id == $lg)) | length')
			assert_equal "$got" 0
		done < <(jq -r '.[] | "\(.linkgroup_id) \(.conns)"' <<<"$output")
		# the summary and -e see only the selection
		run_split "$SMCSS" -s 'sport 5114 or dport 5114'
		assert_line "Sockets:   4"
		assert_line "Modes:     SMCD 4"
		run_split "$SMCSS" -e mode smcd
		assert_line "No listed socket fell back to TCP."
	fi
	"$TOP/tests/tools/validate-json.py" smcss -j <<<"$("$SMCSS" -j -a mode tcp)"
	run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
		"$SMCSS" -a '( src 127.0.0.1 or dst ::1 ) and not lgr 1 or mode tcp'
	assert_success
	# a malformed filter: one line, exit 2, no kernel asked
	run_split -2 "$SMCSS" sport = :nope
	assert_one_line_error '^smcss: invalid filter at column 9: expected a port'
}
