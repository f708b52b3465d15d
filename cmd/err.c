// SPDX-License-Identifier: GPL-2.0
/* err.c - error and warning lines on stderr, prefixed with the program name */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "escape.h"
#include "netns.h"

/* glibc sets this from argv[0]; using it keeps the name out of our own global state */
extern char *program_invocation_short_name;

/*
 * Messages quote what the user typed, what a file held and what the kernel sent, any of
 * which may hold a newline or an escape sequence. The line is formatted first and then
 * escaped as a whole (escape.h: \ooo), so every report is exactly one line on stderr,
 * whoever wrote the format. It is written with one call, so lines from other processes
 * on the same stderr do not cut into it.
 */
static void vreport(const char *tag, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
static void vreport(const char *tag, const char *fmt, va_list ap)
{
	char *msg = NULL, *line = NULL, *esc = NULL;
	size_t len;

	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	if (asprintf(&line, "%s: %s%s", program_invocation_short_name, tag,
		     msg ? msg : strerror(ENOMEM)) < 0)
		line = NULL;
	len = line ? esc_text(NULL, 0, line) : 0;
	if (line)
		esc = malloc(len + 2);
	if (esc) {
		esc_text(esc, len + 1, line);
		esc[len++] = '\n';
		fwrite(esc, 1, len, stderr);
	} else {
		/* out of memory: still one line, if a less informative one */
		fprintf(stderr, "%s: %s\n", program_invocation_short_name, strerror(ENOMEM));
	}
	free(esc);
	free(line);
	free(msg);
}

void pr_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
}

void pr_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("warning: ", fmt, ap);
	va_end(ap);
}

void pr_err_nl(const struct smc_nl *nl, int rc, const char *what)
{
	const struct smc_nl_status *st = nl ? smc_nl_status(nl) : NULL;

	/* the transport's own explanation (a timeout, a replay file) beats strerror() */
	if (st && st->reason[0])
		pr_err("%s: %s", what, st->reason);
	/* SMC's generic netlink commands that change anything are GENL_ADMIN_PERM */
	else if (rc == -EPERM)
		pr_err("%s: permission denied (needs root or CAP_NET_ADMIN)", what);
	else if (st && st->err == rc && st->extack[0])
		pr_err("%s: %s (%s)", what, strerror(-rc), st->extack);
	else
		pr_err("%s: %s", what, strerror(-rc));
}

void pr_bad_option(const char *bad, int optopt, const char *hint)
{
	/* getopt reports "--all=3" with optopt 'a': name the long option the user wrote */
	if (!strncmp(bad, "--", 2) && strchr(bad, '=') && optopt)
		pr_err("option '%.*s' takes no value (try: %s)", (int)strcspn(bad, "="), bad,
		       hint);
	else if (!strncmp(bad, "--", 2) || !optopt)
		pr_err("unknown option '%s' (try: %s)", bad, hint);
	else
		pr_err("unknown option '-%c' (try: %s)", optopt, hint);
}

void pr_err_netns(const char *spec, int rc)
{
	if (rc == -ENOENT)
		pr_err("network namespace \"%s\" not found (see: ip netns list)", spec);
	else if (rc == -EINVAL)
		pr_err("invalid network namespace \"%s\" (a name, an absolute path or a PID)",
		       spec);
	else if (rc == -ENAMETOOLONG)	/* its start is enough to recognise it */
		pr_err("network namespace \"%.40s%s\" is too long (%zu characters; a name may "
		       "have %d, a path %d)", spec, strlen(spec) > 40 ? "..." : "", strlen(spec),
		       NAME_MAX, PATH_MAX - 1);
	else if (rc == -NETNS_ENOTNET)
		pr_err("\"%s\" is not a network namespace (a name from ip netns list, or a path "
		       "such as /run/netns/NAME or /proc/PID/ns/net, or a PID)", spec);
	else
		pr_err("cannot enter network namespace \"%s\": %s", spec, strerror(-rc));
}
