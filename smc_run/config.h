/* SPDX-License-Identifier: GPL-2.0 */
/* config.h - what the smc_run launcher tells its preload library, and how
 *
 * The launcher checks its options and passes them on in the environment; the library
 * (which runs inside someone else's program and cannot print usage errors) reads them
 * with the same parsers, so both accept exactly the same words. Header-only because the
 * library is built apart from lib/ and links none of it but lib/util/parse_num.c.
 */
#ifndef SMC_RUN_CONFIG_H
#define SMC_RUN_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "parse_num.h"
#include "smc_socket.h"

/* Environment variables: the launcher sets (or removes) each one before exec. */
#define SMC_RUN_ENV_DEBUG	"SMC_RUN_DEBUG"		/* "1": report on stderr */
#define SMC_RUN_ENV_DEBUG_FILE	"SMC_RUN_DEBUG_FILE"	/* report to this absolute path */
#define SMC_RUN_ENV_FAMILY	"SMC_RUN_FAMILY"	/* auto | smc | inet */
#define SMC_RUN_ENV_RCVBUF	"SMC_RUN_RCVBUF"	/* SO_RCVBUF of converted sockets */
#define SMC_RUN_ENV_SNDBUF	"SMC_RUN_SNDBUF"	/* SO_SNDBUF of converted sockets */
/*
 * With -d only: why this kernel would refuse SMC sockets, as the launcher read it from the
 * host's files (lib/kernel/kernel_support.h), for the library to add to its report when they
 * are refused. The library cannot read those files itself: it runs inside the program,
 * links none of lib/ and must not decompress /proc/config.gz there. Text to show, not to
 * interpret; unset when there is nothing to say.
 */
#define SMC_RUN_ENV_WHY_SMC	"SMC_RUN_WHY_SMC"	/* SMC missing: not loaded, not built */
#define SMC_RUN_ENV_WHY_INET	"SMC_RUN_WHY_INET"	/* IPPROTO_SMC: the release predates it */

/* The longest such text the library takes (the launcher's are shorter) */
#define SMC_RUN_WHY_MAX 640

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
 * Nothing else is accepted: no sign, blanks, fractions or other suffixes (parse_size(),
 * the one number reader of all tools). The result must fit setsockopt()'s int.
 * Return: the size in bytes (at least 1), or -1.
 */
static inline int smc_run_parse_size(const char *text)
{
	uint64_t bytes;

	if (parse_size(text, INT_MAX, &bytes) || bytes == 0)
		return -1;
	return (int)bytes;
}

/* The values of the library's variables as it finds them, NULL for one that is not set */
struct smc_run_env {
	const char	*debug;
	const char	*debug_file;
	const char	*family;
	const char	*rcvbuf;
	const char	*sndbuf;
};

/* The library's configuration */
struct smc_run_config {
	bool			debug;
	const char		*debug_file;	/* points into the env; NULL: stderr */
	enum smc_run_family	family;
	int			rcvbuf;		/* bytes; 0: leave the kernel's default */
	int			sndbuf;
};

/* Values smc_run_read_env() ignored, for the library to report in debug mode */
enum {
	SMC_RUN_IGNORED_DEBUG_FILE	= 1u << 0,
	SMC_RUN_IGNORED_FAMILY		= 1u << 1,
	SMC_RUN_IGNORED_RCVBUF		= 1u << 2,
	SMC_RUN_IGNORED_SNDBUF		= 1u << 3,
};

/* A size variable: its bytes, or 0 (and @bit in *@ignored) for one that is no size */
static inline int smc_run_env_size(const char *text, unsigned int bit, unsigned int *ignored)
{
	int bytes;

	if (!text || !*text)
		return 0;
	bytes = smc_run_parse_size(text);
	if (bytes > 0)
		return bytes;
	*ignored |= bit;
	return 0;
}

/**
 * smc_run_why_ok() - may the library put @text (SMC_RUN_WHY_*) into a report?
 *
 * Only 1 to SMC_RUN_WHY_MAX printable ASCII characters: whoever set the variable, it can
 * neither end the report's line nor send the terminal escape sequences.
 */
static inline bool smc_run_why_ok(const char *text)
{
	size_t len = 0;

	if (!text)
		return false;
	for (; text[len]; len++)
		if (len == SMC_RUN_WHY_MAX || (unsigned char)text[len] < ' ' ||
		    (unsigned char)text[len] > '~')
			return false;
	return len > 0;
}

/**
 * smc_run_read_env() - the library's configuration from the values of its variables
 * @max_path: the longest debug file path the library can keep
 *
 * A value that is not valid is ignored and the default kept: the library runs inside
 * someone else's program and cannot refuse to run. A function of the strings alone, so
 * that tests/fuzz can check it without preloading anything.
 * Return: the SMC_RUN_IGNORED_* bits of the values ignored.
 */
static inline unsigned int smc_run_read_env(const struct smc_run_env *env, size_t max_path,
					    struct smc_run_config *cfg)
{
	unsigned int ignored = 0;
	int family;

	*cfg = (struct smc_run_config){ .family = SMC_RUN_AUTO };
	cfg->debug = env->debug && *env->debug && strcmp(env->debug, "0");
	/* only an absolute path: the program may change its directory */
	if (cfg->debug && env->debug_file && *env->debug_file) {
		if (env->debug_file[0] == '/' && strlen(env->debug_file) <= max_path)
			cfg->debug_file = env->debug_file;
		else
			ignored |= SMC_RUN_IGNORED_DEBUG_FILE;
	}
	if (env->family && *env->family) {
		family = smc_run_parse_family(env->family);
		if (family >= 0)
			cfg->family = family;
		else
			ignored |= SMC_RUN_IGNORED_FAMILY;
	}
	cfg->rcvbuf = smc_run_env_size(env->rcvbuf, SMC_RUN_IGNORED_RCVBUF, &ignored);
	cfg->sndbuf = smc_run_env_size(env->sndbuf, SMC_RUN_IGNORED_SNDBUF, &ignored);
	return ignored;
}

#endif
