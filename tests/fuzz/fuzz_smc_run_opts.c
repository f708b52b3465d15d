// SPDX-License-Identifier: GPL-2.0
/* fuzz_smc_run_opts.c - smc_run's command line: its option parser, the size and family
 * parsers (smc_run/config.h, lib/util/parse_num.c), and the environment it hands the preload
 * library, all of smc_run but the exec
 *
 * smc_run/main.c is compiled into this file, so that its static parse_opts() and
 * set_config() are called as they are, not through a copy or a new interface.
 * Input: the words after "smc_run", separated by NUL bytes.
 *
 * Oracles, besides those of every tool: a command line that parses leaves in the
 * environment exactly what it asked for, and the preload library reads that environment
 * back to the same configuration (the two must accept the same words).
 */
#include <stdint.h>

#include "fuzz_tool.h"

/* main.c insists on these (the Makefile sets them for the real build); never used here */
#define SMC_RUN_LIBRARY "/nonexistent/libsmc-preload.so"
#define SMC_RUN_BUILD_DIR "/nonexistent"
#define main smc_run_main
int smc_run_main(int argc, char **argv);
#include "../../smc_run/main.c"
#undef main

#define MAX_WORDS 10

static const struct fuzz_expect expect = { .max_status = 2, .verdict_status = -1 };

static void check_size_env(const char *name, const char *given)
{
	const char *env = getenv(name);

	if (!given) {
		if (env)
			fuzz_fail("%s=%s set, but no size was given", name, env);
		return;
	}
	if (!env)
		fuzz_fail("size \"%s\" accepted, but %s is not set", given, name);
	if (smc_run_parse_size(given) <= 0 || smc_run_parse_size(env) != smc_run_parse_size(given))
		fuzz_fail("size \"%s\" accepted, but the library reads %s=%s as %d", given, name,
			  env, smc_run_parse_size(env));
}

static void check_environment(const struct run_opts *parsed)
{
	const char *family = getenv(SMC_RUN_ENV_FAMILY);
	const char *debug = getenv(SMC_RUN_ENV_DEBUG);

	if (!parsed->command || !parsed->command[0])
		fuzz_fail("parsed, but with no program to run");
	if (!family || smc_run_parse_family(family) != (int)parsed->family)
		fuzz_fail("family %d asked for, but %s=%s", (int)parsed->family,
			  SMC_RUN_ENV_FAMILY, family ? family : "(unset)");
	if (parsed->debug != (debug && !strcmp(debug, "1")))
		fuzz_fail("debug %d asked for, but %s=%s", parsed->debug, SMC_RUN_ENV_DEBUG,
			  debug ? debug : "(unset)");
	check_size_env(SMC_RUN_ENV_RCVBUF, parsed->rcvbuf);
	check_size_env(SMC_RUN_ENV_SNDBUF, parsed->sndbuf);
}

/* smc_run's main() up to the exec: parse, then set the environment as run() does, and
 * check it (here, while argv, which the options point into, is alive)
 */
static int parse_and_configure(int argc, char **argv)
{
	struct run_opts parsed = { .family = SMC_RUN_AUTO };
	int rc = tool_parse(argc, argv, parse_opts, &parsed);

	if (rc >= 0)
		return rc;
	/* no debug file: opening it (debug_file_path()) would create it */
	rc = set_config(&parsed, NULL);
	if (rc) {
		pr_err("cannot set the environment: %s", strerror(-rc));
		return EXIT_RUNTIME;
	}
	check_environment(&parsed);
	return EXIT_OK;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *argv[FUZZ_MAX_ARGS] = { "smc_run" };
	char *words[MAX_WORDS];
	size_t nwords = fuzz_words(data, size, words, MAX_WORDS);
	struct fuzz_result r;
	int argc = 1;

	for (size_t i = 0; i < nwords; i++)
		argv[argc++] = words[i];
	/* nothing of an earlier input may pass for this one's */
	unsetenv(SMC_RUN_ENV_DEBUG);
	unsetenv(SMC_RUN_ENV_FAMILY);
	unsetenv(SMC_RUN_ENV_RCVBUF);
	unsetenv(SMC_RUN_ENV_SNDBUF);
	fuzz_run(parse_and_configure, argc, argv, &r);
	fuzz_check(&expect, false, argc, argv, &r);
	fuzz_words_free(words, nwords);
	return 0;
}
