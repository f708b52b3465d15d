#!/usr/bin/env bats
# smcr/smcd info, linkgroup, device, seid and hslimit on the live kernel (SMC-D over
# loopback-ism where the kernel has it; the SMC-R views are covered with the SMC-R
# topology).
load ../helpers/live

setup() {
	require_bench
	ensure_ueid
}

teardown() {
	stop_bg
	"$SMCR" hslimit disable 2>/dev/null || true
	ip netns del objns 2>/dev/null || true
}

@test "info: the kernel's SMC version, host name and v2 features" {
	# 6.12 speaks SMC 2.1, 6.1 speaks 2.0; ISMv2 is there when loopback-ism is (6.1
	# has no SMC-D device at all)
	local v=2.0 ismv2=false
	! have_feature smc_v2_1 || v=2.1
	! have_feature loopback_ism || ismv2=true
	run_split "$SMCD" info
	assert_success
	assert_equal "$stderr" ""
	assert_output "Kernel Capabilities
SMC Version:      $v
SMC Hostname:     smcbench                        
SMC-D Features:   v1 v2
SMC-R Features:   v1 v2

Hardware Capabilities
SEID:             n/a
ISM:              n/a
RoCE:             n/a"
	run "$SMCR" -j info
	# the version as two numbers, as the link groups give it
	assert_output '{"smc_version":'"${v%.*}"',"smc_release":'"${v#*.}"',"hostname":"smcbench","smcd_v2":true,"smcr_v2":true,"ism_devices":0,"ism_v2":'"$ismv2"',"rdma_devices":0}'
	# options may follow the object; abbreviations as in smc-tools
	run "$SMCR" i show -p
	jq -e --arg v "$v" '"\(.smc_version).\(.smc_release)" == $v' <<<"$output"
}

@test "linkgroup: SMC-D link groups appear with their connections, GIDs and CHID" {
	require_feature loopback_ism
	# idle groups of earlier tests may linger (about ten minutes), without connections
	run "$SMCD" -j linkgroup
	jq -e '(map(.conns) | add // 0) == 0' <<<"$output"
	start_bg server "$SMC_CONN" server 127.0.0.1 5300
	start_bg client "$SMC_CONN" client -n 2 127.0.0.1 5300
	run_split "$SMCD" linkgroup
	assert_success
	# smc-tools' header and columns, trailing blanks included
	assert_line --index 0 'LG-ID    VLAN  #Conns  PNET-ID '
	# every connection has a server and a client end on this one host
	total=$(awk 'NR > 1 {n += $3} END {print n}' <<<"$output")
	assert_equal "$total" 4
	run "$SMCD" -j linkgroup
	jq -e 'length >= 1 and (map(.conns) | add) == 4 and all(.smc_version == 2 and .peer_os == "LINUX"
		and .peer_host == "smcbench" and .negotiated_eid == "SMC-BENCH" and .gid == .peer_gid
		and (.gid_ext | test("^0x[0-9a-f]{16}$")) and .chid == 65535 and .loopback_ism and .rmb_alloc_bytes > 0)' <<<"$output"
	# the group smcss -D names is the one linkgroup lists
	id=$("$SMCSS" -D -j | jq -r '.[0].linkgroup_id')
	run "$SMCD" linkgroup "$(printf %x "$id")"
	assert_success
	assert_line --index 1 --regexp "^$(printf %08x "$id")    0 +[0-9]+ {19}$"
	run "$SMCD" -d linkgroup "$(printf %x "$id")"
	assert_line "LG-ID    : $(printf %08x "$id")"
	assert_line 'Peer-OS  : LINUX'
	# the EID as the kernel holds it, blank-padded to 32 characters (as smc-tools shows it)
	assert_line 'EID      : SMC-BENCH                       '
	assert_line --regexp '^GID      : [0-9a-f]{32}$'
	# the CHID the kernel reserves for loopback-ism
	assert_line 'CHID     : ffff (loopback-ism)'
	stop_bg
	# link groups outlive their connections for a while, but hold none
	run "$SMCD" -j linkgroup
	jq -e '(map(.conns) | add // 0) == 0' <<<"$output"
}

@test "linkgroup: bad and unknown ids, SMC-R-only filters" {
	run_split -2 "$SMCD" linkgroup xyz
	assert_one_line_error '^smcd: linkgroup: "xyz" is neither a link group id \(hex\) nor all, ibdev or netdev'
	run_split -1 "$SMCD" linkgroup fff00
	assert_one_line_error '^smcd: link group 000fff00 not found \(see: smcd linkgroup\)$'
	run_split -2 "$SMCD" linkgroup ibdev rxe0
	assert_one_line_error '^smcd: linkgroup: ibdev filters SMC-R link groups only'
	run_split -2 "$SMCR" linkgroup show netdev
	assert_one_line_error '^smcr: linkgroup: netdev needs a device name$'
	# no SMC-R link group in this kernel: as smc-tools, not even a header
	run_split "$SMCR" linkgroup link-show
	assert_success
	assert_output ''
	assert_equal "$stderr" ''
	run "$SMCR" -dd l link-show
	assert_success
	assert_output ''
}

@test "device: SMC-D lists no loopback-ism (the kernel hides it) but notes its link groups" {
	require_feature loopback_ism
	start_bg server "$SMC_CONN" server 127.0.0.1 5301
	start_bg client "$SMC_CONN" client 127.0.0.1 5301
	n=$("$SMCD" -j linkgroup | jq '[.[] | select(.loopback_ism)] | length')
	[ "$n" -ge 1 ]
	run_split "$SMCD" device
	assert_success
	assert_equal "$stderr" ""
	# the kernel lists no SMC-D device: no header, as smc-tools; then the note
	# named as this kernel names it: loopback-ism, or since DIBS (7.x) the DIBS device lo
	if [ "$(smc_loopback_device)" = lo ]; then name="the DIBS device lo"; else name=loopback-ism; fi
	assert_line --index 0 --regexp "^\($name, which the kernel does not list here, carries $n link groups?: smcd linkgroup, CHID ffff\)$"
	[ "${#lines[@]}" -eq 1 ]
	run "$SMCD" -j device
	assert_output '[]'
	# no RDMA device: nothing at all, as smc-tools
	run "$SMCR" -d device
	assert_success
	assert_output ''
	run_split -2 "$SMCR" device bogus
	assert_one_line_error '^smcr: device: unknown filter "bogus"'
	run_split -2 "$SMCD" device netdev lo
	assert_one_line_error '^smcd: device: netdev filters SMC-R devices only'
}

@test "seid: x86 has no system EID, shown as n/a; changing it is refused clearly" {
	run "$SMCD" seid
	assert_success
	assert_output 'n/a'
	run "$SMCD" -j seid show
	assert_output '{}'
	run_split -1 "$SMCD" seid enable
	assert_one_line_error '^smcd: seid enable: this host has no system EID'
	run_split -1 "$SMCD" seid disable
	assert_one_line_error '^smcd: seid disable: this host has no system EID'
}

@test "hslimit: show, enable, disable, per namespace, needs CAP_NET_ADMIN to change" {
	run "$SMCR" hslimit
	assert_output disabled
	run "$SMCR" hslimit enable
	assert_success
	run "$SMCD" -j hslimit show
	assert_output '{"enabled":true}'
	ip netns add objns
	run "$SMCR" -n objns hslimit
	assert_output disabled
	run "$SMCR" hslimit show -n objns -j
	assert_output '{"enabled":false}'
	run_split -1 setpriv --reuid=65534 --regid=65534 --clear-groups "$SMCR" hslimit disable
	assert_one_line_error '^smcr: cannot disable the handshake limitation: permission denied \(needs root or CAP_NET_ADMIN\)$'
	run "$SMCR" hslimit disable
	assert_success
	run "$SMCR" hslimit
	assert_output disabled
}

@test "-n: unknown namespace and bad spec are errors, a PID works" {
	run_split -1 "$SMCD" -n nosuchns linkgroup
	assert_one_line_error '^smcd: network namespace "nosuchns" not found \(see: ip netns list\)$'
	run_split -2 "$SMCD" -n a/b linkgroup
	assert_one_line_error '^smcd: invalid network namespace "a/b"'
	run "$SMCD" -n 1 -j info
	assert_success
}

@test "-n: SMC-D link groups warn they span namespaces" {
	require_feature loopback_ism
	start_bg server "$SMC_CONN" server 127.0.0.1 5301
	start_bg client "$SMC_CONN" client 127.0.0.1 5301
	ip netns add objns
	run_split "$SMCD" -n objns linkgroup
	assert_success
	assert_equal "$stderr" "smcd: warning: SMC-D link groups carry no network namespace: showing those of all namespaces"
}

@test "the new objects are valgrind- and ASan-clean on live data" {
	require_reference_kernel
	start_bg server "$SMC_CONN" server 127.0.0.1 5302
	start_bg client "$SMC_CONN" client 127.0.0.1 5302
	for args in "info" "-j info" "linkgroup" "-d linkgroup" "-p linkgroup" "device" "seid" "hslimit" "linkgroup 1"; do
		# shellcheck disable=SC2086
		run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 "$SMCD" $args
		[ "$status" -le 1 ] || fail "valgrind smcd $args: $status $output"
		# shellcheck disable=SC2086
		ASAN_OPTIONS=exitcode=99 run "$TOP/build/asan/smcd" $args
		[ "$status" -le 1 ] || fail "asan smcd $args: $status $output"
	done
}

# Every command's JSON on the live kernel follows its schema (schemas/, smcr(8) JSON
# OUTPUT): SMC-D connections, a fallback and the host check here, SMC-R in
# smcr_objects.bats; the replayed kernels are checked on the host (tests/host/replay.bats).
@test "JSON of smcss, smcd, smc_pnet and smc_chk follows the schemas" {
	local f=$BATS_TEST_TMPDIR/json
	if have_feature loopback_ism; then
		start_bg server "$SMC_CONN" server 127.0.0.1 5500
		start_bg client "$SMC_CONN" client -n 2 127.0.0.1 5500
	fi
	start_bg tcp "$SMC_CONN" server --tcp 127.0.0.1 5501
	start_bg fb "$SMC_CONN" client 127.0.0.1 5501
	for args in "-a -j" "-e -j" "-d -j" "-D -j" "-l -p"; do
		# shellcheck disable=SC2086
		json_schema_check "$f" "$SMCSS" $args
	done
	for args in "-j info" "-j linkgroup" "-p -d linkgroup" "-j device" "-j stats" "-a -j stats" \
		"stats json" "-j ueid" "-j seid" "-j hslimit" "-j explain" "-j explain NOUEID"; do
		# shellcheck disable=SC2086
		json_schema_check "$f" "$SMCD" $args
	done
	json_schema_check "$f" "$TOP/smc_pnet/smc_pnet" -j
	json_schema_check "$f" "$TOP/smc_chk/smc_chk" -j
	json_schema_check "$f" "$TOP/smc_chk/smc_chk" -j -C 127.0.0.1 -p 5501
	json_schema_assert "$f"
}

# af_smc(7) lists the sysctls of every kernel the bench boots: what /proc/sys/net/smc
# holds here must each be documented there.
@test "af_smc(7) documents every net.smc sysctl of this kernel" {
	[ -d /proc/sys/net/smc ] || skip "this kernel has no net.smc sysctls"
	local f name n=0
	for f in /proc/sys/net/smc/*; do
		name=${f##*/}
		grep -qE "^\.BR? (.*[ \"])?${name}( |\"|\$)" "$TOP/man/af_smc.7" ||
			fail "af_smc.7 does not document net.smc.$name"
		n=$((n + 1))
	done
	[ "$n" -gt 0 ]
}
