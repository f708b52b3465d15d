/* SPDX-License-Identifier: GPL-2.0 */
/* cmd.h - word tables for "tool OBJECT COMMAND" dispatch and the help text made from them */
#ifndef SMC_CMD_H
#define SMC_CMD_H

struct smc_ctx;

struct smc_cmd {
	const char	*name;
	int		(*fn)(struct smc_ctx *ctx, int argc, char **argv);
	const char	*args;		/* argument synopsis, e.g. "EID"; NULL if none */
	const char	*help;		/* one line; also feeds completion (via "help") */
	const char	*aliases;	/* space-separated extra words, e.g. "delete" */
};

/**
 * cmd_find() - pick the table row @word names
 *
 * An exact name or alias wins; otherwise a prefix of exactly one name. An empty word
 * matches nothing. On failure prints "<prog>: unknown|ambiguous <what> ..." and returns
 * NULL (the caller exits with EXIT_USAGE).
 */
const struct smc_cmd *cmd_find(const struct smc_cmd *cmds, const char *what,
			       const char *word, const char *help_hint);

/* cmd_find() without messages: NULL if @word names no row or more than one. */
const struct smc_cmd *cmd_lookup(const struct smc_cmd *cmds, const char *word);

#endif
