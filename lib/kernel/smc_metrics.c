// SPDX-License-Identifier: GPL-2.0
/* smc_metrics.c - one network namespace's SMC statistics and socket counts */
#include <string.h>

#include "smc_metrics.h"

static int count_sock(const struct smc_sock *s, void *arg)
{
	struct smc_metrics_ns *m = arg;

	m->sockets[smc_sock_mode_class(s)][s->state]++;
	return 0;
}

#include <errno.h>

int smc_metrics_gather(struct smc_nl *nl, bool stats, struct smc_metrics_ns *m)
{
	m->stats_rc = stats ? smc_stats_read(nl, &m->snap) : -ENOENT;
	if (m->stats_rc)
		memset(&m->snap, 0, sizeof(m->snap));
	memset(m->sockets, 0, sizeof(m->sockets));
	/* no details: the mode and state come with every socket */
	m->sockets_rc = smc_sock_dump(nl, 0, count_sock, m);
	if (m->sockets_rc)
		memset(m->sockets, 0, sizeof(m->sockets));
	return m->stats_rc ? m->stats_rc : m->sockets_rc;
}
