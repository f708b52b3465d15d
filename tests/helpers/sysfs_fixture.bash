# tests/helpers/sysfs_fixture.bash - sysfs trees for smc_rnics (SMC_UTILS_SYSROOT)
#
# These are files of a host, not kernel replies, so they are written here. Each tree is
# modelled on the layout the kernel documents and creates: PCI functions under
# sys/devices with the attributes of drivers/pci/pci-sysfs.c (vendor, device, class,
# driver link, net/ and infiniband/ directories) and, on s390, of
# arch/s390/pci/pci_sysfs.c (function_id, pchid, pft, vfn, port, uid in their printf
# formats, util_string as 64 raw EBCDIC bytes, 16 per port); sys/bus/pci/devices and
# sys/class/infiniband as relative links into it (as sysfs has them); the RDMA device's
# ports/N/state ("4: ACTIVE"), link_layer and gid_attrs/ndevs/0 (Documentation/ABI/
# stable/sysfs-class-infiniband); zPCI hotplug slots named by FID with their power file
# (drivers/pci/hotplug/s390_pci_hpc.c).

# attr FILE VALUE: a text attribute with the kernel's newline
attr() {
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "$2" >"$1"
}

# ebcdic TEXT: TEXT (letters, digits) in code page 1047, blank-padded to 16 bytes
ebcdic() {
	local text=$1 i c out=""
	for ((i = 0; i < 16; i++)); do
		c=${text:i:1}
		case $c in
		[A-I]) out+=$(printf '\\x%x' $((0xc1 + $(printf '%d' "'$c") - 65))) ;;
		[J-R]) out+=$(printf '\\x%x' $((0xd1 + $(printf '%d' "'$c") - 74))) ;;
		[S-Z]) out+=$(printf '\\x%x' $((0xe2 + $(printf '%d' "'$c") - 83))) ;;
		[0-9]) out+=$(printf '\\x%x' $((0xf0 + c))) ;;
		*) out+='\x40' ;;
		esac
	done
	printf '%s' "$out"
}

# pci_fn ROOT ADDR VENDOR DEVICE CLASS DRIVER: a PCI function and its bus link
pci_fn() {
	local root=$1 addr=$2 dir="$1/sys/devices/pci${2%:*:*}:00/$2"
	mkdir -p "$dir" "$root/sys/bus/pci/devices" "$root/sys/bus/pci/drivers/$6"
	attr "$dir/vendor" "$3"
	attr "$dir/device" "$4"
	attr "$dir/class" "$5"
	ln -s "../../../bus/pci/drivers/$6" "$dir/driver"
	ln -s "../../../devices/pci${addr%:*:*}:00/$addr" "$root/sys/bus/pci/devices/$addr"
}

# rdma_dev ROOT NAME ADDR|"" NDEV|"" STATE [LINK_LAYER]: an RDMA device with port 1
rdma_dev() {
	local root=$1 name=$2 addr=$3 dir
	mkdir -p "$root/sys/class/infiniband"
	if [ -n "$addr" ]; then
		dir="$root/sys/devices/pci${addr%:*:*}:00/$addr/infiniband/$name"
		mkdir -p "$dir"
		ln -s "../../../$addr" "$dir/device"
		ln -s "../../devices/pci${addr%:*:*}:00/$addr/infiniband/$name" \
			"$root/sys/class/infiniband/$name"
	else
		# soft-RoCE: a device of the class alone, naming the interface it runs on
		dir="$root/sys/class/infiniband/$name"
		mkdir -p "$dir"
		attr "$dir/parent" "$4"
	fi
	attr "$dir/ports/1/state" "$5"
	attr "$dir/ports/1/link_layer" "${6:-Ethernet}"
	[ -z "$4" ] || [ -z "$addr" ] || attr "$dir/ports/1/gid_attrs/ndevs/0" "$4"
}

# make_s390_fixture ROOT: an LPAR with a RoCE Express2 VF (FID 0x11, PNET ID NET1 from
# the hardware), an ISM function (FID 0x300, PNET ID NET1) and a RoCE Express function
# in standby (slot FID 0x420 powered off)
make_s390_fixture() {
	local root=$1 roce ism
	pci_fn "$root" 0001:00:00.0 0x15b3 0x1016 0x020000 mlx5_core
	roce="$root/sys/devices/pci0001:00/0001:00:00.0"
	attr "$roce/function_id" 0x00000011
	attr "$roce/function_handle" 0x00000811
	attr "$roce/pchid" 0x0140
	attr "$roce/pfgid" 0x00
	attr "$roce/pft" 0x0a
	attr "$roce/vfn" 0x0001
	attr "$roce/port" 1
	attr "$roce/uid" 0x11
	printf "$(ebcdic NET1)$(ebcdic NET2)$(ebcdic '')$(ebcdic '')" >"$roce/util_string"
	mkdir -p "$roce/net/eno1"
	rdma_dev "$root" mlx5_0 0001:00:00.0 eno1 "4: ACTIVE"
	pci_fn "$root" 0002:00:00.0 0x1014 0x04ed 0x028000 ism
	ism="$root/sys/devices/pci0002:00/0002:00:00.0"
	attr "$ism/function_id" 0x00000300
	attr "$ism/pchid" 0x07c1
	attr "$ism/pft" 0x05
	attr "$ism/vfn" 0x0000
	attr "$ism/port" 0
	attr "$ism/uid" 0x300
	printf "$(ebcdic NET1)$(ebcdic '')$(ebcdic '')$(ebcdic '')" >"$ism/util_string"
	attr "$root/sys/bus/pci/slots/00000011/power" 1
	attr "$root/sys/bus/pci/slots/00000300/power" 1
	attr "$root/sys/bus/pci/slots/00000420/power" 0
}

# make_x86_fixture ROOT: a ConnectX-5 port (mlx5_1, link down), an Intel NIC without
# RDMA (listed with -a only), and soft-RoCE rxe0 on eth0
make_x86_fixture() {
	local root=$1 fn
	pci_fn "$root" 0000:3b:00.0 0x15b3 0x1017 0x020000 mlx5_core
	fn="$root/sys/devices/pci0000:00/0000:3b:00.0"
	mkdir -p "$fn/net/ens1f0np0"
	attr "$fn/sriov_totalvfs" 8
	rdma_dev "$root" mlx5_1 0000:3b:00.0 ens1f0np0 "1: DOWN"
	pci_fn "$root" 0000:00:1f.6 0x8086 0x15bb 0x020000 e1000e
	mkdir -p "$root/sys/devices/pci0000:00/0000:00:1f.6/net/eno2"
	rdma_dev "$root" rxe0 "" eth0 "4: ACTIVE"
}
