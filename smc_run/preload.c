// SPDX-License-Identifier: GPL-2.0
/* preload.c - libsmc-preload.so: a program's TCP sockets become SMC sockets
 *
 * smc_run puts this library in LD_PRELOAD. Its socket() turns requests for TCP sockets
 * (AF_INET/AF_INET6, SOCK_STREAM, protocol 0 or IPPROTO_TCP) into SMC sockets and passes
 * every other request to the C library untouched. If the kernel refuses SMC sockets (no
 * smc module, an old kernel, a seccomp or container policy) the program gets the TCP
 * socket it asked for: it must keep working.
 *
 * It also wraps setsockopt(), getsockopt() and the send calls, but only to report (with
 * SMC_RUN_DEBUG) what makes SMC fall back or act unlike TCP; it never changes what the
 * program does.
 *
 * The library lives inside someone else's program: it allocates nothing, takes no lock
 * on the paths every call goes through, keeps errno as the program expects it, and writes
 * only in debug mode, through debug() alone: to the file SMC_RUN_DEBUG_FILE names, else to
 * the stderr the program started with, never to what the program put on fd 2 since. Of
 * lib/ it links only the number reader, parse_num.c.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "array.h"
#include "config.h"


/* Raw system calls: used only if dlsym() cannot find the C library's functions (a
 * program that somehow has none to interpose), so that socket() still works.
 */
static int sys_socket(int domain, int type, int protocol)
{
	return (int)syscall(SYS_socket, domain, type, protocol);
}

static int sys_setsockopt(int fd, int level, int name, const void *value, socklen_t len)
{
	return (int)syscall(SYS_setsockopt, fd, level, name, value, len);
}

static int sys_getsockopt(int fd, int level, int name, void *value, socklen_t *len)
{
	return (int)syscall(SYS_getsockopt, fd, level, name, value, len);
}

static ssize_t sys_sendto(int fd, const void *buf, size_t len, int flags,
			  const struct sockaddr *to, socklen_t tolen)
{
	return syscall(SYS_sendto, fd, buf, len, flags, to, tolen);
}

static ssize_t sys_send(int fd, const void *buf, size_t len, int flags)
{
	return sys_sendto(fd, buf, len, flags, NULL, 0);
}

static ssize_t sys_sendmsg(int fd, const struct msghdr *msg, int flags)
{
	return syscall(SYS_sendmsg, fd, msg, flags);
}

/* Written once by preload_init() inside pthread_once(), only read afterwards: every
 * entry point passes through pthread_once() first, which orders those reads after the
 * writes, and costs one atomic load once initialised.
 */
static struct {
	int	(*socket)(int, int, int);
	int	(*setsockopt)(int, int, int, const void *, socklen_t);
	int	(*getsockopt)(int, int, int, void *, socklen_t *);
	ssize_t	(*send)(int, const void *, size_t, int);
	ssize_t	(*sendto)(int, const void *, size_t, int, const struct sockaddr *, socklen_t);
	ssize_t	(*sendmsg)(int, const struct msghdr *, int);
	bool			debug;
	enum smc_run_family	family;
	int			rcvbuf;		/* bytes; 0: leave the kernel's default */
	int			sndbuf;
	/* Where reports go: the file given with smc_run --debug-file (opened for each
	 * report: a descriptor of ours could be closed by the program and its number
	 * reused), else fd 2, but only while it is the file it was when the program
	 * started. A program that closed stderr and reopened fd 2 as its TCP connection
	 * must not find reports in its data stream.
	 */
	char			debug_file[PATH_MAX];	/* "" for stderr */
	/* SMC_RUN_WHY_SMC and SMC_RUN_WHY_INET, copied ("" if unset or not taken) */
	char			why_smc[SMC_RUN_WHY_MAX + 1];
	char			why_inet[SMC_RUN_WHY_MAX + 1];
	bool			stderr_open;		/* fd 2 at start: was there one */
	dev_t			stderr_dev;		/* and which file it was */
	ino_t			stderr_ino;
	mode_t			stderr_type;
} cfg;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* What the process learnt about the kernel, shared by all threads. Each is a one-way
 * switch (false -> true); a thread that misses the update merely tries once more.
 */
static atomic_bool ipproto_smc_missing;	/* auto: IPPROTO_SMC refused, use AF_SMC */
static atomic_bool smc_refused;		/* no SMC sockets at all: TCP from now on */

/*
 * Write @line to @fd without the program ever getting a SIGPIPE for it: a reader that
 * went away ends the report, not the program. Sockets take MSG_NOSIGNAL; for a pipe the
 * signal is blocked around the write, and the one the write raised (not one that was
 * pending before) is taken back before the program's mask returns.
 */
static void write_quietly(int fd, mode_t type, const char *line, size_t len)
{
	static const struct timespec no_wait;
	sigset_t sigpipe, saved, pending;
	bool was_pending;

	if (S_ISSOCK(type)) {
		if (cfg.send(fd, line, len, MSG_NOSIGNAL) < 0) {
			/* nowhere left to report it */
		}
		return;
	}
	if (!S_ISFIFO(type)) {
		if (write(fd, line, len) < 0) {
			/* nowhere left to report it */
		}
		return;
	}
	sigemptyset(&sigpipe);
	sigaddset(&sigpipe, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &sigpipe, &saved);
	was_pending = !sigpending(&pending) && sigismember(&pending, SIGPIPE);
	if (write(fd, line, len) < 0 && errno == EPIPE && !was_pending)
		sigtimedwait(&sigpipe, NULL, &no_wait);
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
}

/* To the debug file, opened for this report only and without waiting (a FIFO nobody
 * reads loses the report instead of stopping the program); created if it is missing
 * (smc_run created it, but it may have been removed, or the library preloaded by hand).
 */
static void report_to_file(const char *line, size_t len)
{
	struct stat st;
	int fd = open(cfg.debug_file,
		      O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0666);

	if (fd < 0)
		return;
	if (!fstat(fd, &st))
		write_quietly(fd, st.st_mode & S_IFMT, line, len);
	close(fd);
}

/*
 * To fd 2 if it is still the stderr the program started with. The check and the write
 * use a duplicate of fd 2, so that what was checked is what is written to even if another
 * thread puts something else on fd 2 meanwhile; it is closed before returning, so the
 * program's next descriptor gets the number it would have got without us.
 */
static void report_to_stderr(const char *line, size_t len)
{
	struct stat st;
	int fd;

	if (!cfg.stderr_open)
		return;
	fd = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 0);
	if (fd < 0)
		return;
	/* (device and inode name a file as long as it exists; pipes and sockets get new
	 * inode numbers, so whatever the program opened on fd 2 since differs)
	 */
	if (!fstat(fd, &st) && st.st_dev == cfg.stderr_dev && st.st_ino == cfg.stderr_ino &&
	    (st.st_mode & S_IFMT) == cfg.stderr_type)
		write_quietly(fd, cfg.stderr_type, line, len);
	close(fd);
}

/* The one writer of reports: one line, one write(), so that lines of several threads and
 * processes do not mix. Keeps errno.
 */
__attribute__((format(printf, 1, 2)))
static void debug(const char *fmt, ...)
{
	/* room for the longest report: errno texts and the launcher's SMC_RUN_WHY_* text */
	char line[SMC_RUN_WHY_MAX + 512];
	int saved_errno = errno;
	va_list ap;
	int n, m;

	n = snprintf(line, sizeof(line), "smc_run: %s[%d]: ", program_invocation_short_name,
		     (int)getpid());
	if (n < 0 || n >= (int)sizeof(line))
		n = 0;
	va_start(ap, fmt);
	m = vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	if (m > 0)
		n += m;
	if (n > (int)sizeof(line) - 1)
		n = sizeof(line) - 1;
	line[n++] = '\n';
	if (cfg.debug_file[0])
		report_to_file(line, (size_t)n);
	else
		report_to_stderr(line, (size_t)n);
	errno = saved_errno;
}

/* a function of the C library, or @fallback if there is none to find */
static void *next_symbol(const char *name, void *fallback)
{
	void *sym = dlsym(RTLD_NEXT, name);

	return sym ? sym : fallback;
}

/* Which file fd 2 is as the program starts: the only one reports go to (without
 * --debug-file).
 */
static void remember_stderr(void)
{
	struct stat st;

	if (fstat(STDERR_FILENO, &st))
		return;
	cfg.stderr_open = true;
	cfg.stderr_dev = st.st_dev;
	cfg.stderr_ino = st.st_ino;
	cfg.stderr_type = st.st_mode & S_IFMT;
}

/* Copy a SMC_RUN_WHY_* text the launcher left, if it is one a report can carry */
static void take_why(const char *name, char buf[SMC_RUN_WHY_MAX + 1])
{
	const char *text = getenv(name);

	if (smc_run_why_ok(text))
		memcpy(buf, text, strlen(text) + 1);
	else if (text && *text)
		debug("ignoring %s: not a text of at most %d printable characters", name,
		      SMC_RUN_WHY_MAX);
}

static void preload_init(void)
{
	const struct smc_run_env env = {
		.debug = getenv(SMC_RUN_ENV_DEBUG), .debug_file = getenv(SMC_RUN_ENV_DEBUG_FILE),
		.family = getenv(SMC_RUN_ENV_FAMILY), .rcvbuf = getenv(SMC_RUN_ENV_RCVBUF),
		.sndbuf = getenv(SMC_RUN_ENV_SNDBUF),
	};
	struct smc_run_config conf;
	unsigned int ignored;

	cfg.socket = next_symbol("socket", (void *)sys_socket);
	cfg.setsockopt = next_symbol("setsockopt", (void *)sys_setsockopt);
	cfg.getsockopt = next_symbol("getsockopt", (void *)sys_getsockopt);
	cfg.send = next_symbol("send", (void *)sys_send);
	cfg.sendto = next_symbol("sendto", (void *)sys_sendto);
	cfg.sendmsg = next_symbol("sendmsg", (void *)sys_sendmsg);

	ignored = smc_run_read_env(&env, sizeof(cfg.debug_file) - 1, &conf);
	cfg.debug = conf.debug;
	if (cfg.debug)
		remember_stderr();
	/* copied: the program may overwrite its environment (setproctitle) */
	if (conf.debug_file)
		memcpy(cfg.debug_file, conf.debug_file, strlen(conf.debug_file) + 1);
	cfg.family = conf.family;
	cfg.rcvbuf = conf.rcvbuf;
	cfg.sndbuf = conf.sndbuf;
	if (!cfg.debug)
		return;
	if (ignored & SMC_RUN_IGNORED_DEBUG_FILE)
		debug("ignoring %s=%s: not an absolute path of at most %zu characters, "
		      "reporting to stderr", SMC_RUN_ENV_DEBUG_FILE, env.debug_file,
		      sizeof(cfg.debug_file) - 1);
	if (ignored & SMC_RUN_IGNORED_FAMILY)
		debug("ignoring %s=%s: not auto, smc or inet", SMC_RUN_ENV_FAMILY, env.family);
	if (ignored & SMC_RUN_IGNORED_RCVBUF)
		debug("ignoring %s=%s: not a size such as 65536, 64k or 1m", SMC_RUN_ENV_RCVBUF,
		      env.rcvbuf);
	if (ignored & SMC_RUN_IGNORED_SNDBUF)
		debug("ignoring %s=%s: not a size such as 65536, 64k or 1m", SMC_RUN_ENV_SNDBUF,
		      env.sndbuf);
	take_why(SMC_RUN_ENV_WHY_SMC, cfg.why_smc);
	take_why(SMC_RUN_ENV_WHY_INET, cfg.why_inet);
}

static void init(void)
{
	pthread_once(&init_once, preload_init);
}

/* Normally the work is done here, before the program's main() and its threads; the
 * pthread_once() in every entry point covers calls that come earlier (from other
 * libraries' constructors) and a dlopen()ed library.
 */
__attribute__((constructor))
static void preload_constructor(void)
{
	init();
}

static bool is_tcp_request(int domain, int type, int protocol)
{
	return (domain == AF_INET || domain == AF_INET6) &&
	       (type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) == SOCK_STREAM &&
	       (protocol == 0 || protocol == IPPROTO_TCP);
}

/* Errors that say "no SMC sockets for this process", as opposed to a passing shortage
 * (EMFILE, ENOBUFS, ...). Before 6.11, protocol 256 is out of range: EINVAL.
 */
static bool is_permanent_refusal(int err)
{
	return err == EAFNOSUPPORT || err == EPROTONOSUPPORT || err == ESOCKTNOSUPPORT ||
	       err == EOPNOTSUPP || err == EINVAL || err == EPERM || err == EACCES;
}

/* Errors that mean "this kernel has no such socket": the launcher's SMC_RUN_WHY_* says why
 * (not EPERM or EACCES: a policy refuses them, whatever the kernel has)
 */
static bool is_missing_in_kernel(int err)
{
	return err == EAFNOSUPPORT || err == EPROTONOSUPPORT || err == ESOCKTNOSUPPORT ||
	       err == EINVAL;
}

/* "; <why>" for a report, or "" */
static const char *why_sep(const char *why)
{
	return why[0] ? "; " : "";
}

/* The SMC socket for a TCP request, made the way @family says; -1 and errno if refused */
static int create_smc(enum smc_run_family family, int domain, int type)
{
	if (family == SMC_RUN_INET)
		return cfg.socket(domain, type, IPPROTO_SMC);
	return cfg.socket(AF_SMC, type, domain == AF_INET6 ? SMCPROTO_SMC6 : SMCPROTO_SMC);
}

static const char *how_created(enum smc_run_family family, int domain)
{
	if (family == SMC_RUN_INET)
		return domain == AF_INET6 ? "AF_INET6, IPPROTO_SMC" : "AF_INET, IPPROTO_SMC";
	return domain == AF_INET6 ? "AF_SMC, SMCPROTO_SMC6" : "AF_SMC, SMCPROTO_SMC";
}

static void set_buffer(int fd, int name, const char *what, int bytes)
{
	socklen_t len = sizeof(bytes);
	int granted = 0;

	if (cfg.setsockopt(fd, SOL_SOCKET, name, &bytes, sizeof(bytes))) {
		if (cfg.debug)
			debug("socket %d: cannot set %s to %d: %s", fd, what, bytes,
			      strerror(errno));
		return;
	}
	if (cfg.debug && !cfg.getsockopt(fd, SOL_SOCKET, name, &granted, &len))
		debug("socket %d: %s %d requested, the kernel set %d", fd, what, bytes, granted);
}

static int smc_socket(int domain, int type, int protocol)
{
	int saved_errno = errno, inet_errno = 0;
	enum smc_run_family family = cfg.family;
	int fd;

	if (family == SMC_RUN_AUTO)
		family = atomic_load_explicit(&ipproto_smc_missing, memory_order_relaxed) ?
			 SMC_RUN_SMC : SMC_RUN_INET;
	fd = create_smc(family, domain, type);
	if (fd < 0 && cfg.family == SMC_RUN_AUTO && family == SMC_RUN_INET &&
	    is_permanent_refusal(errno)) {
		bool first_inet_refusal;

		inet_errno = errno;
		first_inet_refusal = !atomic_exchange(&ipproto_smc_missing, true);
		family = SMC_RUN_SMC;
		fd = create_smc(family, domain, type);
		if (fd >= 0 && first_inet_refusal && cfg.debug) {
			const char *why = is_missing_in_kernel(inet_errno) ? cfg.why_inet : "";

			debug("IPPROTO_SMC sockets refused (%s): using AF_SMC sockets%s%s",
			      strerror(inet_errno), why_sep(why), why);
		}
	}
	if (fd < 0) {
		int err = errno;

		if (!is_permanent_refusal(err)) {
			if (cfg.debug)
				debug("cannot create an SMC socket (%s, %s): this one is TCP",
				      how_created(family, domain), strerror(err));
		} else if (!atomic_exchange(&smc_refused, true) && cfg.debug) {
			/* why the kernel has none: SMC is missing, unless only IPPROTO_SMC was
			 * asked for on a release that predates it
			 */
			const char *why = !is_missing_in_kernel(err) ? "" :
					  family == SMC_RUN_INET && cfg.why_inet[0] ? cfg.why_inet :
					  cfg.why_smc;

			if (inet_errno)
				debug("SMC sockets refused (IPPROTO_SMC: %s; AF_SMC: %s): TCP "
				      "sockets stay TCP%s%s", strerror(inet_errno), strerror(err),
				      why_sep(why), why);
			else
				debug("SMC sockets refused (%s: %s): TCP sockets stay TCP%s%s",
				      how_created(family, domain), strerror(err), why_sep(why), why);
		}
		errno = saved_errno;
		return cfg.socket(domain, type, protocol);
	}
	if (cfg.debug)
		debug("socket %d: TCP over %s became SMC (%s)", fd,
		      domain == AF_INET6 ? "IPv6" : "IPv4", how_created(family, domain));
	if (cfg.rcvbuf)
		set_buffer(fd, SO_RCVBUF, "SO_RCVBUF", cfg.rcvbuf);
	if (cfg.sndbuf)
		set_buffer(fd, SO_SNDBUF, "SO_SNDBUF", cfg.sndbuf);
	errno = saved_errno;
	return fd;
}

int socket(int domain, int type, int protocol)
{
	init();
	if (!is_tcp_request(domain, type, protocol) ||
	    atomic_load_explicit(&smc_refused, memory_order_relaxed))
		return cfg.socket(domain, type, protocol);
	return smc_socket(domain, type, protocol);
}

/* --- debug reports: socket options and sends that SMC does not handle like TCP --- */

/* What an option does to an SMC socket, after the SMC option table of Alibaba Cloud
 * Linux's SMC documentation, refined where upstream Linux is known to differ.
 */
static const char fastopen_effect[] =
	"SMC does not support TCP Fast Open: set before connect() or listen(), the socket "
	"falls back to TCP (reason 0x03060000, OPTUNSUPP); later, the call fails";
static const char fastopen_send_effect[] =
	"SMC does not support TCP Fast Open: sent on an unconnected socket, it falls back to "
	"TCP (reason 0x03060000, OPTUNSUPP); on any other, the call fails";
static const char unsupported_effect[] =
	"not supported by SMC: depending on the kernel, the call fails, the option is "
	"ignored, or the connection falls back to TCP";
static const char no_effect[] =
	"accepted, but it does not act on SMC connections as it does on TCP";

struct option_note {
	int		level;
	int		name;
	const char	*option;
	const char	*effect;
};

/* #name here, not in a helper macro: there, name would be expanded to its number first */
#define NOTE(level, name, effect)	{ level, name, #name, effect }
#define SOCK_N(name)	{ SOL_SOCKET, name, #name, unsupported_effect }
#define SOCK_M(name)	{ SOL_SOCKET, name, #name, no_effect }
#define TCP_N(name)	{ IPPROTO_TCP, name, #name, unsupported_effect }
#define TCP_M(name)	{ IPPROTO_TCP, name, #name, no_effect }

/* options that work as on TCP are not listed */
static const struct option_note option_notes[] = {
	SOCK_N(SO_SECURITY_AUTHENTICATION), SOCK_N(SO_SECURITY_ENCRYPTION_TRANSPORT),
	SOCK_N(SO_SECURITY_ENCRYPTION_NETWORK), SOCK_N(SO_BINDTODEVICE), SOCK_N(SO_PEERSEC),
	SOCK_N(SO_PEEK_OFF), SOCK_N(SO_ATTACH_REUSEPORT_EBPF), SOCK_N(SO_PEERGROUPS),
	SOCK_N(SO_ZEROCOPY), SOCK_N(SO_BINDTOIFINDEX), SOCK_N(SO_DETACH_REUSEPORT_BPF),
	SOCK_M(SO_DONTROUTE), SOCK_M(SO_BROADCAST), SOCK_M(SO_KEEPALIVE), SOCK_M(SO_OOBINLINE),
	SOCK_M(SO_NO_CHECK), SOCK_M(SO_PRIORITY), SOCK_M(SO_BSDCOMPAT), SOCK_M(SO_PASSCRED),
	SOCK_M(SO_PEERCRED), SOCK_M(SO_RCVLOWAT), SOCK_M(SO_SNDLOWAT), SOCK_M(SO_ATTACH_FILTER),
	SOCK_M(SO_DETACH_FILTER), SOCK_M(SO_ACCEPTCONN), SOCK_M(SO_PASSSEC), SOCK_M(SO_MARK),
	SOCK_M(SO_RXQ_OVFL), SOCK_M(SO_WIFI_STATUS), SOCK_M(SO_NOFCS),
	SOCK_M(SO_SELECT_ERR_QUEUE), SOCK_M(SO_BUSY_POLL), SOCK_M(SO_MAX_PACING_RATE),
	SOCK_M(SO_INCOMING_CPU), SOCK_M(SO_ATTACH_BPF), SOCK_M(SO_ATTACH_REUSEPORT_CBPF),
	SOCK_M(SO_CNX_ADVICE), SOCK_M(SO_MEMINFO), SOCK_M(SO_INCOMING_NAPI_ID),
	SOCK_M(SO_TXTIME), SOCK_M(SO_TIMESTAMP_OLD), SOCK_M(SO_TIMESTAMPNS_OLD),
	SOCK_M(SO_TIMESTAMPING_OLD), SOCK_M(SO_TIMESTAMP_NEW), SOCK_M(SO_TIMESTAMPNS_NEW),
	SOCK_M(SO_TIMESTAMPING_NEW),
	NOTE(IPPROTO_TCP, TCP_FASTOPEN, fastopen_effect),
	NOTE(IPPROTO_TCP, TCP_FASTOPEN_CONNECT, fastopen_effect),
	NOTE(IPPROTO_TCP, TCP_FASTOPEN_KEY, fastopen_effect),
	NOTE(IPPROTO_TCP, TCP_FASTOPEN_NO_COOKIE, fastopen_effect),
	NOTE(IPPROTO_TCP, TCP_ULP, "SMC refuses upper-layer protocols such as kernel TLS: "
	     "the call fails (EOPNOTSUPP)"),
	TCP_N(TCP_ZEROCOPY_RECEIVE),
	TCP_M(TCP_MAXSEG), TCP_M(TCP_KEEPIDLE), TCP_M(TCP_KEEPINTVL), TCP_M(TCP_KEEPCNT),
	TCP_M(TCP_SYNCNT), TCP_M(TCP_LINGER2), TCP_M(TCP_WINDOW_CLAMP), TCP_M(TCP_INFO),
	TCP_M(TCP_QUICKACK), TCP_M(TCP_CONGESTION), TCP_M(TCP_THIN_LINEAR_TIMEOUTS),
	TCP_M(TCP_THIN_DUPACK), TCP_M(TCP_USER_TIMEOUT), TCP_M(TCP_REPAIR),
	TCP_M(TCP_REPAIR_QUEUE), TCP_M(TCP_QUEUE_SEQ), TCP_M(TCP_REPAIR_OPTIONS),
	TCP_M(TCP_TIMESTAMP), TCP_M(TCP_NOTSENT_LOWAT), TCP_M(TCP_CC_INFO),
	TCP_M(TCP_REPAIR_WINDOW), TCP_M(TCP_INQ), TCP_M(TCP_TX_DELAY),
};

/* each note once per process: a server sets the same options on every connection */
static atomic_bool option_reported[ARRAY_LEN(option_notes)];
static atomic_bool fastopen_send_reported;

/* Is @fd an SMC socket (made here, or accepted from an SMC listener)? Asked only in debug
 * mode, and only for the calls worth a report. Keeps errno.
 */
static bool is_smc_socket(int fd)
{
	int saved_errno = errno, value;
	socklen_t len = sizeof(value);
	bool smc = false;

	if (!cfg.getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &value, &len)) {
		smc = value == AF_SMC;
		len = sizeof(value);
		if (!smc && !cfg.getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &value, &len))
			smc = value == IPPROTO_SMC;
	}
	errno = saved_errno;
	return smc;
}

static void note_option(const char *call, int fd, int level, int name)
{
	for (size_t i = 0; i < ARRAY_LEN(option_notes); i++) {
		const struct option_note *n = &option_notes[i];

		if (n->level != level || n->name != name)
			continue;
		if (!atomic_load_explicit(&option_reported[i], memory_order_relaxed) &&
		    is_smc_socket(fd) && !atomic_exchange(&option_reported[i], true))
			debug("socket %d: %s(%s): %s", fd, call, n->option, n->effect);
		return;
	}
}

static void note_send(const char *call, int fd, int flags)
{
	if (!(flags & MSG_FASTOPEN) ||
	    atomic_load_explicit(&fastopen_send_reported, memory_order_relaxed) ||
	    !is_smc_socket(fd) || atomic_exchange(&fastopen_send_reported, true))
		return;
	debug("socket %d: %s(MSG_FASTOPEN): %s", fd, call, fastopen_send_effect);
}

int setsockopt(int fd, int level, int name, const void *value, socklen_t len)
{
	init();
	if (cfg.debug)
		note_option("setsockopt", fd, level, name);
	return cfg.setsockopt(fd, level, name, value, len);
}

int getsockopt(int fd, int level, int name, void *value, socklen_t *len)
{
	init();
	if (cfg.debug)
		note_option("getsockopt", fd, level, name);
	return cfg.getsockopt(fd, level, name, value, len);
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	init();
	if (cfg.debug)
		note_send("send", fd, flags);
	return cfg.send(fd, buf, len, flags);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
	       socklen_t tolen)
{
	init();
	if (cfg.debug)
		note_send("sendto", fd, flags);
	return cfg.sendto(fd, buf, len, flags, to, tolen);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	init();
	if (cfg.debug)
		note_send("sendmsg", fd, flags);
	return cfg.sendmsg(fd, msg, flags);
}
