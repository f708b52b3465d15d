#!/usr/bin/env bats
# The bench's kernel itself: the SMC module it was meant to load, and what it has of the
# features the live tests require (tests/helpers/live.bash), probed as they probe it.
load ../helpers/live

setup() {
	require_bench
}

@test "the bench loaded its smc.ko: ours with loopback-ism, or Debian's own" {
	local smclo
	smclo=$(cat /run/bench/smc-lo)
	if [ -n "$smclo" ]; then
		# built out of tree (tests/vm/build-smc-lo.sh): the kernel marks it O
		grep -q O /sys/module/smc/taint
	else
		run cat /sys/module/smc/taint
		refute_output --partial O
	fi
	[ -d /sys/module/smc_diag ]
}

# Each feature the bench's kernel is known to have must be found; what it lacks is listed
# with the reason its tests give when they skip.
@test "the kernel's SMC features: all the bench's kernel should have, the others named" {
	local f have=() lack=()
	for f in $SMC_FEATURES; do
		if have_feature "$f"; then
			have+=("$f")
		else
			lack+=("$f")
			echo "# $(uname -r) lacks $f: $FEATURE_WHY" >&3
		fi
	done
	echo "# $(uname -r) has: ${have[*]:-none of them}" >&3
	for f in $(_bench_kernel_features); do
		[[ " ${have[*]} " == *" $f "* ]] ||
			fail "the bench's ${BENCH_KERNEL:-?} kernel should have $f"
	done
}
