// SPDX-License-Identifier: GPL-2.0
/* fuzz_smc_pnet.c - smc_pnet on replayed SMC_PNETID replies (and the controller's),
 * showing and changing the table, through its real main()
 *
 * Input: one byte picks the command line, the rest is the replay file (lib/transport/nltrace.h).
 */
#include "fuzz_tool.h"

int smc_pnet_main(int argc, char **argv);

#define PNET(json, ...) { smc_pnet_main, json, { "smc_pnet", __VA_ARGS__, NULL } }

static const struct fuzz_cmd cmds[] = {
	{ smc_pnet_main, false, { "smc_pnet", NULL } },
	PNET(true, "-j"),
	PNET(true, "-p"),
	PNET(false, "PNETA"),
	PNET(false, "-s", "pneta"),
	PNET(true, "-j", "PNETA"),
	PNET(false, "-a", "PNETA", "-I", "ra"),
	PNET(false, "-a", "PNETA", "-D", "rxa", "-P", "2"),
	PNET(false, "-d", "PNETA"),
	PNET(false, "-f"),
};

static const struct fuzz_expect expect = { .max_status = 2, .verdict_status = -1 };

FUZZ_TABLE_HARNESS(cmds, expect)
