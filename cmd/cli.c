// SPDX-License-Identifier: GPL-2.0
/* cli.c - the option rules every tool shares (see cli.h) */
#include <stdbool.h>
#include <string.h>

#include "cli.h"
#include "err.h"

/* @c's entry in @shortopts (its ':' follows if it takes a value), or NULL */
static const char *short_option(const char *shortopts, char c)
{
	shortopts += strspn(shortopts, "+-");
	if (shortopts[0] == ':')
		shortopts++;
	if (c == ':' || c == '\0')
		return NULL;
	return strchr(shortopts, c);
}

/* Long options that a single dash may introduce: they take a value, and their first
 * letter is their short option (netns and -n)
 */
static bool single_dash_name(const struct option *o)
{
	return o->has_arg == required_argument && !o->flag && o->val == o->name[0];
}

/*
 * getopt_long() returned @c with the value glued to it in @word ("-nfoo", "-dnfoo").
 * A word that spells a long option of @c with one dash ("-netns") is that option, and
 * its value is the next word; a glued value that is only the rest of such a name cut
 * short ("-netn") is refused. Any other glued value is the value.
 */
static int glued_value(int argc, char **argv, int c, const char *word,
		       const struct option *longopts, const char *hint)
{
	for (const struct option *o = longopts; o->name; o++) {
		if (!single_dash_name(o) || o->val != c || strcmp(word + 1, o->name))
			continue;
		if (optind >= argc) {
			pr_err("option '%s' needs a value (try: %s)", word, hint);
			return CLI_OPT_ERROR;
		}
		/* what getopt_long() itself does with "-n VALUE" */
		optarg = argv[optind++];
		return c;
	}
	for (const struct option *o = longopts; o->name; o++) {
		if (!single_dash_name(o) || o->val != c ||
		    strncmp(o->name + 1, optarg, strlen(optarg)))
			continue;
		pr_err("option '%s' is ambiguous: -%s, or -%c with the value \"%s\"? (write -%s "
		       "VALUE, or -%c %s; try: %s)", word, o->name, c, optarg, o->name, c, optarg,
		       hint);
		return CLI_OPT_ERROR;
	}
	return c;
}

int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts,
	       const char *hint)
{
	const char *word;
	int c;

	opterr = 0;	/* our one-line messages instead of getopt's */
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c == -1)
		return -1;
	word = argv[optind - 1];
	if (c == ':') {
		pr_err("option '%s' needs a value (try: %s)", word, hint);
		return CLI_OPT_ERROR;
	}
	if (c == '?') {
		pr_bad_option(word, optopt, hint);
		return CLI_OPT_ERROR;
	}
	/* a value in the word of its option, not in a word of its own, nor after "--x=" */
	if (optarg && optarg != word && word[0] == '-' && word[1] != '-')
		return glued_value(argc, argv, c, word, longopts, hint);
	return c;
}

enum cli_word cli_classify(const char *word, const char *shortopts,
			   const struct option *longopts)
{
	if (!strcmp(word, "--"))
		return CLI_WORD_END;
	if (word[0] != '-' || !word[1])
		return CLI_WORD_ARG;
	if (word[1] == '-') {
		size_t len = strcspn(word + 2, "=");

		for (const struct option *o = longopts; o->name; o++)
			if (strlen(o->name) == len && !strncmp(o->name, word + 2, len))
				return o->has_arg == required_argument && !word[2 + len] ?
				       CLI_WORD_OPTION_VALUE : CLI_WORD_OPTION;
		return CLI_WORD_UNKNOWN;
	}
	for (const struct option *o = longopts; o->name; o++)
		if (single_dash_name(o) && !strcmp(word + 1, o->name))
			return CLI_WORD_OPTION_VALUE;
	for (const char *p = word + 1; *p; p++) {
		const char *opt = short_option(shortopts, *p);

		if (!opt)
			return CLI_WORD_UNKNOWN;
		if (opt[1] == ':')
			return p[1] ? CLI_WORD_OPTION : CLI_WORD_OPTION_VALUE;
	}
	return CLI_WORD_OPTION;
}
