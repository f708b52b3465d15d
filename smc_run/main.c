// SPDX-License-Identifier: GPL-2.0
/* smc_run - run a program with its TCP sockets turned into SMC sockets
 *
 * A launcher, not a wrapper: it checks the options, puts libsmc-preload.so into
 * LD_PRELOAD, passes the options on in SMC_RUN_* variables (smc_run/config.h) and
 * execvp()s the program with its arguments exactly as given, no shell in between.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "err.h"
#include "kernel_support.h"
#include "out.h"
#include "tool.h"

/* Set by the Makefile: the installed library and, for the launcher of the build tree
 * only, that tree, where it finds the library it was built with (the installed launcher
 * is built without it: it holds no path of the machine that built it). Absolute paths,
 * so that the loader's search path plays no part.
 */
#ifndef SMC_RUN_LIBRARY
#error "build with the Makefile: it defines SMC_RUN_LIBRARY"
#endif
#define PRELOAD_NAME "libsmc-preload.so"

/* exit statuses of a launcher that could not start the program, as env(1) and sh */
enum { EXIT_CANNOT_EXEC = 126, EXIT_NOT_FOUND = 127 };

struct run_opts {
	bool			debug;
	const char		*debug_file;	/* -D as given, NULL if not */
	enum smc_run_family	family;
	const char		*rcvbuf;	/* as given (validated), NULL if not */
	const char		*sndbuf;
	char			**command;	/* PROGRAM and its arguments */
};

static const char usage_text[] =
	"Usage: smc_run [OPTIONS] PROGRAM [ARGS...]\n"
	"Run PROGRAM with its TCP sockets turned into SMC sockets. Where the kernel refuses\n"
	"SMC sockets, they stay TCP and PROGRAM works as before.\n"
	"  -f, --family MODE   auto, smc or inet: how SMC sockets are made (default: auto);\n"
	"                      inet keeps the address family (IPPROTO_SMC, Linux 6.11+),\n"
	"                      smc makes AF_SMC sockets, auto takes inet where it can\n"
	"  -r, --rcvbuf SIZE   receive buffer of each SMC socket, in bytes (k, m: KiB, MiB)\n"
	"  -t, --sndbuf SIZE   send buffer of each SMC socket, in bytes (k, m: KiB, MiB)\n"
	"  -d, --debug         report on stderr which sockets become SMC, and what makes\n"
	"                      them fall back to TCP or act unlike TCP (only while fd 2\n"
	"                      is the stderr PROGRAM started with)\n"
	"  -D, --debug-file FILE\n"
	"                      report as -d does, appending to FILE instead of stderr\n"
	"  -v, --version       show the version\n"
	"  -h, --help          show this help";

static const struct option long_opts[] = {
	{ "family",	required_argument, NULL, 'f' },
	{ "rcvbuf",	required_argument, NULL, 'r' },
	{ "sndbuf",	required_argument, NULL, 't' },
	{ "debug",	no_argument,	   NULL, 'd' },
	{ "debug-file",	required_argument, NULL, 'D' },
	{ "version",	no_argument,	   NULL, 'v' },
	{ "help",	no_argument,	   NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static bool check_size(const char *opt, const char *text)
{
	if (smc_run_parse_size(text) > 0)
		return true;
	pr_err("invalid buffer size \"%s\" for %s (bytes, optionally with k or m: 65536, 64k, "
	       "1m; at most %d)", text, opt, INT_MAX);
	return false;
}

static enum parse_result parse_opts(int argc, char **argv, void *opts, struct out *help_out)
{
	struct run_opts *o = opts;
	int c, family;

	/* '+': stop at PROGRAM, whose own options are not ours */
	while ((c = cli_getopt(argc, argv, "+:f:r:t:dD:vh", long_opts, "smc_run --help")) != -1) {
		switch (c) {
		case 'f':
			family = smc_run_parse_family(optarg);
			if (family < 0) {
				pr_err("invalid family \"%s\" (auto, smc or inet)", optarg);
				return PARSE_USAGE_ERROR;
			}
			o->family = family;
			break;
		case 'r':
			if (!check_size("--rcvbuf", optarg))
				return PARSE_USAGE_ERROR;
			o->rcvbuf = optarg;
			break;
		case 't':
			if (!check_size("--sndbuf", optarg))
				return PARSE_USAGE_ERROR;
			o->sndbuf = optarg;
			break;
		case 'd': o->debug = true; break;
		case 'D':
			if (!optarg[0]) {
				pr_err("--debug-file needs a file name (try: smc_run --help)");
				return PARSE_USAGE_ERROR;
			}
			o->debug_file = optarg;
			o->debug = true;
			break;
		default: {
			/* smc_run has none of -j, -n or --pretty: only -v and -h come here */
			struct tool_common_opts none = { 0 };
			enum parse_result pr = tool_common_opt(c, 0, &none, "smc_run", help_out,
							       usage_text);

			if (pr != PARSE_RUN)
				return pr == PARSE_NOT_COMMON ? PARSE_USAGE_ERROR : pr;
		}
		}
	}
	if (optind >= argc) {
		pr_err("no program to run (try: smc_run --help)");
		return PARSE_USAGE_ERROR;
	}
	o->command = &argv[optind];
	return PARSE_RUN;
}

/* The library next to the launcher when it runs from the build tree, else the installed
 * one. Return: 0, or -errno if it cannot be read.
 */
static int find_library(const char **library)
{
	*library = SMC_RUN_LIBRARY;
#ifdef SMC_RUN_BUILD_DIR
	{
		char exe[PATH_MAX];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

		if (n > 0) {
			exe[n] = '\0';
			if (!strcmp(exe, SMC_RUN_BUILD_DIR "/smc_run"))
				*library = SMC_RUN_BUILD_DIR "/" PRELOAD_NAME;
		}
	}
#endif
	return access(*library, R_OK) ? -errno : 0;
}

/* Does the LD_PRELOAD list @list (entries separated by ':' or blanks) hold @library? */
static bool preload_has(const char *list, const char *library)
{
	size_t len = strlen(library);

	/* (strchr() finds the terminating '\0' too: the end of @list ends an entry) */
	for (const char *p = strstr(list, library); p; p = strstr(p + 1, library))
		if ((p == list || strchr(": ", p[-1])) && strchr(": ", p[len]))
			return true;
	return false;
}

/* LD_PRELOAD with @library added last: what the user preloads already stays first (ASan's
 * runtime, for one, insists on being first). Return: 0 or -errno.
 */
static int set_preload(const char *library)
{
	const char *old = getenv("LD_PRELOAD");
	char *list;
	int rc;

	if (!old || !*old)
		return setenv("LD_PRELOAD", library, 1) ? -errno : 0;
	if (preload_has(old, library))
		return 0;
	if (asprintf(&list, "%s:%s", old, library) < 0)
		return -ENOMEM;
	rc = setenv("LD_PRELOAD", list, 1) ? -errno : 0;
	free(list);
	return rc;
}

/* @name = @value, or no @name at all: nothing inherited from an outer smc_run counts */
static int set_env(const char *name, const char *value)
{
	int rc = value ? setenv(name, value, 1) : unsetenv(name);

	return rc ? -errno : 0;
}

/*
 * The debug file, created if need be, as an absolute path: the program may change its
 * directory, and the library opens the file anew for each report. Opened here once so
 * that a path nobody can write to is an error now, not reports lost in silence.
 * Return: 0 and *@abs (to free), or -errno.
 */
static int debug_file_path(const char *path, char **abs)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_NOCTTY | O_CLOEXEC,
		      0666);

	if (fd < 0)
		return -errno;
	close(fd);
	*abs = realpath(path, NULL);
	return *abs ? 0 : -errno;
}

/* the library takes the launcher's whole explanation, or none of it */
_Static_assert(sizeof(((struct ks_text *)0)->line) <= SMC_RUN_WHY_MAX + 1,
	       "SMC_RUN_WHY_MAX is too small for an explanation");

/* What the library says, with -d, of a kernel that refuses SMC sockets: why, as the
 * host's files tell it. Only SMC that is not there now, and only a release too old for
 * IPPROTO_SMC (the one reason for refusing it that holds whatever is loaded later).
 */
struct run_why {
	struct ks_text	smc, inet;
	const char	*smc_text, *inet_text;	/* NULL: nothing to say */
};

static void find_why(bool debug, struct run_why *w)
{
	struct ks_host host;
	enum ks_verdict v;

	w->smc_text = w->inet_text = NULL;
	/* the configuration is decompressed only for someone who asked for reports */
	if (!debug)
		return;
	ks_probe(&host, NULL, NULL);
	v = ks_verdict(&host, KS_SMC);
	if (v != KS_LOADED && v != KS_BUILT_IN) {
		ks_explain(&host, KS_SMC, &w->smc);
		w->smc_text = w->smc.line;
	}
	if (ks_verdict(&host, KS_IPPROTO_SMC) == KS_TOO_OLD) {
		ks_explain(&host, KS_IPPROTO_SMC, &w->inet);
		w->inet_text = w->inet.line;
	}
}

/* Byte counts instead of "64k", so the library has nothing left to interpret. */
static int set_config(const struct run_opts *o, const char *debug_file)
{
	char rcvbuf[16], sndbuf[16];
	int rc;

	if (o->rcvbuf)
		snprintf(rcvbuf, sizeof(rcvbuf), "%d", smc_run_parse_size(o->rcvbuf));
	if (o->sndbuf)
		snprintf(sndbuf, sizeof(sndbuf), "%d", smc_run_parse_size(o->sndbuf));
	rc = set_env(SMC_RUN_ENV_DEBUG, o->debug ? "1" : NULL);
	if (!rc)
		rc = set_env(SMC_RUN_ENV_DEBUG_FILE, debug_file);
	if (!rc)
		rc = set_env(SMC_RUN_ENV_FAMILY, smc_run_family_names[o->family]);
	if (!rc)
		rc = set_env(SMC_RUN_ENV_RCVBUF, o->rcvbuf ? rcvbuf : NULL);
	if (!rc)
		rc = set_env(SMC_RUN_ENV_SNDBUF, o->sndbuf ? sndbuf : NULL);
	return rc;
}

/* The explanations of find_why(), or none: nothing inherited from an outer smc_run */
static int set_why(const struct run_why *w)
{
	int rc = set_env(SMC_RUN_ENV_WHY_SMC, w->smc_text);

	return rc ? rc : set_env(SMC_RUN_ENV_WHY_INET, w->inet_text);
}

/* Where execvp() will find @program, in @path; false if nowhere (execvp then says why). */
static bool find_program(const char *program, char *path, size_t size)
{
	const char *dirs = getenv("PATH");

	if (strchr(program, '/'))
		return snprintf(path, size, "%s", program) < (int)size;
	if (!dirs)
		dirs = "/bin:/usr/bin";
	for (const char *p = dirs; ; ) {
		size_t n = strcspn(p, ":");

		/* an empty entry is the current directory, as execvp() takes it */
		if ((size_t)snprintf(path, size, "%.*s%s%s", (int)n, p, n ? "/" : "",
				     program) < size && !access(path, X_OK))
			return true;
		if (!p[n])
			return false;
		p += n + 1;
	}
}

/* The program header table of an ELF file of this machine's class and byte order */
#if ULONG_MAX > 0xffffffffUL
typedef Elf64_Ehdr elf_ehdr;
typedef Elf64_Phdr elf_phdr;
#define ELF_CLASS ELFCLASS64
#else
typedef Elf32_Ehdr elf_ehdr;
typedef Elf32_Phdr elf_phdr;
#define ELF_CLASS ELFCLASS32
#endif

/**
 * elf_is_static() - is the program in @fd linked statically?
 *
 * A dynamically linked program names its loader (PT_INTERP); without one, no loader
 * runs, and LD_PRELOAD means nothing to the program (static-pie included).
 * Return: 1 static, 0 dynamic, -1 not a native ELF executable (a script, say).
 */
static int elf_is_static(int fd)
{
	elf_ehdr eh;
	elf_phdr ph;

	if (pread(fd, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) || eh.e_ident[EI_CLASS] != ELF_CLASS ||
	    eh.e_phentsize != sizeof(ph))
		return -1;
	for (unsigned int i = 0; i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph), eh.e_phoff + (off_t)i * sizeof(ph)) !=
		    (ssize_t)sizeof(ph))
			return -1;
		if (ph.p_type == PT_INTERP)
			return 0;
	}
	return 1;
}

/* Warn about programs the library cannot get into; they run all the same, over TCP. */
static void check_program(const char *program)
{
	char path[PATH_MAX];
	struct stat st;
	int fd;

	if (!find_program(program, path, sizeof(path)))
		return;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (elf_is_static(fd) == 1) {
		if (!access("/proc/sys/net/smc/tcp2smc", F_OK))
			pr_warn("%s is statically linked: no library can be preloaded into it and "
				"its sockets stay TCP (this kernel can convert them itself: sysctl "
				"net.smc.tcp2smc, see smc_run(8))", program);
		else
			pr_warn("%s is statically linked: no library can be preloaded into it and "
				"its sockets stay TCP (link it dynamically)", program);
	}
	/* the loader ignores LD_PRELOAD paths for programs that change their identity */
	if (!fstat(fd, &st) && (((st.st_mode & S_ISUID) && st.st_uid != getuid()) ||
				((st.st_mode & S_ISGID) && st.st_gid != getgid())))
		pr_warn("%s is set-user-ID or set-group-ID: the loader does not preload "
			"libraries into it and its sockets stay TCP", program);
	close(fd);
}

/* SO_RCVBUF and SO_SNDBUF take at most net.core.rmem_max and wmem_max bytes */
static void check_limit(const char *opt, const char *size, const char *sysctl)
{
	char file[64], text[32];
	uint64_t max;
	int bytes = smc_run_parse_size(size);
	FILE *f;

	snprintf(file, sizeof(file), "/proc/sys/net/core/%s", sysctl);
	f = fopen(file, "re");
	if (!f)
		return;
	if (fgets(text, sizeof(text), f)) {
		text[strcspn(text, "\n")] = '\0';
		if (!parse_dec(text, UINT64_MAX, &max) && max > 0 && (uint64_t)bytes > max)
			pr_warn("%s %s: the kernel limits it to %llu bytes (net.core.%s; to raise "
				"it: sysctl -w net.core.%s=%d)", opt, size, (unsigned long long)max,
				sysctl, sysctl, bytes);
	}
	fclose(f);
}

static int run(const struct run_opts *o)
{
	struct run_why why;
	char *debug_file = NULL;
	const char *library;
	int rc = find_library(&library);

	if (rc) {
		pr_err("cannot use the preload library %s: %s (reinstall smc-utils)", library,
		       strerror(-rc));
		return EXIT_RUNTIME;
	}
	if (strpbrk(library, ": ")) {
		pr_err("cannot preload %s: LD_PRELOAD cannot carry a path with ':' or blanks "
		       "(install smc-utils elsewhere)", library);
		return EXIT_RUNTIME;
	}
	if (o->debug_file) {
		rc = debug_file_path(o->debug_file, &debug_file);
		if (rc) {
			pr_err("cannot open the debug file %s: %s", o->debug_file, strerror(-rc));
			return EXIT_RUNTIME;
		}
	}
	find_why(o->debug, &why);
	rc = set_preload(library);
	if (!rc)
		rc = set_config(o, debug_file);
	if (!rc)
		rc = set_why(&why);
	free(debug_file);	/* setenv() made its copy */
	if (rc) {
		pr_err("cannot set the environment: %s", strerror(-rc));
		return EXIT_RUNTIME;
	}
	check_program(o->command[0]);
	if (o->rcvbuf)
		check_limit("--rcvbuf", o->rcvbuf, "rmem_max");
	if (o->sndbuf)
		check_limit("--sndbuf", o->sndbuf, "wmem_max");
	execvp(o->command[0], o->command);
	rc = errno;
	pr_err("cannot run %s: %s", o->command[0], strerror(rc));
	return rc == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_EXEC;
}

int main(int argc, char **argv)
{
	struct run_opts opts = { .family = SMC_RUN_AUTO };
	int rc = tool_parse(argc, argv, parse_opts, &opts);

	return rc >= 0 ? rc : run(&opts);
}
