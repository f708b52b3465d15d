#!/usr/bin/env bats
# smc_rnics on sysfs fixtures (SMC_UTILS_SYSROOT): an s390 LPAR with RoCE Express and
# ISM, an x86 host with a ConnectX port and soft-RoCE (tests/helpers/sysfs_fixture.bash),
# and hostile trees. SMC's own answers come from recorded kernels (SMC_UTILS_REPLAY):
# without SMC by default, the SMC-R scene for PNET IDs from the table. Live:
# tests/live/smc_rnics.bats.
load ../helpers/common
load ../helpers/sysfs_fixture

RNICS="$TOP/smc_rnics/smc_rnics"
REC="$TOP/tests/replay/6.12.117+deb12-amd64"

setup() {
	S390="$BATS_TEST_TMPDIR/s390"
	X86="$BATS_TEST_TMPDIR/x86"
	make_s390_fixture "$S390"
	make_x86_fixture "$X86"
	# a kernel without SMC: nothing from netlink, the same on every host
	export SMC_UTILS_REPLAY="$REC/nosmc.rec"
}

rnics() {
	SMC_UTILS_SYSROOT=$1 "$RNICS" "${@:2}"
}

@test "s390: RoCE Express2 and ISM with FID, PCHID, PFT and the PNET ID from util_string" {
	run_split rnics "$S390"
	assert_success
	assert_equal "$stderr" ""
	assert_output "FID Power PCI_ID       PCHID Type          PFT  VF PPrt PNET_ID Net-Dev State
11  Yes   0001:00:00.0 0140  RoCE_Express2 ROC2 y  1    NET1    eno1    ACTIVE
300 Yes   0002:00:00.0 07c1  ISM           ISM  n  0    NET1"
	run_split rnics "$S390" -I
	# (a row's last cell is not padded, nor counted in its column's width)
	assert_output "FID Power PCI_ID       PCHID Type          PFT  VF IPrt PNET_ID IB-Dev State
11  Yes   0001:00:00.0 0140  RoCE_Express2 ROC2 y  1    NET1    mlx5_0 ACTIVE
300 Yes   0002:00:00.0 07c1  ISM           ISM  n  -    NET1    0002:00:00.0"
	run_split rnics "$S390" -r
	assert_output "FID Power PCI_ID       PCHID Type      PFT  VFN PPrt PNET_ID Net-Dev State
11  Yes   0001:00:00.0 0140  15b3:1016 0x0a 1   1    NET1    eno1    ACTIVE
300 Yes   0002:00:00.0 07c1  1014:04ed 0x05 0   0    NET1"
	# -a: the function in standby, known only by its slot
	run_split rnics "$S390" -a -I -r
	assert_line --index 3 "420 No"
	run_split rnics "$S390" -j
	assert_success
	jq -e '.[0] == {"kind":"rdma","virtual":false,"ib_device":"mlx5_0","ib_port":1,
		"state":"ACTIVE","link_layer":"Ethernet","netdevs":["eno1"],"pnetid":"NET1",
		"pnetid_by_user":false,"pci_id":"0001:00:00.0","pci_vendor":5555,"pci_device":4118,
		"pci_class":131072,"type":"RoCE_Express2","driver":"mlx5_core",
		"virtual_function":true,"pci_fid":17,"pci_pchid":320,"pft":10,"vfn":1,
		"physical_port":1,"uid":17,"power":true}' <<<"$output"
	jq -e '.[1] | .kind == "ism" and .ib_device == "0002:00:00.0" and .pci_fid == 768
		and .pnetid == "NET1" and (has("netdevs") | not) and (has("ib_port") | not)' <<<"$output"
	run_split rnics "$S390" -a -j
	jq -e '.[2] == {"kind":"standby","pci_fid":1056,"power":false}' <<<"$output"
}

@test "s390: the PNET ID of RDMA port N is util_string's N-th slice, as SMC reads it" {
	local ib="$S390/sys/devices/pci0001:00/0001:00:00.0/infiniband/mlx5_0"
	attr "$ib/ports/2/state" "1: DOWN"
	run rnics "$S390" -I
	assert_line --regexp '^11 +Yes +0001:00:00.0 +0140 +RoCE_Express2 +ROC2 +y +2 +NET2 +mlx5_0 +DOWN$'
}

@test "x86: a ConnectX port by its PCI ids and driver, soft-RoCE shown as virtual" {
	run_split rnics "$X86"
	assert_success
	assert_equal "$stderr" ""
	assert_output "FID Power PCI_ID       PCHID Type      PFT VF PPrt PNET_ID Net-Dev   State
-   -     0000:3b:00.0 -     mlx5_core -   n  -    -       ens1f0np0 DOWN
-   -     virtual      -     -         -   -  -    -       eth0      ACTIVE"
	run_split rnics "$X86" -I
	assert_line --index 2 "-   -     virtual      -     -         -   -  1    -       rxe0   ACTIVE"
	# -a: the NIC without an RDMA device too
	run_split rnics "$X86" -a
	assert_line --index 1 "-   -     0000:00:1f.6 -     e1000e    -   n  -    -       eno2"
	run_split rnics "$X86" -j
	jq -e '.[1] == {"kind":"rdma","virtual":true,"ib_device":"rxe0","ib_port":1,
		"state":"ACTIVE","link_layer":"Ethernet","netdevs":["eth0"]}' <<<"$output"
	jq -e '.[0] | .pci_id == "0000:3b:00.0" and .pci_vendor == 5555 and .pci_device == 4119
		and .virtual_function == false and (has("pci_fid") | not) and (has("power") | not)' \
		<<<"$output"
}

@test "PNET IDs from SMC's PNET table are marked, and RDMA netlink names the verbs driver" {
	local bench="$BATS_TEST_TMPDIR/bench"
	# the devices of the recorded SMC-R scene (tests/helpers/smcr.bash): rxa, rxb
	rdma_dev "$bench" rxa "" ra "4: ACTIVE"
	rdma_dev "$bench" rxb "" rb "4: ACTIVE"
	SMC_UTILS_REPLAY="$REC/smcr.rec" run_split rnics "$bench" -I
	assert_success
	assert_equal "$stderr" ""
	assert_output "FID Power PCI_ID  PCHID Type PFT VF IPrt PNET_ID IB-Dev State
-   -     virtual -     rxe  -   -  1    *PNETA  rxa    ACTIVE
-   -     virtual -     rxe  -   -  1    *PNETB  rxb    ACTIVE"
	SMC_UTILS_REPLAY="$REC/smcr.rec" run_split rnics "$bench" -j
	jq -e '.[0] | .pnetid == "PNETA" and .pnetid_by_user == true and .type == "rxe"
		and .verbs_driver == "rxe"' <<<"$output"
	# a PNET ID from the hardware wins over the table (SMC takes it first)
	rdma_dev "$S390" rxa "" ra "4: ACTIVE"
	SMC_UTILS_REPLAY="$REC/smcr.rec" run rnics "$S390"
	assert_line --regexp '^11 +Yes .* NET1 +eno1 +ACTIVE$'
	assert_line --regexp '^- +- +virtual .* \*PNETA +ra +ACTIVE$'
}

@test "FID and PCI address select rows; one that matches nothing is an error" {
	for fid in 11 0x11 0X11 00000011; do
		run_split rnics "$S390" "$fid"
		assert_success
		assert_equal "${#lines[@]}" 2
		assert_line --index 1 --regexp '^11 +Yes +0001:00:00.0 '
	done
	run_split rnics "$S390" 0002:00:00.0
	assert_line --index 1 --regexp '^300 '
	# the domain may be left out, as lspci writes it; hex in either case
	run_split rnics "$X86" 3B:00.0
	assert_success
	assert_line --index 1 --regexp '^- +- +0000:3b:00.0 '
	run_split -1 rnics "$S390" 12
	assert_one_line_error '^smc_rnics: no RDMA or ISM device has FID 12$'
	run_split -1 rnics "$X86" -j 11
	assert_one_line_error '^smc_rnics: no RDMA or ISM device has FID 11$'
	run_split -1 rnics "$X86" -a 0000:3b:00.1
	assert_one_line_error '^smc_rnics: no PCI function has PCI address 0000:3b:00.1$'
	# the standby function is found by its FID with -a
	run_split rnics "$S390" -a 420
	assert_success
	assert_line --index 1 "420 No"
}

@test "usage errors: one line, exit 2, nothing on stdout" {
	assert_usage_errors "$RNICS" <<'EOF'
-x|unknown option '-x' \(try: smc_rnics --help\)$
zz|invalid FID or PCI address "zz" \(a hex FID such as 0x1a, or an address such as 0000:3b:00.0\)$
123456789|invalid FID or PCI address "123456789"
0000:3b:00.8|invalid FID or PCI address "0000:3b:00.8"
00:3b:00:0|invalid FID or PCI address
1 2|unexpected argument "2" \(one FID or PCI address at most\)$
-e|option '-e' needs a value
-e zz|invalid FID "zz" \(up to 8 hex digits, 0x optional\)$
-e -1|invalid FID "-1"
-e 11 -d 11|--enable and --disable cannot be combined, nor given twice$
-d 11 -d 12|--enable and --disable cannot be combined, nor given twice$
-e 11 12|--enable takes its FID as its value, not "12" too$
-d 11 -a|--disable cannot be combined with --all$
-e 11 -I|--enable cannot be combined with --IB-dev$
-e 11 -r|--enable cannot be combined with --rawids$
-d 11 -p|--disable cannot be combined with --json or --pretty$
--enable=|invalid FID ""
EOF
}

@test "-e/-d power an s390 slot on and off; elsewhere a clear error" {
	local slots="$S390/sys/bus/pci/slots"
	run_split rnics "$S390" -d 11
	assert_success
	assert_equal "$output$stderr" ""
	assert_equal "$(cat "$slots/00000011/power")" 0
	run_split rnics "$S390" --enable 0x420
	assert_success
	assert_equal "$(cat "$slots/00000420/power")" 1
	# already on: nothing to do, nothing written
	chmod 0444 "$slots/00000300/power"
	run_split rnics "$S390" -e 300
	assert_success
	assert_equal "$output$stderr" ""
	run_split -1 rnics "$X86" -e 11
	assert_one_line_error '^smc_rnics: cannot enable FID 11: there is no PCI slot 00000011 with power control here \(sysfs bus/pci/slots/00000011/power: s390 only\)$'
	run_split -1 rnics "$S390" -d 12
	assert_one_line_error '^smc_rnics: cannot disable FID 12: there is no PCI slot 00000012 '
	printf 'on\n' >"$slots/00000011/power"
	run_split -1 rnics "$S390" -e 11
	assert_one_line_error '^smc_rnics: cannot enable FID 11: its slot.s power file holds neither 0 nor 1$'
}

@test "a failed write is one line and exit 1; a reader that went away ends it quietly" {
	run --separate-stderr bash -c 'SMC_UTILS_SYSROOT="$2" "$1" -j >/dev/full' _ "$RNICS" "$S390"
	assert_failure 1
	assert_equal "$stderr" "smc_rnics: cannot write output: No space left on device"
	run --separate-stderr bash -c 'trap "" PIPE; { sleep 0.5; SMC_UTILS_SYSROOT="$2" "$1"
		echo "status $?" >&2; } | true' _ "$RNICS" "$S390"
	assert_equal "$stderr" "status 141"
}

@test "no devices: the header alone, [] in JSON; a missing root is one error line" {
	mkdir -p "$BATS_TEST_TMPDIR/empty"
	run_split rnics "$BATS_TEST_TMPDIR/empty"
	assert_success
	assert_output "FID Power PCI_ID PCHID Type PFT VF PPrt PNET_ID Net-Dev State"
	run_split rnics "$BATS_TEST_TMPDIR/empty" -j
	assert_output "[]"
	run_split -1 rnics "$BATS_TEST_TMPDIR/nowhere"
	assert_one_line_error "^smc_rnics: cannot read sysfs under \"$BATS_TEST_TMPDIR/nowhere\": No such file or directory\$"
}

# a hostile tree: control characters and bytes that are not UTF-8 in names and
# attributes, an oversized attribute, a FIFO where an attribute should be, a device link
# that leads nowhere PCI, junk in util_string and in the numbers
make_hostile() {
	local root=$1 ib fn
	rdma_dev "$root" $'evil\e[31m\nX' "" $'nd\xff\x01' $'4: ACT\e]0;pwn\aIVE'
	pci_fn "$root" 0003:00:00.0 0x15b3 0x1016 0x020000 $'drv\x7f'
	fn="$root/sys/devices/pci0003:00/0003:00:00.0"
	attr "$fn/function_id" "0x1zz"
	attr "$fn/pchid" "0x123456789"
	attr "$fn/pft" "10"
	printf '\x01\xff\xc1\xfa%.0s' {1..16} >"$fn/util_string"
	head -c 100000 /dev/zero | tr '\0' 'A' >"$fn/vfn"
	mkfifo "$fn/uid"
	mkdir -p "$fn/net/"$'n\e[1m'
	rdma_dev "$root" mlxh 0003:00:00.0 "" "4: ACTIVE"
	ib="$root/sys/class/infiniband/mlxh"
	mkdir -p "$ib/ports/0" "$ib/ports/x" "$ib/ports/99999999999"
	# a parent that is no PCI function (a platform device, as hns on arm64 has)
	mkdir -p "$root/sys/devices/platform/hns" "$root/sys/class/infiniband/hns_0/ports/1"
	ln -s ../../devices/platform/hns "$root/sys/class/infiniband/hns_0/device"
	attr "$root/sys/class/infiniband/hns_0/ports/1/state" "4: ACTIVE"
}

@test "hostile sysfs: escaped text, valid JSON, no attribute read past its limit or blocked on" {
	local bad="$BATS_TEST_TMPDIR/bad"
	make_hostile "$bad"
	run_split timeout 10 env SMC_UTILS_SYSROOT="$bad" "$RNICS" -I
	assert_success
	assert_equal "$stderr" ""
	# every row one line, every byte printable; a PFT not in the kernel's format is none
	assert_equal "${#lines[@]}" 4
	refute_output --regexp $'[\x01-\x08\x0b-\x1f\x7f]'
	assert_line --index 3 --regexp '^- +- +- +- +- +- +- +1 +- +hns_0 +ACTIVE$'
	assert_line --index 1 --regexp '^- +- +0003:00:00.0 +- +RoCE_Express2 +- +n +1 +\?\?A\?\?\?A\?\?\?A\?\?\?A\? +mlxh +ACTIVE$'
	assert_line --index 2 --regexp '^- +- +virtual .* evil\\033\[31m\\012X +ACT\\033\]0;pwn\\007IVE$'
	run_split timeout 10 env SMC_UTILS_SYSROOT="$bad" "$RNICS" -j
	assert_success
	python3 -c 'import json,sys; json.loads(sys.stdin.buffer.read().decode("utf-8", "strict"))' <<<"$output"
	jq -e '.[1].netdevs == ["nd\ufffd\u0001"] and .[1].ib_device == "evil\u001b[31m\nX"
		and .[0].netdevs == ["n\u001b[1m"] and (.[0] | has("pci_fid") or has("pci_pchid")
		or has("vfn") or has("uid") | not) and .[2].ib_device == "hns_0"
		and .[2].virtual == false and (.[2] | has("pci_id") | not)' <<<"$output"
}

@test "every JSON output follows schemas/smc_rnics.json" {
	local out="$BATS_TEST_TMPDIR/json" bad="$BATS_TEST_TMPDIR/bad"
	make_hostile "$bad"
	for root in "$S390" "$X86" "$bad"; do
		for args in "-j" "-p -a" "-j -a -I -r"; do
			# shellcheck disable=SC2086
			SMC_UTILS_SYSROOT=$root json_schema_check "$out" "$RNICS" $args
		done
	done
	json_schema_assert "$out"
}

@test "ASan/UBSan and valgrind find nothing, hostile tree included" {
	local bad="$BATS_TEST_TMPDIR/bad"
	[ -x "$TOP/build/asan/smc_rnics" ] || skip "run 'make asan' first"
	make_hostile "$bad"
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
	export UBSAN_OPTIONS=halt_on_error=1:exitcode=98
	for root in "$S390" "$X86" "$bad"; do
		for args in "" "-a -j" "-p -I -r" "-a 0x11" "12" "-x" "-e 11"; do
			# shellcheck disable=SC2086
			run env SMC_UTILS_SYSROOT="$root" "$TOP/build/asan/smc_rnics" $args
			[ "$status" -le 2 ] || fail "smc_rnics $args on $root exited $status: $output"
		done
	done
	SMC_UTILS_REPLAY="$REC/smcr.rec" run env SMC_UTILS_SYSROOT="$bad" \
		valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
		"$RNICS" -a -j
	assert_success
}
