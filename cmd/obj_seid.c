// SPDX-License-Identifier: GPL-2.0
/* obj_seid.c - "smcd seid [show] | enable | disable" and
 *		"smcr|smcd hslimit [show] | enable | disable"
 */
#include <errno.h>

#include "err.h"
#include "smc_sys.h"
#include "tool.h"

static int report(struct smc_ctx *ctx, int rc, const char *what)
{
	pr_err_nl(ctx->nl, rc, what);
	return EXIT_RUNTIME;
}

static int seid_show(struct smc_ctx *ctx, int argc, char **argv)
{
	struct smc_seid seid;
	int rc = tool_no_more_args(ctx, "seid show", argc, argv);

	if (rc)
		return rc;
	if (tool_require(ctx, SMC_NETLINK_DUMP_SEID, "seid"))
		return EXIT_RUNTIME;
	rc = smc_seid_get(ctx->nl, &seid);
	if (rc)
		return report(ctx, rc, "cannot read the system EID");
	if (out_is_json(ctx->out)) {
		out_record_begin(ctx->out, "seid", 0);
		out_kv_str(ctx->out, "seid", NULL, seid.present ? seid.seid : NULL);
		if (seid.present)
			out_kv_bool(ctx->out, "enabled", NULL, seid.enabled);
		out_record_end(ctx->out);
	} else if (seid.present) {
		out_note(ctx->out, "%s [%s]", seid.seid, seid.enabled ? "enabled" : "disabled");
	} else {
		/* smc-tools prints n/a; scripts may test for it */
		out_note(ctx->out, "n/a");
	}
	return EXIT_OK;
}

static int seid_set(struct smc_ctx *ctx, int argc, char **argv, bool enable)
{
	const char *what = enable ? "seid enable" : "seid disable";
	struct smc_seid seid;
	int rc = tool_no_more_args(ctx, what, argc, argv);

	if (rc)
		return rc;
	if (tool_require(ctx, enable ? SMC_NETLINK_ENABLE_SEID : SMC_NETLINK_DISABLE_SEID, what))
		return EXIT_RUNTIME;
	rc = smc_seid_get(ctx->nl, &seid);
	if (rc)
		return report(ctx, rc, "cannot read the system EID");
	if (!seid.present) {
		pr_err("%s: this host has no system EID (only ISMv2 hardware, IBM Z, has one; "
		       "use user EIDs: %s ueid add EID)", what, ctx->prog);
		return EXIT_RUNTIME;
	}
	rc = smc_seid_set(ctx->nl, enable);
	if (rc == -ENOENT && !enable) {
		pr_err("seid disable: the system EID stays on while no user EID is defined "
		       "(try: %s ueid add EID)", ctx->prog);
		return EXIT_RUNTIME;
	}
	return rc ? report(ctx, rc, enable ? "cannot enable the system EID" :
			   "cannot disable the system EID") : EXIT_OK;
}

static int seid_enable(struct smc_ctx *ctx, int argc, char **argv)
{
	return seid_set(ctx, argc, argv, true);
}

static int seid_disable(struct smc_ctx *ctx, int argc, char **argv)
{
	return seid_set(ctx, argc, argv, false);
}

static const struct smc_cmd seid_cmds[] = {
	{ "show", seid_show, NULL, "the system EID and whether it is used", NULL },
	{ "enable", seid_enable, NULL, "use the system EID", NULL },
	{ "disable", seid_disable, NULL, "do not use the system EID (needs a user EID)", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

int obj_seid(struct smc_ctx *ctx, int argc, char **argv)
{
	return tool_subcommand(ctx, "seid", seid_cmds, &seid_cmds[0], argc, argv);
}

static int hslimit_show(struct smc_ctx *ctx, int argc, char **argv)
{
	bool enabled;
	int rc = tool_no_more_args(ctx, "hslimit show", argc, argv);

	if (rc)
		return rc;
	if (tool_require(ctx, SMC_NETLINK_DUMP_HS_LIMITATION, "hslimit"))
		return EXIT_RUNTIME;
	rc = smc_hs_limit_get(ctx->nl, &enabled);
	if (rc)
		return report(ctx, rc, "cannot read the handshake limitation");
	out_record_begin(ctx->out, "hslimit", 0);
	if (out_is_json(ctx->out))
		out_kv_bool(ctx->out, "enabled", NULL, enabled);
	else
		out_note(ctx->out, "%s", enabled ? "enabled" : "disabled");
	out_record_end(ctx->out);
	return EXIT_OK;
}

static int hslimit_set(struct smc_ctx *ctx, int argc, char **argv, bool enable)
{
	const char *what = enable ? "hslimit enable" : "hslimit disable";
	int rc = tool_no_more_args(ctx, what, argc, argv);

	if (rc)
		return rc;
	if (tool_require(ctx, enable ? SMC_NETLINK_ENABLE_HS_LIMITATION :
			 SMC_NETLINK_DISABLE_HS_LIMITATION, what))
		return EXIT_RUNTIME;
	rc = smc_hs_limit_set(ctx->nl, enable);
	return rc ? report(ctx, rc, enable ? "cannot enable the handshake limitation" :
			   "cannot disable the handshake limitation") : EXIT_OK;
}

static int hslimit_enable(struct smc_ctx *ctx, int argc, char **argv)
{
	return hslimit_set(ctx, argc, argv, true);
}

static int hslimit_disable(struct smc_ctx *ctx, int argc, char **argv)
{
	return hslimit_set(ctx, argc, argv, false);
}

static const struct smc_cmd hslimit_cmds[] = {
	{ "show", hslimit_show, NULL, "whether SMC handshakes are limited (this namespace)",
	  NULL },
	{ "enable", hslimit_enable, NULL, "fall back to TCP when handshakes queue up", NULL },
	{ "disable", hslimit_disable, NULL, "never limit SMC handshakes", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

int obj_hslimit(struct smc_ctx *ctx, int argc, char **argv)
{
	return tool_subcommand(ctx, "hslimit", hslimit_cmds, &hslimit_cmds[0], argc, argv);
}
