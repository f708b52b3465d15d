#!/usr/bin/env bash
# tests/fuzz/run.sh - build and run the libFuzzer harnesses of tests/fuzz (see tests/README.md)
#
#   run.sh smoke [HARNESS...]   each harness for SMOKE_TIME seconds (default 15), then every
#                               saved reproducer once; TAP, for tests/check.sh
#   run.sh run [HARNESS...]     each harness for FUZZ_TIME seconds (default 60): make fuzz;
#                               with FUZZ_RUNS=N, each for N executions instead (no time limit)
#   run.sh repro [HARNESS...]   only the reproducers under tests/fuzz/repro/HARNESS/; TAP
#   run.sh corpus [HARNESS...]  remake tests/fuzz/corpus/HARNESS/ from the bench's
#                               recordings (tests/replay/*/*.rec), minimised by libFuzzer
#
# FUZZ_JOBS harnesses run at once (default 2), each one process at nice FUZZ_NICE (10).
# What a run finds lands in build/fuzz/artifacts/HARNESS/, its logs in a directory of its
# own under build/fuzz/logs/ (make check may run a smoke while someone fuzzes).
# New inputs go to build/fuzz/corpus/HARNESS/; the corpus in the tree is only read.
set -uo pipefail
cd "$(dirname "$0")/../.."

FUZZ_DIR=build/fuzz
FUZZ_JOBS=${FUZZ_JOBS:-2}
FUZZ_NICE=${FUZZ_NICE:-10}
# seconds one input may take: libFuzzer counts wall-clock time, and a niced harness next
# to the qemu bench can be starved for seconds (a timeout is checked once more, below)
TIMEOUT=${FUZZ_TIMEOUT:-20}
LOGS=$FUZZ_DIR/logs/${1:-help}-$(date +%Y%m%d-%H%M%S)-$$
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

mode=${1:-}
[ $# -gt 0 ] && shift
all=$(cd tests/fuzz && ls fuzz_*.c | sed -e 's/^fuzz_//' -e 's/\.c$//' | grep -vx tool)
harnesses=${*:-$all}

# The longest input worth trying: a replay file of a few commands; a command line
max_len() {
	case $1 in
	explain | smc_run_opts | preload_env) echo 512 ;;
	stats_baseline) echo 40000 ;;
	*) echo 32768 ;;
	esac
}

build() {
	local cc=${FUZZ_CC:-clang} log=$LOGS/build.log
	mkdir -p "$LOGS"
	# the logs of the last ten runs are kept
	ls -dt "$FUZZ_DIR"/logs/*-*-*/ 2>/dev/null | tail -n +11 | xargs -r rm -rf
	if ! command -v "$cc" >/dev/null; then
		echo "# no $cc: the fuzz harnesses need clang with libFuzzer (apt-get install clang)"
		return 2
	fi
	if ! make --no-print-directory -j"$FUZZ_JOBS" fuzz-build >"$log" 2>&1; then
		tail -n 30 "$log" | sed 's/^/# /'
		return 1
	fi
}

# fuzz HARNESS SECONDS: one libFuzzer run; its log in $LOGS/HARNESS.log. SECONDS is 0
# when FUZZ_RUNS gives the number of executions instead.
fuzz() {
	local h=$1 secs=$2 work=$FUZZ_DIR/corpus/$1 seeds=tests/fuzz/corpus/$1
	mkdir -p "$work" "$FUZZ_DIR/artifacts/$h"
	[ -d "$seeds" ] || seeds=
	nice -n "$FUZZ_NICE" "$FUZZ_DIR/fuzz_$h" -max_total_time="$secs" -timeout="$TIMEOUT" \
		-runs="${FUZZ_RUNS:--1}" \
		-rss_limit_mb=2048 -max_len="$(max_len "$h")" -print_final_stats=1 \
		-artifact_prefix="$FUZZ_DIR/artifacts/$h/" "$work" $seeds \
		>"$LOGS/$h.log" 2>&1
}

# One line of figures from a finished run's log
figures() {
	local log=$1 execs rate cov ft corp secs
	secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	# (-a: the log quotes inputs, which may hold any byte)
	cov=$(grep -ao ' cov: [0-9]*' "$log" | tail -1 | tr -dc 0-9)
	ft=$(grep -ao ' ft: [0-9]*' "$log" | tail -1 | tr -dc 0-9)
	corp=$(grep -ao ' corp: [0-9]*' "$log" | tail -1 | tr -dc 0-9)
	echo "${execs:-?} execs (${rate:-?}/s${secs:+ for $secs s}), cov ${cov:-?}, ft ${ft:-?}," \
		"corpus ${corp:-?}"
}

n=0
tap() {
	n=$((n + 1))
	echo "$1 $n - $2"
}

failed=0
# run every harness for SECONDS, FUZZ_JOBS at once; one TAP line each, in order
fuzz_all() {
	local secs=$1 h running=0 rc log art
	for h in $harnesses; do
		if [ "$running" -ge "$FUZZ_JOBS" ]; then
			wait -n
			running=$((running - 1))
		fi
		rm -f "$LOGS/$h.status"
		(
			rc=0
			fuzz "$h" "$secs" || rc=$?
			echo "$rc" >"$LOGS/$h.status"
		) &
		running=$((running + 1))
	done
	wait
	for h in $harnesses; do
		log=$LOGS/$h.log
		rc=$(cat "$LOGS/$h.status" 2>/dev/null || echo "?")
		art=$(sed -n "s/.*Test unit written to \(.*timeout-[0-9a-f]*\)$/\1/p" "$log")
		if [ "$rc" = 0 ]; then
			tap ok "fuzz $h: $(figures "$log")"
		elif [ -n "$art" ] && "$FUZZ_DIR/fuzz_$h" -timeout="$TIMEOUT" -runs=1 "$art" \
			>/dev/null 2>&1; then
			# a timeout that does not come again, at full priority: the machine was busy
			tap ok "fuzz $h: $(figures "$log"), then a timeout that did not recur: $art"
		else
			failed=1
			tap "not ok" "fuzz $h: exit $rc after $(figures "$log")"
			grep -aE '^(==[0-9]+==ERROR|SUMMARY|==== fuzz oracle failed|artifact_prefix)' \
				"$log" | head -n 5 | sed 's/^/#   /'
			echo "#   log: $log (save the reproducer under tests/fuzz/repro/$h/)"
		fi
	done
}

repro_all() {
	local h f
	for h in $harnesses; do
		for f in tests/fuzz/repro/"$h"/*; do
			[ -f "$f" ] || continue
			if "$FUZZ_DIR/fuzz_$h" -runs=1 -timeout="$TIMEOUT" "$f" \
				>"$LOGS/repro.log" 2>&1; then
				tap ok "reproducer $h/$(basename "$f")"
			else
				failed=1
				tap "not ok" "reproducer $h/$(basename "$f")"
				grep -aE '^(==[0-9]+==ERROR|SUMMARY|==== fuzz oracle failed)' \
					"$LOGS/repro.log" | head -n 3 | sed 's/^/#   /'
			fi
		done
	done
}

# Seed candidates from the recordings, minimised into the tree's corpus
corpus_all() {
	local h tmp fixtures baseline rc
	fixtures=(tests/replay/*/*.rec)
	[ -e "${fixtures[0]}" ] || { echo "no recordings under tests/replay/" >&2; exit 1; }
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' RETURN
	# a real baseline file: the one "stats reset" writes from a recording
	mkdir -m 700 "$tmp/xdg"
	make --no-print-directory -s smcd/smcd
	SMC_UTILS_REPLAY=$(ls tests/replay/*/smcd.rec | head -1) XDG_RUNTIME_DIR=$tmp/xdg \
		smcd/smcd stats reset >/dev/null
	baseline=$(ls "$tmp"/xdg/smc-utils/stats-net* | head -1)
	for h in $harnesses; do
		rm -rf "$tmp/cand" && mkdir "$tmp/cand"
		python3 tests/fuzz/seeds.py "$h" "$tmp/cand" --baseline "$baseline" "${fixtures[@]}" ||
			exit 1
		rm -rf "tests/fuzz/corpus/$h" && mkdir -p "tests/fuzz/corpus/$h"
		rc=0
		"$FUZZ_DIR/fuzz_$h" -merge=1 -use_counters=0 -timeout="$TIMEOUT" \
			-artifact_prefix="$tmp/" -max_len="$(max_len "$h")" \
			"tests/fuzz/corpus/$h" "$tmp/cand" >"$LOGS/merge-$h.log" 2>&1 || rc=$?
		echo "corpus $h: $(ls "tests/fuzz/corpus/$h" | wc -l) files from" \
			"$(ls "$tmp/cand" | wc -l) candidates$([ $rc = 0 ] || echo " (merge exit $rc)")"
	done
}

case $mode in
smoke | repro)
	rc=0
	build || rc=$?
	if [ "$rc" = 2 ]; then
		echo "ok 1 - fuzz harnesses # SKIP no clang"
		exit 0
	elif [ "$rc" != 0 ]; then
		echo "not ok 1 - fuzz harnesses build (see $LOGS/build.log)"
		exit 1
	fi
	# the smoke runs every input twice: a second run must print the same (fuzz_tool.h)
	[ "$mode" = smoke ] && SMC_FUZZ_REPEAT=${SMC_FUZZ_REPEAT:-1} fuzz_all "${SMOKE_TIME:-15}"
	repro_all
	echo "1..$n"
	exit "$failed"
	;;
run)
	build || exit 1
	if [ -n "${FUZZ_RUNS:-}" ]; then
		fuzz_all 0
	else
		fuzz_all "${FUZZ_TIME:-60}"
	fi
	exit "$failed"
	;;
corpus)
	build || exit 1
	corpus_all
	;;
*)
	sed -n '2,/^set /p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
	exit 2
	;;
esac
