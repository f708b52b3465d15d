// SPDX-License-Identifier: GPL-2.0
/* host_probe.c - yes/no questions about the host's kernel, recorded and replayed */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fact_codec.h"
#include "host_probe.h"
#include "nltrace.h"

/* A replay's answer to question @id about @name: 1, 0 or -errno (host_probe.h) */
static int replay_answer(struct smc_nl *nl, uint16_t id, const char *name)
{
	struct fact_reader r;
	const void *fact;
	size_t len;
	int answer, rc = smc_nl_replay_named_fact(nl, id, name, &fact, &len);

	if (rc)
		return rc == -ENOENT ? -ENODATA : rc;
	r = fact_reader(fact, len);
	answer = fact_get_result(&r, 1);
	return fact_reader_end(&r) ? -EBADMSG : answer;
}

static int record_answer(struct smc_nl *nl, uint16_t id, const char *name, int answer)
{
	int32_t v = answer;

	if (nl)
		smc_nl_record_named_fact(nl, id, name, &v, sizeof(v));
	return answer;
}

int smc_host_path_exists(struct smc_nl *nl, const char *path)
{
	struct stat st;
	int answer;

	if (nl && smc_nl_replaying(nl))
		return replay_answer(nl, NLTRACE_FACT_PATH, path);
	if (!stat(path, &st))
		answer = 1;
	else if (errno == ENOENT || errno == ENOTDIR)
		answer = 0;
	else
		answer = -errno;
	return record_answer(nl, NLTRACE_FACT_PATH, path, answer);
}

/* Lines of /proc/kallsyms: "ADDRESS TYPE NAME[\t[MODULE]]" */
static int kallsyms_has(const char *symbol)
{
	size_t want = strlen(symbol), cap = 0;
	char *line = NULL;
	int answer = 0;
	FILE *f = fopen("/proc/kallsyms", "re");

	if (!f)
		return -errno;
	while (!answer && getline(&line, &cap, f) > 0) {
		const char *name = strchr(line, ' ');

		name = name ? strchr(name + 1, ' ') : NULL;
		if (name && !strncmp(name + 1, symbol, want) &&
		    (name[1 + want] == '\t' || name[1 + want] == '\n'))
			answer = 1;
	}
	if (!answer && ferror(f))
		answer = -EIO;
	free(line);
	fclose(f);
	return answer;
}

int smc_host_kernel_has_symbol(struct smc_nl *nl, const char *symbol)
{
	if (nl && smc_nl_replaying(nl))
		return replay_answer(nl, NLTRACE_FACT_KSYM, symbol);
	return record_answer(nl, NLTRACE_FACT_KSYM, symbol, kallsyms_has(symbol));
}

const char *smc_loopback_words(int dibs)
{
	if (dibs == 1)
		return "the DIBS device lo";
	if (dibs == 0)
		return "loopback-ism";
	return "loopback-ism (the DIBS device lo where SMC-D runs over DIBS)";
}

void smc_host_kernel_support(struct smc_nl *nl, struct ks_host *h)
{
	unsigned char fact[KS_HOST_FACT_LEN];

	/* a replay explains as the recorded host would; an older recording without the
	 * fact keeps the long-standing "not loaded" words
	 */
	if (nl && smc_nl_replaying(nl)) {
		if (smc_nl_replay_fact(nl, NLTRACE_FACT_KERNEL_SUPPORT, fact, sizeof(fact)) ||
		    ks_host_decode(fact, h))
			memset(h, 0, sizeof(*h));
		return;
	}
	ks_probe(h, NULL, NULL);
	if (nl) {
		ks_host_encode(h, fact);
		smc_nl_record_fact(nl, NLTRACE_FACT_KERNEL_SUPPORT, fact, sizeof(fact));
	}
}
