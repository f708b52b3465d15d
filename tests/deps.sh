#!/usr/bin/env bash
# tests/deps.sh - install the Debian packages smc-utils needs to build and test.
#   tests/deps.sh ensure    install only if something is missing (make check / make demo)
#   tests/deps.sh install   always run apt-get install (make deps)
#   tests/deps.sh list      print the package names
set -euo pipefail

packages=(
	# build
	gcc make pkg-config libc6-dev libnl-3-dev libnl-genl-3-dev libibverbs-dev
	# host tests
	bats bats-assert bats-support jq bash-completion valgrind cppcheck
	# live-kernel bench: qemu, initramfs, kernel module build (loopback-ism smc.ko)
	qemu-system-x86 qemu-utils busybox-static kmod cpio iproute2 xz-utils zstd
	pahole bc libelf-dev
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
	apt-get install -y -qq --no-install-recommends "${todo[@]}" >&2
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
