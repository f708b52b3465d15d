/* SPDX-License-Identifier: GPL-2.0 */
/* view_rnics.h - smc_rnics' table: one row per RDMA port, ISM device or PCI function */
#ifndef SMC_VIEW_RNICS_H
#define SMC_VIEW_RNICS_H

#include "out.h"
#include "rnics.h"

/* Column groups of the text table (JSON shows every member a row has) */
enum {
	RNICS_G_NET	= 1u << 0,	/* PPrt and Net-Dev (the default) */
	RNICS_G_IB	= 1u << 1,	/* IPrt and IB-Dev instead (-I) */
	RNICS_G_NAMES	= 1u << 2,	/* Type and PFT by name, VF as y/n (the default) */
	RNICS_G_RAW	= 1u << 3,	/* vendor:device, PFT and VFN as numbers instead (-r) */
	RNICS_G_ALL	= RNICS_G_NET | RNICS_G_IB | RNICS_G_NAMES | RNICS_G_RAW,
};

/* The table to open with out_table_begin(); the groups to show as its @active */
extern const struct out_table view_rnics_table;

/* One row of the open table */
void view_rnics_row(struct out *o, const struct rnic *r);

#endif
