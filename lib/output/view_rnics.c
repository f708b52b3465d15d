// SPDX-License-Identifier: GPL-2.0
/* view_rnics.c - smc_rnics' rows: smc-tools' columns first, then ours (view_rnics.h) */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "view.h"
#include "view_rnics.h"

/* s390 PCI function types (the "pft" attribute) as smc-tools names them */
#define PFT_ROCE	0x02
#define PFT_ISM		0x05
#define PFT_ROCE2	0x0a
#define PFT_NETH	0x0c
#define PFT_NETD	0x0f

#define VENDOR_IBM	0x1014
#define VENDOR_MELLANOX	0x15b3

#define R(fmt, m)	VIEW_FIELD(fmt, struct rnic, m)
#define R_OPT(fmt, m)	VIEW_OPT(fmt, struct rnic, m)
/* a field shown by .show(): only its place (names are too long for .size) */
#define R_AT(m)		.fmt = VIEW_CUSTOM, .off = offsetof(struct rnic, m)

static const struct rnic *row_of(const void *const *objs)
{
	return objs[0];
}

/* a string field that is empty when absent ("-" in text, left out of JSON) */
static void show_str(struct out *o, unsigned int col, const struct view_field *f,
		     const void *const *objs, bool record)
{
	const char *s = view_str(f, objs);

	if (!record && s[0])
		out_str(o, col, s);
}

/* text says "virtual" where a device has no parent at all; JSON has "virtual": true */
static void show_pci_id(struct out *o, unsigned int col, const struct view_field *f,
			const void *const *objs, bool record)
{
	const struct rnic *r = row_of(objs);

	(void)f;
	if (record)
		return;
	if (r->pci_id[0])
		out_str(o, col, r->pci_id);
	else if (r->is_virtual && !out_is_json(o))
		out_own_str(o, col, "virtual");
}

static const char *pft_mnemonic(uint8_t pft)
{
	switch (pft) {
	case PFT_ROCE:	return "ROC";
	case PFT_ISM:	return "ISM";
	case PFT_ROCE2:	return "ROC2";
	case PFT_NETH:	return "NETH";
	case PFT_NETD:	return "NETD";
	}
	return NULL;
}

/* IBM's names for its PCI ids, of IBM's and Mellanox's functions only */
static const char *ibm_name(const struct rnic *r)
{
	if (!r->vendor.has || !r->device.has ||
	    (r->vendor.v != VENDOR_IBM && r->vendor.v != VENDOR_MELLANOX))
		return NULL;
	return smc_pci_device_name(r->device.v);
}

/*
 * The type: s390's function type names it as smc-tools does (RoCE Express 2 and 3 share
 * a type; their device ids tell them apart); else IBM's name for the PCI ids; else an
 * ISM device is "ISM"; else the verbs driver RDMA netlink names (rxe, mlx5 ...); else
 * the PCI driver; else the PCI ids.
 */
static void show_type(struct out *o, unsigned int col, const struct view_field *f,
		      const void *const *objs, bool record)
{
	const struct rnic *r = row_of(objs);
	const char *name = NULL;

	(void)f;
	if (record)
		return;
	if (r->pft.has) {
		switch (r->pft.v) {
		case PFT_ROCE:	name = "RoCE_Express"; break;
		case PFT_ISM:	name = "ISM"; break;
		case PFT_ROCE2:
			name = ibm_name(r);
			if (!name)
				name = "RoCE_Express2";
			break;
		case PFT_NETH:
		case PFT_NETD:	name = "Network_Express"; break;
		}
	}
	if (!name)
		name = ibm_name(r);
	if (!name && r->kind == RNIC_ISM)
		name = "ISM";
	if (!name && r->verbs_driver.has)
		name = smc_rdma_driver_name(r->verbs_driver.v);
	if (name)
		out_own_str(o, col, name);
	else if (r->driver[0])
		out_str(o, col, r->driver);
	else if (r->vendor.has && r->device.has)
		out_fmt(o, col, "%04x:%04x", r->vendor.v, r->device.v);
}

/* -r: the PCI ids */
static void show_ids(struct out *o, unsigned int col, const struct view_field *f,
		     const void *const *objs, bool record)
{
	const struct rnic *r = row_of(objs);

	(void)f;
	if (!record && r->vendor.has && r->device.has)
		out_fmt(o, col, "%04x:%04x", r->vendor.v, r->device.v);
}

static void show_pft(struct out *o, unsigned int col, const struct view_field *f,
		     const void *const *objs, bool record)
{
	const struct rnic *r = row_of(objs);
	const char *name = r->pft.has ? pft_mnemonic(r->pft.v) : NULL;

	(void)f;
	if (record || !r->pft.has)
		return;
	if (name && (f->col.groups & RNICS_G_NAMES))
		out_own_str(o, col, name);
	else
		out_fmt(o, col, "0x%02x", r->pft.v);
}

static void show_vf(struct out *o, unsigned int col, const struct view_field *f,
		    const void *const *objs, bool record)
{
	const struct rnic *r = row_of(objs);

	(void)f;
	if (record || !r->vf.has)
		return;
	if (out_is_json(o))
		out_bool(o, col, r->vf.v);
	else
		out_own_str(o, col, r->vf.v ? "y" : "n");
}

/* smc-tools marks a PNET ID from the PNET table with '*', as smcr device does */
static void show_pnetid(struct out *o, unsigned int col, const struct view_field *f,
			const void *const *objs, bool record)
{
	const struct rnic *r = row_of(objs);

	(void)f;
	if (record || !r->pnetid[0])
		return;
	if (out_is_json(o))
		out_str(o, col, r->pnetid);
	else
		out_fmt(o, col, "%s%s", r->pnetid_by_user ? "*" : "", r->pnetid);
}

static void show_pnet_user(struct out *o, unsigned int col, const struct view_field *f,
			   const void *const *objs, bool record)
{
	const struct rnic *r = row_of(objs);

	(void)f;
	if (!record && r->pnetid[0])
		out_bool(o, col, r->pnetid_by_user);
}

/* JSON an array; text one cell, the names joined by commas (no blank: one word) */
static void show_netdevs(struct out *o, unsigned int col, const struct view_field *f,
			 const void *const *objs, bool record)
{
	const struct rnic *r = row_of(objs);
	size_t len = 0;
	char *text;

	(void)f;
	if (record || !r->nnetdevs)
		return;
	if (out_is_json(o)) {
		const char **v = calloc(r->nnetdevs + 1, sizeof(*v));

		if (!v)
			return;		/* out of memory: the member is left out */
		for (size_t i = 0; i < r->nnetdevs; i++)
			v[i] = r->netdevs[i] ? r->netdevs[i] : "";
		out_strv(o, col, v);
		free(v);
		return;
	}
	for (size_t i = 0; i < r->nnetdevs; i++)
		len += (r->netdevs[i] ? strlen(r->netdevs[i]) : 0) + 1;
	text = malloc(len);
	if (!text)
		return;
	text[0] = '\0';
	for (size_t i = 0, at = 0; i < r->nnetdevs; i++) {
		const char *s = r->netdevs[i] ? r->netdevs[i] : "";

		at += (size_t)snprintf(text + at, len - at, "%s%s", i ? "," : "", s);
	}
	out_str(o, col, text);
	free(text);
}

static void show_kind(struct out *o, unsigned int col, const struct view_field *f,
		      const void *const *objs, bool record)
{
	static const char *const kinds[] = {
		[RNIC_RDMA] = "rdma", [RNIC_ISM] = "ism", [RNIC_OTHER] = "other",
		[RNIC_STANDBY] = "standby",
	};
	const struct rnic *r = row_of(objs);

	(void)f;
	if (!record)
		out_own_str(o, col, kinds[r->kind]);
}

static void show_virtual(struct out *o, unsigned int col, const struct view_field *f,
			 const void *const *objs, bool record)
{
	const struct rnic *r = row_of(objs);

	(void)f;
	if (!record && r->kind != RNIC_STANDBY)
		out_bool(o, col, r->is_virtual);
}

static void show_verbs_driver(struct out *o, unsigned int col, const struct view_field *f,
			      const void *const *objs, bool record)
{
	const struct rnic *r = row_of(objs);
	const char *name = r->verbs_driver.has ? smc_rdma_driver_name(r->verbs_driver.v) : NULL;

	(void)f;
	if (!record && name)
		out_own_str(o, col, name);
}

/*
 * smc-tools' columns, in its order (FID Power PCI_ID PCHID Type PFT VF PPrt PNET_ID
 * Net-Dev; -I: IPrt and IB-Dev; -r: ids, raw PFT, VFN), so that scripts that take its
 * fields by number keep working; then State. Every cell is one word, "-" if absent.
 * JSON has every member a row has, whatever the groups.
 */
static const struct view_field rnics_fields[] = {
	{ OUT_ALIGNED("pci_fid", "FID", OUT_LEFT, 0, 0, 0), NULL, R_OPT(VIEW_HEX, fid) },
	{ OUT_ALIGNED("power", "Power", OUT_LEFT, 0, 0, 0), NULL, R_OPT(VIEW_YESNO, power) },
	{ OUT_ALIGNED("pci_id", "PCI_ID", OUT_LEFT, 0, 0, 0), NULL, R_AT(pci_id),
	  .show = show_pci_id },
	{ OUT_ALIGNED("pci_pchid", "PCHID", OUT_LEFT, 0, 0, 4), NULL, R_OPT(VIEW_HEX, pchid) },
	{ OUT_ALIGNED("type", "Type", OUT_LEFT, RNICS_G_NAMES, 0, 0), NULL, R_AT(kind),
	  .show = show_type },
	{ OUT_ALIGNED(NULL, "Type", OUT_LEFT, RNICS_G_RAW, 0, 0), NULL, R_AT(kind),
	  .show = show_ids },
	{ OUT_ALIGNED(NULL, "PFT", OUT_LEFT, RNICS_G_NAMES, 0, 0), NULL, R_AT(pft),
	  .show = show_pft },
	{ OUT_ALIGNED(NULL, "PFT", OUT_LEFT, RNICS_G_RAW, 0, 0), NULL, R_AT(pft),
	  .show = show_pft },
	{ OUT_JSON_ONLY("pft", 0, 0), NULL, R_OPT(VIEW_UINT, pft) },
	{ OUT_ALIGNED("virtual_function", "VF", OUT_LEFT, RNICS_G_NAMES, 0, 0), NULL,
	  R_AT(vf), .show = show_vf },
	{ OUT_ALIGNED("vfn", "VFN", OUT_LEFT, RNICS_G_RAW, 0, 0), NULL, R_OPT(VIEW_UINT, vfn) },
	{ OUT_ALIGNED("physical_port", "PPrt", OUT_LEFT, RNICS_G_NET, 0, 0), NULL,
	  R_OPT(VIEW_UINT, pport) },
	{ OUT_ALIGNED("ib_port", "IPrt", OUT_LEFT, RNICS_G_IB, 0, 0), NULL, R(VIEW_UINT, port),
	  .flags = VIEW_F_NONZERO },
	{ OUT_ALIGNED("pnetid", "PNET_ID", OUT_LEFT, 0, 0, 0), NULL, R_AT(pnetid),
	  .show = show_pnetid },
	{ OUT_JSON_ONLY("pnetid_by_user", 0, 0), NULL, R_AT(pnetid_by_user),
	  .show = show_pnet_user },
	{ OUT_ALIGNED("netdevs", "Net-Dev", OUT_LEFT, RNICS_G_NET, 0, 0), NULL,
	  R_AT(netdevs), .show = show_netdevs },
	{ OUT_ALIGNED("ib_device", "IB-Dev", OUT_LEFT, RNICS_G_IB, 0, 0), NULL,
	  R_AT(name), .show = show_str },
	{ OUT_ALIGNED("state", "State", OUT_LEFT, 0, 0, 0), NULL, R_AT(state),
	  .show = show_str },
	{ OUT_JSON_ONLY("kind", 0, 0), NULL, R_AT(kind), .show = show_kind },
	{ OUT_JSON_ONLY("virtual", 0, 0), NULL, R_AT(is_virtual),
	  .show = show_virtual },
	{ OUT_JSON_ONLY("pci_vendor", 0, 0), NULL, R_OPT(VIEW_HEX, vendor) },
	{ OUT_JSON_ONLY("pci_device", 0, 0), NULL, R_OPT(VIEW_HEX, device) },
	{ OUT_JSON_ONLY("pci_class", 0, 0), NULL, R_OPT(VIEW_HEX, pci_class) },
	{ OUT_JSON_ONLY("driver", 0, 0), NULL, R_AT(driver), .show = show_str },
	{ OUT_JSON_ONLY("verbs_driver", 0, 0), NULL, R_AT(verbs_driver),
	  .show = show_verbs_driver },
	{ OUT_JSON_ONLY("link_layer", 0, 0), NULL, R_AT(link_layer),
	  .show = show_str },
	{ OUT_JSON_ONLY("uid", 0, 0), NULL, R_OPT(VIEW_HEX, uid) },
};

const struct out_table view_rnics_table = VIEW_TABLE("rnics", rnics_fields, 0);

void view_rnics_row(struct out *o, const struct rnic *r)
{
	const void *const objs[] = { r };

	out_row_begin(o);
	view_cells(o, &view_rnics_table, objs);
	out_row_end(o);
}
