// SPDX-License-Identifier: GPL-2.0
/* smcr - SMC-R objects over the SMC_GEN_NETLINK generic-netlink family */
#include "tool.h"

static const struct smc_cmd smcr_objects[] = {
	{ "info", obj_info, NULL, "SMC version, host name, v2 features, devices", NULL },
	{ "linkgroup", obj_linkgroup, NULL, "link groups and their links", NULL },
	{ "device", obj_device, NULL, "RDMA devices and ports SMC-R can use", NULL },
	{ "stats", obj_stats, NULL, "connection, fallback and buffer statistics", "s st" },
	{ "ueid", obj_ueid, NULL, "user-defined Enterprise IDs (needed by SMCv2)", NULL },
	{ "hslimit", obj_hslimit, NULL, "SMC handshake limitation (this namespace)", NULL },
	{ "explain", obj_explain, NULL, "what a fallback code means and what to do", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

int main(int argc, char **argv)
{
	static const struct smc_tool tool = {
		.prog = "smcr", .variant = SMC_VARIANT_R, .objects = smcr_objects,
	};

	return smc_tool_main(&tool, argc, argv);
}
