// SPDX-License-Identifier: GPL-2.0
/* fuzz_tool.c - the harnesses' shared machinery and oracles (fuzz_tool.h)
 *
 * Output is caught by pointing the stdio streams stdout and stderr at files in memory
 * (memfds) for the length of a run, not by dup2() onto descriptors 1 and 2: the
 * sanitizers and libFuzzer report a crash on descriptor 2, and such a report must reach
 * the terminal, not a file that dies with the process. The tools write only through
 * stdio (lib/output/out.c, cmd/err.c), so nothing of theirs is missed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_tool.h"
#include "json_check.h"
#include "nltrace.h"

/* glibc's, set from argv[0] at start-up; cmd/err.c prefixes every line with it */
extern char *program_invocation_short_name;
extern char *program_invocation_name;

/* The harness's own state (lib/ has none): set up once, reused by every run */
static int replay_fd = -1;
static FILE *out_file, *err_file;
static char *out_buf, *err_buf;
static size_t out_cap, err_cap;
static char xdg_dir[64];	/* /tmp/smc-fuzz-<pid>-XXXXXX */
static bool show;	/* SMC_FUZZ_SHOW=1 */
static bool repeat;	/* SMC_FUZZ_REPEAT=1 */
static void (*before_run)(void);

/* Straight to descriptor 2, not through stderr: that may be a capture file just now */
void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	dprintf(STDERR_FILENO, "\n==== fuzz oracle failed: ");
	va_start(ap, fmt);
	vdprintf(STDERR_FILENO, fmt, ap);
	va_end(ap);
	dprintf(STDERR_FILENO, "\n");
	abort();
}

static int memfd_or_die(const char *name)
{
	int fd = memfd_create(name, MFD_CLOEXEC);

	if (fd < 0)
		fuzz_fail("memfd_create(%s): %s", name, strerror(errno));
	return fd;
}

static FILE *capture_file(const char *name)
{
	FILE *f = fdopen(memfd_or_die(name), "w+");

	if (!f)
		fuzz_fail("fdopen(%s): %s", name, strerror(errno));
	return f;
}

/* A directory of ours and what a stats command may have left in it: smc-utils/ with a
 * baseline, its temporary file and nothing deeper.
 */
static void remove_run_dir(const char *dir)
{
	char sub[PATH_MAX], file[PATH_MAX + NAME_MAX + 2];
	struct dirent *e;
	DIR *d;

	snprintf(sub, sizeof(sub), "%s/smc-utils", dir);
	d = opendir(sub);
	while (d && (e = readdir(d))) {
		snprintf(file, sizeof(file), "%s/%s", sub, e->d_name);
		if (e->d_name[0] != '.')
			unlink(file);
	}
	if (d)
		closedir(d);
	rmdir(sub);
	rmdir(dir);
}

static void remove_xdg_dir(void)
{
	remove_run_dir(xdg_dir);
}

/* libFuzzer ends most runs with _Exit(), past atexit(): each harness removes the
 * directories of those that are gone
 */
static void remove_stale_dirs(void)
{
	DIR *d = opendir("/tmp");
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char path[PATH_MAX];
		int pid;

		if (sscanf(e->d_name, "smc-fuzz-%d-", &pid) != 1 || pid <= 0 ||
		    kill(pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof(path), "/tmp/%s", e->d_name);
		remove_run_dir(path);
	}
	if (d)
		closedir(d);
}

void fuzz_setup(void)
{
	char path[64];

	if (replay_fd >= 0)
		return;
	show = getenv("SMC_FUZZ_SHOW") && !strcmp(getenv("SMC_FUZZ_SHOW"), "1");
	repeat = getenv("SMC_FUZZ_REPEAT") && !strcmp(getenv("SMC_FUZZ_REPEAT"), "1");
	replay_fd = memfd_or_die("smc-fuzz-replay");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", replay_fd);
	/* nothing of the caller's: no recording, no cue that would hide records */
	unsetenv(NLTRACE_ENV_RECORD);
	unsetenv(NLTRACE_ENV_CUE);
	setenv(NLTRACE_ENV_REPLAY, path, 1);
	remove_stale_dirs();
	snprintf(xdg_dir, sizeof(xdg_dir), "/tmp/smc-fuzz-%d-XXXXXX", (int)getpid());
	if (!mkdtemp(xdg_dir))
		fuzz_fail("mkdtemp: %s", strerror(errno));
	setenv("XDG_RUNTIME_DIR", xdg_dir, 1);
	atexit(remove_xdg_dir);
	out_file = capture_file("smc-fuzz-stdout");
	err_file = capture_file("smc-fuzz-stderr");
}

static void write_all_at(int fd, const void *buf, size_t len, off_t off)
{
	const uint8_t *p = buf;

	while (len) {
		ssize_t n = pwrite(fd, p, len, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			fuzz_fail("writing the replay file: %s", strerror(errno));
		p += n;
		off += n;
		len -= (size_t)n;
	}
}

void fuzz_replay_set(const uint8_t *data, size_t size)
{
	off_t off = 0;

	if (ftruncate(replay_fd, 0) < 0)
		fuzz_fail("ftruncate: %s", strerror(errno));
	if (!nltrace_magic_ok(data, size)) {
		write_all_at(replay_fd, NLTRACE_MAGIC, NLTRACE_MAGIC_LEN, 0);
		off = NLTRACE_MAGIC_LEN;
	}
	write_all_at(replay_fd, data, size, off);
}

size_t fuzz_pick(const uint8_t **data, size_t *size, size_t n)
{
	size_t pick = 0;

	if (*size) {
		pick = **data % n;
		(*data)++;
		(*size)--;
	}
	return pick;
}

size_t fuzz_words(const uint8_t *data, size_t size, char **words, size_t max)
{
	size_t n = 0, at = 0;

	if (!size)
		return 0;
	while (n < max && at <= size) {
		const uint8_t *nul = memchr(data + at, 0, size - at);
		size_t len = nul ? (size_t)(nul - (data + at)) : size - at;

		words[n] = strndup((const char *)data + at, len);
		if (!words[n])
			fuzz_fail("out of memory");
		n++;
		if (!nul)
			break;
		at += len + 1;
	}
	return n;
}

void fuzz_words_free(char **words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(words[i]);
}

static void rewind_capture(FILE *f)
{
	rewind(f);
	clearerr(f);
	if (ftruncate(fileno(f), 0) < 0)
		fuzz_fail("ftruncate: %s", strerror(errno));
}

/* What @f caught, NUL-terminated in *@buf (so that messages may print it). */
static size_t read_capture(FILE *f, char **buf, size_t *cap)
{
	struct stat st;
	size_t len, got = 0;

	if (fflush(f) || fstat(fileno(f), &st) < 0)
		fuzz_fail("reading the captured output: %s", strerror(errno));
	len = (size_t)st.st_size;
	if (len + 1 > *cap) {
		char *bigger = realloc(*buf, len + 1);

		if (!bigger)
			fuzz_fail("out of memory");
		*buf = bigger;
		*cap = len + 1;
	}
	while (got < len) {
		ssize_t n = pread(fileno(f), *buf + got, len - got, (off_t)got);

		if (n <= 0)
			fuzz_fail("reading the captured output: %s", strerror(errno));
		got += (size_t)n;
	}
	(*buf)[len] = '\0';
	return len;
}

static void run_once(fuzz_main_fn main_fn, int argc, const char *const *argv,
		     struct fuzz_result *r)
{
	char *args[FUZZ_MAX_ARGS + 1], *copies[FUZZ_MAX_ARGS];
	char *saved_short = program_invocation_short_name;
	char *saved_name = program_invocation_name;
	FILE *saved_out = stdout, *saved_err = stderr;

	if (before_run)
		before_run();
	if (argc > FUZZ_MAX_ARGS)
		fuzz_fail("%d arguments, at most %d", argc, FUZZ_MAX_ARGS);
	/* the tools move argv's words around, and drop some (getopt, options after the
	 * object, "--"): what is freed afterwards is kept apart
	 */
	for (int i = 0; i < argc; i++)
		if (!(args[i] = copies[i] = strdup(argv[i])))
			fuzz_fail("out of memory");
	args[argc] = NULL;
	/* GNU getopt: 0 starts over, forgetting what an earlier run left half-parsed */
	optind = 0;
	opterr = 1;
	optopt = 0;
	optarg = NULL;
	program_invocation_short_name = args[0];
	program_invocation_name = args[0];

	fflush(stdout);
	fflush(stderr);
	rewind_capture(out_file);
	rewind_capture(err_file);
	stdout = out_file;
	stderr = err_file;
	r->status = main_fn(argc, args);
	fflush(stdout);
	fflush(stderr);
	stdout = saved_out;
	stderr = saved_err;
	program_invocation_short_name = saved_short;
	program_invocation_name = saved_name;

	r->out_len = read_capture(out_file, &out_buf, &out_cap);
	r->err_len = read_capture(err_file, &err_buf, &err_cap);
	r->out = out_buf;
	r->err = err_buf;
	for (int i = 0; i < argc; i++)
		free(copies[i]);
}

void fuzz_before_each_run(void (*fn)(void))
{
	before_run = fn;
}

void fuzz_run(fuzz_main_fn main_fn, int argc, const char *const *argv, struct fuzz_result *r)
{
	struct fuzz_result first;
	char *out, *err;

	run_once(main_fn, argc, argv, r);
	if (!repeat)
		return;
	/* the same input again must give the same result: nothing of a run may linger */
	first = *r;
	out = strndup(r->out, r->out_len);
	err = strndup(r->err, r->err_len);
	if (!out || !err)
		fuzz_fail("out of memory");
	run_once(main_fn, argc, argv, r);
	if (r->status != first.status || r->out_len != first.out_len ||
	    r->err_len != first.err_len || memcmp(r->out, out, r->out_len) ||
	    memcmp(r->err, err, r->err_len))
		fuzz_fail("%s: a second run of the same input differs (exit %d, then %d)\n"
			  "--- first stdout:\n%.2000s\n--- first stderr:\n%.2000s\n"
			  "--- second stdout:\n%.2000s\n--- second stderr:\n%.2000s", argv[0],
			  first.status, r->status, out, err, r->out, r->err);
	free(out);
	free(err);
}

/* The command line, for reports */
static void show_argv(char *buf, size_t size, int argc, const char *const *argv)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < argc && len < size; i++) {
		int n = snprintf(buf + len, size - len, "%s'%s'", i ? " " : "", argv[i]);

		if (n < 0)
			break;
		len += (size_t)n;
	}
}

__attribute__((format(printf, 4, 5), noreturn))
static void check_failed(int argc, const char *const *argv, const struct fuzz_result *r,
			 const char *fmt, ...)
{
	char cmd[512], why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	show_argv(cmd, sizeof(cmd), argc, argv);
	fuzz_fail("%s\ncommand: %s\nexit status: %d\n--- stdout (%zu bytes, first 2000):\n%.2000s\n"
		  "--- stderr (%zu bytes, first 2000):\n%.2000s\n---", why, cmd, r->status,
		  r->out_len, r->out, r->err_len, r->err);
}

/* SMC_FUZZ_SHOW=1: what each run printed, to see what a reproducer or seed does */
static void show_run(int argc, const char *const *argv, const struct fuzz_result *r)
{
	char cmd[512];

	show_argv(cmd, sizeof(cmd), argc, argv);
	dprintf(STDERR_FILENO, "$ %s\n%s", cmd, r->out);
	for (const char *line = r->err; *line; ) {
		size_t len = strcspn(line, "\n");

		dprintf(STDERR_FILENO, "stderr: %.*s\n", (int)len, line);
		line += len + (line[len] == '\n');
	}
	dprintf(STDERR_FILENO, "exit %d\n", r->status);
}

void fuzz_check(const struct fuzz_expect *e, bool json, int argc, const char *const *argv,
		const struct fuzz_result *r)
{
	const char *prog = argv[0];
	size_t prog_len = strlen(prog);
	bool success = r->status == 0 || r->status == e->verdict_status;
	char why[256];

	if (show)
		show_run(argc, argv, r);
	if (r->status < 0 || r->status > e->max_status)
		check_failed(argc, argv, r, "exit status %d is not 0..%d", r->status,
			     e->max_status);
	if (!success && !r->err_len)
		check_failed(argc, argv, r, "exit status %d but nothing on stderr", r->status);
	if (r->err_len && r->err[r->err_len - 1] != '\n')
		check_failed(argc, argv, r, "stderr does not end with a newline");
	if (strlen(r->err) != r->err_len)
		check_failed(argc, argv, r, "stderr holds a NUL byte");
	for (const char *line = r->err; *line; line = strchr(line, '\n') + 1)
		if (strncmp(line, prog, prog_len) || strncmp(line + prog_len, ": ", 2))
			check_failed(argc, argv, r, "a stderr line does not start with \"%s: \"",
				     prog);
	if (!text_check(r->err, r->err_len, 0, why, sizeof(why)))
		check_failed(argc, argv, r, "stderr: %s", why);
	if (json && (success || r->out_len)) {
		/* JSON is streamed (lib/output/out.c): a dump that fails after its first rows has
		 * printed them, and the writer closes what is open, so that even then stdout
		 * is one valid document; before the first row nothing at all is printed
		 */
		if (!json_check(r->out, r->out_len, why, sizeof(why)))
			check_failed(argc, argv, r, "stdout is not one JSON document: %s", why);
	} else if (!text_check(r->out, r->out_len, 0, why, sizeof(why))) {
		check_failed(argc, argv, r, "stdout: %s", why);
	}
}

void fuzz_run_cmd(const struct fuzz_cmd *cmd, const struct fuzz_expect *e)
{
	struct fuzz_result r;
	int argc = 0;

	while (argc < FUZZ_MAX_ARGS && cmd->argv[argc])
		argc++;
	fuzz_run(cmd->main, argc, cmd->argv, &r);
	fuzz_check(e, cmd->json, argc, cmd->argv, &r);
}

void fuzz_table_input(const struct fuzz_cmd *cmds, size_t n, const struct fuzz_expect *e,
		      const uint8_t *data, size_t size)
{
	size_t pick = fuzz_pick(&data, &size, n);

	fuzz_replay_set(data, size);
	fuzz_run_cmd(&cmds[pick], e);
}
