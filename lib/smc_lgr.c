// SPDX-License-Identifier: GPL-2.0
/* smc_lgr.c - decode SMC_GEN_LGR_SMCR, SMC_GEN_LINK_SMCR and SMC_GEN_LGR_SMCD */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include <netlink/attr.h>

#include "smc_lgr.h"

static uint8_t get_u8(const struct nlattr *a) { return (uint8_t)smc_nla_get_uint(a); }
static uint32_t get_u32(const struct nlattr *a) { return (uint32_t)smc_nla_get_uint(a); }

/* SMC_NLA_LGR_V2_* numbers from 0 (no UNSPEC), so type 0 is a real attribute. */
static int v2_common_parse(struct nlattr *nest, struct smc_lgr *lgr)
{
	struct nlattr *tb[SMC_NLA_LGR_V2_MAX + 1];

	if (nla_parse_nested(tb, SMC_NLA_LGR_V2_MAX, nest, NULL) < 0)
		return -EPROTO;
	if (tb[SMC_NLA_LGR_V2_VER])
		lgr->v2.ver = get_u8(tb[SMC_NLA_LGR_V2_VER]);
	if (tb[SMC_NLA_LGR_V2_REL])
		lgr->v2.peer_rel = get_u8(tb[SMC_NLA_LGR_V2_REL]);
	if (tb[SMC_NLA_LGR_V2_OS])
		lgr->v2.peer_os = get_u8(tb[SMC_NLA_LGR_V2_OS]);
	if (tb[SMC_NLA_LGR_V2_NEG_EID])
		smc_nla_copy_str(lgr->v2.neg_eid, sizeof(lgr->v2.neg_eid),
				 tb[SMC_NLA_LGR_V2_NEG_EID]);
	if (tb[SMC_NLA_LGR_V2_PEER_HOST])
		smc_nla_copy_str(lgr->v2.peer_host, sizeof(lgr->v2.peer_host),
				 tb[SMC_NLA_LGR_V2_PEER_HOST]);
	lgr->has |= SMC_LGR_HAS_V2;
	return 0;
}

static int lgr_r_parse(struct nl_msg *msg, struct smc_lgr *lgr)
{
	struct nlattr *tb[SMC_NLA_LGR_R_MAX + 1];
	int rc = smc_genl_parse_nest(msg, SMC_GEN_LGR_SMCR, tb, SMC_NLA_LGR_R_MAX);

	memset(lgr, 0, sizeof(*lgr));
	if (rc)
		return rc;
	if (!tb[SMC_NLA_LGR_R_ID])
		return -EPROTO;
	lgr->id = get_u32(tb[SMC_NLA_LGR_R_ID]);
	if (tb[SMC_NLA_LGR_R_ROLE]) {
		lgr->role = get_u8(tb[SMC_NLA_LGR_R_ROLE]);
		lgr->has |= SMC_LGR_HAS_ROLE;
	}
	if (tb[SMC_NLA_LGR_R_TYPE]) {
		lgr->type = get_u8(tb[SMC_NLA_LGR_R_TYPE]);
		lgr->has |= SMC_LGR_HAS_TYPE;
	}
	if (tb[SMC_NLA_LGR_R_VLAN_ID])
		lgr->vlan_id = get_u8(tb[SMC_NLA_LGR_R_VLAN_ID]);
	if (tb[SMC_NLA_LGR_R_CONNS_NUM])
		lgr->conns = get_u32(tb[SMC_NLA_LGR_R_CONNS_NUM]);
	if (tb[SMC_NLA_LGR_R_PNETID])
		smc_nla_copy_str(lgr->pnetid, sizeof(lgr->pnetid), tb[SMC_NLA_LGR_R_PNETID]);
	if (tb[SMC_NLA_LGR_R_NET_COOKIE]) {
		lgr->net_cookie = smc_nla_get_uint(tb[SMC_NLA_LGR_R_NET_COOKIE]);
		lgr->has |= SMC_LGR_HAS_NET_COOKIE;
	}
	if (tb[SMC_NLA_LGR_R_BUF_TYPE]) {
		lgr->buf_type = get_u8(tb[SMC_NLA_LGR_R_BUF_TYPE]);
		lgr->has |= SMC_LGR_HAS_BUF_TYPE;
	}
	if (tb[SMC_NLA_LGR_R_SNDBUF_ALLOC] && tb[SMC_NLA_LGR_R_RMB_ALLOC]) {
		lgr->sndbuf_alloc = smc_nla_get_uint(tb[SMC_NLA_LGR_R_SNDBUF_ALLOC]);
		lgr->rmb_alloc = smc_nla_get_uint(tb[SMC_NLA_LGR_R_RMB_ALLOC]);
		lgr->has |= SMC_LGR_HAS_BUF_ALLOC;
	}
	if (tb[SMC_NLA_LGR_R_V2_COMMON] && v2_common_parse(tb[SMC_NLA_LGR_R_V2_COMMON], lgr))
		return -EPROTO;
	if (tb[SMC_NLA_LGR_R_V2]) {
		struct nlattr *v2[SMC_NLA_LGR_R_V2_MAX + 1];

		if (nla_parse_nested(v2, SMC_NLA_LGR_R_V2_MAX, tb[SMC_NLA_LGR_R_V2], NULL) < 0)
			return -EPROTO;
		if (v2[SMC_NLA_LGR_R_V2_DIRECT]) {
			lgr->direct = get_u8(v2[SMC_NLA_LGR_R_V2_DIRECT]) != 0;
			lgr->has |= SMC_LGR_HAS_DIRECT;
		}
		if (v2[SMC_NLA_LGR_R_V2_MAX_CONNS]) {
			lgr->max_conns = get_u8(v2[SMC_NLA_LGR_R_V2_MAX_CONNS]);
			lgr->has |= SMC_LGR_HAS_MAX_CONNS;
		}
		if (v2[SMC_NLA_LGR_R_V2_MAX_LINKS]) {
			lgr->max_links = get_u8(v2[SMC_NLA_LGR_R_V2_MAX_LINKS]);
			lgr->has |= SMC_LGR_HAS_MAX_LINKS;
		}
	}
	return 0;
}

static int lgr_d_parse(struct nl_msg *msg, struct smc_lgr *lgr)
{
	struct nlattr *tb[SMC_NLA_LGR_D_MAX + 1];
	int rc = smc_genl_parse_nest(msg, SMC_GEN_LGR_SMCD, tb, SMC_NLA_LGR_D_MAX);

	memset(lgr, 0, sizeof(*lgr));
	lgr->smcd = true;
	if (rc)
		return rc;
	if (!tb[SMC_NLA_LGR_D_ID])
		return -EPROTO;
	lgr->id = get_u32(tb[SMC_NLA_LGR_D_ID]);
	if (tb[SMC_NLA_LGR_D_GID] && tb[SMC_NLA_LGR_D_PEER_GID]) {
		lgr->gid = smc_nla_get_uint(tb[SMC_NLA_LGR_D_GID]);
		lgr->peer_gid = smc_nla_get_uint(tb[SMC_NLA_LGR_D_PEER_GID]);
		lgr->has |= SMC_LGR_HAS_GID;
	}
	if (tb[SMC_NLA_LGR_D_EXT_GID] && tb[SMC_NLA_LGR_D_PEER_EXT_GID]) {
		lgr->gid_ext = smc_nla_get_uint(tb[SMC_NLA_LGR_D_EXT_GID]);
		lgr->peer_gid_ext = smc_nla_get_uint(tb[SMC_NLA_LGR_D_PEER_EXT_GID]);
		lgr->has |= SMC_LGR_HAS_GID_EXT;
	}
	if (tb[SMC_NLA_LGR_D_VLAN_ID])
		lgr->vlan_id = get_u8(tb[SMC_NLA_LGR_D_VLAN_ID]);
	if (tb[SMC_NLA_LGR_D_CONNS_NUM])
		lgr->conns = get_u32(tb[SMC_NLA_LGR_D_CONNS_NUM]);
	/* documented as u16 in smc.h, sent with nla_put_u32() by smc_core.c */
	if (tb[SMC_NLA_LGR_D_CHID]) {
		lgr->chid = get_u32(tb[SMC_NLA_LGR_D_CHID]);
		lgr->has |= SMC_LGR_HAS_CHID;
	}
	if (tb[SMC_NLA_LGR_D_PNETID])
		smc_nla_copy_str(lgr->pnetid, sizeof(lgr->pnetid), tb[SMC_NLA_LGR_D_PNETID]);
	if (tb[SMC_NLA_LGR_D_SNDBUF_ALLOC] && tb[SMC_NLA_LGR_D_DMB_ALLOC]) {
		lgr->sndbuf_alloc = smc_nla_get_uint(tb[SMC_NLA_LGR_D_SNDBUF_ALLOC]);
		lgr->rmb_alloc = smc_nla_get_uint(tb[SMC_NLA_LGR_D_DMB_ALLOC]);
		lgr->has |= SMC_LGR_HAS_BUF_ALLOC;
	}
	if (tb[SMC_NLA_LGR_D_V2_COMMON] && v2_common_parse(tb[SMC_NLA_LGR_D_V2_COMMON], lgr))
		return -EPROTO;
	return 0;
}

static int link_parse(struct nl_msg *msg, struct smc_link *lnk)
{
	struct nlattr *tb[SMC_NLA_LINK_MAX + 1];
	int rc = smc_genl_parse_nest(msg, SMC_GEN_LINK_SMCR, tb, SMC_NLA_LINK_MAX);

	memset(lnk, 0, sizeof(*lnk));
	if (rc)
		return rc;
	if (tb[SMC_NLA_LINK_ID])
		lnk->id = get_u8(tb[SMC_NLA_LINK_ID]);
	if (tb[SMC_NLA_LINK_STATE])
		lnk->state = get_u32(tb[SMC_NLA_LINK_STATE]);
	if (tb[SMC_NLA_LINK_CONN_CNT])
		lnk->conns = get_u32(tb[SMC_NLA_LINK_CONN_CNT]);
	if (tb[SMC_NLA_LINK_IB_PORT])
		lnk->ib_port = get_u8(tb[SMC_NLA_LINK_IB_PORT]);
	if (tb[SMC_NLA_LINK_NET_DEV])
		lnk->netdev = get_u32(tb[SMC_NLA_LINK_NET_DEV]);
	if (tb[SMC_NLA_LINK_IB_DEV])
		smc_nla_copy_str(lnk->ib_dev, sizeof(lnk->ib_dev), tb[SMC_NLA_LINK_IB_DEV]);
	/* the UIDs are 4 raw bytes in network order (lgr id + link id) */
	if (tb[SMC_NLA_LINK_UID])
		lnk->uid = ntohl(get_u32(tb[SMC_NLA_LINK_UID]));
	if (tb[SMC_NLA_LINK_PEER_UID])
		lnk->peer_uid = ntohl(get_u32(tb[SMC_NLA_LINK_PEER_UID]));
	if (tb[SMC_NLA_LINK_GID])
		smc_nla_copy_str(lnk->gid, sizeof(lnk->gid), tb[SMC_NLA_LINK_GID]);
	if (tb[SMC_NLA_LINK_PEER_GID])
		smc_nla_copy_str(lnk->peer_gid, sizeof(lnk->peer_gid), tb[SMC_NLA_LINK_PEER_GID]);
	return 0;
}

struct lgr_walk {
	bool		smcd;
	smc_lgr_cb	lgr_cb;
	smc_link_cb	link_cb;
	void		*arg;
	struct smc_lgr	cur;		/* GET_LINK_SMCR: the link group the next links belong to */
	bool		have_cur;
};

static int lgr_msg(struct nl_msg *msg, void *arg)
{
	struct lgr_walk *w = arg;
	struct smc_lgr lgr;
	int rc = w->smcd ? lgr_d_parse(msg, &lgr) : lgr_r_parse(msg, &lgr);

	if (rc)
		return rc == -ENODATA ? 0 : rc;
	return w->lgr_cb(&lgr, w->arg);
}

/* GET_LINK_SMCR sends each link group, then its usable links (smc_nl_handle_lgr() in
 * smc_core.c): remember the link group for the link messages that follow it.
 */
static int link_msg(struct nl_msg *msg, void *arg)
{
	struct lgr_walk *w = arg;
	struct smc_link lnk;
	int rc = link_parse(msg, &lnk);

	if (rc == -ENODATA) {
		rc = lgr_r_parse(msg, &w->cur);
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
