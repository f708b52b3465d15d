// SPDX-License-Identifier: GPL-2.0
/* obj_lgr.c - "smcr linkgroup [show | link-show] [all | LG-ID] [ibdev DEV] [netdev DEV]"
 *	       "smcd linkgroup [show] [all | LG-ID]"
 */
#include <errno.h>
#include <net/if.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "err.h"
#include "parse_num.h"
#include "smc_lgr.h"
#include "tool.h"
#include "view.h"

struct lgr_filter {
	bool		by_id;
	uint32_t	id;
	const char	*ibdev;
	const char	*netdev;
};

struct lgr_walk {
	struct smc_ctx		*ctx;
	struct lgr_filter	f;
	bool			links;		/* link-show: a row per link */
	unsigned int		shown;
	uint32_t		last_id;	/* show with device filters: one row per group */
	bool			have_last;
	bool			warned_netns;
};

/* ---- views --------------------------------------------------------------------------- */

enum { G_DETAIL = 1u << 0, G_DETAIL2 = 1u << 1, G_SMCR = 1u << 2, G_SMCD = 1u << 3 };

/* the objects of a row, view_field.obj */
enum { OBJ_LGR, OBJ_LINK, OBJ_CTX };

#define LGR(fmt, m)	VIEW_FIELD(fmt, struct smc_lgr, m)
#define LGR_OPT(fmt, m)	VIEW_OPT(fmt, struct smc_lgr, m)

/* "GID      :" / "Peer-GID :" in a record: 128 bits where the kernel has them (6.8+) */
static void show_gid(struct out *o, unsigned int col, const struct view_field *f,
		     const void *const *objs, bool record)
{
	const struct smc_lgr *lgr = objs[OBJ_LGR];
	bool peer = f->off == offsetof(struct smc_lgr, peer_gid.v);
	uint64_t gid = peer ? lgr->peer_gid.v : lgr->gid.v;
	uint64_t ext = peer ? lgr->peer_gid_ext.v : lgr->gid_ext.v;

	(void)col;
	if (!record)
		return;
	if (lgr->gid_ext.has && (lgr->gid_ext.v || lgr->peer_gid_ext.v))
		out_kv_fmt(o, NULL, f->label, "%016llx%016llx", (unsigned long long)gid,
			   (unsigned long long)ext);
	else
		out_kv_fmt(o, NULL, f->label, "%016llx", (unsigned long long)gid);
}

/* CHID: the record names the loopback-ism's reserved one */
static void show_chid(struct out *o, unsigned int col, const struct view_field *f,
		      const void *const *objs, bool record)
{
	const struct smc_lgr *lgr = objs[OBJ_LGR];

	if (record)
		out_kv_fmt(o, NULL, f->label, "%04x%s", lgr->chid.v,
			   lgr->chid.v == SMC_LO_RESERVED_CHID ? " (loopback-ism)" : "");
	else
		out_xint(o, col, lgr->chid.v);
}

static void show_loopback(struct out *o, unsigned int col, const struct view_field *f,
			  const void *const *objs, bool record)
{
	const struct smc_lgr *lgr = objs[OBJ_LGR];

	(void)f;
	if (!record)
		out_bool(o, col, lgr->chid.v == SMC_LO_RESERVED_CHID);
}

/*
 * One row per field of struct smc_lgr, in the order of smc-tools' -d record. The table
 * columns are smc-tools' tables, byte for byte (OUT_TABLE_FIXED): each header as
 * smc-tools prints it, blanks included, and each cell's width and the blanks after it,
 * from its printf formats: "show" is "%08x %-8s %-8s %#4x  %6d  %-16s "; SMC-D's has the
 * same layout without role and type. smc-tools' record has #Conns after the SMCv2 lines
 * and RMB/DMB by variant: record-only rows.
 */
static const struct view_field lgr_fields[] = {
	{ OUT_FIXED("linkgroup_id", "LG-ID    ", OUT_LEFT, 0, 8, 8, 1), "LG-ID    :",
	  LGR(VIEW_HEX, id) },
	{ OUT_FIXED("role", "LG-Role  ", OUT_LEFT, G_SMCR, 8, 0, 1), "LG-Role  :",
	  LGR_OPT(VIEW_NAME, role), .name = smc_lgr_role_name },
	{ OUT_FIXED("type", "LG-Type  ", OUT_LEFT, G_SMCR, 8, 0, 1), "LG-Type  :",
	  LGR_OPT(VIEW_NAME, type), .name = smc_lgr_type_name },
	{ OUT_FIXED("vlan_id", "VLAN  ", OUT_RIGHT, 0, 4, 0, 2), "VLAN     :",
	  LGR(VIEW_HEX_0X, vlan_id) },
	{ OUT_FIXED("conns", "#Conns  ", OUT_RIGHT, 0, 6, 0, 2), NULL, LGR(VIEW_UINT, conns) },
	{ { "pnetid", "PNET-ID ", OUT_LEFT, 0, 16, 0, 1, OUT_COL_OMIT_EMPTY }, "PNET-ID  :",
	  LGR(VIEW_STR, pnetid) },
	{ OUT_JSON_ONLY("smc_version", 0, 0), "Version  :", LGR(VIEW_UINT, version) },
	{ OUT_JSON_ONLY("peer_release", 0, 0), "Peer-Rel :", LGR_OPT(VIEW_UINT, peer_release) },
	{ OUT_JSON_ONLY("peer_host", 0, 0), "Peer-Host:", LGR_OPT(VIEW_STR, peer_host) },
	{ OUT_JSON_ONLY("peer_os", 0, 0), "Peer-OS  :", LGR_OPT(VIEW_NAME_ONLY, peer_os),
	  .name = smc_peer_os_name },
	{ OUT_JSON_ONLY("direct", 0, 0), "Direct   :", LGR_OPT(VIEW_YESNO, direct) },
	{ OUT_JSON_ONLY("negotiated_eid", 0, 0), "EID      :", LGR_OPT(VIEW_PADDED, neg_eid) },
	{ { 0 }, "#Conns   :", LGR(VIEW_UINT, conns) },
	{ OUT_JSON_ONLY("sndbuf_alloc_bytes", 0, 0), "Sndbuf   :",
	  LGR_OPT(VIEW_BYTES, sndbuf_alloc) },
	{ OUT_JSON_ONLY("rmb_alloc_bytes", 0, 0), NULL, LGR_OPT(VIEW_BYTES, rmb_alloc) },
	{ { .groups = G_SMCR }, "RMB      :", LGR_OPT(VIEW_BYTES, rmb_alloc) },
	{ { .groups = G_SMCD }, "DMB      :", LGR_OPT(VIEW_BYTES, rmb_alloc) },
	{ OUT_JSON_ONLY("max_conns", 0, 0), "Max-Conns:", LGR_OPT(VIEW_UINT, max_conns) },
	{ OUT_JSON_ONLY("max_links", 0, 0), "Max-Links:", LGR_OPT(VIEW_UINT, max_links) },
	{ OUT_JSON_ONLY("buf_type", 0, 0), "Buf-Type :", LGR_OPT(VIEW_NAME_ONLY, buf_type),
	  .name = smc_buf_type_name },
	{ OUT_JSON_ONLY("net_cookie", 0, 16), "Netns    :", LGR_OPT(VIEW_XID, net_cookie) },
	{ OUT_JSON_ONLY("gid", 0, 16), NULL, LGR_OPT(VIEW_XID, gid) },
	{ OUT_JSON_ONLY("peer_gid", 0, 16), NULL, LGR_OPT(VIEW_XID, peer_gid) },
	{ OUT_JSON_ONLY("gid_ext", 0, 16), NULL, LGR_OPT(VIEW_XID, gid_ext) },
	{ OUT_JSON_ONLY("peer_gid_ext", 0, 16), NULL, LGR_OPT(VIEW_XID, peer_gid_ext) },
	{ { 0 }, "GID      :", LGR_OPT(VIEW_CUSTOM, gid), .show = show_gid },
	{ { 0 }, "Peer-GID :", LGR_OPT(VIEW_CUSTOM, peer_gid), .show = show_gid },
	{ OUT_JSON_ONLY("chid", 0, 4), "CHID     :", LGR_OPT(VIEW_CUSTOM, chid),
	  .show = show_chid },
	{ OUT_JSON_ONLY("loopback_ism", 0, 0), NULL, LGR_OPT(VIEW_CUSTOM, chid),
	  .show = show_loopback },
};

static const struct out_table lgr_table =
	VIEW_TABLE("linkgroups", lgr_fields, OUT_TABLE_FIXED | OUT_TABLE_LAZY_HEADER);

#define D1 (G_DETAIL | G_DETAIL2)
#define LINK(fmt, m)	VIEW_FIELD(fmt, struct smc_link, m), .obj = OBJ_LINK

/* A link's netdev by name where our namespace knows it (tool_port_netdev()), else in
 * text by its index in the namespace it belongs to; JSON has that index anyway.
 */
static void show_netdev(struct out *o, unsigned int col, const struct view_field *f,
			const void *const *objs, bool record)
{
	const struct smc_link *l = objs[OBJ_LINK];

	(void)f;
	if (record || !l->netdev)
		return;
	tool_out_port_netdev(o, col, col,
			     tool_port_netdev(objs[OBJ_CTX], l->ib_dev, l->ib_port, l->netdev),
			     l->netdev);
}

/* smc-tools' link-show: "%08x %-8s %-8s %-15s %-15s %6d  " then, with -d,
 * "%08x  %08x  %-8s  %4d  " and, with -dd, "%-40s  %s  "
 */
static const struct view_field link_fields[] = {
	{ OUT_FIXED("linkgroup_id", "LG-ID    ", OUT_LEFT, 0, 8, 8, 1), NULL, LGR(VIEW_HEX, id) },
	{ OUT_FIXED("role", "LG-Role  ", OUT_LEFT, 0, 8, 0, 1), NULL,
	  LGR_OPT(VIEW_NAME, role), .name = smc_lgr_role_name },
	{ OUT_FIXED("type", "LG-Type  ", OUT_LEFT, 0, 8, 0, 1), NULL,
	  LGR_OPT(VIEW_NAME, type), .name = smc_lgr_type_name },
	{ OUT_JSON_ONLY("netdev", 0, 0), NULL, LINK(VIEW_CUSTOM, netdev), .show = show_netdev },
	{ OUT_FIXED(NULL, "Net-Dev         ", OUT_LEFT, 0, 15, 0, 1), NULL,
	  LINK(VIEW_CUSTOM, netdev), .show = show_netdev },
	{ OUT_FIXED("state", "Link-State      ", OUT_LEFT, 0, 15, 0, 1), NULL,
	  LINK(VIEW_NAME, state), .name = smc_link_state_name },
	{ OUT_FIXED("conns", "#Conns  ", OUT_RIGHT, 0, 6, 0, 2), NULL, LINK(VIEW_UINT, conns) },
	{ OUT_FIXED("uid", "Link-UID  ", OUT_LEFT, D1, 8, 8, 2), NULL, LINK(VIEW_HEX, uid) },
	{ OUT_FIXED("peer_uid", "Peer-UID  ", OUT_LEFT, D1, 8, 8, 2), NULL,
	  LINK(VIEW_HEX, peer_uid) },
	{ OUT_FIXED("ib_device", "IB-Dev    ", OUT_LEFT, D1, 8, 0, 2), NULL,
	  LINK(VIEW_STR, ib_dev) },
	{ OUT_FIXED("ib_port", "IB-P  ", OUT_RIGHT, D1, 4, 0, 2), NULL, LINK(VIEW_UINT, ib_port) },
	{ OUT_FIXED("gid", "Local-GID                                 ", OUT_LEFT, G_DETAIL2,
		    40, 0, 2), NULL, LINK(VIEW_STR, gid) },
	{ OUT_FIXED("peer_gid", "Peer-GID  ", OUT_LEFT, G_DETAIL2, 0, 0, 2), NULL,
	  LINK(VIEW_STR, peer_gid) },
	{ OUT_JSON_ONLY("link_id", 0, 0), NULL, LINK(VIEW_UINT, id) },
	{ OUT_JSON_ONLY("netdev_ifindex", 0, 0), NULL, LINK(VIEW_UINT, netdev) },
	{ OUT_JSON_ONLY("net_cookie", 0, 16), NULL, LGR_OPT(VIEW_XID, net_cookie) },
};

static const struct out_table link_table =
	VIEW_TABLE("links", link_fields, OUT_TABLE_FIXED | OUT_TABLE_LAZY_HEADER);

/* ---- helpers ------------------------------------------------------------------------ */

/* -n NS: the kernel dumps every namespace's link groups; keep the ones of NS. */
static bool netns_selected(struct lgr_walk *w, const struct smc_lgr *lgr)
{
	if (!w->ctx->filter_netns)
		return true;
	if (lgr->net_cookie.has)
		return lgr->net_cookie.v == w->ctx->netns_cookie;
	if (!w->warned_netns) {
		pr_warn("%s link groups carry no network namespace: showing those of all "
			"namespaces", lgr->smcd ? "SMC-D" : "these");
		w->warned_netns = true;
	}
	return true;
}

static bool id_selected(const struct lgr_walk *w, const struct smc_lgr *lgr)
{
	if (!w->f.by_id)
		return true;
	/* SMC-R ids step by 256 and a link UID is the id plus the link number, so either
	 * names the group; SMC-D ids are compared whole
	 */
	return lgr->smcd ? lgr->id == w->f.id : (w->f.id & 0xffffff00u) == lgr->id;
}

/* ---- rows --------------------------------------------------------------------------- */

static void lgr_row(struct smc_ctx *ctx, const struct smc_lgr *lgr)
{
	const void *const objs[] = { [OBJ_LGR] = lgr };
	struct out *o = ctx->out;

	if (!out_is_json(o) && ctx->opts->details) {
		out_separator(o);
		/* smc-tools' "Label    : value" lines: the labels carry their padding */
		view_record(o, &lgr_table, lgr->smcd ? G_SMCD : G_SMCR, objs, 11);
		return;
	}
	out_row_begin(o);
	view_cells(o, &lgr_table, objs);
	out_row_end(o);
}

static void link_row(struct smc_ctx *ctx, const struct smc_lgr *lgr, const struct smc_link *l)
{
	const void *const objs[] = { [OBJ_LGR] = lgr, [OBJ_LINK] = l, [OBJ_CTX] = ctx };

	out_row_begin(ctx->out);
	view_cells(ctx->out, &link_table, objs);
	out_row_end(ctx->out);
}

static int lgr_cb(const struct smc_lgr *lgr, void *arg)
{
	struct lgr_walk *w = arg;

	out_table_want_header(w->ctx->out);	/* the kernel replied (OUT_TABLE_LAZY_HEADER) */
	if (!netns_selected(w, lgr) || !id_selected(w, lgr))
		return 0;
	w->shown++;
	lgr_row(w->ctx, lgr);
	return out_error(w->ctx->out);	/* a failed write stops the dump */
}

static bool link_selected(struct lgr_walk *w, const struct smc_lgr *lgr,
			  const struct smc_link *l)
{
	if (!netns_selected(w, lgr) || !id_selected(w, lgr))
		return false;
	if (w->f.ibdev && strcmp(w->f.ibdev, l->ib_dev))
		return false;
	if (w->f.netdev) {
		const char *name = l->netdev ?
				   tool_port_netdev(w->ctx, l->ib_dev, l->ib_port, l->netdev) :
				   NULL;

		if (!name || strcmp(name, w->f.netdev))
			return false;
	}
	return true;
}

static int link_cb(const struct smc_lgr *lgr, const struct smc_link *l, void *arg)
{
	struct lgr_walk *w = arg;

	out_table_want_header(w->ctx->out);	/* the kernel replied (OUT_TABLE_LAZY_HEADER) */
	if (!link_selected(w, lgr, l))
		return 0;
	if (w->links) {
		w->shown++;
		link_row(w->ctx, lgr, l);
		return out_error(w->ctx->out);
	}
	/* show with a device filter: the group once, for its first matching link */
	if (w->have_last && w->last_id == lgr->id)
		return 0;
	w->have_last = true;
	w->last_id = lgr->id;
	w->shown++;
	lgr_row(w->ctx, lgr);
	return out_error(w->ctx->out);	/* a failed write stops the dump */
}

/* ---- command line ------------------------------------------------------------------- */

/* an LG-ID as the tools print it: hexadecimal, "0x" optional, 32 bits */
static bool parse_lgr_id(const char *s, uint32_t *id)
{
	uint64_t v;

	if (parse_hex(s, UINT32_MAX, &v))
		return false;
	*id = (uint32_t)v;
	return true;
}

/* "[all | LG-ID] [ibdev DEV] [netdev DEV]", in any order; keywords may be abbreviated. */
static int parse_filter(struct smc_ctx *ctx, const char *cmd, int argc, char **argv,
			struct lgr_filter *f)
{
	bool smcd = ctx->variant == SMC_VARIANT_D;

	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];
		size_t len = strlen(w);

		if (len && !strncmp(w, "all", len)) {
			continue;
		} else if (len >= 1 && (!strncmp(w, "ibdev", len) || !strncmp(w, "netdev", len))) {
			bool ib = w[0] == 'i';

			if (smcd) {
				pr_err("linkgroup: %s filters SMC-R link groups only (try: smcr "
				       "linkgroup %s %s DEV)", ib ? "ibdev" : "netdev", cmd,
				       ib ? "ibdev" : "netdev");
				return EXIT_USAGE;
			}
			if (i + 1 >= argc) {
				pr_err("linkgroup: %s needs a device name", ib ? "ibdev" : "netdev");
				return EXIT_USAGE;
			}
			if (ib)
				f->ibdev = argv[++i];
			else
				f->netdev = argv[++i];
		} else if (!f->by_id && parse_lgr_id(w, &f->id)) {
			f->by_id = true;
		} else {
			pr_err("linkgroup: \"%s\" is neither a link group id (hex) nor all, ibdev "
			       "or netdev (try: %s linkgroup help)", w, ctx->prog);
			return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

static int lgr_run(struct smc_ctx *ctx, int argc, char **argv, bool links)
{
	bool smcd = ctx->variant == SMC_VARIANT_D;
	struct lgr_walk w = { .ctx = ctx, .links = links && !smcd };
	uint8_t op;
	int rc;

	rc = parse_filter(ctx, links ? "link-show" : "show", argc, argv, &w.f);
	if (rc)
		return rc;
	/* device filters need the links, also to pick whole groups */
	if (w.links || w.f.ibdev || w.f.netdev)
		op = SMC_NETLINK_GET_LINK_SMCR;
	else
		op = smcd ? SMC_NETLINK_GET_LGR_SMCD : SMC_NETLINK_GET_LGR_SMCR;
	if (tool_require(ctx, op, "linkgroup"))
		return EXIT_RUNTIME;

	/* -d and -dd choose text columns; JSON always carries every field */
	if (w.links)
		out_table_begin(ctx->out, &link_table,
				out_is_json(ctx->out) || ctx->opts->details >= 2 ? G_DETAIL2 :
				ctx->opts->details ? G_DETAIL : 0);
	else if (out_is_json(ctx->out) || !ctx->opts->details)
		out_table_begin(ctx->out, &lgr_table, smcd ? G_SMCD : G_SMCR);
	if (op == SMC_NETLINK_GET_LINK_SMCR) {
		tool_load_netdev_names(ctx);
		tool_load_port_netdevs(ctx);
		rc = smc_link_dump(ctx->nl, link_cb, &w);
	} else {
		rc = smc_lgr_dump(ctx->nl, smcd, lgr_cb, &w);
	}
	if (rc || (w.f.by_id && !w.shown)) {
		/* nothing printed yet: an error leaves stdout empty */
		out_table_abort(ctx->out);
		/* a failed write stopped the dump: tool_finish_output() reports it */
		if (rc && !out_error(ctx->out))
			pr_err_nl(ctx->nl, rc, "cannot list link groups");
		else if (!rc)
			pr_err("link group %08x not found (see: %s linkgroup)", w.f.id,
			       ctx->prog);
		return EXIT_RUNTIME;
	}
	if (w.links || out_is_json(ctx->out) || !ctx->opts->details)
		out_table_end(ctx->out);
	return EXIT_OK;
}

static int lgr_show(struct smc_ctx *ctx, int argc, char **argv)
{
	return lgr_run(ctx, argc, argv, false);
}

static int lgr_link_show(struct smc_ctx *ctx, int argc, char **argv)
{
	return lgr_run(ctx, argc, argv, true);
}

static const struct smc_cmd lgr_r_cmds[] = {
	{ "show", lgr_show, "[all | LG-ID] [ibdev DEV] [netdev DEV]",
	  "link groups (-d: one block each, with SMCv2 details)", NULL },
	{ "link-show", lgr_link_show, "[all | LG-ID] [ibdev DEV] [netdev DEV]",
	  "links of the link groups (-d, -dd: more columns)", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

/* smc-tools accepts link-show for SMC-D too and shows the link groups */
static const struct smc_cmd lgr_d_cmds[] = {
	{ "show", lgr_show, "[all | LG-ID]", "link groups (-d: one block each)", "link-show" },
	{ NULL, NULL, NULL, NULL, NULL }
};

int obj_linkgroup(struct smc_ctx *ctx, int argc, char **argv)
{
	const struct smc_cmd *cmds = ctx->variant == SMC_VARIANT_D ? lgr_d_cmds : lgr_r_cmds;

	/* the command word may be left out: "smcr linkgroup 100" shows that group */
	if (argc > 0 && strcmp(argv[0], "help") && !cmd_lookup(cmds, argv[0]))
		return lgr_show(ctx, argc, argv);
	return tool_subcommand(ctx, "linkgroup", cmds, &cmds[0], argc, argv);
}
