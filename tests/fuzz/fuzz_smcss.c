// SPDX-License-Identifier: GPL-2.0
/* fuzz_smcss.c - smcss on replayed sock_diag (AF_SMC) and inet_diag (the TCP sockets
 * behind IPPROTO_SMC ones) replies, through its real main() and every view
 *
 * Input: one byte picks the command line, the rest is the replay file (lib/transport/nltrace.h).
 */
#include "fuzz_tool.h"

int smcss_main(int argc, char **argv);

#define SMCSS(json, ...) { smcss_main, json, { "smcss", __VA_ARGS__, NULL } }

static const struct fuzz_cmd cmds[] = {
	{ smcss_main, false, { "smcss", NULL } },
	SMCSS(false, "-a"),
	SMCSS(false, "-l"),
	SMCSS(false, "-d"),
	SMCSS(false, "-a", "-d"),
	SMCSS(false, "-D"),
	SMCSS(false, "-a", "-D", "-d"),
	SMCSS(false, "-R"),
	SMCSS(false, "-a", "-R", "-d"),
	SMCSS(false, "-a", "-W"),
	SMCSS(false, "-e"),
	SMCSS(false, "-a", "-e", "-d", "-W"),
	SMCSS(true, "-a", "-j"),
	SMCSS(true, "-a", "-d", "-D", "-p"),
	SMCSS(true, "-a", "-d", "-R", "-j"),
	SMCSS(true, "-e", "-j"),
	SMCSS(true, "-a", "-e", "-p"),
	SMCSS(true, "-l", "-j"),
	SMCSS(false, "-n", "a", "-a"),
	SMCSS(false, "-n", "b", "-a", "-R"),
	SMCSS(true, "-n", "a", "-a", "-d", "-j"),
	SMCSS(false, "-a", "-s"),
	SMCSS(true, "-s", "-p"),
	SMCSS(false, "-a", "-P"),
	SMCSS(true, "-a", "-P", "-j"),
	/* filters: every kind of term on the fuzzed sockets; lgr also asks for the links */
	SMCSS(false, "-a", "src 10.0.0.0/8 or dst [::1]:7000 or sport > 1000 or mode tcp"),
	SMCSS(true, "-a", "-d", "not (fallback NOUEID or lgr 100) and dport != 0"),
	SMCSS(false, "-s", "state all", "mode smcr"),
};

static const struct fuzz_expect expect = { .max_status = 2, .verdict_status = -1 };

FUZZ_TABLE_HARNESS(cmds, expect)
