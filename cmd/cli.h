/* SPDX-License-Identifier: GPL-2.0 */
/* cli.h - the option rules every tool shares, on top of getopt_long() */
#ifndef SMC_CLI_H
#define SMC_CLI_H

#include <getopt.h>

/* cli_getopt() reported a usage error (one line on stderr): exit with EXIT_USAGE */
#define CLI_OPT_ERROR (-2)

/**
 * cli_getopt() - getopt_long() with one-line errors and iproute2's single-dash long names
 * @shortopts: as getopt_long() takes them, starting with ':' (after a '+'), so that a
 *	       missing value is told from an unknown option
 * @hint: the help command that error lines suggest, e.g. "smcss --help"
 *
 * As getopt_long(), plus:
 * - a long option that takes a value may be written with one dash when its first letter
 *   is its short option: "-netns NS" and "-net NS" are "--netns NS", as ip(8) reads them;
 * - that short option with a glued value that would only complete such a name ("-ne",
 *   "-netn", "-dnetns") is refused: getopt would read "-netn" as -n with the value
 *   "etn", which is surely not what was meant (write "-n etn" for a namespace "etn");
 * - an unknown option, a value given to a long option that takes none and a missing
 *   value are reported in one line, ending "(try: @hint)".
 * Return: the option's value, -1 after the last option, or CLI_OPT_ERROR.
 */
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts,
	       const char *hint);

/* What a word means to a parser that knows @shortopts and @longopts */
enum cli_word {
	CLI_WORD_ARG,		/* no option: an argument (or "-" alone) */
	CLI_WORD_OPTION,	/* options complete in themselves: "-dj", "--json", "--netns=X" */
	CLI_WORD_OPTION_VALUE,	/* options whose value is the next word: "-n", "-dn", "-netns" */
	CLI_WORD_END,		/* "--": every word after it is an argument */
	CLI_WORD_UNKNOWN,	/* starts with '-' but is none of the options */
};

/**
 * cli_classify() - tell options from arguments the way cli_getopt() will read them
 *
 * For the tools that accept options after their object words (smcr linkgroup show -d),
 * to find them before the object's own arguments are read.
 */
enum cli_word cli_classify(const char *word, const char *shortopts,
			   const struct option *longopts);

#endif
