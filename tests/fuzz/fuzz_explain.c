// SPDX-License-Identifier: GPL-2.0
/* fuzz_explain.c - the fallback code parser of "smcr|smcd explain CODE..." and the views
 * of what it finds, through the tools' real main()
 *
 * Input: one byte picks the command's start, the rest are its words, separated by NUL
 * bytes (an argument cannot hold one). No kernel is asked: explain needs none.
 */
#include <string.h>

#include "fuzz_tool.h"

int smcr_main(int argc, char **argv);
int smcd_main(int argc, char **argv);

#define MAX_WORDS 6

static const struct fuzz_cmd starts[] = {
	{ smcr_main, false, { "smcr", "explain", NULL } },
	{ smcd_main, false, { "smcd", "explain", NULL } },
	{ smcr_main, false, { "smcr", "-d", "explain", NULL } },
	{ smcr_main, true, { "smcr", "-j", "explain", NULL } },
	{ smcd_main, true, { "smcd", "-p", "explain", NULL } },
};

static const struct fuzz_expect expect = { .max_status = 2, .verdict_status = -1 };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct fuzz_cmd *start =
		&starts[fuzz_pick(&data, &size, sizeof(starts) / sizeof(starts[0]))];
	const char *argv[FUZZ_MAX_ARGS];
	char *words[MAX_WORDS];
	size_t nwords = fuzz_words(data, size, words, MAX_WORDS);
	struct fuzz_result r;
	bool json = start->json;
	int argc = 0;

	while (start->argv[argc])
		argv[argc] = start->argv[argc], argc++;
	for (size_t i = 0; i < nwords; i++) {
		argv[argc++] = words[i];
		/* help is text whatever -j says: asked for by an option among the words
		 * (-h, or one that is no option at all and gets usage back) or by "help"
		 */
		if (words[i][0] == '-' || !strcmp(words[i], "help"))
			json = false;
	}
	fuzz_run(start->main, argc, argv, &r);
	fuzz_check(&expect, json, argc, argv, &r);
	fuzz_words_free(words, nwords);
	return 0;
}
