#!/usr/bin/env bash
# tests/check.sh - run every test suite and end with one line "N passed, N failed[, N skipped]".
#   C unit tests (TAP), host bats tests, and the live-kernel bats tests inside the qemu bench.
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

# fetch and build the bench first: the unit tests cross-check against its kernel source
if [ "${SKIP_BENCH:-0}" != 1 ]; then
	tests/vm/prepare || { echo "not ok - preparing the live-kernel bench failed"; failed=1; }
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
	skipped=$((skipped + n))
elif ls tests/live/*.bats >/dev/null 2>&1; then
	# Two guests at once, one boot each: the SMC-R files (namespaces a/b, soft-RoCE) and
	# the rest (SMC-D over loopback-ism). Each guest runs its bats mostly on one CPU, so
	# the pair takes about half the time of one guest running everything.
	smcr_files=() other_files=()
	for f in tests/live/*.bats; do
		case $(basename "$f") in
		smcr*.bats | rdma_*.bats | smc_pnet.bats | smc_run.bats) smcr_files+=("$f") ;;
		*) other_files+=("$f") ;;
		esac
	done
	pids=()
	for group in smcr other; do
		if [ "$group" = smcr ]; then files=("${smcr_files[@]}"); else files=("${other_files[@]}"); fi
		[ ${#files[@]} -gt 0 ] || continue
		echo "# --- live-$group: ${files[*]##*/} (output follows when it ends)"
		BENCH_TIMEOUT=${BENCH_TIMEOUT:-1500} tests/vm/run bats --tap --timing "${files[@]}" \
			>"$log_dir/live-$group.tap" 2>&1 &
		pids+=("$!:$group")
	done
	for entry in "${pids[@]}"; do
		rc=0
		wait "${entry%%:*}" || rc=$?
		group=${entry#*:}
		echo "# --- live-$group"
		cat "$log_dir/live-$group.tap"
		tally "live-$group" "$log_dir/live-$group.tap" "$rc"
	done
fi

line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
