/* SPDX-License-Identifier: GPL-2.0 */
/* err.h - the one place that writes to stderr: "<prog>: <message>" lines */
#ifndef SMC_ERR_H
#define SMC_ERR_H

#include "nl.h"

/* Exit codes of every tool (documented under EXIT STATUS in each man page) */
enum {
	EXIT_OK = 0,
	EXIT_RUNTIME = 1,	/* the kernel or the system failed the request */
	EXIT_USAGE = 2,		/* bad command line; nothing was sent to the kernel */
};

/* "<prog>: <message>" on stderr, escaped as text output is (control characters and
 * bytes that are not UTF-8 as \ooo, see escape.h): always exactly one line.
 */
void pr_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void pr_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * pr_err_nl() - report a failed kernel request
 * @what: what was attempted, e.g. "cannot list sockets"
 * @rc: the -errno the request returned
 *
 * Prints "<prog>: <what>: <strerror>[ (<kernel extack>)]", and for EPERM the privilege
 * it takes. Callers handle the errnos that deserve their own explanation (module
 * missing, ...) before this.
 */
void pr_err_nl(const struct smc_nl *nl, int rc, const char *what);

/**
 * pr_bad_option() - report what getopt_long() rejected, in one line
 * @bad: argv[optind - 1] after getopt_long() returned '?'
 * @optopt: getopt's optopt
 * @hint: the help command to suggest, e.g. "smcss --help"
 */
void pr_bad_option(const char *bad, int optopt, const char *hint);

/* Why netns_enter(@spec) failed with @rc, in one line. */
void pr_err_netns(const char *spec, int rc);

#endif
