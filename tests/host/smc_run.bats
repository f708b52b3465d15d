#!/usr/bin/env bats
# smc_run on the host, whose kernel has no SMC: the command-line contract, what the
# launcher hands the program, and programs that keep working over TCP. The preload
# library under 64 concurrent threads, with valgrind and ASan.
load ../helpers/smc_run
load ../helpers/kernel

setup() {
	[ -x "$SMC_RUN" ] && [ -f "$TOP/smc_run/libsmc-preload.so" ] || skip "run 'make' first"
}

teardown() {
	stop_bg
}

# assert_one_line_stderr PATTERN: the program succeeded or not, but stderr is exactly one
# line and matches PATTERN (stdout is the program's business)
assert_one_line_stderr() {
	assert_equal "$(printf '%s\n' "$stderr" | wc -l)" 1
	[[ $stderr =~ $1 ]] || fail "stderr '$stderr' does not match '$1'"
}

@test "smc_run: help and version on stdout, exit 0" {
	run_split "$SMC_RUN" -h
	assert_success
	assert_line --index 0 "Usage: smc_run [OPTIONS] PROGRAM [ARGS...]"
	assert_equal "$stderr" ""
	run_split "$SMC_RUN" --version
	assert_success
	assert_output --regexp '^smc_run \(smc-utils\) [0-9]+\.[0-9]+\.[0-9]+$'
	assert_equal "$stderr" ""
}

@test "smc_run: bad input gives one line on stderr and exit 2" {
	assert_usage_errors "$SMC_RUN" <<-'CASES'
	|no program to run \(try: smc_run --help\)$
	-d|no program to run
	-x true|unknown option '-x' \(try: smc_run --help\)$
	--bogus true|unknown option '--bogus'
	--debug=1 true|option '--debug' takes no value
	-f|option '-f' needs a value \(try: smc_run --help\)$
	-r|option '-r' needs a value
	-f tcp true|invalid family "tcp" \(auto, smc or inet\)$
	-f AUTO true|invalid family "AUTO"
	--family= true|invalid family ""
	-r 0 true|invalid buffer size "0" for --rcvbuf \(bytes, optionally with k or m: 65536, 64k, 1m; at most 2147483647\)$
	-r -1 true|invalid buffer size "-1" for --rcvbuf
	-r +5 true|invalid buffer size "\+5" for --rcvbuf
	-r 1.5k true|invalid buffer size "1.5k"
	-r 0x10 true|invalid buffer size "0x10"
	-r k true|invalid buffer size "k"
	-r 1kk true|invalid buffer size "1kk"
	-r 4g true|invalid buffer size "4g"
	-t 2048m true|invalid buffer size "2048m" for --sndbuf
	-t 2147483648 true|invalid buffer size "2147483648" for --sndbuf
	-t 99999999999999999999999 true|invalid buffer size "9+" for --sndbuf
	--sndbuf= true|invalid buffer size "" for --sndbuf
	CASES
	# smc-tools' pattern let a literal '|' through; blanks are no digits either
	for size in '10|' ' 10' '10 ' '1 k' '0k'; do
		run_split -2 "$SMC_RUN" -r "$size" true
		assert_one_line_error "^smc_run: invalid buffer size \"$size\" for --rcvbuf"
	done
}

@test "smc_run: the largest sizes are taken, with every suffix" {
	for size in 1 2147483647 2097151k 2047m 1K 1M; do
		run_split "$SMC_RUN" -r "$size" -t "$size" true
		assert_success
	done
}

@test "smc_run: a program that cannot run exits 127 or 126 with one line" {
	run_split -127 "$SMC_RUN" no-such-program-anywhere
	assert_one_line_error "^smc_run: cannot run no-such-program-anywhere: No such file or directory$"
	touch "$BATS_TEST_TMPDIR/not-executable"
	run_split -126 "$SMC_RUN" "$BATS_TEST_TMPDIR/not-executable"
	assert_one_line_error "^smc_run: cannot run .*/not-executable: Permission denied$"
}

@test "smc_run: the program gets its arguments exactly as given, options included" {
	run_split "$SMC_RUN" printf '[%s]\n' 'a b' '*' '$HOME' '' "it's" '-d' '--' '-h'
	assert_success
	assert_output $'[a b]\n[*]\n[$HOME]\n[]\n[it\'s]\n[-d]\n[--]\n[-h]'
	assert_equal "$stderr" ""
	# the first word that is no option of smc_run is the program; "--" ends them too
	run_split "$SMC_RUN" -d -- echo -v
	assert_output -- "-v"
}

@test "smc_run: LD_PRELOAD gets the library by its absolute path, after what was there" {
	lib="$TOP/smc_run/libsmc-preload.so"
	run_split "$SMC_RUN" printenv LD_PRELOAD
	assert_success
	assert_output "$lib"
	# the user's own preload list stays first (ASan's runtime, say, must be first)
	libc=$(ldd /bin/true | awk '$1 ~ /^libc\.so/ { print $3 }')
	[ -f "$libc" ]
	LD_PRELOAD="$libc" run_split "$SMC_RUN" printenv LD_PRELOAD
	assert_output "$libc:$lib"
	# smc_run under smc_run: once is enough
	LD_PRELOAD="$libc $lib" run_split "$SMC_RUN" printenv LD_PRELOAD
	assert_output "$libc $lib"
	run_split "$SMC_RUN" "$SMC_RUN" printenv LD_PRELOAD
	assert_output "$lib"
}

@test "smc_run: options reach the library as SMC_RUN_* variables, and only given ones" {
	run_split "$SMC_RUN" -d -f inet -r 64k -t 1m env
	assert_success
	assert_line "SMC_RUN_DEBUG=1"
	assert_line "SMC_RUN_FAMILY=inet"
	assert_line "SMC_RUN_RCVBUF=65536"
	assert_line "SMC_RUN_SNDBUF=1048576"
	# nothing inherited from an outer smc_run (or the caller) counts
	SMC_RUN_DEBUG=1 SMC_RUN_RCVBUF=1 SMC_RUN_SNDBUF=1 SMC_RUN_FAMILY=smc run_split "$SMC_RUN" env
	assert_line "SMC_RUN_FAMILY=auto"
	refute_line --regexp '^SMC_RUN_(DEBUG|RCVBUF|SNDBUF)='
}

@test "smc_run: without AF_SMC, TCP sockets stay TCP with their flags; others untouched" {
	plain=$("$SMC_RUN_PROBE" sockets tcp tcp6 tcp-tcp tcp-flags tcp6-flags udp unix)
	for mode in auto smc inet; do
		run_split "$SMC_RUN" -f "$mode" -r 96k -t 96k "$SMC_RUN_PROBE" sockets tcp tcp6 \
			tcp-tcp tcp-flags tcp6-flags udp unix
		assert_success
		assert_equal "$stderr" ""
		# no SMC socket, so no buffer size either
		assert_output "$plain"
	done
	assert_line --index 3 --regexp '^tcp-flags domain=2 protocol=6 nonblock=1 cloexec=1 '
}

@test "smc_run -d: says once per process that SMC sockets are refused, and why" {
	# why: what the host's files say (the launcher reads them, the library reports it)
	case $HOST_SMC in
	loaded | builtin) why= ;;
	*) why="; $NO_SMC" ;;
	esac
	run_split "$SMC_RUN" -d "$SMC_RUN_PROBE" sockets tcp tcp6 tcp-flags
	assert_success
	prefix='^smc_run: smc_run_probe\[[0-9]+\]: SMC sockets refused '
	assert_one_line_stderr "$prefix\(IPPROTO_SMC: Protocol not supported; AF_SMC: Address family not supported by protocol\): TCP sockets stay TCP$why\$"
	run_split "$SMC_RUN" -d -f smc "$SMC_RUN_PROBE" sockets tcp6 tcp
	assert_one_line_stderr "$prefix\(AF_SMC, SMCPROTO_SMC6: Address family not supported by protocol\): TCP sockets stay TCP$why\$"
	run_split "$SMC_RUN" -d -f inet "$SMC_RUN_PROBE" sockets udp tcp
	assert_line --regexp '^tcp domain=2 protocol=6 '
	assert_line --regexp '^udp domain=2 protocol=17 '
	assert_one_line_stderr "$prefix\(AF_INET, IPPROTO_SMC: Protocol not supported\): TCP sockets stay TCP$why\$"
	# without -d the launcher leaves no explanation behind, nor lets an outer one through
	SMC_RUN_WHY_SMC=stale SMC_RUN_WHY_INET=stale run_split "$SMC_RUN" env
	refute_output --partial SMC_RUN_WHY_
	# the library takes only a printable line of it, whoever set it
	run_split env SMC_RUN_DEBUG=1 SMC_RUN_WHY_SMC=$'two\nlines' \
		LD_PRELOAD="$TOP/smc_run/libsmc-preload.so" "$SMC_RUN_PROBE" sockets tcp
	[[ $stderr =~ ^smc_run:\ smc_run_probe\[[0-9]+\]:\ ignoring\ SMC_RUN_WHY_SMC:\ not\ a\ text\ of\ at\ most\ 640\ printable\ characters$'\n' ]] ||
		fail "not ignored: $stderr"
	[[ $stderr != *two* ]] || fail "the text was shown: $stderr"
	# sockets the library leaves alone are not worth a word
	run_split "$SMC_RUN" -d "$SMC_RUN_PROBE" sockets udp unix
	assert_equal "$stderr" ""
}

@test "smc_run: socat copies a file over TCP in every mode, checksum intact, exit 0" {
	command -v socat >/dev/null || skip "socat is not installed (tests/deps.sh)"
	port=46600
	for mode in auto smc inet; do
		COPY_BYTES=262144 socat_copy "$mode" "$port" 127.0.0.1
		port=$((port + 1))
	done
	COPY_BYTES=65536 socat_copy smc "$port" ::1
}

@test "smc_run: warns that a statically linked program keeps TCP, and runs it" {
	static=/bin/busybox
	[ -x "$static" ] && ! ldd "$static" >/dev/null 2>&1 || skip "no static busybox"
	run_split "$SMC_RUN" "$static" echo hi
	assert_success
	assert_output "hi"
	if [ -e /proc/sys/net/smc/tcp2smc ]; then
		hint="net.smc.tcp2smc"
	else
		hint="link it dynamically"
	fi
	assert_one_line_stderr "^smc_run: warning: $static is statically linked: no library can be preloaded into it and its sockets stay TCP \(.*$hint.*\)$"
	# a dynamically linked one: not a word; a script: not a word either
	run_split "$SMC_RUN" true
	assert_equal "$stderr" ""
	run_split "$SMC_RUN" sh -c 'exit 3'
	assert_failure 3
	assert_equal "$stderr" ""
}

@test "smc_run: warns that a set-user-ID program of someone else keeps TCP" {
	[ "$(id -u)" = 0 ] || skip "needs root to make a set-user-ID file of another user"
	cp /bin/true "$BATS_TEST_TMPDIR/suid-true"
	chown nobody "$BATS_TEST_TMPDIR/suid-true"
	chmod 4755 "$BATS_TEST_TMPDIR/suid-true"
	run_split "$SMC_RUN" "$BATS_TEST_TMPDIR/suid-true"
	assert_success
	assert_one_line_stderr "^smc_run: warning: .*/suid-true is set-user-ID or set-group-ID: the loader does not preload libraries into it and its sockets stay TCP$"
}

@test "preload library: 64 threads storm socket()/close(), no crash, no fd lost" {
	run_split "$SMC_RUN" "$SMC_RUN_PROBE" storm 64 300
	assert_success
	assert_output "storm: 57600 sockets, 0 converted, 0 errors, 0 fds leaked"
	run_split "$SMC_RUN" -d -r 1m "$SMC_RUN_PROBE" storm 64 50
	assert_success
	# the first calls race each other, and still one report
	assert_equal "$(grep -c 'SMC sockets refused' <<<"$stderr")" 1
}

@test "preload library: the storm is clean under valgrind memcheck and helgrind" {
	command -v valgrind >/dev/null || skip "valgrind is not installed"
	# valgrind follows smc_run into the program and keeps its own preload list first
	run_split valgrind -q --trace-children=yes --leak-check=full \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		"$SMC_RUN" "$SMC_RUN_PROBE" storm 64 20
	assert_success
	assert_output "storm: 3840 sockets, 0 converted, 0 errors, 0 fds leaked"
	assert_equal "$stderr" ""
	# data races in the library's initialisation would show here
	run_split valgrind -q --tool=helgrind --trace-children=yes --error-exitcode=99 \
		"$SMC_RUN" -d "$SMC_RUN_PROBE" storm 16 5
	assert_success
	# only the library's one debug line: no valgrind report
	assert_one_line_stderr "SMC sockets refused"
}

@test "preload library: the storm is clean under ASan/UBSan" {
	asan_lib="$TOP/build/asan/libsmc-preload.so"
	[ -f "$asan_lib" ] || skip "run 'make asan' first"
	runtime=$(gcc -print-file-name=libasan.so)
	[ -f "$runtime" ] || skip "no libasan"
	# the ASan runtime must come first in the preload list
	# (env: the variables for the probe only, not for bats' own helpers)
	run_split env ASAN_OPTIONS=detect_leaks=1:exitcode=99 \
		UBSAN_OPTIONS=halt_on_error=1:exitcode=98 LD_PRELOAD="$runtime:$asan_lib" \
		SMC_RUN_DEBUG=1 SMC_RUN_RCVBUF=65536 "$SMC_RUN_PROBE" storm 64 50
	assert_success
	assert_output "storm: 9600 sockets, 0 converted, 0 errors, 0 fds leaked"
	assert_one_line_stderr "SMC sockets refused"
}

@test "preload library: exports socket and the calls it reports on, nothing else" {
	run nm -D --defined-only "$TOP/smc_run/libsmc-preload.so"
	assert_success
	assert_equal "$(awk '{ print $3 }' <<<"$output" | sort | tr '\n' ' ')" \
		"getsockopt send sendmsg sendto setsockopt socket "
	# it needs nothing but the C library (no libnl, no lib/)
	run objdump -p "$TOP/smc_run/libsmc-preload.so"
	refute_output --partial "libnl"
	refute_output --partial "NEEDED               libsmc"
}

@test "make install puts launcher and library where the launcher looks" {
	dest="$BATS_TEST_TMPDIR/root"
	run make -s -C "$TOP" install DESTDIR="$dest" PREFIX=/usr/local BASHCOMPDIR=/usr/share/bash-completion/completions
	assert_success
	[ -x "$dest/usr/local/bin/smc_run" ]
	[ -f "$dest/usr/local/lib/smc-utils/libsmc-preload.so" ]
	[ ! -u "$dest/usr/local/lib/smc-utils/libsmc-preload.so" ]
	[ ! -u "$dest/usr/local/bin/smc_run" ]
	[ -f "$dest/usr/local/share/man/man8/smc_run.8" ]
	[ -f "$dest/usr/local/share/man/man7/af_smc.7" ]
	[ -L "$dest/usr/share/bash-completion/completions/smc_run" ]
	# out of the build tree, it names the installed path (absent here: DESTDIR)
	if [ ! -e /usr/local/lib/smc-utils/libsmc-preload.so ]; then
		run_split -1 "$dest/usr/local/bin/smc_run" true
		assert_one_line_error "^smc_run: cannot use the preload library /usr/local/lib/smc-utils/libsmc-preload.so: No such file or directory \(reinstall smc-utils\)$"
	fi
	# and with the files in place (a private mount namespace), it works
	[ "$(id -u)" = 0 ] && command -v unshare >/dev/null || skip "needs root for unshare -m"
	run_split unshare -m sh -c 'mount --bind "$1/usr/local" /usr/local &&
		/usr/local/bin/smc_run printenv LD_PRELOAD' sh "$dest"
	assert_success
	assert_output "/usr/local/lib/smc-utils/libsmc-preload.so"
}
