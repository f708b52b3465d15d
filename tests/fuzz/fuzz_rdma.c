// SPDX-License-Identifier: GPL-2.0
/* fuzz_rdma.c - RDMA netlink (NETLINK_RDMA: devices, ports, their drivers) as smcr device
 * reads it next to SMC_GEN_NETLINK's device list, through smcr's real main()
 *
 * fuzz_smcr.c covers these command lines too, among forty others; here the fuzzer spends
 * all its time on the device views and lib/kernel/rdma_nl.c.
 * Input: one byte picks the command line, the rest is the replay file (lib/transport/nltrace.h).
 */
#include "fuzz_tool.h"

int smcr_main(int argc, char **argv);

#define SMCR(json, ...) { smcr_main, json, { "smcr", __VA_ARGS__, NULL } }

static const struct fuzz_cmd cmds[] = {
	SMCR(false, "device"),
	SMCR(false, "-d", "device"),
	SMCR(false, "-dd", "device"),
	SMCR(true, "-j", "device"),
	SMCR(true, "-p", "-d", "device"),
	SMCR(true, "-j", "-dd", "device"),
	SMCR(false, "device", "ibdev", "rxb"),
	SMCR(false, "-d", "device", "show", "all", "netdev", "ra"),
	SMCR(false, "-n", "a", "-d", "device"),
	SMCR(false, "info"),
};

static const struct fuzz_expect expect = { .max_status = 2, .verdict_status = -1 };

FUZZ_TABLE_HARNESS(cmds, expect)
