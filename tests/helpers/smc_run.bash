# tests/helpers/smc_run.bash - for tests/host/smc_run.bats and tests/live/smc_run.bats
#
#   socat_copy MODE PORT ADDR [CHECK...]
#       copy $COPY_BYTES random bytes from a socat client to a socat server listening on
#       ADDR:PORT, both started by smc_run -f MODE. CHECK (a command) runs while the
#       connection is still open: the client reads a FIFO that stays open until then.
#       Afterwards the copy must be identical, and both socats must have exited 0 with
#       nothing on stderr. COPY_SERVER_NS / COPY_CLIENT_NS: network namespaces to run in.
#       A test that uses it calls stop_bg in its teardown.
load ../helpers/live

SMC_RUN="$TOP/smc_run/smc_run"
SMC_RUN_PROBE="$TOP/tests/tools/smc_run_probe"
COPY_BYTES=${COPY_BYTES:-1048576}
export SMC_RUN SMC_RUN_PROBE

# the socat words for ADDR:PORT, IPv6 when ADDR has a ':'
_copy_addrs() {
	local port=$1 addr=$2
	if [[ $addr == *:* ]]; then
		listen="TCP6-LISTEN:$port,bind=[$addr],reuseaddr" connect="TCP6:[$addr]:$port"
	else
		listen="TCP4-LISTEN:$port,bind=$addr,reuseaddr" connect="TCP4:$addr:$port"
	fi
}

# _in_ns NS CMD...: CMD in network namespace NS, or here if NS is empty
_in_ns() {
	local ns=$1
	shift
	if [ -n "$ns" ]; then
		ip netns exec "$ns" "$@"
	else
		"$@"
	fi
}

# wait_listening NS PORT: until a TCP listener on PORT exists (an SMC listener has one
# too: the socket of its handshake)
wait_listening() {
	local ns=$1 port=$2 i
	for ((i = 0; i < 200; i++)); do
		[ -n "$(_in_ns "$ns" ss -Hltn "sport = :$port")" ] && return 0
		sleep 0.05
	done
	echo "# nothing listens on port $port after 10 s" >&3
	return 1
}

socat_copy() {
	local mode=$1 port=$2 addr=$3 dir=$BATS_TEST_TMPDIR listen connect spid cpid fifo_fd
	local rc=0
	shift 3
	_copy_addrs "$port" "$addr"
	head -c "$COPY_BYTES" /dev/urandom >"$dir/copy.in"
	rm -f "$dir/copy.out" "$dir/copy.fifo"
	mkfifo "$dir/copy.fifo"
	_in_ns "${COPY_SERVER_NS:-}" "$SMC_RUN" -f "$mode" socat -u "$listen" \
		"CREATE:$dir/copy.out" >"$dir/server.out" 2>"$dir/server.err" &
	spid=$!
	echo "$spid" >>"$dir/pids"
	wait_listening "${COPY_SERVER_NS:-}" "$port" || return 1
	_in_ns "${COPY_CLIENT_NS:-}" "$SMC_RUN" -f "$mode" socat -u STDIN "$connect" \
		<"$dir/copy.fifo" >"$dir/client.out" 2>"$dir/client.err" &
	cpid=$!
	echo "$cpid" >>"$dir/pids"
	exec {fifo_fd}>"$dir/copy.fifo"
	cat "$dir/copy.in" >&"$fifo_fd"
	# all data is in flight or delivered, the connection is still up
	if [ $# -gt 0 ]; then
		"$@" || rc=1
	fi
	exec {fifo_fd}>&-
	wait "$cpid" || { echo "# socat client failed: $(cat "$dir/client.err")" >&3; rc=1; }
	wait "$spid" || { echo "# socat server failed: $(cat "$dir/server.err")" >&3; rc=1; }
	[ ! -s "$dir/client.err" ] || { echo "# client stderr: $(cat "$dir/client.err")" >&3; rc=1; }
	[ ! -s "$dir/server.err" ] || { echo "# server stderr: $(cat "$dir/server.err")" >&3; rc=1; }
	[ "$(sha256sum <"$dir/copy.in")" = "$(sha256sum <"$dir/copy.out" 2>/dev/null)" ] ||
		{ echo "# the copy's checksum differs from the original's" >&3; rc=1; }
	return "$rc"
}
