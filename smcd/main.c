// SPDX-License-Identifier: GPL-2.0
/* smcd - SMC-D objects over the SMC_GEN_NETLINK generic-netlink family */
#include "tool.h"

static const struct smc_cmd smcd_objects[] = {
	{ "ueid", obj_ueid, NULL, "user-defined Enterprise IDs (needed by SMCv2)", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

int main(int argc, char **argv)
{
	static const struct smc_tool tool = {
		.prog = "smcd", .variant = SMC_VARIANT_D, .objects = smcd_objects,
	};

	return smc_tool_main(&tool, argc, argv);
}
