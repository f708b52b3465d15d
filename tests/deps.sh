#!/usr/bin/env bash
# tests/deps.sh - install the Debian packages smc-utils needs to build and test.
#   tests/deps.sh ensure    install only if something is missing (make check / make demo)
#   tests/deps.sh install   always run apt-get install (make deps)
#   tests/deps.sh list      print the package names
set -euo pipefail

packages=(
	# build
	# (libibverbs and zlib: their headers; the tools open the libraries when they need them)
	gcc make pkg-config libc6-dev libibverbs-dev ibverbs-providers zlib1g-dev
	# unit tests: libnl builds the replies they feed our parsers, zlib writes gzip files
	libnl-3-dev libnl-genl-3-dev
	# host tests
	bats bats-assert bats-support jq bash-completion valgrind cppcheck
	# tests/host/install.bats: Debian's build flags (dpkg-buildflags), readelf and nm;
	# tests/host/package.bats: the Debian package (debian/), lintian and blhc on it
	dpkg-dev binutils debhelper fakeroot lintian blhc
	# replay tests: tests/replay/*.py read and mutate recordings; JSON output is checked
	# against schemas/ (tests/tools/validate-json.py)
	python3 python3-jsonschema
	# smc_run's tests: an unmodified program that copies data over TCP
	socat
	# smc_metrics: promtool checks the Prometheus text; the live test has node_exporter
	# read it and fetches /metrics with curl
	prometheus prometheus-node-exporter curl
	# the fuzz harnesses (tests/fuzz): clang and its libFuzzer runtime
	clang libclang-rt-14-dev
	# live-kernel bench: qemu, initramfs, kernel module build (loopback-ism smc.ko with
	# the compiler Debian built the 6.12 kernel with), setpriv for the privilege tests
	qemu-system-x86 busybox-static kmod cpio iproute2 xz-utils util-linux
	gcc-12 binutils pahole libelf1
	# the bench's own 7.3 kernel (tests/vm/build-kernel.sh): a kernel build
	flex bison bc libelf-dev libssl-dev
)

missing() {
	local p
	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
			printf '%s\n' "$p"
	done
}

install() {
	local todo=("$@")
	if [ "$(id -u)" != 0 ]; then
		echo "deps: missing packages; as root run:" >&2
		echo "  apt-get install --no-install-recommends ${todo[*]}" >&2
		exit 1
	fi
	echo "deps: installing ${todo[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	# a fresh machine may have no package lists yet
	apt-get update -qq >&2 || true
	local log
	log=$(mktemp)
	if ! apt-get install -y -q --no-install-recommends "${todo[@]}" >"$log" 2>&1; then
		tail -n 20 "$log" >&2
		rm -f "$log"
		echo "deps: apt-get install failed" >&2
		exit 1
	fi
	rm -f "$log"
}

case "${1:-ensure}" in
list)	printf '%s\n' "${packages[@]}" ;;
install) install "${packages[@]}" ;;
ensure)
	mapfile -t todo < <(missing)
	[ "${#todo[@]}" -eq 0 ] || install "${todo[@]}"
	;;
*)	echo "usage: tests/deps.sh [ensure|install|list]" >&2; exit 2 ;;
esac
