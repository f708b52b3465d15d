/* SPDX-License-Identifier: GPL-2.0 */
/* config.h - what the smc_run launcher tells its preload library, and how
 *
 * The launcher checks its options and passes them on in the environment; the library
 * (which runs inside someone else's program and cannot print usage errors) reads them
 * with the same parsers, so both accept exactly the same words. Header-only because the
 * library is built apart from lib/ and must not link it.
 */
#ifndef SMC_RUN_CONFIG_H
#define SMC_RUN_CONFIG_H

#include <limits.h>
#include <string.h>

#include "smc_socket.h"

/* Environment variables: the launcher sets (or removes) each one before exec. */
#define SMC_RUN_ENV_DEBUG	"SMC_RUN_DEBUG"		/* "1": report on stderr */
#define SMC_RUN_ENV_FAMILY	"SMC_RUN_FAMILY"	/* auto | smc | inet */
#define SMC_RUN_ENV_RCVBUF	"SMC_RUN_RCVBUF"	/* SO_RCVBUF of converted sockets */
#define SMC_RUN_ENV_SNDBUF	"SMC_RUN_SNDBUF"	/* SO_SNDBUF of converted sockets */

/* How a TCP socket request becomes an SMC socket */
enum smc_run_family {
	SMC_RUN_AUTO,	/* IPPROTO_SMC where the kernel has it (6.11+), else AF_SMC */
	SMC_RUN_SMC,	/* socket(AF_SMC, type, SMCPROTO_SMC or SMCPROTO_SMC6) */
	SMC_RUN_INET,	/* socket(AF_INET or AF_INET6, type, IPPROTO_SMC) */
};

static const char *const smc_run_family_names[] = {
	[SMC_RUN_AUTO] = "auto", [SMC_RUN_SMC] = "smc", [SMC_RUN_INET] = "inet",
};

/* smc_run_parse_family() - "auto", "smc" or "inet". Return: the family, or -1. */
static inline int smc_run_parse_family(const char *word)
{
	for (int f = SMC_RUN_AUTO; f <= SMC_RUN_INET; f++)
		if (!strcmp(word, smc_run_family_names[f]))
			return f;
	return -1;
}

/**
 * smc_run_parse_size() - a buffer size as -r/-t and SMC_RUN_*BUF take it
 * @text: decimal digits, optionally followed by one k/K (KiB) or m/M (MiB)
 *
 * Nothing else is accepted: no sign, blanks, fractions or other suffixes. The result must
 * fit setsockopt()'s int.
 * Return: the size in bytes (at least 1), or -1.
 */
static inline int smc_run_parse_size(const char *text)
{
	long long bytes = 0, unit = 1;
	const char *p = text;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		bytes = bytes * 10 + (*p - '0');
		if (bytes > INT_MAX)
			return -1;
	}
	if (*p == 'k' || *p == 'K') {
		unit = 1024;
		p++;
	} else if (*p == 'm' || *p == 'M') {
		unit = 1024 * 1024;
		p++;
	}
	if (*p || bytes == 0 || bytes * unit > INT_MAX)
		return -1;
	return (int)(bytes * unit);
}

#endif
