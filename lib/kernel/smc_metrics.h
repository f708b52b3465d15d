/* SPDX-License-Identifier: GPL-2.0 */
/* smc_metrics.h - what smc_metrics exports of one network namespace: the SMC statistics
 * and the sockets counted by mode and state. Nothing here prints.
 */
#ifndef SMC_METRICS_H
#define SMC_METRICS_H

#include <stdbool.h>
#include <stdint.h>

#include "nl.h"
#include "smc_stats.h"
#include "sockdiag.h"

struct smc_metrics_ns {
	char			netns[256];	/* the label: "" for smc_metrics' own namespace */
	int			stats_rc;	/* 0, or -errno of the statistics dump */
	struct smc_stats_snap	snap;
	int			sockets_rc;	/* 0, or -errno of the socket dump */
	/* sockets by enum smc_sock_mode_class and state (a u8 in the kernel) */
	uint64_t		sockets[SMC_SOCK_NMODE_CLASSES][256];
};

/**
 * smc_metrics_gather() - read @m's statistics and count its sockets through @nl
 * @stats: read the statistics (false: the caller knows they are not there; stats_rc
 *	   is then -ENOENT)
 *
 * The two parts fail apart (the statistics need the smc module's netlink family, the
 * sockets smc_diag): each has its own result in @m, and a failed part's numbers are 0.
 * Return: 0 if both were read, else the first failed part's -errno.
 */
int smc_metrics_gather(struct smc_nl *nl, bool stats, struct smc_metrics_ns *m);

#endif
