// SPDX-License-Identifier: GPL-2.0
/* fuzz_smcr.c - smcr on replayed SMC_GEN_NETLINK replies (and the controller's, RDMA
 * netlink's and the interface list's behind them): every object and command that reads
 * or asks the kernel, in text, -d, -dd and JSON, through smcr's real main()
 *
 * Input: one byte picks the command line, the rest is the replay file (lib/transport/nltrace.h).
 * "stats reset" is left out: it would leave a baseline behind for the next input.
 */
#include "fuzz_tool.h"

int smcr_main(int argc, char **argv);

#define SMCR(json, ...) { smcr_main, json, { "smcr", __VA_ARGS__, NULL } }

static const struct fuzz_cmd cmds[] = {
	SMCR(false, "info"),
	SMCR(true, "-j", "info"),
	SMCR(false, "linkgroup"),
	SMCR(false, "-d", "linkgroup"),
	SMCR(false, "-dd", "linkgroup"),
	SMCR(true, "-j", "linkgroup"),
	SMCR(true, "-p", "-dd", "linkgroup"),
	SMCR(false, "linkgroup", "link-show"),
	SMCR(false, "-d", "linkgroup", "link-show"),
	SMCR(false, "-dd", "linkgroup", "link-show"),
	SMCR(true, "-p", "linkgroup", "link-show"),
	SMCR(true, "-j", "-dd", "linkgroup", "link-show"),
	SMCR(false, "linkgroup", "show", "100"),
	SMCR(false, "-d", "linkgroup", "show", "all", "ibdev", "rxa"),
	SMCR(false, "linkgroup", "link-show", "netdev", "ra"),
	SMCR(true, "-j", "linkgroup", "link-show", "100", "ibdev", "rxa", "netdev", "ra"),
	SMCR(false, "-n", "a", "linkgroup"),
	SMCR(false, "-n", "b", "-d", "linkgroup"),
	SMCR(true, "-n", "a", "-j", "linkgroup", "link-show"),
	SMCR(false, "device"),
	SMCR(false, "-d", "device"),
	SMCR(false, "-dd", "device"),
	SMCR(true, "-j", "device"),
	SMCR(true, "-p", "-d", "device"),
	SMCR(false, "device", "ibdev", "rxb"),
	SMCR(false, "device", "show", "all", "netdev", "ra"),
	SMCR(false, "-n", "a", "device"),
	SMCR(false, "stats"),
	SMCR(false, "stats", "-a"),
	SMCR(false, "-d", "stats", "-a"),
	SMCR(true, "-j", "stats", "-a"),
	SMCR(true, "-p", "-d", "stats"),
	SMCR(true, "stats", "json", "-a"),
	SMCR(false, "ueid"),
	SMCR(true, "-j", "ueid", "show"),
	SMCR(false, "ueid", "add", "SMC-BENCH"),
	SMCR(false, "ueid", "del", "SMC-BENCH"),
	SMCR(false, "ueid", "flush"),
	SMCR(false, "hslimit"),
	SMCR(true, "-j", "hslimit"),
	SMCR(false, "hslimit", "enable"),
	SMCR(false, "-n", "b", "hslimit", "disable"),
};

static const struct fuzz_expect expect = { .max_status = 2, .verdict_status = -1 };

FUZZ_TABLE_HARNESS(cmds, expect)
