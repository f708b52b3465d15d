#!/usr/bin/env bash
# tests/check.sh - run every test suite and end with one line "N passed, N failed[, N skipped]".
#   C unit tests (TAP), host bats tests, and the live-kernel bats tests inside the qemu bench,
#   on each kernel of BENCH_KERNELS (default "6.12 6.1 7.3", see tests/vm/README.md).
#   SKIP_BENCH=1 skips the bench (counted as skipped, never as passed).
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0 failed=0 skipped=0
log_dir=build/test-logs
mkdir -p "$log_dir"

# count TAP lines of one suite's output and echo it
tally() {
	local name=$1 file=$2 rc=$3 p f s
	p=$(grep -cE '^ok ' "$file" | tr -d ' ')
	s=$(grep -cE '^ok .*# (skip|SKIP)' "$file" | tr -d ' ')
	f=$(grep -cE '^not ok ' "$file" | tr -d ' ')
	p=$((p - s))
	# a suite that crashed without reporting a failure still fails once
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $rc" | tee -a "$file"
		f=1
	fi
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}

run_suite() {
	local name=$1; shift
	local file="$log_dir/$name.tap" rc
	echo "# --- $name"
	"$@" 2>&1 | tee "$file"
	rc=${PIPESTATUS[0]}
	tally "$name" "$file" "$rc"
}

read -r -a bench_kernels <<<"${BENCH_KERNELS:-6.12 6.1 7.3}"

# fetch and build the bench first: the unit tests cross-check against its kernel source
if [ "${SKIP_BENCH:-0}" != 1 ]; then
	for k in "${bench_kernels[@]}"; do
		BENCH_KERNEL=$k tests/vm/prepare ||
			{ echo "not ok - preparing the live-kernel bench ($k) failed"; failed=$((failed + 1)); }
	done
fi

for t in tests/unit/test_*; do
	[ -x "$t" ] && [ "${t%.c}" = "$t" ] && [ "${t%.o}" = "$t" ] && [ "${t%.d}" = "$t" ] || continue
	run_suite "unit-$(basename "$t")" "$t"
done

run_suite host bats --tap tests/host

# libFuzzer harnesses: a short run of each (SMOKE_TIME seconds, two at a time) and every
# saved crash reproducer (tests/fuzz/run.sh)
run_suite fuzz tests/fuzz/run.sh smoke

if [ "${SKIP_BENCH:-0}" = 1 ]; then
	echo "# bench skipped (SKIP_BENCH=1)"
	n=$(grep -c '@test' tests/live/*.bats 2>/dev/null | awk -F: '{s+=$2} END {print s+0}')
	skipped=$((skipped + n * ${#bench_kernels[@]}))
elif ls tests/live/*.bats >/dev/null 2>&1; then
	# The live suite on each kernel, every file on each (what a kernel lacks is skipped
	# with its reason: tests/helpers/live.bash), in two groups per kernel, one boot each:
	# the SMC-R files (namespaces a/b, soft-RoCE) and the rest (SMC-D over loopback-ism).
	# Guests run BENCH_JOBS at a time (default 2, one per CPU of this machine), each with
	# one virtual CPU: two guests of two vCPUs each on two cores took 2.4 times as long
	# as one alone (6.1's SMC-R group: 365 s against 151 s), two of one vCPU each about
	# as long as one of two alone (157 and 153 s). Except 7.3's SMC-R group: with one
	# vCPU its first contacts mostly miss the kernel's 2 s CLC wait (see smcr_pair in
	# tests/helpers/smcr.bash; three in a row in one run), with two they rarely do.
	# BENCH_SMP, if set, is every guest's. The next group starts as soon as one ends.
	live_jobs=${BENCH_JOBS:-2}
	declare -A group_smp=([7.3:smcr]=2)
	case $live_jobs in '' | *[!0-9]* | 0*) echo "BENCH_JOBS must be a positive number" >&2; exit 2 ;; esac
	smcr_files=() other_files=()
	for f in tests/live/*.bats; do
		case $(basename "$f") in
		smcr*.bats | rdma_*.bats | smc_pnet.bats | smc_run.bats) smcr_files+=("$f") ;;
		*) other_files+=("$f") ;;
		esac
	done
	# Longest first, so that the last guest to start is a short one: wall seconds of
	# each group seen with two one-vCPU guests at a time (a kernel not listed counts as 600)
	declare -A group_secs=([6.12:other]=403 [6.12:smcr]=351 [6.1:other]=232
		[6.1:smcr]=157 [7.3:other]=286 [7.3:smcr]=279)
	groups=()
	for k in "${bench_kernels[@]}"; do
		for g in other smcr; do
			groups+=("${group_secs[$k:$g]:-600} $k:$g")
		done
	done
	mapfile -t groups < <(printf '%s\n' "${groups[@]}" | sort -k1,1nr -s | cut -d' ' -f2)
	declare -A live_name=() live_started=()
	# start_live KERNEL:GROUP: one guest in the background, its TAP into the log
	start_live() {
		local kernel=${1%%:*} group=${1#*:} name files
		if [ "$group" = smcr ]; then files=("${smcr_files[@]}"); else files=("${other_files[@]}"); fi
		name=live-$kernel-$group
		[ ${#files[@]} -gt 0 ] || return 0
		echo "# --- $name: ${files[*]##*/} (output follows when it ends)"
		BENCH_KERNEL=$kernel BENCH_TIMEOUT=${BENCH_TIMEOUT:-1500} \
			BENCH_SMP=${BENCH_SMP:-${group_smp[$1]:-1}} \
			tests/vm/run bats --tap --timing "${files[@]}" >"$log_dir/$name.tap" 2>&1 &
		live_name[$!]=$name
		live_started[$!]=$SECONDS
	}
	# finish_live: wait for whichever guest ends first, show and count its TAP (polled:
	# `wait -n PID...` loses a job that ended before it was called)
	finish_live() {
		local pid='' p rc=0 name
		while [ -z "$pid" ]; do
			for p in "${!live_name[@]}"; do
				kill -0 "$p" 2>/dev/null || { pid=$p; break; }
			done
			[ -n "$pid" ] || sleep 2
		done
		wait "$pid" || rc=$?
		name=${live_name[$pid]}
		echo "# --- $name (wall time $((SECONDS - live_started[$pid])) s)"
		cat "$log_dir/$name.tap"
		tally "$name" "$log_dir/$name.tap" "$rc"
		unset "live_name[$pid]" "live_started[$pid]"
	}
	live_t0=$SECONDS
	for g in "${groups[@]}"; do
		[ ${#live_name[@]} -lt "$live_jobs" ] || finish_live
		start_live "$g"
	done
	while [ ${#live_name[@]} -gt 0 ]; do
		finish_live
	done
	echo "# live suites: wall time $((SECONDS - live_t0)) s"
fi

line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
