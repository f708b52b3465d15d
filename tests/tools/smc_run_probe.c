/*
 * smc_run_probe - make sockets the way programs do, for the smc_run tests.
 *
 * usage:
 *   smc_run_probe sockets KIND...   create one socket per KIND, print what it became:
 *                                   "KIND domain=D protocol=P nonblock=0|1 cloexec=0|1
 *                                   rcvbuf=N sndbuf=N", or "KIND error=ERRNO-TEXT"
 *       KIND: tcp, tcp6 (protocol 0), tcp-tcp (IPPROTO_TCP), tcp-flags, tcp6-flags
 *             (SOCK_NONBLOCK|SOCK_CLOEXEC), mptcp, udp, udp6, unix, seqpacket
 *   smc_run_probe options ADDR PORT set and get socket options SMC handles unlike TCP,
 *                                   and send with MSG_FASTOPEN to ADDR:PORT (a closed
 *                                   port will do), printing "NAME fd=N" for each socket
 *   smc_run_probe storm THREADS ROUNDS
 *                                   THREADS threads, released at once, each creating and
 *                                   closing ROUNDS TCP, TCP6 and UDP sockets; prints
 *                                   "storm: S sockets, C converted, E errors, L fds
 *                                   leaked" and exits 0 only if E and L are 0
 *   smc_run_probe loop N            N times socket(AF_INET, SOCK_DGRAM) + close(); prints
 *                                   "loop: N ns per socket" (for tests/bench-smc_run.sh)
 *   smc_run_probe reopen-stderr file PATH KIND...
 *   smc_run_probe reopen-stderr socket KIND...
 *   smc_run_probe reopen-stderr closed-socket KIND...
 *                                   close fd 2 and put a new file there, as a program
 *                                   that reuses stderr's number for its data would: PATH
 *                                   (created, emptied), a connected UNIX stream socket
 *                                   (prints "fd 2 received N bytes" at the end), or one
 *                                   whose peer is closed (a write raises SIGPIPE); then
 *                                   as "sockets"
 *   smc_run_probe broken-stderr PROGRAM [ARG...]
 *                                   run PROGRAM with fd 2 a pipe whose reader is gone
 *                                   and SIGPIPE at its default action (death)
 *
 * Exit status: 0 ok, 1 a check failed or a call failed unexpectedly, 2 bad usage.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../../smc_run/config.h"	/* AF_SMC, IPPROTO_SMC */

struct kind {
	const char	*name;
	int		domain, type, protocol;
};

static const struct kind kinds[] = {
	{ "tcp",	AF_INET,  SOCK_STREAM, 0 },
	{ "tcp6",	AF_INET6, SOCK_STREAM, 0 },
	{ "tcp-tcp",	AF_INET,  SOCK_STREAM, IPPROTO_TCP },
	{ "tcp-flags",	AF_INET,  SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0 },
	{ "tcp6-flags",	AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0 },
	{ "mptcp",	AF_INET,  SOCK_STREAM, IPPROTO_MPTCP },
	{ "udp",	AF_INET,  SOCK_DGRAM, 0 },
	{ "udp6",	AF_INET6, SOCK_DGRAM, 0 },
	{ "unix",	AF_UNIX,  SOCK_STREAM, 0 },
	{ "seqpacket",	AF_INET,  SOCK_SEQPACKET, 0 },
};

static int get_int(int fd, int level, int name)
{
	int value = -1;
	socklen_t len = sizeof(value);

	if (getsockopt(fd, level, name, &value, &len))
		return -1;
	return value;
}

static int describe(const char *name)
{
	const struct kind *k = NULL;
	int fd, fl;

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kinds[i].name, name))
			k = &kinds[i];
	if (!k) {
		fprintf(stderr, "smc_run_probe: unknown socket kind '%s'\n", name);
		return 2;
	}
	fd = socket(k->domain, k->type, k->protocol);
	if (fd < 0) {
		printf("%s error=%s\n", name, strerror(errno));
		return 0;
	}
	fl = fcntl(fd, F_GETFL);
	printf("%s domain=%d protocol=%d nonblock=%d cloexec=%d rcvbuf=%d sndbuf=%d\n", name,
	       get_int(fd, SOL_SOCKET, SO_DOMAIN), get_int(fd, SOL_SOCKET, SO_PROTOCOL),
	       fl >= 0 && (fl & O_NONBLOCK), (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0,
	       get_int(fd, SOL_SOCKET, SO_RCVBUF), get_int(fd, SOL_SOCKET, SO_SNDBUF));
	close(fd);
	return 0;
}

static int set_int(int fd, int level, int name, int value)
{
	return setsockopt(fd, level, name, &value, sizeof(value));
}

/* Options whose results do not matter here: the preload library only reports them. */
static int options(const char *addr, const char *port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(atoi(port)) };
	struct tcp_info info;
	socklen_t len = sizeof(info);
	int udp, tcp, fo;

	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1) {
		fprintf(stderr, "smc_run_probe: bad IPv4 address '%s'\n", addr);
		return 2;
	}
	udp = socket(AF_INET, SOCK_DGRAM, 0);
	tcp = socket(AF_INET, SOCK_STREAM, 0);
	fo = socket(AF_INET, SOCK_STREAM, 0);
	if (udp < 0 || tcp < 0 || fo < 0) {
		perror("smc_run_probe: socket");
		return 1;
	}
	printf("udp fd=%d\ntcp fd=%d\nfastopen fd=%d\n", udp, tcp, fo);
	fflush(stdout);
	/* a UDP socket is no SMC socket: nothing to report, and SO_PRIORITY stays unreported */
	set_int(udp, SOL_SOCKET, SO_PRIORITY, 1);
	set_int(udp, SOL_SOCKET, SO_KEEPALIVE, 1);
	set_int(tcp, IPPROTO_TCP, TCP_NODELAY, 1);	/* works on SMC: no report */
	set_int(tcp, SOL_SOCKET, SO_KEEPALIVE, 1);
	set_int(tcp, SOL_SOCKET, SO_KEEPALIVE, 1);	/* the same again: reported once */
	set_int(tcp, SOL_SOCKET, SO_PRIORITY, 1);
	getsockopt(tcp, IPPROTO_TCP, TCP_INFO, &info, &len);
	set_int(tcp, IPPROTO_TCP, TCP_FASTOPEN_CONNECT, 1);
	if (sendto(fo, "x", 1, MSG_FASTOPEN, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		printf("sendto: %s\n", strerror(errno));
	close(udp);
	close(tcp);
	close(fo);
	return 0;
}

struct storm {
	pthread_barrier_t	start;
	long			rounds;
	atomic_long		sockets, converted, errors;
};

static void *storm_thread(void *arg)
{
	static const int domains[] = { AF_INET, AF_INET6 };
	struct storm *st = arg;
	int fd;

	pthread_barrier_wait(&st->start);	/* the first socket() calls all at once */
	for (long i = 0; i < st->rounds; i++) {
		for (int d = 0; d < 2; d++) {
			fd = socket(domains[d], SOCK_STREAM | SOCK_CLOEXEC, 0);
			if (fd < 0) {
				atomic_fetch_add(&st->errors, 1);
				continue;
			}
			atomic_fetch_add(&st->sockets, 1);
			if (get_int(fd, SOL_SOCKET, SO_DOMAIN) == AF_SMC ||
			    get_int(fd, SOL_SOCKET, SO_PROTOCOL) == IPPROTO_SMC)
				atomic_fetch_add(&st->converted, 1);
			close(fd);
		}
		fd = socket(AF_INET, SOCK_DGRAM, 0);
		if (fd < 0) {
			atomic_fetch_add(&st->errors, 1);
			continue;
		}
		atomic_fetch_add(&st->sockets, 1);
		close(fd);
	}
	return NULL;
}

static long count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	long n = 0;

	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static int storm(const char *threads_text, const char *rounds_text)
{
	long nthreads = atol(threads_text), before, leaked;
	struct storm st = { .rounds = atol(rounds_text) };
	pthread_t *threads;
	long started = 0;

	if (nthreads < 1 || nthreads > 1024 || st.rounds < 1) {
		fprintf(stderr, "smc_run_probe: storm THREADS(1-1024) ROUNDS(1-)\n");
		return 2;
	}
	threads = calloc(nthreads, sizeof(*threads));
	if (!threads || pthread_barrier_init(&st.start, NULL, nthreads)) {
		fprintf(stderr, "smc_run_probe: out of memory\n");
		free(threads);
		return 1;
	}
	before = count_fds();
	for (; started < nthreads; started++)
		if (pthread_create(&threads[started], NULL, storm_thread, &st))
			break;
	if (started < nthreads) {
		/* the barrier would wait for ever: give up before anyone gets stuck */
		fprintf(stderr, "smc_run_probe: cannot start thread %ld\n", started);
		_exit(1);
	}
	for (long i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	pthread_barrier_destroy(&st.start);
	free(threads);
	leaked = count_fds() - before;
	printf("storm: %ld sockets, %ld converted, %ld errors, %ld fds leaked\n",
	       atomic_load(&st.sockets), atomic_load(&st.converted), atomic_load(&st.errors),
	       leaked);
	return atomic_load(&st.errors) || leaked ? 1 : 0;
}

static int loop(const char *count_text)
{
	long n = atol(count_text);
	struct timespec t0, t1;
	double ns;

	if (n < 1) {
		fprintf(stderr, "smc_run_probe: loop N (N >= 1)\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; i < n; i++) {
		int fd = socket(AF_INET, SOCK_DGRAM, 0);

		if (fd < 0) {
			perror("smc_run_probe: socket");
			return 1;
		}
		close(fd);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ns = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) / n;
	printf("loop: %.1f ns per socket\n", ns);
	return 0;
}

/* fd 2 becomes @fd (which is closed), as dup2() onto a closed descriptor would leave it */
static int put_on_stderr(int fd)
{
	close(STDERR_FILENO);
	if (fd != STDERR_FILENO && (dup2(fd, STDERR_FILENO) != STDERR_FILENO || close(fd)))
		return -1;
	return 0;
}

static int reopen_stderr(int argc, char **argv)
{
	const char *how = argv[2];
	int first_kind = 3, peer = -1, rc = 0, fd, sv[2];

	if (!strcmp(how, "file") && argc >= 5) {
		fd = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		first_kind = 4;
	} else if (!strcmp(how, "socket") || !strcmp(how, "closed-socket")) {
		fd = socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) ? -1 : sv[0];
		peer = fd < 0 ? -1 : sv[1];
	} else {
		fprintf(stderr, "smc_run_probe: reopen-stderr file PATH | socket | closed-socket "
			"KIND...\n");
		return 2;
	}
	if (fd < 0 || put_on_stderr(fd)) {
		perror("smc_run_probe: reopen-stderr");
		return 1;
	}
	if (!strcmp(how, "closed-socket")) {
		close(peer);
		peer = -1;
	}
	for (int i = first_kind; i < argc && rc == 0; i++)
		rc = describe(argv[i]);
	if (peer >= 0) {
		char buf[4096];
		ssize_t got, n = 0;

		while ((got = recv(peer, buf, sizeof(buf), MSG_DONTWAIT)) > 0)
			n += got;
		printf("fd 2 received %zd bytes\n", n);
	}
	return rc;
}

static int broken_stderr(char **command)
{
	int fds[2];

	if (pipe(fds) || put_on_stderr(fds[1]) || close(fds[0])) {
		perror("smc_run_probe: broken-stderr");
		return 1;
	}
	signal(SIGPIPE, SIG_DFL);	/* bats or its shell may ignore it */
	execvp(command[0], command);
	return 127;	/* (stderr is gone: no word of it) */
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "sockets")) {
		int rc = 0;

		for (int i = 2; i < argc && rc == 0; i++)
			rc = describe(argv[i]);
		return rc;
	}
	if (argc == 4 && !strcmp(argv[1], "options"))
		return options(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "storm"))
		return storm(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "loop"))
		return loop(argv[2]);
	if (argc >= 4 && !strcmp(argv[1], "reopen-stderr"))
		return reopen_stderr(argc, argv);
	if (argc >= 3 && !strcmp(argv[1], "broken-stderr"))
		return broken_stderr(&argv[2]);
	fprintf(stderr, "usage: smc_run_probe sockets KIND... | options ADDR PORT | "
		"storm THREADS ROUNDS | loop N | reopen-stderr HOW KIND... | "
		"broken-stderr PROGRAM...\n");
	return 2;
}
