// SPDX-License-Identifier: GPL-2.0
/* fuzz_smc_chk.c - smc_chk's host checks on replayed replies of every family it asks
 * (SMC_GEN_NETLINK, RDMA ports, sock_diag, SMC_PNETID, xfrm), through its real main()
 *
 * The connection tests (-C, -S) are left out: they need a network, not a replay. What the
 * checks read outside netlink (sockets, sysctls, libibverbs, other namespaces) comes from
 * the replay's facts too, so the fuzzer varies those as well.
 * Input: one byte picks the command line, the rest is the replay file (lib/transport/nltrace.h).
 */
#include "fuzz_tool.h"

int smc_chk_main(int argc, char **argv);

#define CHK(json, ...) { smc_chk_main, json, { "smc_chk", __VA_ARGS__, NULL } }

static const struct fuzz_cmd cmds[] = {
	{ smc_chk_main, false, { "smc_chk", NULL } },
	CHK(false, "-q"),
	CHK(true, "-j"),
	CHK(true, "--pretty"),
	CHK(true, "-n", "a", "-j"),
	CHK(false, "-n", "b"),
};

/* 3: a problem was found, a verdict and no error */
static const struct fuzz_expect expect = { .max_status = 3, .verdict_status = 3 };

FUZZ_TABLE_HARNESS(cmds, expect)
