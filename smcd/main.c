// SPDX-License-Identifier: GPL-2.0
/* smcd - SMC-D objects over the SMC_GEN_NETLINK generic-netlink family */
#include "tool.h"

static const struct smc_cmd smcd_objects[] = {
	{ "info", obj_info, NULL, "SMC version, host name, v2 features, devices", NULL },
	{ "linkgroup", obj_linkgroup, NULL, "link groups", NULL },
	{ "device", obj_device, NULL, "ISM devices SMC-D can use", NULL },
	{ "stats", obj_stats, NULL, "connection, fallback and buffer statistics", "s st" },
	{ "ueid", obj_ueid, NULL, "user-defined Enterprise IDs (needed by SMCv2)", NULL },
	{ "seid", obj_seid, NULL, "the system EID (ISMv2 hardware)", NULL },
	{ "hslimit", obj_hslimit, NULL, "SMC handshake limitation (this namespace)", NULL },
	{ "explain", obj_explain, NULL, "what a fallback code means and what to do", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

int main(int argc, char **argv)
{
	static const struct smc_tool tool = {
		.prog = "smcd", .variant = SMC_VARIANT_D, .objects = smcd_objects,
	};

	return smc_tool_main(&tool, argc, argv);
}
