// SPDX-License-Identifier: GPL-2.0
/* err.c - error and warning lines on stderr, prefixed with the program name */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

/* glibc sets this from argv[0]; using it keeps the name out of our own global state */
extern char *program_invocation_short_name;

static void vreport(const char *tag, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: %s", program_invocation_short_name, tag);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
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

	if (st && st->err == rc && st->extack[0])
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
	else
		pr_err("cannot enter network namespace \"%s\": %s", spec, strerror(-rc));
}
