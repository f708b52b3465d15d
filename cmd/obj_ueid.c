// SPDX-License-Identifier: GPL-2.0
/* obj_ueid.c - "smcr|smcd ueid [show] | add EID | del EID | flush" */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "err.h"
#include "smc_eid.h"
#include "tool.h"

enum { EID_COL, EID_NCOLS };

/* smc-tools prints the bare EIDs, one a line, as the kernel holds them: blank-padded to
 * 32 characters. Scripts rely on that.
 */
static const struct out_col eid_cols[EID_NCOLS] = {
	[EID_COL] = OUT_FIXED("eid", "", OUT_LEFT, 0, SMC_MAX_EID_LEN, 0, 0),
};

static const struct out_table eid_table = {
	.name = "ueids", .cols = eid_cols, .ncols = EID_NCOLS,
	.flags = OUT_TABLE_NO_HEADER | OUT_TABLE_FIXED,
};

static int eid_row(const char *eid, void *arg)
{
	struct out *o = arg;

	out_row_begin(o);
	out_str(o, EID_COL, eid);
	out_row_end(o);
	return out_error(o);	/* a failed write stops the dump */
}

/* Errors every UEID request can meet; the command-specific ones are handled first. */
static int ueid_report(struct smc_ctx *ctx, int rc, const char *what)
{
	pr_err_nl(ctx->nl, rc, what);
	return EXIT_RUNTIME;
}

static int ueid_show(struct smc_ctx *ctx, int argc, char **argv)
{
	int rc = tool_no_more_args(ctx, "ueid show", argc, argv);

	if (rc)
		return rc;
	if (tool_require(ctx, SMC_NETLINK_DUMP_UEID, "ueid show"))
		return EXIT_RUNTIME;
	out_table_begin(ctx->out, &eid_table, 0);
	rc = smc_ueid_dump(ctx->nl, eid_row, ctx->out);
	if (rc) {
		out_table_abort(ctx->out);
		/* a failed write stopped the dump: tool_finish_output() reports it */
		if (out_error(ctx->out))
			return EXIT_RUNTIME;
		return ueid_report(ctx, rc, "cannot list user EIDs");
	}
	out_table_end(ctx->out);
	return EXIT_OK;
}

/* Parse "EID" for add/del; validate before anything is sent. */
static const char *eid_arg(struct smc_ctx *ctx, const char *cmd, int argc, char **argv)
{
	enum smc_eid_invalid why;
	char bad = 0;

	if (argc < 1) {
		pr_err("ueid %s: missing EID (try: %s ueid help)", cmd, ctx->prog);
		return NULL;
	}
	if (argc > 1) {
		pr_err("ueid %s: unexpected argument \"%s\" (try: %s ueid help)", cmd, argv[1],
		       ctx->prog);
		return NULL;
	}
	why = smc_eid_validate(argv[0], &bad);
	if (why == SMC_EID_BAD_CHAR && islower((unsigned char)bad))
		pr_err("invalid user EID \"%s\": %s (lower case '%c' is not; use upper case)",
		       argv[0], smc_eid_invalid_text(why), bad);
	else if (why == SMC_EID_BAD_CHAR && isprint((unsigned char)bad))
		pr_err("invalid user EID \"%s\": %s, not '%c'", argv[0],
		       smc_eid_invalid_text(why), bad);
	else if (why != SMC_EID_OK)
		pr_err("invalid user EID \"%s\": %s", argv[0], smc_eid_invalid_text(why));
	return why == SMC_EID_OK ? argv[0] : NULL;
}

static int ueid_add(struct smc_ctx *ctx, int argc, char **argv)
{
	const char *eid = eid_arg(ctx, "add", argc, argv);
	int rc;

	if (!eid)
		return EXIT_USAGE;
	if (tool_require(ctx, SMC_NETLINK_ADD_UEID, "ueid add"))
		return EXIT_RUNTIME;
	rc = smc_ueid_add(ctx->nl, eid);
	if (rc == -EEXIST) {
		pr_err("user EID %s is already defined", eid);
		return EXIT_RUNTIME;
	}
	if (rc == -ERANGE) {
		pr_err("cannot add user EID %s: the table is full (%d entries; "
		       "try: %s ueid del EID)", eid, SMC_UEID_TABLE_SIZE, ctx->prog);
		return EXIT_RUNTIME;
	}
	if (rc) {
		char what[64];

		snprintf(what, sizeof(what), "cannot add user EID %s", eid);
		return ueid_report(ctx, rc, what);
	}
	return EXIT_OK;
}

static int ueid_del(struct smc_ctx *ctx, int argc, char **argv)
{
	const char *eid = eid_arg(ctx, "del", argc, argv);
	int rc;

	if (!eid)
		return EXIT_USAGE;
	if (tool_require(ctx, SMC_NETLINK_REMOVE_UEID, "ueid del"))
		return EXIT_RUNTIME;
	rc = smc_ueid_del(ctx->nl, eid);
	if (rc == -ENOENT) {
		pr_err("user EID %s is not defined (see: %s ueid show)", eid, ctx->prog);
		return EXIT_RUNTIME;
	}
	if (rc < 0) {
		char what[64];

		snprintf(what, sizeof(what), "cannot delete user EID %s", eid);
		return ueid_report(ctx, rc, what);
	}
	if (rc == 1)
		out_note(ctx->out, "the last user EID was removed; the system EID is in use again");
	return EXIT_OK;
}

static int ueid_flush(struct smc_ctx *ctx, int argc, char **argv)
{
	int rc = tool_no_more_args(ctx, "ueid flush", argc, argv);

	if (rc)
		return rc;
	if (tool_require(ctx, SMC_NETLINK_FLUSH_UEID, "ueid flush"))
		return EXIT_RUNTIME;
	rc = smc_ueid_flush(ctx->nl);
	return rc ? ueid_report(ctx, rc, "cannot flush user EIDs") : EXIT_OK;
}

static const struct smc_cmd ueid_cmds[] = {
	{ "show",  ueid_show,  NULL,  "list the user-defined EIDs", "list" },
	{ "add",   ueid_add,   "EID", "add a user EID (1-32 of A-Z 0-9 . -)", NULL },
	{ "del",   ueid_del,   "EID", "remove a user EID", "delete" },
	{ "flush", ueid_flush, NULL,  "remove every user EID", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

int obj_ueid(struct smc_ctx *ctx, int argc, char **argv)
{
	return tool_subcommand(ctx, "ueid", ueid_cmds, &ueid_cmds[0], argc, argv);
}
