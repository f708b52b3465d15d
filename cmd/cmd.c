// SPDX-License-Identifier: GPL-2.0
/* cmd.c - exact, alias, then unique-prefix matching of command words */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "err.h"

static bool has_alias(const struct smc_cmd *c, const char *word)
{
	size_t len = strlen(word);

	for (const char *p = c->aliases; p && *p; ) {
		size_t n = strcspn(p, " ");

		if (n == len && !strncmp(p, word, len))
			return true;
		p += n;
		p += strspn(p, " ");
	}
	return false;
}

/* Exact name or alias, else the only prefix match; *nmatch tells how many prefixes matched. */
static const struct smc_cmd *match(const struct smc_cmd *cmds, const char *word,
				   unsigned int *nmatch)
{
	const struct smc_cmd *found = NULL;
	size_t len = strlen(word);

	*nmatch = 0;
	if (!len)
		return NULL;
	for (const struct smc_cmd *c = cmds; c->name; c++) {
		if (!strcmp(c->name, word) || has_alias(c, word)) {
			*nmatch = 1;
			return c;
		}
	}
	for (const struct smc_cmd *c = cmds; c->name; c++) {
		if (!strncmp(c->name, word, len)) {
			found = c;
			(*nmatch)++;
		}
	}
	return *nmatch == 1 ? found : NULL;
}

const struct smc_cmd *cmd_lookup(const struct smc_cmd *cmds, const char *word)
{
	unsigned int n;

	return match(cmds, word, &n);
}

const struct smc_cmd *cmd_find(const struct smc_cmd *cmds, const char *what,
			       const char *word, const char *help_hint)
{
	size_t len = strlen(word), used = 0;
	const struct smc_cmd *c;
	char list[256] = "";
	unsigned int n;

	c = match(cmds, word, &n);
	if (c)
		return c;
	if (!len) {
		pr_err("empty %s name (try: %s)", what, help_hint);
		return NULL;
	}
	if (n == 0) {
		pr_err("unknown %s \"%s\" (try: %s)", what, word, help_hint);
		return NULL;
	}
	for (c = cmds; c->name && used < sizeof(list); c++) {
		if (strncmp(c->name, word, len))
			continue;
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s",
					 used ? ", " : "", c->name);
	}
	pr_err("ambiguous %s \"%s\": %s", what, word, list);
	return NULL;
}
