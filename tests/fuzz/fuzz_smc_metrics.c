// SPDX-License-Identifier: GPL-2.0
/* fuzz_smc_metrics.c - smc_metrics on replayed statistics and sock_diag replies, through
 * its real main(): the counters' names turned into families and labels, the sockets
 * counted by mode and state, the Prometheus text
 *
 * Input: one byte picks the command line, the rest is the replay file (lib/transport/nltrace.h).
 */
#include "fuzz_tool.h"

int smc_metrics_main(int argc, char **argv);

static const struct fuzz_cmd cmds[] = {
	{ smc_metrics_main, false, { "smc_metrics", NULL } },
	{ smc_metrics_main, false, { "smc_metrics", "-n", "a", NULL } },
};

static const struct fuzz_expect expect = { .max_status = 2, .verdict_status = -1 };

FUZZ_TABLE_HARNESS(cmds, expect)
