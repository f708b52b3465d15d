// SPDX-License-Identifier: GPL-2.0
/* fuzz_smcd.c - smcd on replayed SMC_GEN_NETLINK replies (and the controller's and the
 * interface list's behind them): every object and command that reads or asks the
 * kernel, in text, -d, -dd and JSON, through smcd's real main()
 *
 * Input: one byte picks the command line, the rest is the replay file (lib/transport/nltrace.h).
 * "stats reset" is left out: it would leave a baseline behind for the next input.
 */
#include "fuzz_tool.h"

int smcd_main(int argc, char **argv);

#define SMCD(json, ...) { smcd_main, json, { "smcd", __VA_ARGS__, NULL } }

static const struct fuzz_cmd cmds[] = {
	SMCD(false, "info"),
	SMCD(true, "-j", "info"),
	SMCD(false, "linkgroup"),
	SMCD(false, "-d", "linkgroup"),
	SMCD(false, "-dd", "linkgroup"),
	SMCD(true, "-j", "linkgroup"),
	SMCD(true, "-p", "-d", "linkgroup"),
	SMCD(false, "linkgroup", "show", "100"),
	SMCD(false, "-d", "linkgroup", "show", "all"),
	SMCD(false, "linkgroup", "link-show"),
	SMCD(false, "-n", "a", "-d", "linkgroup"),
	SMCD(false, "device"),
	SMCD(false, "-d", "device"),
	SMCD(true, "-j", "device"),
	SMCD(true, "-p", "-dd", "device", "show", "all"),
	SMCD(false, "stats"),
	SMCD(false, "stats", "-a"),
	SMCD(false, "-d", "stats", "-a"),
	SMCD(true, "-j", "stats", "-a"),
	SMCD(true, "stats", "json", "-a"),
	SMCD(false, "ueid"),
	SMCD(true, "-j", "ueid", "show"),
	SMCD(false, "ueid", "add", "SMC-BENCH"),
	SMCD(false, "ueid", "del", "SMC-BENCH"),
	SMCD(false, "ueid", "flush"),
	SMCD(false, "seid"),
	SMCD(true, "-j", "seid"),
	SMCD(false, "seid", "enable"),
	SMCD(false, "seid", "disable"),
	SMCD(false, "hslimit"),
	SMCD(true, "-j", "hslimit"),
	SMCD(false, "-n", "a", "hslimit", "enable"),
};

static const struct fuzz_expect expect = { .max_status = 2, .verdict_status = -1 };

FUZZ_TABLE_HARNESS(cmds, expect)
