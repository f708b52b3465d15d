// SPDX-License-Identifier: GPL-2.0
/* smc_lgr.c - decode SMC_GEN_LGR_SMCR, SMC_GEN_LINK_SMCR and SMC_GEN_LGR_SMCD */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include <netlink/attr.h>

#include "nla.h"
#include "smc_lgr.h"

/* Attributes are read through nla.h: one that is absent or malformed leaves its field
 * 0 and its SMC_LGR_HAS_* bit unset; only a missing or malformed ID rejects the message.
 */

/* SMC_NLA_LGR_V2_* numbers from 0 (no UNSPEC), so type 0 is a real attribute. */
static int v2_common_parse(struct nlattr *nest, struct smc_lgr *lgr)
{
	struct nlattr *tb[SMC_NLA_LGR_V2_MAX + 1];

	if (nla_parse_nested(tb, SMC_NLA_LGR_V2_MAX, nest, NULL) < 0)
		return -EPROTO;
	smc_nla_u8(tb[SMC_NLA_LGR_V2_VER], &lgr->v2.ver);
	smc_nla_u8(tb[SMC_NLA_LGR_V2_REL], &lgr->v2.peer_rel);
	smc_nla_u8(tb[SMC_NLA_LGR_V2_OS], &lgr->v2.peer_os);
	smc_nla_padded_str(tb[SMC_NLA_LGR_V2_NEG_EID], lgr->v2.neg_eid, sizeof(lgr->v2.neg_eid));
	smc_nla_padded_str(tb[SMC_NLA_LGR_V2_PEER_HOST], lgr->v2.peer_host,
			   sizeof(lgr->v2.peer_host));
	lgr->has |= SMC_LGR_HAS_V2;
	return 0;
}

/* Two attributes that only mean something together (a GID and its peer's, send and
 * receive buffer totals): both readable, or neither is taken.
 */
static bool read_u64_pair(const struct nlattr *a, const struct nlattr *b, uint64_t *va,
			  uint64_t *vb)
{
	uint64_t x, y;

	if (!smc_nla_u64(a, &x) || !smc_nla_u64(b, &y))
		return false;
	*va = x;
	*vb = y;
	return true;
}

static int lgr_r_parse(struct nl_msg *msg, struct smc_lgr *lgr)
{
	struct nlattr *tb[SMC_NLA_LGR_R_MAX + 1];
	int rc = smc_genl_parse_nest(msg, SMC_GEN_LGR_SMCR, tb, SMC_NLA_LGR_R_MAX);

	memset(lgr, 0, sizeof(*lgr));
	if (rc)
		return rc;
	if (!smc_nla_u32(tb[SMC_NLA_LGR_R_ID], &lgr->id))
		return -EPROTO;
	if (smc_nla_u8(tb[SMC_NLA_LGR_R_ROLE], &lgr->role))
		lgr->has |= SMC_LGR_HAS_ROLE;
	if (smc_nla_u8(tb[SMC_NLA_LGR_R_TYPE], &lgr->type))
		lgr->has |= SMC_LGR_HAS_TYPE;
	smc_nla_u8(tb[SMC_NLA_LGR_R_VLAN_ID], &lgr->vlan_id);
	smc_nla_u32(tb[SMC_NLA_LGR_R_CONNS_NUM], &lgr->conns);
	smc_nla_padded_str(tb[SMC_NLA_LGR_R_PNETID], lgr->pnetid, sizeof(lgr->pnetid));
	if (smc_nla_u64(tb[SMC_NLA_LGR_R_NET_COOKIE], &lgr->net_cookie))
		lgr->has |= SMC_LGR_HAS_NET_COOKIE;
	if (smc_nla_u8(tb[SMC_NLA_LGR_R_BUF_TYPE], &lgr->buf_type))
		lgr->has |= SMC_LGR_HAS_BUF_TYPE;
	if (read_u64_pair(tb[SMC_NLA_LGR_R_SNDBUF_ALLOC], tb[SMC_NLA_LGR_R_RMB_ALLOC],
			  &lgr->sndbuf_alloc, &lgr->rmb_alloc))
		lgr->has |= SMC_LGR_HAS_BUF_ALLOC;
	if (tb[SMC_NLA_LGR_R_V2_COMMON] && v2_common_parse(tb[SMC_NLA_LGR_R_V2_COMMON], lgr))
		return -EPROTO;
	if (tb[SMC_NLA_LGR_R_V2]) {
		struct nlattr *v2[SMC_NLA_LGR_R_V2_MAX + 1];

		if (nla_parse_nested(v2, SMC_NLA_LGR_R_V2_MAX, tb[SMC_NLA_LGR_R_V2], NULL) < 0)
			return -EPROTO;
		if (smc_nla_bool(v2[SMC_NLA_LGR_R_V2_DIRECT], &lgr->direct))
			lgr->has |= SMC_LGR_HAS_DIRECT;
		if (smc_nla_u8(v2[SMC_NLA_LGR_R_V2_MAX_CONNS], &lgr->max_conns))
			lgr->has |= SMC_LGR_HAS_MAX_CONNS;
		if (smc_nla_u8(v2[SMC_NLA_LGR_R_V2_MAX_LINKS], &lgr->max_links))
			lgr->has |= SMC_LGR_HAS_MAX_LINKS;
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
	if (!smc_nla_u32(tb[SMC_NLA_LGR_D_ID], &lgr->id))
		return -EPROTO;
	if (read_u64_pair(tb[SMC_NLA_LGR_D_GID], tb[SMC_NLA_LGR_D_PEER_GID], &lgr->gid,
			  &lgr->peer_gid))
		lgr->has |= SMC_LGR_HAS_GID;
	if (read_u64_pair(tb[SMC_NLA_LGR_D_EXT_GID], tb[SMC_NLA_LGR_D_PEER_EXT_GID],
			  &lgr->gid_ext, &lgr->peer_gid_ext))
		lgr->has |= SMC_LGR_HAS_GID_EXT;
	smc_nla_u8(tb[SMC_NLA_LGR_D_VLAN_ID], &lgr->vlan_id);
	smc_nla_u32(tb[SMC_NLA_LGR_D_CONNS_NUM], &lgr->conns);
	/* documented as u16 in smc.h, sent with nla_put_u32() by smc_core.c */
	if (smc_nla_u32(tb[SMC_NLA_LGR_D_CHID], &lgr->chid))
		lgr->has |= SMC_LGR_HAS_CHID;
	smc_nla_padded_str(tb[SMC_NLA_LGR_D_PNETID], lgr->pnetid, sizeof(lgr->pnetid));
	if (read_u64_pair(tb[SMC_NLA_LGR_D_SNDBUF_ALLOC], tb[SMC_NLA_LGR_D_DMB_ALLOC],
			  &lgr->sndbuf_alloc, &lgr->rmb_alloc))
		lgr->has |= SMC_LGR_HAS_BUF_ALLOC;
	if (tb[SMC_NLA_LGR_D_V2_COMMON] && v2_common_parse(tb[SMC_NLA_LGR_D_V2_COMMON], lgr))
		return -EPROTO;
	return 0;
}

int smc_lgr_parse(struct nl_msg *msg, bool smcd, struct smc_lgr *lgr)
{
	return smcd ? lgr_d_parse(msg, lgr) : lgr_r_parse(msg, lgr);
}

/* A link UID: 4 raw bytes in network order (lgr id + link id); *@uid in host order. */
static void read_uid(const struct nlattr *a, uint32_t *uid)
{
	uint32_t be;

	if (smc_nla_struct(a, &be, sizeof(be), sizeof(be)))
		*uid = ntohl(be);
}

int smc_link_parse(struct nl_msg *msg, struct smc_link *lnk)
{
	struct nlattr *tb[SMC_NLA_LINK_MAX + 1];
	int rc = smc_genl_parse_nest(msg, SMC_GEN_LINK_SMCR, tb, SMC_NLA_LINK_MAX);

	memset(lnk, 0, sizeof(*lnk));
	if (rc)
		return rc;
	smc_nla_u8(tb[SMC_NLA_LINK_ID], &lnk->id);
	smc_nla_u32(tb[SMC_NLA_LINK_STATE], &lnk->state);
	smc_nla_u32(tb[SMC_NLA_LINK_CONN_CNT], &lnk->conns);
	smc_nla_u8(tb[SMC_NLA_LINK_IB_PORT], &lnk->ib_port);
	smc_nla_u32(tb[SMC_NLA_LINK_NET_DEV], &lnk->netdev);
	smc_nla_padded_str(tb[SMC_NLA_LINK_IB_DEV], lnk->ib_dev, sizeof(lnk->ib_dev));
	read_uid(tb[SMC_NLA_LINK_UID], &lnk->uid);
	read_uid(tb[SMC_NLA_LINK_PEER_UID], &lnk->peer_uid);
	smc_nla_padded_str(tb[SMC_NLA_LINK_GID], lnk->gid, sizeof(lnk->gid));
	smc_nla_padded_str(tb[SMC_NLA_LINK_PEER_GID], lnk->peer_gid, sizeof(lnk->peer_gid));
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
	int rc = smc_lgr_parse(msg, w->smcd, &lgr);

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
	int rc = smc_link_parse(msg, &lnk);

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
