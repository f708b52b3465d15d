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

const struct smc_cmd *cmd_find(const struct smc_cmd *cmds, const char *what,
			       const char *word, const char *help_hint)
{
	const struct smc_cmd *match = NULL;
	size_t len = strlen(word);
	unsigned int nmatch = 0;

	if (!len) {
		pr_err("empty %s name (try: %s)", what, help_hint);
		return NULL;
	}
	for (const struct smc_cmd *c = cmds; c->name; c++)
		if (!strcmp(c->name, word) || has_alias(c, word))
			return c;
	for (const struct smc_cmd *c = cmds; c->name; c++) {
		if (!strncmp(c->name, word, len)) {
			match = c;
			nmatch++;
		}
	}
	if (nmatch == 1)
		return match;
	if (nmatch == 0) {
		pr_err("unknown %s \"%s\" (try: %s)", what, word, help_hint);
		return NULL;
	}
	{
		char list[256] = "";
		size_t used = 0;

		for (const struct smc_cmd *c = cmds; c->name; c++) {
			if (strncmp(c->name, word, len))
				continue;
			if (used >= sizeof(list))
				break;
			used += (size_t)snprintf(list + used, used < sizeof(list) ?
						 sizeof(list) - used : 0, "%s%s",
						 used ? ", " : "", c->name);
		}
		pr_err("ambiguous %s \"%s\": %s", what, word, list);
	}
	return NULL;
}
