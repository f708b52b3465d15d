#!/usr/bin/env bash
# tests/replay/run-commands.sh COMMANDS-FILE - run each command line of COMMANDS-FILE
# with the tools of this tree and print, for each, "$ COMMAND", its standard output,
# its standard error behind "stderr: " and its exit status: the format of the
# *.expected files. The caller sets SMC_UTILS_RECORD or SMC_UTILS_REPLAY; each command
# runs with SMC_UTILS_CUE set to its text and how often it came so far.
#
# A command line is words separated by blanks (no quoting); the first names the tool
# (smcss, smcr, smcd, smc_pnet, smc_chk). Lines starting with # and blank lines are skipped.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# stats without -a compare against a baseline kept per user: start from none, always
export XDG_RUNTIME_DIR="$tmp"

declare -A seen=()
while read -r tool args; do
	case $tool in '' | '#'*) continue ;; esac
	# the cue ties a command to its own records: the second "ueid add X" of a file gets
	# the kernel's second answer, whatever comes before it
	line="$tool${args:+ $args}"
	seen[$line]=$((${seen[$line]:-0} + 1))
	export SMC_UTILS_CUE="$line #${seen[$line]}"
	case $tool in
	smcss | smcr | smcd | smc_pnet | smc_chk) ;;
	*) echo "run-commands.sh: unknown tool '$tool'" >&2; exit 2 ;;
	esac
	# shellcheck disable=SC2086
	"$top/$tool/$tool" $args >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	printf '$ %s\n' "$line"
	cat "$tmp/out"
	sed 's/^/stderr: /' "$tmp/err"
	printf 'exit %d\n\n' "$rc"
done <"$1"
