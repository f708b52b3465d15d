// SPDX-License-Identifier: GPL-2.0
/* fuzz_preload_env.c - how libsmc-preload.so reads its environment (smc_run_read_env() of
 * smc_run/config.h, the function its initialisation calls), without preloading anything
 *
 * Input: one byte whose low five bits say which of SMC_RUN_DEBUG, _DEBUG_FILE, _FAMILY,
 * _RCVBUF and _SNDBUF are set, then their values in that order, separated by NUL bytes.
 *
 * Oracles: every value is either taken exactly as the launcher's parsers read it or
 * ignored (and reported as ignored), never half-read; a size the library takes is one the
 * launcher would pass on unchanged; the debug file is an absolute path that fits.
 */
#include <stdio.h>
#include <string.h>

#include "../../smc_run/config.h"
#include "fuzz_tool.h"

/* the library keeps the path in a PATH_MAX buffer; a small bound reaches the limit */
#define MAX_PATH 64

static void check_size(const char *name, const char *text, int got, bool ignored)
{
	int want = text && *text ? smc_run_parse_size(text) : 0;
	char again[16];

	if (want < 0 ? got != 0 || !ignored : got != want || ignored)
		fuzz_fail("%s=\"%s\": read as %d (%s), the launcher reads %d", name,
			  text ? text : "(unset)", got, ignored ? "ignored" : "taken", want);
	/* what smc_run puts in the environment for a size it took ("%d") reads the same */
	snprintf(again, sizeof(again), "%d", got);
	if (got && smc_run_parse_size(again) != got)
		fuzz_fail("%s: the launcher's \"%s\" is read back as %d", name, again,
			  smc_run_parse_size(again));
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int present = (unsigned int)fuzz_pick(&data, &size, 256);
	char *words[5];
	const char *val[5] = { NULL };
	size_t nwords = fuzz_words(data, size, words, 5), next = 0;
	struct smc_run_config cfg;
	struct smc_run_env env;
	unsigned int ignored;
	int family;

	for (int i = 0; i < 5; i++)
		if (present & (1u << i))
			val[i] = next < nwords ? words[next++] : "";
	env = (struct smc_run_env){ val[0], val[1], val[2], val[3], val[4] };
	ignored = smc_run_read_env(&env, MAX_PATH, &cfg);

	if (cfg.debug != (env.debug && *env.debug && strcmp(env.debug, "0")))
		fuzz_fail("SMC_RUN_DEBUG=\"%s\" read as %d", env.debug ? env.debug : "(unset)",
			  cfg.debug);
	if (cfg.debug_file && (!cfg.debug || cfg.debug_file[0] != '/' ||
			       strlen(cfg.debug_file) > MAX_PATH || cfg.debug_file != env.debug_file))
		fuzz_fail("debug file \"%s\" taken", cfg.debug_file);
	if (!cfg.debug_file != (!cfg.debug || !env.debug_file || !*env.debug_file ||
				 (ignored & SMC_RUN_IGNORED_DEBUG_FILE)))
		fuzz_fail("debug file \"%s\" neither taken nor ignored",
			  env.debug_file ? env.debug_file : "(unset)");
	family = env.family && *env.family ? smc_run_parse_family(env.family) : SMC_RUN_AUTO;
	if (family < 0 ? cfg.family != SMC_RUN_AUTO || !(ignored & SMC_RUN_IGNORED_FAMILY)
		       : (int)cfg.family != family || (ignored & SMC_RUN_IGNORED_FAMILY))
		fuzz_fail("SMC_RUN_FAMILY=\"%s\" read as %d", env.family, (int)cfg.family);
	check_size("SMC_RUN_RCVBUF", env.rcvbuf, cfg.rcvbuf, ignored & SMC_RUN_IGNORED_RCVBUF);
	check_size("SMC_RUN_SNDBUF", env.sndbuf, cfg.sndbuf, ignored & SMC_RUN_IGNORED_SNDBUF);
	fuzz_words_free(words, nwords);
	return 0;
}
