// SPDX-License-Identifier: GPL-2.0
/* smc_lgr.c - decode SMC_GEN_LGR_SMCR, SMC_GEN_LINK_SMCR and SMC_GEN_LGR_SMCD */
#include <errno.h>
#include <string.h>

#include <stddef.h>


#include "nla.h"
#include "smc_lgr.h"

/* Attributes are read through nla.h's parse tables: one that is absent or malformed
 * leaves its field 0 (an SMC_OPT's .has false); only a missing or malformed ID or nest
 * rejects the message.
 */

#define LGR(attr, K, m)		SMC_NLA_FIELD(attr, K, struct smc_lgr, m)
#define LGR_OPT(attr, K, m)	SMC_NLA_OPT(attr, K, struct smc_lgr, m)
#define LGR_PAIR(attr, K, m)	SMC_NLA_OPT_F(attr, K, struct smc_lgr, m, SMC_NLA_F_PAIR)
#define LGR_ID(attr)		SMC_NLA_FIELD_F(attr, U32, struct smc_lgr, id, SMC_NLA_F_REQUIRED)

/* SMC_NLA_LGR_V2_* numbers from 0 (no UNSPEC), so type 0 is a real attribute. */
static const struct smc_nla_field v2_common_rows[] = {
	LGR(SMC_NLA_LGR_V2_VER, U8, version),
	LGR_OPT(SMC_NLA_LGR_V2_REL, U8, peer_release),
	LGR_OPT(SMC_NLA_LGR_V2_OS, U8, peer_os),
	LGR_OPT(SMC_NLA_LGR_V2_NEG_EID, PADDED, neg_eid),
	LGR_OPT(SMC_NLA_LGR_V2_PEER_HOST, PADDED, peer_host),
};
static const struct smc_nla_table v2_common = SMC_NLA_TABLE(v2_common_rows,
							    SMC_NLA_LGR_V2_MAX);

static const struct smc_nla_field r_v2_rows[] = {
	LGR_OPT(SMC_NLA_LGR_R_V2_DIRECT, BOOL, direct),
	LGR_OPT(SMC_NLA_LGR_R_V2_MAX_CONNS, U8, max_conns),
	LGR_OPT(SMC_NLA_LGR_R_V2_MAX_LINKS, U8, max_links),
};
static const struct smc_nla_table r_v2 = SMC_NLA_TABLE(r_v2_rows, SMC_NLA_LGR_R_V2_MAX);

/* Two attributes that only mean something together (a GID and its peer's, send and
 * receive buffer totals) are a pair: both readable, or neither is taken.
 */
static const struct smc_nla_field lgr_r_rows[] = {
	LGR_ID(SMC_NLA_LGR_R_ID),
	LGR_OPT(SMC_NLA_LGR_R_ROLE, U8, role),
	LGR_OPT(SMC_NLA_LGR_R_TYPE, U8, type),
	LGR(SMC_NLA_LGR_R_VLAN_ID, U8, vlan_id),
	LGR(SMC_NLA_LGR_R_CONNS_NUM, U32, conns),
	LGR(SMC_NLA_LGR_R_PNETID, PADDED, pnetid),
	LGR_OPT(SMC_NLA_LGR_R_NET_COOKIE, U64, net_cookie),
	LGR_OPT(SMC_NLA_LGR_R_BUF_TYPE, U8, buf_type),
	LGR_PAIR(SMC_NLA_LGR_R_SNDBUF_ALLOC, U64, sndbuf_alloc),
	LGR_OPT(SMC_NLA_LGR_R_RMB_ALLOC, U64, rmb_alloc),
	SMC_NLA_NEST(SMC_NLA_LGR_R_V2_COMMON, &v2_common),
	SMC_NLA_NEST(SMC_NLA_LGR_R_V2, &r_v2),
};
static const struct smc_nla_table lgr_r = SMC_NLA_TABLE(lgr_r_rows, SMC_NLA_LGR_R_MAX);

static const struct smc_nla_field lgr_d_rows[] = {
	LGR_ID(SMC_NLA_LGR_D_ID),
	LGR_PAIR(SMC_NLA_LGR_D_GID, U64, gid),
	LGR_OPT(SMC_NLA_LGR_D_PEER_GID, U64, peer_gid),
	LGR_PAIR(SMC_NLA_LGR_D_EXT_GID, U64, gid_ext),
	LGR_OPT(SMC_NLA_LGR_D_PEER_EXT_GID, U64, peer_gid_ext),
	LGR(SMC_NLA_LGR_D_VLAN_ID, U8, vlan_id),
	LGR(SMC_NLA_LGR_D_CONNS_NUM, U32, conns),
	/* documented as u16 in smc.h, sent with nla_put_u32() by smc_core.c */
	LGR_OPT(SMC_NLA_LGR_D_CHID, U32, chid),
	LGR(SMC_NLA_LGR_D_PNETID, PADDED, pnetid),
	LGR_PAIR(SMC_NLA_LGR_D_SNDBUF_ALLOC, U64, sndbuf_alloc),
	LGR_OPT(SMC_NLA_LGR_D_DMB_ALLOC, U64, rmb_alloc),
	SMC_NLA_NEST(SMC_NLA_LGR_D_V2_COMMON, &v2_common),
};
static const struct smc_nla_table lgr_d = SMC_NLA_TABLE(lgr_d_rows, SMC_NLA_LGR_D_MAX);

int smc_lgr_parse(struct nlmsghdr *msg, bool smcd, struct smc_lgr *lgr)
{
	const struct smc_nla_table *t = smcd ? &lgr_d : &lgr_r;
	/* room for either variant's attributes */
	struct nlattr *tb[(int)SMC_NLA_LGR_R_MAX + (int)SMC_NLA_LGR_D_MAX + 1];
	int rc = smc_genl_parse_nest(msg, smcd ? SMC_GEN_LGR_SMCD : SMC_GEN_LGR_SMCR, tb,
				     t->maxtype);

	memset(lgr, 0, sizeof(*lgr));
	lgr->smcd = smcd;
	lgr->version = 1;
	return rc ? rc : smc_nla_fields(tb, t, lgr);
}

#define LINK(attr, K, m)	SMC_NLA_FIELD(attr, K, struct smc_link, m)

static const struct smc_nla_field link_rows[] = {
	LINK(SMC_NLA_LINK_ID, U8, id),
	LINK(SMC_NLA_LINK_STATE, U32, state),
	LINK(SMC_NLA_LINK_CONN_CNT, U32, conns),
	LINK(SMC_NLA_LINK_IB_PORT, U8, ib_port),
	LINK(SMC_NLA_LINK_NET_DEV, U32, netdev),
	LINK(SMC_NLA_LINK_IB_DEV, PADDED, ib_dev),
	/* a link UID: 4 raw bytes in network order (lgr id + link id) */
	LINK(SMC_NLA_LINK_UID, BE32, uid),
	LINK(SMC_NLA_LINK_PEER_UID, BE32, peer_uid),
	LINK(SMC_NLA_LINK_GID, PADDED, gid),
	LINK(SMC_NLA_LINK_PEER_GID, PADDED, peer_gid),
};
static const struct smc_nla_table link_table = SMC_NLA_TABLE(link_rows, SMC_NLA_LINK_MAX);

int smc_link_parse(struct nlmsghdr *msg, struct smc_link *lnk)
{
	struct nlattr *tb[SMC_NLA_LINK_MAX + 1];
	int rc = smc_genl_parse_nest(msg, SMC_GEN_LINK_SMCR, tb, SMC_NLA_LINK_MAX);

	memset(lnk, 0, sizeof(*lnk));
	return rc ? rc : smc_nla_fields(tb, &link_table, lnk);
}

struct lgr_walk {
	bool		smcd;
	smc_lgr_cb	lgr_cb;
	smc_link_cb	link_cb;
	void		*arg;
	struct smc_lgr	cur;		/* GET_LINK_SMCR: the link group the next links belong to */
	bool		have_cur;
};

static int lgr_msg(struct nlmsghdr *msg, void *arg)
{
	struct lgr_walk *w = arg;
	struct smc_lgr lgr;
	int rc = smc_lgr_parse(msg, w->smcd, &lgr);

	if (rc)
		return rc == -ENODATA ? 0 : rc;
	return w->lgr_cb(&lgr, w->arg);
}

/* GET_LINK_SMCR sends each link group, then its usable links (smc_nl_handle_lgr() in
 * smc_core.c): remember the link group for the link messages that follow it.
 */
static int link_msg(struct nlmsghdr *msg, void *arg)
{
	struct lgr_walk *w = arg;
	struct smc_link lnk;
	int rc = smc_link_parse(msg, &lnk);

	if (rc == -ENODATA) {
		rc = smc_lgr_parse(msg, false, &w->cur);
		w->have_cur = rc == 0;
		return rc == -ENODATA ? 0 : rc;
	}
	if (rc)
		return rc;
	if (!w->have_cur)
		return -EPROTO;
	return w->link_cb(&w->cur, &lnk, w->arg);
}

int smc_lgr_dump(struct smc_nl *nl, bool smcd, smc_lgr_cb cb, void *arg)
{
	struct lgr_walk w = { .smcd = smcd, .lgr_cb = cb, .arg = arg };

	return smc_genl_dump(nl, SMC_GENL_GEN,
			     smcd ? SMC_NETLINK_GET_LGR_SMCD : SMC_NETLINK_GET_LGR_SMCR, lgr_msg, &w);
}

int smc_link_dump(struct smc_nl *nl, smc_link_cb cb, void *arg)
{
	struct lgr_walk w = { .link_cb = cb, .arg = arg };

	return smc_genl_dump(nl, SMC_GENL_GEN, SMC_NETLINK_GET_LINK_SMCR, link_msg, &w);
}
