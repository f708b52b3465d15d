// SPDX-License-Identifier: GPL-2.0
/* obj_dev.c - "smcr device [show] [all] [ibdev DEV] [netdev DEV]", "smcd device [show]" */
#include <errno.h>
#include <net/if.h>
#include <stddef.h>
#include <stdlib.h>
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
#include "view.h"

enum { G_DETAIL = 1u << 0 };

/* what a device table's row shows besides the device and its port (view_field.obj) */
struct dev_row {
	uint32_t	port_num;	/* 1 or 2 */
	const char	*driver;	/* the verbs driver RDMA netlink names, or NULL */
	const char	*netdev;	/* the port's netdev as our namespace knows it, or "" */
};

enum { OBJ_DEV, OBJ_PORT, OBJ_ROW };

#define DEV(fmt, m)		VIEW_FIELD(fmt, struct smc_dev, m), .obj = OBJ_DEV
#define DEV_OPT(fmt, m)		VIEW_OPT(fmt, struct smc_dev, m), .obj = OBJ_DEV
#define PORT(fmt, m)		VIEW_FIELD(fmt, struct smc_dev_port, m), .obj = OBJ_PORT
#define PORT_OPT(fmt, m)	VIEW_OPT(fmt, struct smc_dev_port, m), .obj = OBJ_PORT
#define ROW(fmt, m)		VIEW_FIELD(fmt, struct dev_row, m), .obj = OBJ_ROW

/* Type from what the kernel sent: IBM's names for its PCI ids; else the verbs driver
 * the RDMA core names (rxe, siw, erdma, mlx5 ...); else the PCI vendor:device pair;
 * else nothing (-).
 */
static void show_type(struct out *o, unsigned int col, const struct view_field *f,
		      const void *const *objs, bool record)
{
	const struct smc_dev *d = objs[OBJ_DEV];
	const struct dev_row *row = objs[OBJ_ROW];
	const char *name = d->pci_device.has ? smc_pci_device_name(d->pci_device.v) : NULL;

	(void)f;
	if (record)
		return;
	if (name)
		out_str(o, col, name);
	else if (row->driver)
		out_str(o, col, row->driver);
	else if (d->pci_device.has)
		out_fmt(o, col, "%04x:%04x", d->pci_vendor.v, d->pci_device.v);
}

static void show_driver(struct out *o, unsigned int col, const struct view_field *f,
			const void *const *objs, bool record)
{
	const struct dev_row *row = objs[OBJ_ROW];

	(void)f;
	if (!record)
		out_str(o, col, row->driver);
}

static void show_netdev(struct out *o, unsigned int col, const struct view_field *f,
			const void *const *objs, bool record)
{
	const struct smc_dev_port *p = objs[OBJ_PORT];
	const struct dev_row *row = objs[OBJ_ROW];

	(void)f;
	if (!record)
		tool_out_port_netdev(o, col, col, row->netdev, p->netdev);
}

/* smc-tools marks a PNET ID that comes from the PNET table with '*'; it pads the empty
 * PNET-ID cell too, so the row's bytes end alike (JSON leaves the member out:
 * OUT_COL_OMIT_EMPTY)
 */
static void show_pnetid(struct out *o, unsigned int col, const struct view_field *f,
			const void *const *objs, bool record)
{
	const struct smc_dev_port *p = objs[OBJ_PORT];

	(void)f;
	if (record)
		return;
	if (!p->pnetid[0] || out_is_json(o))
		out_str(o, col, p->pnetid);
	else
		out_fmt(o, col, "%s%s", p->pnet_by_user.v ? "*" : "", p->pnetid);
}

static void show_pnet_user(struct out *o, unsigned int col, const struct view_field *f,
			   const void *const *objs, bool record)
{
	const struct smc_dev_port *p = objs[OBJ_PORT];

	(void)f;
	if (!record && p->pnetid[0])
		out_bool(o, col, p->pnet_by_user.v);
}

/*
 * smc-tools' tables, byte for byte (OUT_TABLE_FIXED): headers as smc-tools prints them
 * (they do not line up with its rows everywhere, and scripts expect exactly that), cells
 * from its printf formats: smcr "%-15s %-8s %4d  %8s  %-13s  %3s   " [-d: "%04x  %-12s
 * %04x    "] "%5d  %-16s ", smcd "%04x %-4s  %-12s  %04x   %-4s  %5d  %-16s ".
 * One row per port of a device.
 */
static const struct view_field rdev_fields[] = {
	{ OUT_JSON_ONLY("netdev", 0, 0), NULL, ROW(VIEW_CUSTOM, netdev), .show = show_netdev },
	{ OUT_FIXED(NULL, "Net-Dev         ", OUT_LEFT, 0, 15, 0, 1), NULL,
	  ROW(VIEW_CUSTOM, netdev), .show = show_netdev },
	{ OUT_FIXED("ib_device", "IB-Dev   ", OUT_LEFT, 0, 8, 0, 1), NULL, DEV(VIEW_STR, ib_name) },
	{ OUT_FIXED("ib_port", "IB-P  ", OUT_RIGHT, 0, 4, 0, 2), NULL, ROW(VIEW_UINT, port_num) },
	{ OUT_FIXED("state", "IB-State  ", OUT_RIGHT, 0, 8, 0, 2), NULL,
	  PORT_OPT(VIEW_NAME_ONLY, state), .name = smc_dev_port_state_name },
	{ OUT_FIXED("type", "Type          ", OUT_LEFT, 0, 13, 0, 2), NULL,
	  ROW(VIEW_CUSTOM, driver), .show = show_type },
	{ OUT_JSON_ONLY("driver", 0, 0), NULL, ROW(VIEW_CUSTOM, driver), .show = show_driver },
	{ OUT_FIXED("critical", "Crit  ", OUT_RIGHT, 0, 3, 0, 3), NULL,
	  DEV_OPT(VIEW_YESNO, critical) },
	{ OUT_FIXED("pci_fid", " FID   ", OUT_LEFT, G_DETAIL, 4, 4, 2), NULL,
	  DEV_OPT(VIEW_HEX, pci_fid) },
	{ OUT_FIXED("pci_id", "PCI-ID        ", OUT_LEFT, G_DETAIL, 12, 0, 2), NULL,
	  DEV_OPT(VIEW_STR, pci_id) },
	{ OUT_FIXED("pci_pchid", "PCHID  ", OUT_LEFT, G_DETAIL, 4, 4, 4), NULL,
	  DEV_OPT(VIEW_HEX, pci_chid) },
	{ OUT_JSON_ONLY("pci_vendor", 0, 0), NULL, DEV_OPT(VIEW_HEX, pci_vendor) },
	{ OUT_JSON_ONLY("pci_device", 0, 0), NULL, DEV_OPT(VIEW_HEX, pci_device) },
	{ OUT_FIXED("links", "#Links  ", OUT_RIGHT, 0, 5, 0, 2), NULL, PORT_OPT(VIEW_UINT, links) },
	{ { "pnetid", "PNET-ID  ", OUT_LEFT, 0, 16, 0, 1, OUT_COL_OMIT_EMPTY }, NULL,
	  PORT(VIEW_CUSTOM, pnetid), .show = show_pnetid },
	{ OUT_JSON_ONLY("pnetid_by_user", 0, 0), NULL, PORT_OPT(VIEW_CUSTOM, pnet_by_user),
	  .show = show_pnet_user },
	{ OUT_JSON_ONLY("netdev_ifindex", 0, 0), NULL, PORT(VIEW_IFINDEX, netdev) },
	{ OUT_JSON_ONLY("port_valid", 0, 0), NULL, PORT_OPT(VIEW_YESNO, valid) },
};

static const struct out_table rdev_table =
	VIEW_TABLE("devices", rdev_fields, OUT_TABLE_FIXED | OUT_TABLE_LAZY_HEADER);

/* an ISM device and its one port */
static const struct view_field ddev_fields[] = {
	{ OUT_FIXED("pci_fid", "FID  ", OUT_LEFT, 0, 4, 4, 1), NULL, DEV_OPT(VIEW_HEX, pci_fid) },
	{ OUT_FIXED("type", "Type  ", OUT_LEFT, 0, 4, 0, 2), NULL, ROW(VIEW_CUSTOM, driver),
	  .show = show_type },
	{ OUT_FIXED("pci_id", "PCI-ID        ", OUT_LEFT, 0, 12, 0, 2), NULL,
	  DEV_OPT(VIEW_STR, pci_id) },
	{ OUT_FIXED("pci_pchid", "PCHID  ", OUT_LEFT, 0, 4, 4, 3), NULL,
	  DEV_OPT(VIEW_HEX, pci_chid) },
	{ OUT_JSON_ONLY("pci_vendor", 0, 0), NULL, DEV_OPT(VIEW_HEX, pci_vendor) },
	{ OUT_JSON_ONLY("pci_device", 0, 0), NULL, DEV_OPT(VIEW_HEX, pci_device) },
	{ OUT_FIXED("in_use", "InUse  ", OUT_LEFT, 0, 4, 0, 2), NULL,
	  DEV_OPT(VIEW_YESNO, critical) },
	{ OUT_FIXED("linkgroups", "#LGs  ", OUT_RIGHT, 0, 5, 0, 2), NULL,
	  DEV_OPT(VIEW_UINT, use_cnt) },
	{ { "pnetid", "PNET-ID  ", OUT_LEFT, 0, 16, 0, 1, OUT_COL_OMIT_EMPTY }, NULL,
	  PORT(VIEW_CUSTOM, pnetid), .show = show_pnetid },
	{ OUT_JSON_ONLY("pnetid_by_user", 0, 0), NULL, PORT_OPT(VIEW_CUSTOM, pnet_by_user),
	  .show = show_pnet_user },
};

static const struct out_table ddev_table =
	VIEW_TABLE("devices", ddev_fields, OUT_TABLE_FIXED | OUT_TABLE_LAZY_HEADER);

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
	else if (rc == -ELIBACC)
		pr_warn("no libibverbs details of RDMA device %s: libibverbs is not installed "
			"(Debian: apt install libibverbs1 ibverbs-providers)", name);
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
	struct dev_row row = { .driver = rdma_driver(w, d->ib_name) };
	const void *objs[] = { [OBJ_DEV] = d, [OBJ_ROW] = &row };
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
		row.port_num = (uint32_t)i + 1;
		row.netdev = name;
		objs[OBJ_PORT] = p;
		out_row_begin(o);
		view_cells(o, &rdev_table, objs);
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
	const struct dev_row row = { .netdev = "" };
	const void *const objs[] = { [OBJ_DEV] = d, [OBJ_PORT] = &d->port[0], [OBJ_ROW] = &row };

	out_row_begin(o);
	view_cells(o, &ddev_table, objs);
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
