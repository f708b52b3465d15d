#!/usr/bin/env bats
# smcr/smcd stats on the host (no SMC needed): usage errors, the missing module, and the
# safety of the per-user baseline file, which is checked before the kernel is asked.
load ../helpers/common
load ../helpers/kernel

setup() {
	# every test gets its own baseline directory: never the real one of this user
	export XDG_RUNTIME_DIR="$BATS_TEST_TMPDIR/xdg"
	mkdir -m 700 "$XDG_RUNTIME_DIR"
	DIR="$XDG_RUNTIME_DIR/smc-utils"
	BASELINE="$DIR/stats-net$(stat -Lc %i /proc/self/ns/net)"
}

no_smc() {
	[ ! -d /sys/module/smc ] || skip "this kernel has SMC loaded"
}

# the baseline directory as reset makes it
make_dir() {
	mkdir -m 700 "$DIR"
}

@test "stats help lists show, reset and json" {
	for tool in "$SMCR" "$SMCD"; do
		name=$(basename "$tool")
		run_split "$tool" stats help
		assert_success
		assert_equal "$stderr" ""
		assert_line --index 0 "Usage: $name stats [show]"
		assert_line --index 1 "       $name stats reset"
		assert_line --index 2 "       $name stats json"
		assert_line --regexp '^  reset +show the counters, then start counting from zero$'
	done
}

@test "stats usage errors: one line on stderr, nothing on stdout, exit 2" {
	for tool in "$SMCR" "$SMCD"; do
		assert_usage_errors "$tool" <<-'CASES'
		stats bogus|unknown command "bogus" \(try: smc[rd] stats help\)$
		stats show extra|stats show: unexpected argument "extra" \(try: smc[rd] stats help\)$
		stats reset now|stats reset: unexpected argument "now" \(try: smc[rd] stats help\)$
		stats json x|stats json: unexpected argument "x" \(try: smc[rd] stats help\)$
		-x stats|unknown option '-x'
		CASES
	done
	# usage errors happen before anything else: no baseline directory appeared
	[ ! -e "$DIR" ]
}

@test "stats without SMC: what the host says, exit 1, nothing on stdout" {
	no_smc
	for tool in "$SMCR" "$SMCD"; do
		name=$(basename "$tool")
		for args in "stats" "stats show" "-j stats" "stats json" "-p stats json" "-a stats" \
			"-d stats" "-dd -a stats" "stats reset" "-a stats reset" "stats s" "stats r"; do
			# shellcheck disable=SC2086
			run_split -1 "$tool" $args
			assert_one_line_error "^$name: $NO_SMC\$"
		done
	done
	# a reset that could not read the kernel saved nothing
	[ ! -e "$BASELINE" ]
}

@test "baseline: a symbolic link at its name is not followed" {
	make_dir
	echo "precious" >"$BATS_TEST_TMPDIR/target"
	ln -s "$BATS_TEST_TMPDIR/target" "$BASELINE"
	for tool in "$SMCR" "$SMCD"; do
		name=$(basename "$tool")
		run_split -1 "$tool" stats
		assert_one_line_error "^$name: cannot use the statistics baseline $BASELINE: it is a symbolic link, not followed \(try: $name stats reset\)$"
	done
	[ -L "$BASELINE" ]
	assert_equal "$(cat "$BATS_TEST_TMPDIR/target")" "precious"
}

@test "baseline: a corrupt file gives one clear error naming the file and the fix" {
	make_dir
	while IFS='|' read -r content pattern; do
		printf '%b' "$content" >"$BASELINE"
		run_split -1 "$SMCD" stats
		assert_one_line_error "^smcd: cannot use the statistics baseline $BASELINE: it is corrupt: $pattern \(try: smcd stats reset\)$"
	done <<-'CASES'
	|empty, no "version=1" line
	# only a comment\n|empty, no "version=1" line
	version=7\n|line 1: version 7 is not supported \(this reads version 1\)
	time=1\n|line 1: the first line is not "version=1"
	version=1\ngarbage\n|line 2: not a key=value line
	version=1\nsmcd.rx.bytes=-1\n|line 2: bad value for "smcd.rx.bytes"
	version=1\nsmcd.bogus=1\n|line 2: unknown key "smcd.bogus"
	version=1\ntime=1\n|"boot_id" is missing
	CASES
}

@test "baseline: -a does not look at it" {
	no_smc
	make_dir
	echo garbage >"$BASELINE"
	run_split -1 "$SMCD" -a stats
	assert_one_line_error "^smcd: $NO_SMC\$"
}

@test "baseline: a FIFO or a directory at its name is refused, without hanging" {
	make_dir
	mkfifo "$BASELINE"
	run_split -1 timeout 10 "$SMCD" stats
	assert_one_line_error "^smcd: cannot use the statistics baseline $BASELINE: it is corrupt: not a regular file "
	rm "$BASELINE"
	mkdir "$BASELINE"
	run_split -1 "$SMCD" stats
	assert_one_line_error "^smcd: cannot use the statistics baseline $BASELINE: "
}

@test "baseline: a directory others can enter, or a symlinked one, is refused" {
	mkdir -m 755 "$DIR"
	for args in "stats" "stats reset"; do
		# shellcheck disable=SC2086
		run_split -1 "$SMCD" $args
		assert_one_line_error "^smcd: unsafe statistics baseline directory $DIR: others have access to it \(mode 0755, want 0700\) \(remove it, or use -a\)$"
	done
	rmdir "$DIR"
	mkdir -m 700 "$BATS_TEST_TMPDIR/elsewhere"
	ln -s "$BATS_TEST_TMPDIR/elsewhere" "$DIR"
	run_split -1 "$SMCD" stats reset
	assert_one_line_error "^smcd: unsafe statistics baseline directory $DIR: it is a symbolic link or not a directory"
	# nothing was created through the link
	assert_equal "$(ls -A "$BATS_TEST_TMPDIR/elsewhere")" ""
}

@test "baseline: reset creates a private directory, show never creates one" {
	no_smc
	run_split -1 "$SMCD" stats
	[ ! -e "$DIR" ]
	run_split -1 "$SMCD" stats reset
	[ -d "$DIR" ] && [ ! -L "$DIR" ]
	assert_equal "$(stat -c %a "$DIR")" 700
}

@test "stats error paths are valgrind-clean" {
	make_dir
	printf 'version=1\ngarbage\n' >"$BASELINE"
	for args in "stats" "stats bogus" "-j stats json" "-a stats reset" "stats help"; do
		# shellcheck disable=SC2086
		run valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 \
			"$SMCD" $args
		[ "$status" -le 2 ] || fail "smcd $args: status $status: $output"
	done
}
