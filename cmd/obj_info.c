// SPDX-License-Identifier: GPL-2.0
/* obj_info.c - "smcr|smcd info [show]": what the kernel and the hardware can do */
#include <errno.h>

#include "err.h"
#include "smc_dev.h"
#include "smc_sys.h"
#include "tool.h"

/* smc-tools pads "Label:" to 18 columns */
#define INFO_LABEL_WIDTH 18

static int count_dev(const struct smc_dev *dev, void *arg)
{
	(void)dev;
	(*(unsigned int *)arg)++;
	return 0;
}

static int info_show(struct smc_ctx *ctx, int argc, char **argv)
{
	unsigned int ism = 0, rdma = 0;
	struct smc_sys sys;
	int rc;

	rc = tool_no_more_args(ctx, "info", argc, argv);
	if (rc)
		return rc;
	if (tool_require(ctx, SMC_NETLINK_GET_SYS_INFO, "info"))
		return EXIT_RUNTIME;
	rc = smc_sys_get(ctx->nl, &sys);
	/* any RDMA device the kernel uses for SMC-R counts, not only IBM's RoCE Express */
	if (!rc)
		rc = smc_dev_dump(ctx->nl, false, count_dev, &rdma);
	/* loopback-ism is left out of this dump since Linux 6.10 */
	if (!rc)
		rc = smc_dev_dump(ctx->nl, true, count_dev, &ism);
	if (rc) {
		pr_err_nl(ctx->nl, rc, "cannot read SMC system information");
		return EXIT_RUNTIME;
	}

	out_record_begin(ctx->out, "info", INFO_LABEL_WIDTH);
	out_heading(ctx->out, "Kernel Capabilities");
	/* text "2.1" as smc-tools; JSON two numbers, as the link groups' smc_version */
	if (sys.has & SMC_SYS_HAS_VER) {
		char ver[16];

		snprintf(ver, sizeof(ver), "%u.%u", sys.ver, sys.rel);
		out_kv_str(ctx->out, NULL, "SMC Version:", ver);
		out_kv_uint(ctx->out, "smc_version", NULL, sys.ver);
		out_kv_uint(ctx->out, "smc_release", NULL, sys.rel);
	} else {
		out_kv_str(ctx->out, NULL, "SMC Version:", NULL);
	}
	out_kv_padded(ctx->out, "hostname", "SMC Hostname:",
		      sys.has & SMC_SYS_HAS_HOST ? sys.host : NULL, SMC_MAX_HOSTNAME_LEN);
	/* the kernel speaks v2 for SMC-D whenever its SMC version is 2 or more */
	out_kv_str(ctx->out, NULL, "SMC-D Features:", sys.ver >= 2 ? "v1 v2" : "v1");
	out_kv_str(ctx->out, NULL, "SMC-R Features:", sys.smcr_v2 ? "v1 v2" : "v1");
	out_kv_bool(ctx->out, "smcd_v2", NULL, sys.ver >= 2);
	out_kv_bool(ctx->out, "smcr_v2", NULL, sys.smcr_v2);

	out_heading(ctx->out, "Hardware Capabilities");
	out_kv_str(ctx->out, "seid", "SEID:", sys.has & SMC_SYS_HAS_SEID ? sys.seid : NULL);
	out_kv_str(ctx->out, NULL, "ISM:", !ism ? NULL : sys.ism_v2 ? "v1 v2" : "v1");
	out_kv_str(ctx->out, NULL, "RoCE:", !rdma ? NULL : sys.smcr_v2 ? "v1 v2" : "v1");
	out_kv_uint(ctx->out, "ism_devices", NULL, ism);
	out_kv_bool(ctx->out, "ism_v2", NULL, sys.ism_v2);
	out_kv_uint(ctx->out, "rdma_devices", NULL, rdma);
	out_record_end(ctx->out);
	return EXIT_OK;
}

static const struct smc_cmd info_cmds[] = {
	{ "show", info_show, NULL, "SMC version, host name, v2 features, devices", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

int obj_info(struct smc_ctx *ctx, int argc, char **argv)
{
	return tool_subcommand(ctx, "info", info_cmds, &info_cmds[0], argc, argv);
}
