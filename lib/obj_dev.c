// SPDX-License-Identifier: GPL-2.0
/* obj_dev.c - "smcr device [show] [all] [ibdev DEV] [netdev DEV]", "smcd device [show]" */
#include <errno.h>
#include <net/if.h>
#include <string.h>

#include <linux/smc.h>

#include "array.h"
#include "decode.h"
#include "err.h"
#include "host_probe.h"
#include "rdma_nl.h"
#include "smc_dev.h"
#include "smc_ibv.h"
#include "smc_lgr.h"
#include "tool.h"

enum { G_DETAIL = 1u << 0 };

enum rdev_col {
	R_NETDEV, R_NETDEV_TEXT, R_IBDEV, R_PORT, R_STATE, R_TYPE, R_CRIT, R_FID, R_PCI_ID,
	R_PCHID, R_LINKS, R_PNETID, R_PNET_USER, R_IFINDEX, R_VENDOR, R_DEVICE, R_DRIVER,
	R_NCOLS
};

/*
 * smc-tools' tables, byte for byte (OUT_TABLE_FIXED): headers as smc-tools prints them
 * (they do not line up with its rows everywhere, and scripts expect exactly that), cells
 * from its printf formats: smcr "%-15s %-8s %4d  %8s  %-13s  %3s   " [-d: "%04x  %-12s
 * %04x    "] "%5d  %-16s ", smcd "%04x %-4s  %-12s  %04x   %-4s  %5d  %-16s ".
 */
static const struct out_col rdev_cols[R_NCOLS] = {
	[R_NETDEV_TEXT]	= OUT_FIXED(NULL, "Net-Dev         ", OUT_LEFT, 0, 15, 0, 1),
	[R_IBDEV]	= OUT_FIXED("ib_device", "IB-Dev   ", OUT_LEFT, 0, 8, 0, 1),
	[R_PORT]	= OUT_FIXED("ib_port", "IB-P  ", OUT_RIGHT, 0, 4, 0, 2),
	[R_STATE]	= OUT_FIXED("state", "IB-State  ", OUT_RIGHT, 0, 8, 0, 2),
	[R_TYPE]	= OUT_FIXED("type", "Type          ", OUT_LEFT, 0, 13, 0, 2),
	[R_CRIT]	= OUT_FIXED("critical", "Crit  ", OUT_RIGHT, 0, 3, 0, 3),
	[R_FID]		= OUT_FIXED("pci_fid", " FID   ", OUT_LEFT, G_DETAIL, 4, 4, 2),
	[R_PCI_ID]	= OUT_FIXED("pci_id", "PCI-ID        ", OUT_LEFT, G_DETAIL, 12, 0, 2),
	[R_PCHID]	= OUT_FIXED("pci_pchid", "PCHID  ", OUT_LEFT, G_DETAIL, 4, 4, 4),
	[R_LINKS]	= OUT_FIXED("links", "#Links  ", OUT_RIGHT, 0, 5, 0, 2),
	[R_PNETID]	= { "pnetid", "PNET-ID  ", OUT_LEFT, 0, 16, 0, 1, OUT_COL_OMIT_EMPTY },
	[R_PNET_USER]	= OUT_JSON_ONLY("pnetid_by_user", 0, 0),
	[R_IFINDEX]	= OUT_JSON_ONLY("netdev_ifindex", 0, 0),
	[R_VENDOR]	= OUT_JSON_ONLY("pci_vendor", 0, 0),
	[R_DEVICE]	= OUT_JSON_ONLY("pci_device", 0, 0),
	[R_DRIVER]	= OUT_JSON_ONLY("driver", 0, 0),
	[R_NETDEV]	= OUT_JSON_ONLY("netdev", 0, 0),
};

static const struct out_table rdev_table = {
	.name = "devices", .cols = rdev_cols, .ncols = R_NCOLS, .flags = OUT_TABLE_FIXED | OUT_TABLE_LAZY_HEADER,
};

enum ddev_col {
	D_FID, D_TYPE, D_PCI_ID, D_PCHID, D_INUSE, D_LGS, D_PNETID, D_PNET_USER, D_VENDOR,
	D_DEVICE, D_NCOLS
};

static const struct out_col ddev_cols[D_NCOLS] = {
	[D_FID]		= OUT_FIXED("pci_fid", "FID  ", OUT_LEFT, 0, 4, 4, 1),
	[D_TYPE]	= OUT_FIXED("type", "Type  ", OUT_LEFT, 0, 4, 0, 2),
	[D_PCI_ID]	= OUT_FIXED("pci_id", "PCI-ID        ", OUT_LEFT, 0, 12, 0, 2),
	[D_PCHID]	= OUT_FIXED("pci_pchid", "PCHID  ", OUT_LEFT, 0, 4, 4, 3),
	[D_INUSE]	= OUT_FIXED("in_use", "InUse  ", OUT_LEFT, 0, 4, 0, 2),
	[D_LGS]		= OUT_FIXED("linkgroups", "#LGs  ", OUT_RIGHT, 0, 5, 0, 2),
	[D_PNETID]	= { "pnetid", "PNET-ID  ", OUT_LEFT, 0, 16, 0, 1, OUT_COL_OMIT_EMPTY },
	[D_PNET_USER]	= OUT_JSON_ONLY("pnetid_by_user", 0, 0),
	[D_VENDOR]	= OUT_JSON_ONLY("pci_vendor", 0, 0),
	[D_DEVICE]	= OUT_JSON_ONLY("pci_device", 0, 0),
};

static const struct out_table ddev_table = {
	.name = "devices", .cols = ddev_cols, .ncols = D_NCOLS, .flags = OUT_TABLE_FIXED | OUT_TABLE_LAZY_HEADER,
};

struct dev_filter {
	const char	*ibdev;
	const char	*netdev;
};

struct dev_walk {
	struct smc_ctx		*ctx;
	struct dev_filter	f;
	/* -d in text: the devices whose libibverbs details follow the table */
	char			**names;
	size_t			nnames;
	/* smcr: the RDMA core's devices, for their verbs drivers */
	struct rdma_nl_dev	*rdma;
	size_t			nrdma;
};

/* The verbs driver of RDMA device @name, NULL if the RDMA core did not name one */
static const char *rdma_driver(const struct dev_walk *w, const char *name)
{
	for (size_t i = 0; i < w->nrdma; i++)
		if (w->rdma[i].has_driver && !strcmp(w->rdma[i].name, name))
			return smc_rdma_driver_name(w->rdma[i].driver_id);
	return NULL;
}

/* Type from what the kernel sent: IBM's names for its PCI ids; else the verbs driver
 * the RDMA core names (rxe, siw, erdma, mlx5 ...); else the PCI vendor:device pair;
 * else nothing (-).
 */
static void out_type(struct out *o, unsigned int col, const struct smc_dev *d,
		     const char *driver)
{
	const char *name = d->has & SMC_DEV_HAS_PCI ? smc_pci_device_name(d->pci_device) : NULL;

	if (name)
		out_str(o, col, name);
	else if (driver)
		out_str(o, col, driver);
	else if (d->has & SMC_DEV_HAS_PCI)
		out_fmt(o, col, "%04x:%04x", d->pci_vendor, d->pci_device);
}

static void out_pnetid(struct out *o, unsigned int col, unsigned int user_col,
		       const struct smc_dev_port *p)
{
	if (!(p->has & SMC_PORT_HAS_PNETID) || !p->pnetid[0]) {
		/* smc-tools pads the empty PNET-ID cell too: the row's bytes end alike
		 * (JSON leaves the member out: OUT_COL_OMIT_EMPTY)
		 */
		out_str(o, col, "");
		return;
	}
	/* smc-tools marks a PNET ID that comes from the PNET table with '*' */
	if (out_is_json(o))
		out_str(o, col, p->pnetid);
	else
		out_fmt(o, col, "%s%s", p->pnet_by_user ? "*" : "", p->pnetid);
	if (p->has & SMC_PORT_HAS_PNET_USR)
		out_bool(o, user_col, p->pnet_by_user);
}

static void out_pci(struct out *o, const struct smc_dev *d, unsigned int fid_col,
		    unsigned int id_col, unsigned int chid_col, unsigned int vendor_col,
		    unsigned int device_col)
{
	if (!(d->has & SMC_DEV_HAS_PCI))
		return;
	out_xint(o, fid_col, d->pci_fid);
	out_str(o, id_col, d->pci_id);
	out_xint(o, chid_col, d->pci_chid);
	out_xint(o, vendor_col, d->pci_vendor);
	out_xint(o, device_col, d->pci_device);
}

static void guid_str(uint64_t guid, char *buf, size_t len)
{
	snprintf(buf, len, "%04x:%04x:%04x:%04x", (unsigned int)(guid >> 48) & 0xffff,
		 (unsigned int)(guid >> 32) & 0xffff, (unsigned int)(guid >> 16) & 0xffff,
		 (unsigned int)guid & 0xffff);
}

static void warn_ibv(const struct smc_ctx *ctx, const char *name, int rc)
{
	if (rc == -ENODATA)
		pr_warn("no libibverbs details of RDMA device %s: the replay file does not hold "
			"them (recorded before they were kept)", name);
	else if (rc == -EBADMSG && smc_nl_replaying(ctx->nl))
		pr_warn("the replay file's libibverbs details of RDMA device %s are malformed",
			name);
	else if (rc == -ENODEV)
		pr_warn("libibverbs does not see RDMA device %s (is ib_uverbs loaded and the "
			"device's provider installed?)", name);
	else
		pr_warn("cannot query RDMA device %s through libibverbs: %s", name,
			strerror(-rc));
}

/* libibverbs, recorded and replayed as the netlink requests are */
static int verbs_query(const struct smc_ctx *ctx, const char *name, struct smc_ibv_dev *v)
{
	return smc_ibv_query_traced(ctx->nl, name, v);
}

/* JSON: the libibverbs view of one port, inside its row */
static void out_verbs_json(const struct smc_ctx *ctx, const struct smc_ibv_dev *v,
			   uint32_t port)
{
	struct out *o = ctx->out;
	char buf[48];

	out_record_begin(o, "verbs", 0);
	guid_str(v->node_guid, buf, sizeof(buf));
	out_kv_str(o, "node_guid", NULL, buf);
	for (unsigned int i = 0; i < v->nports; i++) {
		if (v->port[i].num != port)
			continue;
		out_kv_str(o, "port_state", NULL, v->port[i].state);
		out_kv_str(o, "link_layer", NULL, v->port[i].link_layer);
		out_kv_uint(o, "active_mtu", NULL, v->port[i].active_mtu);
	}
	out_list_begin(o, "gids");
	for (size_t i = 0; i < v->ngids; i++) {
		const struct smc_ibv_gid *g = &v->gids[i];
		const char *name = g->ifindex ? tool_netdev_name(ctx, g->ifindex) : NULL;

		if (g->port != port)
			continue;
		out_record_begin(o, NULL, 0);
		out_kv_uint(o, "index", NULL, g->index);
		smc_ibv_gid_str(g->raw, buf, sizeof(buf));
		out_kv_str(o, "gid", NULL, buf);
		out_kv_str(o, "type", NULL, g->type);
		if (name)
			out_kv_str(o, "netdev", NULL, name);
		out_record_end(o);
	}
	out_list_end(o);
	out_record_end(o);
}

/* Text: one block per device after the table */
static void out_verbs_text(const struct smc_ctx *ctx, const char *name,
			   const struct smc_ibv_dev *v)
{
	struct out *o = ctx->out;
	char buf[48];

	guid_str(v->node_guid, buf, sizeof(buf));
	out_separator(o);
	out_note(o, "%s: node GUID %s", name, buf);
	for (unsigned int i = 0; i < v->nports; i++) {
		const struct smc_ibv_port *p = &v->port[i];

		out_note(o, "  port %u: %s, link layer %s, active MTU %u", p->num, p->state,
			 p->link_layer, p->active_mtu);
		for (size_t k = 0; k < v->ngids; k++) {
			const struct smc_ibv_gid *g = &v->gids[k];
			const char *known = g->ifindex ? tool_netdev_name(ctx, g->ifindex) : NULL;
			char ifname[IF_NAMESIZE + 8] = "-";

			if (g->port != p->num)
				continue;
			if (known)
				snprintf(ifname, sizeof(ifname), "%s", known);
			else if (g->ifindex)
				snprintf(ifname, sizeof(ifname), "if#%u", g->ifindex);
			smc_ibv_gid_str(g->raw, buf, sizeof(buf));
			out_note(o, "    GID %-3u %s  %-7s  %s", g->index, buf, g->type, ifname);
		}
	}
}

static int remember_name(struct dev_walk *w, const char *name)
{
	char **slot = array_push(&w->names, &w->nnames, sizeof(*slot));

	if (!slot)
		return -ENOMEM;
	*slot = strdup(name);	/* a NULL slot is freed harmlessly with the rest */
	return *slot ? 0 : -ENOMEM;
}

static int rdev_cb(const struct smc_dev *d, void *arg)
{
	struct dev_walk *w = arg;
	struct out *o = w->ctx->out;
	bool verbs = w->ctx->opts->details && out_is_json(o);
	const char *driver = rdma_driver(w, d->ib_name);
	struct smc_ibv_dev v;
	int vrc = -ENODEV;

	out_table_want_header(o);	/* the kernel replied (OUT_TABLE_LAZY_HEADER) */
	if (w->f.ibdev && strcmp(w->f.ibdev, d->ib_name))
		return 0;
	if (w->ctx->opts->details && !out_is_json(o)) {
		int rc = remember_name(w, d->ib_name);

		if (rc)
			return rc;
	}
	if (verbs) {
		vrc = verbs_query(w->ctx, d->ib_name, &v);
		if (vrc)
			warn_ibv(w->ctx, d->ib_name, vrc);
	}
	for (int i = 0; i < SMC_DEV_MAX_PORTS; i++) {
		const struct smc_dev_port *p = &d->port[i];
		const char *known = p->netdev ?
				    tool_port_netdev(w->ctx, d->ib_name, (uint32_t)i + 1, p->netdev) :
				    NULL;
		const char *name = known ? known : "";

		if (!p->present)
			continue;
		if (w->f.netdev && strcmp(w->f.netdev, name))
			continue;
		out_row_begin(o);
		tool_out_port_netdev(o, R_NETDEV, R_NETDEV_TEXT, name, p->netdev);
		out_str(o, R_IBDEV, d->ib_name);
		out_uint(o, R_PORT, (uint64_t)i + 1);
		if (p->has & SMC_PORT_HAS_STATE)
			out_str(o, R_STATE, p->state ? "ACTIVE" : "INACTIVE");
		out_type(o, R_TYPE, d, driver);
		out_str(o, R_DRIVER, driver);
		if (d->has & SMC_DEV_HAS_IS_CRIT) {
			if (out_is_json(o))
				out_bool(o, R_CRIT, d->critical);
			else
				out_str(o, R_CRIT, d->critical ? "Yes" : "No");
		}
		out_pci(o, d, R_FID, R_PCI_ID, R_PCHID, R_VENDOR, R_DEVICE);
		if (p->has & SMC_PORT_HAS_LNK_CNT)
			out_uint(o, R_LINKS, p->links);
		out_pnetid(o, R_PNETID, R_PNET_USER, p);
		if (p->netdev)
			out_uint(o, R_IFINDEX, p->netdev);
		if (verbs && !vrc)
			out_verbs_json(w->ctx, &v, (uint32_t)i + 1);
		out_row_end(o);
	}
	if (verbs && !vrc)
		smc_ibv_free(&v);
	return out_error(o);	/* a failed write stops the dump */
}

static int ddev_cb(const struct smc_dev *d, void *arg)
{
	struct dev_walk *w = arg;
	struct out *o = w->ctx->out;

	out_row_begin(o);
	out_pci(o, d, D_FID, D_PCI_ID, D_PCHID, D_VENDOR, D_DEVICE);
	out_type(o, D_TYPE, d, NULL);
	if (d->has & SMC_DEV_HAS_IS_CRIT) {
		if (out_is_json(o))
			out_bool(o, D_INUSE, d->critical);
		else
			out_str(o, D_INUSE, d->critical ? "Yes" : "No");
	}
	if (d->has & SMC_DEV_HAS_USE_CNT)
		out_uint(o, D_LGS, d->use_cnt);
	out_pnetid(o, D_PNETID, D_PNET_USER, &d->port[0]);
	out_row_end(o);
	return out_error(o);	/* a failed write stops the dump */
}

static int count_loopback_lgr(const struct smc_lgr *lgr, void *arg)
{
	size_t *n = arg;

	if (lgr->chid.has && lgr->chid.v == SMC_LO_RESERVED_CHID)
		(*n)++;
	return 0;
}

/* Since Linux 6.10 the kernel leaves loopback-ism out of the SMC-D device list; its
 * link groups (CHID ffff) are the evidence that it exists and is in use, so the table
 * is followed by a note saying so instead of looking as if SMC-D had no device.
 */
static void note_loopback_ism(struct smc_ctx *ctx)
{
	size_t n = 0;

	if (out_is_json(ctx->out) || smc_lgr_dump(ctx->nl, true, count_loopback_lgr, &n) || !n)
		return;
	out_note(ctx->out, "(%s, which the kernel does not list here, carries %zu link "
		 "group%s: smcd linkgroup, CHID ffff)",
		 smc_loopback_words(smc_host_path_exists(ctx->nl, SMC_DIBS_CLASS_PATH)), n,
		 n == 1 ? "" : "s");
}

static int parse_filter(struct smc_ctx *ctx, int argc, char **argv, struct dev_filter *f)
{
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];
		size_t len = strlen(w);
		bool ib;

		if (len && !strncmp(w, "all", len))
			continue;
		if (!len || (strncmp(w, "ibdev", len) && strncmp(w, "netdev", len))) {
			pr_err("device: unknown filter \"%s\" (try: %s device help)", w, ctx->prog);
			return EXIT_USAGE;
		}
		ib = w[0] == 'i';
		if (ctx->variant == SMC_VARIANT_D) {
			pr_err("device: %s filters SMC-R devices only (try: smcr device %s DEV)",
			       ib ? "ibdev" : "netdev", ib ? "ibdev" : "netdev");
			return EXIT_USAGE;
		}
		if (i + 1 >= argc) {
			pr_err("device: %s needs a device name", ib ? "ibdev" : "netdev");
			return EXIT_USAGE;
		}
		if (ib)
			f->ibdev = argv[++i];
		else
			f->netdev = argv[++i];
	}
	return EXIT_OK;
}

static int dev_show(struct smc_ctx *ctx, int argc, char **argv)
{
	bool smcd = ctx->variant == SMC_VARIANT_D;
	struct dev_walk w = { .ctx = ctx };
	int rc = parse_filter(ctx, argc, argv, &w.f);

	if (rc)
		return rc;
	if (tool_require(ctx, smcd ? SMC_NETLINK_GET_DEV_SMCD : SMC_NETLINK_GET_DEV_SMCR,
			 "device"))
		return EXIT_RUNTIME;
	/* RDMA netlink only adds driver names to the Type column: without it (no RDMA core
	 * in this kernel) the column keeps what SMC sent
	 */
	if (!smcd && rdma_nl_devices(ctx->nl, &w.rdma, &w.nrdma))
		w.nrdma = 0;
	if (!smcd) {
		tool_load_netdev_names(ctx);
		tool_load_port_netdevs(ctx);
	}
	/* -d chooses text columns; JSON always carries every field the kernel sent */
	out_table_begin(ctx->out, smcd ? &ddev_table : &rdev_table,
			ctx->opts->details || out_is_json(ctx->out) ? G_DETAIL : 0);
	rc = smc_dev_dump(ctx->nl, smcd, smcd ? ddev_cb : rdev_cb, &w);
	if (rc) {
		out_table_abort(ctx->out);
		/* a failed write stopped the dump: tool_finish_output() reports it */
		if (rc == -ENOMEM && !out_error(ctx->out))
			pr_err("out of memory");
		else if (!out_error(ctx->out))
			pr_err_nl(ctx->nl, rc, "cannot list devices");
	} else {
		out_table_end(ctx->out);
		if (smcd)
			note_loopback_ism(ctx);
	}
	for (size_t i = 0; i < w.nnames; i++) {
		struct smc_ibv_dev v;
		int vrc = rc ? 0 : verbs_query(ctx, w.names[i], &v);

		if (!rc && vrc)
			warn_ibv(ctx, w.names[i], vrc);
		else if (!rc)
			out_verbs_text(ctx, w.names[i], &v);
		if (!rc && !vrc)
			smc_ibv_free(&v);
		free(w.names[i]);
	}
	free(w.names);
	free(w.rdma);
	return rc ? EXIT_RUNTIME : EXIT_OK;
}

static const struct smc_cmd rdev_cmds[] = {
	{ "show", dev_show, "[all] [ibdev DEV] [netdev DEV]",
	  "RDMA device ports SMC-R can use (-d: PCI and libibverbs details)", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

static const struct smc_cmd ddev_cmds[] = {
	{ "show", dev_show, "[all]", "ISM devices SMC-D can use (not loopback-ism)", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

int obj_device(struct smc_ctx *ctx, int argc, char **argv)
{
	const struct smc_cmd *cmds = ctx->variant == SMC_VARIANT_D ? ddev_cmds : rdev_cmds;

	/* the command word may be left out: "smcr device ibdev rxe0" */
	if (argc > 0 && strcmp(argv[0], "help") && !cmd_lookup(cmds, argv[0]))
		return dev_show(ctx, argc, argv);
	return tool_subcommand(ctx, "device", cmds, &cmds[0], argc, argv);
}
