// SPDX-License-Identifier: GPL-2.0
/* obj_lgr.c - "smcr linkgroup [show | link-show] [all | LG-ID] [ibdev DEV] [netdev DEV]"
 *	       "smcd linkgroup [show] [all | LG-ID]"
 */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "err.h"
#include "parse_num.h"
#include "smc_lgr.h"
#include "tool.h"

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

/* ---- columns ------------------------------------------------------------------------ */

enum { G_DETAIL = 1u << 0, G_DETAIL2 = 1u << 1, G_SMCR = 1u << 2 };

enum lgr_col {
	L_ID, L_ROLE, L_TYPE, L_VLAN, L_CONNS, L_PNETID,
	L_NET_COOKIE, L_BUF_TYPE, L_SNDBUF, L_RMB, L_VERSION, L_PEER_REL, L_PEER_HOST,
	L_PEER_OS, L_DIRECT, L_NEG_EID, L_MAX_CONNS, L_MAX_LINKS,
	L_GID, L_GID_EXT, L_PEER_GID, L_PEER_GID_EXT, L_CHID, L_LOOPBACK,
	L_NCOLS
};

/*
 * smc-tools' tables, byte for byte (OUT_TABLE_FIXED): each header as smc-tools prints it,
 * blanks included, and each cell's width and the blanks that follow it, from its printf
 * formats. "show" is "%08x %-8s %-8s %#4x  %6d  %-16s ", link-show
 * "%08x %-8s %-8s %-15s %-15s %6d  " then, with -d, "%08x  %08x  %-8s  %4d  " and, with
 * -dd, "%-40s  %s  ". SMC-D's show has the same layout without role and type.
 */
static const struct out_col lgr_cols[L_NCOLS] = {
	[L_ID]		= OUT_FIXED("linkgroup_id", "LG-ID    ", OUT_LEFT, 0, 8, 8, 1),
	[L_ROLE]	= OUT_FIXED("role", "LG-Role  ", OUT_LEFT, G_SMCR, 8, 0, 1),
	[L_TYPE]	= OUT_FIXED("type", "LG-Type  ", OUT_LEFT, G_SMCR, 8, 0, 1),
	[L_VLAN]	= OUT_FIXED("vlan_id", "VLAN  ", OUT_RIGHT, 0, 4, 0, 2),
	[L_CONNS]	= OUT_FIXED("conns", "#Conns  ", OUT_RIGHT, 0, 6, 0, 2),
	[L_PNETID]	= { "pnetid", "PNET-ID ", OUT_LEFT, 0, 16, 0, 1, OUT_COL_OMIT_EMPTY },
	[L_NET_COOKIE]	= OUT_JSON_ONLY("net_cookie", 0, 16),
	[L_BUF_TYPE]	= OUT_JSON_ONLY("buf_type", 0, 0),
	[L_SNDBUF]	= OUT_JSON_ONLY("sndbuf_alloc_bytes", 0, 0),
	[L_RMB]		= OUT_JSON_ONLY("rmb_alloc_bytes", 0, 0),
	[L_VERSION]	= OUT_JSON_ONLY("smc_version", 0, 0),
	[L_PEER_REL]	= OUT_JSON_ONLY("peer_release", 0, 0),
	[L_PEER_HOST]	= OUT_JSON_ONLY("peer_host", 0, 0),
	[L_PEER_OS]	= OUT_JSON_ONLY("peer_os", 0, 0),
	[L_DIRECT]	= OUT_JSON_ONLY("direct", 0, 0),
	[L_NEG_EID]	= OUT_JSON_ONLY("negotiated_eid", 0, 0),
	[L_MAX_CONNS]	= OUT_JSON_ONLY("max_conns", 0, 0),
	[L_MAX_LINKS]	= OUT_JSON_ONLY("max_links", 0, 0),
	[L_GID]		= OUT_JSON_ONLY("gid", 0, 16),
	[L_GID_EXT]	= OUT_JSON_ONLY("gid_ext", 0, 16),
	[L_PEER_GID]	= OUT_JSON_ONLY("peer_gid", 0, 16),
	[L_PEER_GID_EXT] = OUT_JSON_ONLY("peer_gid_ext", 0, 16),
	[L_CHID]	= OUT_JSON_ONLY("chid", 0, 4),
	[L_LOOPBACK]	= OUT_JSON_ONLY("loopback_ism", 0, 0),
};

static const struct out_table lgr_table = {
	.name = "linkgroups", .cols = lgr_cols, .ncols = L_NCOLS, .flags = OUT_TABLE_FIXED | OUT_TABLE_LAZY_HEADER,
};

enum link_col {
	K_LGR_ID, K_ROLE, K_TYPE, K_NETDEV, K_NETDEV_TEXT, K_STATE, K_CONNS,
	K_UID, K_PEER_UID, K_IBDEV, K_IBPORT, K_GID, K_PEER_GID,
	K_LINK_ID, K_IFINDEX, K_NET_COOKIE,
	K_NCOLS
};

#define D1 (G_DETAIL | G_DETAIL2)

static const struct out_col link_cols[K_NCOLS] = {
	[K_LGR_ID]	= OUT_FIXED("linkgroup_id", "LG-ID    ", OUT_LEFT, 0, 8, 8, 1),
	[K_ROLE]	= OUT_FIXED("role", "LG-Role  ", OUT_LEFT, 0, 8, 0, 1),
	[K_TYPE]	= OUT_FIXED("type", "LG-Type  ", OUT_LEFT, 0, 8, 0, 1),
	[K_NETDEV_TEXT]	= OUT_FIXED(NULL, "Net-Dev         ", OUT_LEFT, 0, 15, 0, 1),
	[K_STATE]	= OUT_FIXED("state", "Link-State      ", OUT_LEFT, 0, 15, 0, 1),
	[K_CONNS]	= OUT_FIXED("conns", "#Conns  ", OUT_RIGHT, 0, 6, 0, 2),
	[K_UID]		= OUT_FIXED("uid", "Link-UID  ", OUT_LEFT, D1, 8, 8, 2),
	[K_PEER_UID]	= OUT_FIXED("peer_uid", "Peer-UID  ", OUT_LEFT, D1, 8, 8, 2),
	[K_IBDEV]	= OUT_FIXED("ib_device", "IB-Dev    ", OUT_LEFT, D1, 8, 0, 2),
	[K_IBPORT]	= OUT_FIXED("ib_port", "IB-P  ", OUT_RIGHT, D1, 4, 0, 2),
	[K_GID]		= OUT_FIXED("gid", "Local-GID                                 ", OUT_LEFT,
			      G_DETAIL2, 40, 0, 2),
	[K_PEER_GID]	= OUT_FIXED("peer_gid", "Peer-GID  ", OUT_LEFT, G_DETAIL2, 0, 0, 2),
	[K_LINK_ID]	= OUT_JSON_ONLY("link_id", 0, 0),
	[K_IFINDEX]	= OUT_JSON_ONLY("netdev_ifindex", 0, 0),
	[K_NET_COOKIE]	= OUT_JSON_ONLY("net_cookie", 0, 16),
	[K_NETDEV]	= OUT_JSON_ONLY("netdev", 0, 0),
};

static const struct out_table link_table = {
	.name = "links", .cols = link_cols, .ncols = K_NCOLS, .flags = OUT_TABLE_FIXED | OUT_TABLE_LAZY_HEADER,
};

/* ---- helpers ------------------------------------------------------------------------ */

static void out_name_or_raw(struct out *o, unsigned int col, const char *name, uint32_t v)
{
	if (name)
		out_str(o, col, name);
	else
		out_fmt(o, col, "%#x?", v);
}

/* A link's netdev by name where our namespace knows it (tool_port_netdev()), else in
 * text by its index in the namespace it belongs to; JSON has that index anyway.
 */
static void out_netdev(struct smc_ctx *ctx, const struct smc_link *l)
{
	if (!l->netdev)
		return;
	tool_out_port_netdev(ctx->out, K_NETDEV, K_NETDEV_TEXT,
			     tool_port_netdev(ctx, l->ib_dev, l->ib_port, l->netdev), l->netdev);
}

/* -n NS: the kernel dumps every namespace's link groups; keep the ones of NS. */
static bool netns_selected(struct lgr_walk *w, const struct smc_lgr *lgr)
{
	if (!w->ctx->filter_netns)
		return true;
	if (lgr->has & SMC_LGR_HAS_NET_COOKIE)
		return lgr->net_cookie == w->ctx->netns_cookie;
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

static void lgr_detail_block(struct smc_ctx *ctx, const struct smc_lgr *lgr)
{
	struct out *o = ctx->out;
	bool v2 = lgr->has & SMC_LGR_HAS_V2;

	out_separator(o);
	/* smc-tools' "Label    : value" lines: the labels carry their padding */
	out_record_begin(o, NULL, 11);
	out_kv_fmt(o, NULL, "LG-ID    :", "%08x", lgr->id);
	if (!lgr->smcd) {
		out_kv_str(o, NULL, "LG-Role  :", smc_lgr_role_name(lgr->role));
		out_kv_str(o, NULL, "LG-Type  :", smc_lgr_type_name(lgr->type));
	}
	out_kv_fmt(o, NULL, "VLAN     :", "%x", lgr->vlan_id);
	out_kv_str(o, NULL, "PNET-ID  :", lgr->pnetid);
	out_kv_uint(o, NULL, "Version  :", v2 ? lgr->v2.ver : 1);
	if (v2) {
		out_kv_uint(o, NULL, "Peer-Rel :", lgr->v2.peer_rel);
		out_kv_str(o, NULL, "Peer-Host:", lgr->v2.peer_host);
		out_kv_str(o, NULL, "Peer-OS  :", smc_peer_os_name(lgr->v2.peer_os));
		if (lgr->has & SMC_LGR_HAS_DIRECT)
			out_kv_str(o, NULL, "Direct   :", lgr->direct ? "Yes" : "No");
		out_kv_padded(o, NULL, "EID      :", lgr->v2.neg_eid, SMC_MAX_EID_LEN);
	}
	out_kv_uint(o, NULL, "#Conns   :", lgr->conns);
	if (lgr->has & SMC_LGR_HAS_BUF_ALLOC) {
		out_kv_fmt(o, NULL, "Sndbuf   :", "%llu B", (unsigned long long)lgr->sndbuf_alloc);
		out_kv_fmt(o, NULL, lgr->smcd ? "DMB      :" : "RMB      :", "%llu B",
			   (unsigned long long)lgr->rmb_alloc);
	}
	/* what the kernel sends and smc-tools never showed */
	if (lgr->has & SMC_LGR_HAS_MAX_CONNS)
		out_kv_uint(o, NULL, "Max-Conns:", lgr->max_conns);
	if (lgr->has & SMC_LGR_HAS_MAX_LINKS)
		out_kv_uint(o, NULL, "Max-Links:", lgr->max_links);
	if (lgr->has & SMC_LGR_HAS_BUF_TYPE)
		out_kv_str(o, NULL, "Buf-Type :", smc_buf_type_name(lgr->buf_type));
	if (lgr->has & SMC_LGR_HAS_NET_COOKIE)
		out_kv_fmt(o, NULL, "Netns    :", "%#llx", (unsigned long long)lgr->net_cookie);
	if (lgr->has & SMC_LGR_HAS_GID) {
		if (lgr->has & SMC_LGR_HAS_GID_EXT && (lgr->gid_ext || lgr->peer_gid_ext)) {
			out_kv_fmt(o, NULL, "GID      :", "%016llx%016llx",
				   (unsigned long long)lgr->gid, (unsigned long long)lgr->gid_ext);
			out_kv_fmt(o, NULL, "Peer-GID :", "%016llx%016llx",
				   (unsigned long long)lgr->peer_gid,
				   (unsigned long long)lgr->peer_gid_ext);
		} else {
			out_kv_fmt(o, NULL, "GID      :", "%016llx", (unsigned long long)lgr->gid);
			out_kv_fmt(o, NULL, "Peer-GID :", "%016llx",
				   (unsigned long long)lgr->peer_gid);
		}
	}
	if (lgr->has & SMC_LGR_HAS_CHID)
		out_kv_fmt(o, NULL, "CHID     :", "%04x%s", lgr->chid,
			   lgr->chid == SMC_LO_RESERVED_CHID ? " (loopback-ism)" : "");
	out_record_end(o);
}

static void lgr_row(struct smc_ctx *ctx, const struct smc_lgr *lgr)
{
	struct out *o = ctx->out;

	if (!out_is_json(o) && ctx->opts->details) {
		lgr_detail_block(ctx, lgr);
		return;
	}
	out_row_begin(o);
	out_xint(o, L_ID, lgr->id);
	if (!lgr->smcd) {
		out_name_or_raw(o, L_ROLE, smc_lgr_role_name(lgr->role), lgr->role);
		out_name_or_raw(o, L_TYPE, smc_lgr_type_name(lgr->type), lgr->type);
	}
	if (out_is_json(o))
		out_uint(o, L_VLAN, lgr->vlan_id);
	else
		out_fmt(o, L_VLAN, "%#x", lgr->vlan_id);
	out_uint(o, L_CONNS, lgr->conns);
	out_str(o, L_PNETID, lgr->pnetid);
	if (lgr->has & SMC_LGR_HAS_NET_COOKIE)
		out_xid(o, L_NET_COOKIE, lgr->net_cookie);
	if (lgr->has & SMC_LGR_HAS_BUF_TYPE)
		out_str(o, L_BUF_TYPE, smc_buf_type_name(lgr->buf_type));
	if (lgr->has & SMC_LGR_HAS_BUF_ALLOC) {
		out_uint(o, L_SNDBUF, lgr->sndbuf_alloc);
		out_uint(o, L_RMB, lgr->rmb_alloc);
	}
	out_uint(o, L_VERSION, lgr->has & SMC_LGR_HAS_V2 ? lgr->v2.ver : 1);
	if (lgr->has & SMC_LGR_HAS_V2) {
		out_uint(o, L_PEER_REL, lgr->v2.peer_rel);
		out_str(o, L_PEER_HOST, lgr->v2.peer_host);
		out_str(o, L_PEER_OS, smc_peer_os_name(lgr->v2.peer_os));
		out_str(o, L_NEG_EID, lgr->v2.neg_eid);
	}
	if (lgr->has & SMC_LGR_HAS_DIRECT)
		out_bool(o, L_DIRECT, lgr->direct);
	if (lgr->has & SMC_LGR_HAS_MAX_CONNS)
		out_uint(o, L_MAX_CONNS, lgr->max_conns);
	if (lgr->has & SMC_LGR_HAS_MAX_LINKS)
		out_uint(o, L_MAX_LINKS, lgr->max_links);
	if (lgr->has & SMC_LGR_HAS_GID) {
		out_xid(o, L_GID, lgr->gid);
		out_xid(o, L_PEER_GID, lgr->peer_gid);
	}
	if (lgr->has & SMC_LGR_HAS_GID_EXT) {
		out_xid(o, L_GID_EXT, lgr->gid_ext);
		out_xid(o, L_PEER_GID_EXT, lgr->peer_gid_ext);
	}
	if (lgr->has & SMC_LGR_HAS_CHID) {
		out_xint(o, L_CHID, lgr->chid);
		out_bool(o, L_LOOPBACK, lgr->chid == SMC_LO_RESERVED_CHID);
	}
	out_row_end(o);
}

static void link_row(struct smc_ctx *ctx, const struct smc_lgr *lgr, const struct smc_link *l)
{
	struct out *o = ctx->out;

	out_row_begin(o);
	out_xint(o, K_LGR_ID, lgr->id);
	out_name_or_raw(o, K_ROLE, smc_lgr_role_name(lgr->role), lgr->role);
	out_name_or_raw(o, K_TYPE, smc_lgr_type_name(lgr->type), lgr->type);
	out_netdev(ctx, l);
	out_name_or_raw(o, K_STATE, smc_link_state_name(l->state), l->state);
	out_uint(o, K_CONNS, l->conns);
	out_xint(o, K_UID, l->uid);
	out_xint(o, K_PEER_UID, l->peer_uid);
	out_str(o, K_IBDEV, l->ib_dev);
	out_uint(o, K_IBPORT, l->ib_port);
	out_str(o, K_GID, l->gid);
	out_str(o, K_PEER_GID, l->peer_gid);
	out_uint(o, K_LINK_ID, l->id);
	out_uint(o, K_IFINDEX, l->netdev);
	if (lgr->has & SMC_LGR_HAS_NET_COOKIE)
		out_xid(o, K_NET_COOKIE, lgr->net_cookie);
	out_row_end(o);
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
		out_table_begin(ctx->out, &lgr_table, smcd ? 0 : G_SMCR);
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
