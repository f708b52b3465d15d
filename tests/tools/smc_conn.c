/*
 * smc_conn - open real SMC (or TCP) sockets for the smc-utils tests.
 *
 * usage:
 *   smc_conn server [OPTIONS] ADDR PORT   listen, accept, echo; keep peers open
 *   smc_conn client [OPTIONS] ADDR PORT   open -n connections, exchange data
 *   smc_conn idle   [OPTIONS]             open -n unconnected sockets (INIT)
 *
 * options:
 *   -n N         connections (client) or sockets (idle); default 1
 *   -6, --ipv6   IPv6 (AF_SMC protocol SMCPROTO_SMC6); implied by a ':' in ADDR
 *   --tcp        plain TCP (AF_INET/AF_INET6) instead of SMC
 *   --ipproto    SMC via socket(AF_INET[6], SOCK_STREAM, IPPROTO_SMC) (6.11+)
 *                instead of socket(AF_SMC, SOCK_STREAM, SMCPROTO_SMC[6])
 *   --bind ADDR  client: bind the socket to source address ADDR before
 *                connecting (IPv6 link-local: ADDR%IFNAME)
 *   --ipsec      give the socket a per-socket IPsec policy (IP_XFRM_POLICY,
 *                IPV6_XFRM_POLICY for IPv6) before connect or listen: an
 *                "allow" policy without templates, so data flows in clear,
 *                but the kernel counts the socket as using IPsec. On an
 *                AF_SMC socket the option reaches the internal TCP socket,
 *                and SMC declines such connections (SMC_CLC_DECL_IPSEC).
 *                Needs CAP_NET_ADMIN and the xfrm_user module.
 *   --netns NS   enter network namespace NS first: a name from
 *                `ip netns` (/run/netns/NS) or a path such as
 *                /proc/PID/ns/net; cheaper than `ip netns exec`, which also
 *                sets up a mount namespace
 *   --no-data    client: connect only, send no greeting (ready once every
 *                connect() returned); for handshakes whose outcome may leave
 *                stray CLC bytes in the stream
 *   --fastopen   client: set TCP_FASTOPEN_CONNECT before connect. SMC does
 *                not support TCP Fast Open: the socket falls back to TCP
 *                at once (SMC_CLC_DECL_OPTUNSUPP, 0x03060000). Needs bit 1
 *                of net.ipv4.tcp_fastopen (the default).
 *   --stdin      also stop when stdin reaches end of file
 *   --exit       client/idle: stop right after printing "ready"
 *   -v           describe each socket on stderr; for a client also how
 *                long connect() took ("connect took N us")
 *   -h, --help   this text
 *
 * ADDR is IPv4 or IPv6; an IPv6 link-local address takes its interface as
 * "fe80::1%eth0" (scope by name or number), as in ping and ssh.
 *
 * Once the server listens, or every client connection has exchanged its
 * greeting (with --no-data: is connected), or every idle socket exists,
 * one line "ready" is printed on stdout. The program then keeps all sockets
 * open until SIGTERM/SIGINT (or stdin EOF with --stdin) and exits 0. Any
 * failure before "ready" prints a message on stderr and exits 1. It raises
 * RLIMIT_NOFILE itself for large -n.
 *
 * Typical use in a test:
 *   smc_conn server 127.0.0.1 5000 >srv.out & until grep -qx ready srv.out; ...
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/xfrm.h>

#include "smc_socket.h"

enum mode { M_SERVER, M_CLIENT, M_IDLE };
enum kind { K_AFSMC, K_IPPROTO, K_TCP };

static struct {
	enum mode mode;
	enum kind kind;
	bool ipv6;
	bool use_stdin;
	bool exit_when_ready;
	bool verbose;
	bool ipsec;
	bool no_data;
	bool fastopen;
	long count;
	const char *addr;
	const char *port;
	const char *bind_addr;
	const char *netns;
} opt = { .count = 1 };

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void usage(FILE *f)
{
	fputs("usage: smc_conn server [OPTIONS] ADDR PORT\n"
	      "       smc_conn client [OPTIONS] ADDR PORT\n"
	      "       smc_conn idle [OPTIONS]\n"
	      "options:\n"
	      "  -n N         connections (client) / sockets (idle), default 1\n"
	      "  -6, --ipv6   use IPv6 (implied by ':' in ADDR)\n"
	      "  --tcp        plain TCP instead of SMC\n"
	      "  --ipproto    SMC as socket(AF_INET[6], SOCK_STREAM, IPPROTO_SMC)\n"
	      "  --bind ADDR  client: bind to source address ADDR first\n"
	      "  --ipsec      set a per-socket IPsec (xfrm) allow policy before\n"
	      "               connect/listen; SMC then declines (0x03020000)\n"
	      "  --netns NS   enter network namespace NS (name or path) first\n"
	      "  --no-data    client: connect only, no greeting exchanged\n"
	      "  --fastopen   client: TCP_FASTOPEN_CONNECT first; SMC falls back\n"
	      "               (0x03060000)\n"
	      "  --stdin      also stop at end of stdin\n"
	      "  --exit       client/idle: exit right after \"ready\"\n"
	      "  -v           describe each socket (and connect time) on stderr\n"
	      "ADDR: IPv4 or IPv6; link-local IPv6 with its interface: fe80::1%eth0\n"
	      "Prints \"ready\" when set up, then holds the sockets until\n"
	      "SIGTERM/SIGINT (or stdin EOF with --stdin).\n",
	      f);
}

static void die(const char *what)
{
	fprintf(stderr, "smc_conn: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void fail(const char *msg)
{
	fprintf(stderr, "smc_conn: %s\n", msg);
	exit(1);
}

static void parse_args(int argc, char **argv)
{
	const char *pos[2];
	int npos = 0;

	if (argc < 2)
		goto bad;
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		exit(0);
	}
	if (!strcmp(argv[1], "server"))
		opt.mode = M_SERVER;
	else if (!strcmp(argv[1], "client"))
		opt.mode = M_CLIENT;
	else if (!strcmp(argv[1], "idle"))
		opt.mode = M_IDLE;
	else
		goto bad;

	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-n")) {
			char *end;

			if (++i >= argc)
				goto bad;
			errno = 0;
			opt.count = strtol(argv[i], &end, 10);
			if (errno || *end || opt.count < 1 || opt.count > 1000000)
				fail("-n wants a number from 1 to 1000000");
		} else if (!strcmp(a, "-6") || !strcmp(a, "--ipv6")) {
			opt.ipv6 = true;
		} else if (!strcmp(a, "--tcp")) {
			opt.kind = K_TCP;
		} else if (!strcmp(a, "--ipproto")) {
			opt.kind = K_IPPROTO;
		} else if (!strcmp(a, "--bind")) {
			if (++i >= argc)
				goto bad;
			opt.bind_addr = argv[i];
		} else if (!strcmp(a, "--ipsec")) {
			opt.ipsec = true;
		} else if (!strcmp(a, "--netns")) {
			if (++i >= argc)
				goto bad;
			opt.netns = argv[i];
		} else if (!strcmp(a, "--no-data")) {
			opt.no_data = true;
		} else if (!strcmp(a, "--fastopen")) {
			opt.fastopen = true;
		} else if (!strcmp(a, "--stdin")) {
			opt.use_stdin = true;
		} else if (!strcmp(a, "--exit")) {
			opt.exit_when_ready = true;
		} else if (!strcmp(a, "-v")) {
			opt.verbose = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			exit(0);
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "smc_conn: unknown option %s\n", a);
			goto bad;
		} else if (npos < 2) {
			pos[npos++] = a;
		} else {
			goto bad;
		}
	}
	if (opt.mode == M_IDLE) {
		if (npos != 0)
			goto bad;
	} else {
		if (npos != 2)
			goto bad;
		opt.addr = pos[0];
		opt.port = pos[1];
		if (strchr(opt.addr, ':'))
			opt.ipv6 = true;
	}
	if (opt.bind_addr) {
		if (opt.mode != M_CLIENT) {
			fputs("smc_conn: --bind is for clients (a server binds to ADDR)\n", stderr);
			goto bad;
		}
		if (strchr(opt.bind_addr, ':'))
			opt.ipv6 = true;
	}
	return;
bad:
	usage(stderr);
	exit(2);
}

static int new_socket(void)
{
	int family = opt.ipv6 ? AF_INET6 : AF_INET;
	int fd;

	switch (opt.kind) {
	case K_AFSMC:
		fd = socket(AF_SMC, SOCK_STREAM | SOCK_CLOEXEC,
			    opt.ipv6 ? SMCPROTO_SMC6 : SMCPROTO_SMC);
		break;
	case K_IPPROTO:
		fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_SMC);
		break;
	default:
		fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
		break;
	}
	if (fd < 0)
		die("socket");
	return fd;
}

/*
 * The scope of "fe80::1%NAME" (or "%NUMBER"): the interface index, or 0
 * without a '%'. The '%' and what follows are cut off addr.
 */
static uint32_t take_scope(char *addr)
{
	char *pct = strchr(addr, '%'), *end;
	unsigned long idx;

	if (!pct)
		return 0;
	*pct++ = '\0';
	idx = if_nametoindex(pct);
	if (idx)
		return (uint32_t)idx;
	errno = 0;
	idx = strtoul(pct, &end, 10);
	if (errno || *end || !*pct || idx == 0 || idx > UINT32_MAX) {
		fprintf(stderr, "smc_conn: no interface %s (for the IPv6 scope)\n", pct);
		exit(1);
	}
	return (uint32_t)idx;
}

/* Fill ss from text and port; returns the address length. */
static socklen_t make_addr(struct sockaddr_storage *ss, const char *text, long port)
{
	char buf[INET6_ADDRSTRLEN + IF_NAMESIZE + 2];

	if (strlen(text) >= sizeof(buf))
		fail("address too long");
	strcpy(buf, text);
	memset(ss, 0, sizeof(*ss));
	if (opt.ipv6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((unsigned short)port);
		s6->sin6_scope_id = take_scope(buf);
		if (inet_pton(AF_INET6, buf, &s6->sin6_addr) != 1) {
			fprintf(stderr, "smc_conn: %s is not an IPv6 address\n", text);
			exit(1);
		}
		return sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons((unsigned short)port);
		if (inet_pton(AF_INET, buf, &s4->sin_addr) != 1) {
			fprintf(stderr, "smc_conn: %s is not an IPv4 address\n", text);
			exit(1);
		}
		return sizeof(*s4);
	}
}

/* The address the server listens on or the client connects to. */
static socklen_t target_addr(struct sockaddr_storage *ss)
{
	char *end;
	long port;

	errno = 0;
	port = strtol(opt.port, &end, 10);
	if (errno || *end || port < 0 || port > 65535)
		fail("PORT must be a number from 0 to 65535");
	return make_addr(ss, opt.addr, port);
}

/*
 * --ipsec: an outbound per-socket xfrm policy that allows everything and
 * names no SA templates. Traffic is unchanged, but the socket now carries
 * an IPsec policy (sk_policy), which is what SMC's using_ipsec() tests.
 * The kernel compiles it through a key manager; xfrm_user provides one.
 */
static void set_ipsec_policy(int fd)
{
	struct xfrm_userpolicy_info pol;

	memset(&pol, 0, sizeof(pol));
	pol.sel.family = opt.ipv6 ? AF_INET6 : AF_INET;
	pol.lft.soft_byte_limit = XFRM_INF;
	pol.lft.hard_byte_limit = XFRM_INF;
	pol.lft.soft_packet_limit = XFRM_INF;
	pol.lft.hard_packet_limit = XFRM_INF;
	pol.dir = XFRM_POLICY_OUT;
	pol.action = XFRM_POLICY_ALLOW;
	pol.share = XFRM_SHARE_ANY;
	if (opt.ipv6) {
		if (setsockopt(fd, SOL_IPV6, IPV6_XFRM_POLICY, &pol, sizeof(pol)) < 0)
			die("setsockopt(IPV6_XFRM_POLICY) (is xfrm_user loaded?)");
	} else {
		if (setsockopt(fd, SOL_IP, IP_XFRM_POLICY, &pol, sizeof(pol)) < 0)
			die("setsockopt(IP_XFRM_POLICY) (is xfrm_user loaded?)");
	}
}

static void describe(const char *what, int fd)
{
	struct sockaddr_storage l, r;
	socklen_t ll = sizeof(l), rl = sizeof(r);
	char lb[INET6_ADDRSTRLEN] = "?", rb[INET6_ADDRSTRLEN] = "?";
	unsigned lp = 0, rp = 0;

	if (!opt.verbose)
		return;
	if (getsockname(fd, (struct sockaddr *)&l, &ll) == 0) {
		if (l.ss_family == AF_INET6) {
			struct sockaddr_in6 *s = (struct sockaddr_in6 *)&l;

			inet_ntop(AF_INET6, &s->sin6_addr, lb, sizeof(lb));
			lp = ntohs(s->sin6_port);
		} else if (l.ss_family == AF_INET) {
			struct sockaddr_in *s = (struct sockaddr_in *)&l;

			inet_ntop(AF_INET, &s->sin_addr, lb, sizeof(lb));
			lp = ntohs(s->sin_port);
		}
	}
	if (getpeername(fd, (struct sockaddr *)&r, &rl) == 0) {
		if (r.ss_family == AF_INET6) {
			struct sockaddr_in6 *s = (struct sockaddr_in6 *)&r;

			inet_ntop(AF_INET6, &s->sin6_addr, rb, sizeof(rb));
			rp = ntohs(s->sin6_port);
		} else if (r.ss_family == AF_INET) {
			struct sockaddr_in *s = (struct sockaddr_in *)&r;

			inet_ntop(AF_INET, &s->sin_addr, rb, sizeof(rb));
			rp = ntohs(s->sin_port);
		}
	}
	fprintf(stderr, "smc_conn: %s fd %d local %s port %u peer %s port %u\n",
		what, fd, lb, lp, rb, rp);
}

/*
 * Make room for `want` descriptors. Raising the hard limit needs root; if
 * that is refused, take what the hard limit allows and fail only when the
 * caller cannot do without (client/idle need one fd per socket).
 */
static void raise_nofile(long want, bool required)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		die("getrlimit");
	if ((long)rl.rlim_cur >= want)
		return;
	if ((long)rl.rlim_max < want) {
		struct rlimit more = { (rlim_t)want, (rlim_t)want };

		if (setrlimit(RLIMIT_NOFILE, &more) == 0)
			return;
	}
	if ((long)rl.rlim_max < want)
		rl.rlim_cur = rl.rlim_max;
	else
		rl.rlim_cur = (rlim_t)want;
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
		die("setrlimit(RLIMIT_NOFILE)");
	if (required && (long)rl.rlim_cur < want) {
		fprintf(stderr, "smc_conn: need %ld open files, the limit is %ld\n",
			want, (long)rl.rlim_cur);
		exit(1);
	}
}

static void say_ready(void)
{
	if (puts("ready") == EOF || fflush(stdout) == EOF)
		die("writing to stdout");
}

/*
 * Wait until told to stop. Extra fds (the server's) are served by cb; a
 * negative cb result closes that entry.
 */
struct watch {
	struct pollfd *pfd;
	size_t n, cap;
};

static void watch_add(struct watch *w, int fd)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		struct pollfd *p = realloc(w->pfd, cap * sizeof(*p));

		if (!p)
			fail("out of memory");
		w->pfd = p;
		w->cap = cap;
	}
	w->pfd[w->n].fd = fd;
	w->pfd[w->n].events = POLLIN;
	w->pfd[w->n].revents = 0;
	w->n++;
}

/* Returns 1 if stdin ended (only watched with --stdin). */
static int stdin_ended(void)
{
	char buf[512];
	ssize_t r = read(STDIN_FILENO, buf, sizeof(buf));

	return r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN);
}

static void hold(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };

	while (!stop) {
		int r = poll(&p, opt.use_stdin ? 1 : 0, -1);

		if (r < 0 && errno != EINTR)
			die("poll");
		if (r > 0 && stdin_ended())
			break;
	}
}

static int run_server(void)
{
	struct sockaddr_storage ss;
	socklen_t len = target_addr(&ss);
	struct watch w = { 0 };
	size_t first_conn;
	int one = 1;
	int lfd;

	raise_nofile(65536, false);
	lfd = new_socket();
	if (setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0)
		die("setsockopt(SO_REUSEADDR)");
	if (opt.ipsec)
		set_ipsec_policy(lfd);
	if (bind(lfd, (struct sockaddr *)&ss, len) < 0)
		die("bind");
	if (listen(lfd, SOMAXCONN) < 0)
		die("listen");
	describe("listening", lfd);

	/* Slot 0: stdin (or a disabled entry), slot 1: listener, then peers. */
	watch_add(&w, opt.use_stdin ? STDIN_FILENO : -1);
	watch_add(&w, lfd);
	first_conn = w.n;
	say_ready();

	while (!stop) {
		int r = poll(w.pfd, w.n, -1);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			die("poll");
		}
		if (w.pfd[0].revents && stdin_ended())
			break;
		if (w.pfd[1].revents & POLLIN) {
			int cfd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);

			if (cfd >= 0) {
				describe("accepted", cfd);
				watch_add(&w, cfd);
			} else if (errno != EINTR && errno != EAGAIN &&
				   errno != ECONNABORTED) {
				die("accept");
			}
		}
		for (size_t i = first_conn; i < w.n; i++) {
			char buf[4096];
			ssize_t got;

			if (!w.pfd[i].revents)
				continue;
			got = read(w.pfd[i].fd, buf, sizeof(buf));
			if (got > 0) {
				/* Echo back; a short or failed write just drops data. */
				if (write(w.pfd[i].fd, buf, (size_t)got) < 0 &&
				    opt.verbose)
					perror("smc_conn: echo");
				continue;
			}
			if (got < 0 && (errno == EINTR || errno == EAGAIN))
				continue;
			/* Peer closed (or broke): forget it. */
			close(w.pfd[i].fd);
			w.pfd[i] = w.pfd[--w.n];
			i--;
		}
	}
	return 0;
}

static int run_client(void)
{
	struct sockaddr_storage ss, src;
	socklen_t len = target_addr(&ss), srclen = 0;

	if (opt.bind_addr)
		srclen = make_addr(&src, opt.bind_addr, 0);
	raise_nofile(opt.count + 64, true);
	for (long i = 0; i < opt.count; i++) {
		char msg[64], back[64];
		struct timespec t0, t1;
		size_t have = 0;
		int n, fd = new_socket();

		if (opt.ipsec)
			set_ipsec_policy(fd);
		if (opt.fastopen && setsockopt(fd, IPPROTO_TCP, TCP_FASTOPEN_CONNECT, &(int){ 1 },
					       sizeof(int)) < 0)
			die("setsockopt(TCP_FASTOPEN_CONNECT)");
		if (srclen && bind(fd, (struct sockaddr *)&src, srclen) < 0)
			die("bind");
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (connect(fd, (struct sockaddr *)&ss, len) < 0)
			die("connect");
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (opt.verbose)
			fprintf(stderr, "smc_conn: connect took %lld us\n",
				(long long)(t1.tv_sec - t0.tv_sec) * 1000000 +
					(t1.tv_nsec - t0.tv_nsec) / 1000);
		if (opt.no_data) {
			describe("connected", fd);
			continue;
		}
		n = snprintf(msg, sizeof(msg), "smc_conn hello %ld\n", i);
		if (write(fd, msg, (size_t)n) != n)
			die("write");
		while (have < (size_t)n) {
			ssize_t got = read(fd, back + have, (size_t)n - have);

			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0) {
				if (got == 0)
					errno = ECONNRESET;
				die("reading the echo");
			}
			have += (size_t)got;
		}
		if (memcmp(msg, back, (size_t)n)) {
			fputs("smc_conn: the echo did not match what was sent; got:", stderr);
			for (int k = 0; k < n; k++)
				fprintf(stderr, " %02x", (unsigned char)back[k]);
			fputc('\n', stderr);
			exit(1);
		}
		describe("connected", fd);
	}
	say_ready();
	if (!opt.exit_when_ready)
		hold();
	return 0;
}

static int run_idle(void)
{
	raise_nofile(opt.count + 64, true);
	for (long i = 0; i < opt.count; i++) {
		int fd = new_socket();

		if (i == 0)
			describe("idle", fd);
	}
	say_ready();
	if (!opt.exit_when_ready)
		hold();
	return 0;
}

/* --netns: a bare name means /run/netns/NAME, as `ip netns` keeps them. */
static void enter_netns(const char *ns)
{
	char path[PATH_MAX];
	int fd;

	if (strchr(ns, '/'))
		snprintf(path, sizeof(path), "%s", ns);
	else
		snprintf(path, sizeof(path), "/run/netns/%s", ns);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "smc_conn: network namespace %s: %s\n", path, strerror(errno));
		exit(1);
	}
	if (setns(fd, CLONE_NEWNET) < 0)
		die("setns");
	close(fd);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { 0 };

	parse_args(argc, argv);
	/* before any socket or interface name is looked at */
	if (opt.netns)
		enter_netns(opt.netns);

	/* No SA_RESTART: a signal must interrupt poll() so we can leave. */
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	switch (opt.mode) {
	case M_SERVER:
		return run_server();
	case M_CLIENT:
		return run_client();
	default:
		return run_idle();
	}
}
