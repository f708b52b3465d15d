# tests/helpers/kernel.bash - what this host's files say about its kernel's SMC, read here
# apart from lib/kernel/kernel_support.c (with zcat and grep, the way an operator would), and the
# words every tool must then use when SMC does not answer.
# shellcheck shell=bash

# host_smc: loaded | builtin | module | missing | not-built | unknown
#   the running kernel's configuration (/proc/config.gz, else /boot/config-RELEASE), the
#   module lists of /lib/modules/RELEASE; an installed smc.ko counts whatever the
#   configuration says
host_smc() {
	local rel config="" have_config=0 dep builtin
	rel=$(uname -r)
	dep=/lib/modules/$rel/modules.dep
	builtin=/lib/modules/$rel/modules.builtin
	if [ -d /sys/module/smc ]; then
		echo loaded
		return
	fi
	if [ -f /proc/config.gz ] && config=$(zcat /proc/config.gz 2>/dev/null) &&
		grep -q '^CONFIG_[A-Za-z0-9_]*=' <<<"$config"; then
		have_config=1
	elif [ -f "/boot/config-$rel" ] && config=$(cat "/boot/config-$rel") &&
		grep -q '^CONFIG_[A-Za-z0-9_]*=' <<<"$config"; then
		have_config=1
	fi
	if [ $have_config = 1 ] && grep -qx 'CONFIG_SMC=y' <<<"$config"; then
		echo builtin
	elif [ -f "$dep" ] && grep -Eq '(^|/)smc\.ko(\.xz|\.gz|\.zst)?:' "$dep"; then
		echo module
	elif [ $have_config = 1 ] && grep -qx 'CONFIG_SMC=m' <<<"$config"; then
		if [ -f "$dep" ]; then echo missing; else echo module; fi
	elif [ $have_config = 1 ]; then
		echo not-built
	elif [ -f "$builtin" ] && grep -Eq '(^|/)smc\.ko$' "$builtin"; then
		echo builtin
	elif [ -f "$builtin" ] && [ -f "$dep" ]; then
		echo not-built
	else
		echo unknown
	fi
}

HOST_SMC=$(host_smc)

# NO_SMC: what smcr, smcd, smc_pnet and smc_chk -C say when the SMC module does not answer
# (a regex for [[ =~ ]], after "TOOL: "); NO_SMC_DIAG: what smcss says after "SMC socket
# diagnostics unavailable: " (smc_diag goes with smc on every host these tests meet).
# NO_SMC_CHK, NO_SMC_DIAG_CHK: the same without the fix, as smc_chk's findings have them.
case $HOST_SMC in
module)
	NO_SMC_CHK='SMC module not loaded'
	NO_SMC="$NO_SMC_CHK \\(try: modprobe smc\\)"
	NO_SMC_DIAG_CHK='the smc_diag module is not loaded'
	NO_SMC_DIAG="$NO_SMC_DIAG_CHK \\(try: modprobe smc_diag\\)"
	;;
missing)
	NO_SMC_CHK='this kernel has SMC as a module \(CONFIG_SMC=m in [^)]*\), but smc\.ko is not installed \([^)]*\)'
	NO_SMC="$NO_SMC_CHK; install the modules of kernel [^ ]*, then modprobe smc"
	NO_SMC_DIAG_CHK=$NO_SMC_CHK
	NO_SMC_DIAG=$NO_SMC
	;;
not-built)
	NO_SMC_CHK='this kernel was built without SMC \((CONFIG_SMC is not set in [^;)]*(; it needs CONFIG_[A-Z_]+( and CONFIG_[A-Z_]+)?, which (is|are) not set either)?|smc\.ko is in neither modules\.builtin nor modules\.dep of [^)]*)\)'
	NO_SMC="$NO_SMC_CHK; boot a kernel built with CONFIG_SMC[A-Za-z_, ]*"
	NO_SMC_DIAG_CHK=$NO_SMC_CHK
	NO_SMC_DIAG=$NO_SMC
	;;
*)
	NO_SMC_CHK='SMC module not loaded, or this kernel was built without SMC \(no kernel configuration or module list here tells which\)'
	NO_SMC="$NO_SMC_CHK \\(try: modprobe smc; if that fails, boot a kernel built with CONFIG_SMC\\)"
	NO_SMC_DIAG_CHK='the smc_diag module is not loaded, or this kernel was built without SMC socket diagnostics \(no kernel configuration or module list here tells which\)'
	NO_SMC_DIAG="$NO_SMC_DIAG_CHK \\(try: modprobe smc_diag; if that fails, boot a kernel built with CONFIG_SMC_DIAG\\)"
	;;
esac
export HOST_SMC NO_SMC NO_SMC_DIAG NO_SMC_CHK NO_SMC_DIAG_CHK
