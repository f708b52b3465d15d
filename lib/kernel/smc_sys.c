// SPDX-License-Identifier: GPL-2.0
/* smc_sys.c - SMC_NETLINK_GET_SYS_INFO, *_SEID and *_HS_LIMITATION */
#include <errno.h>
#include <string.h>


#include "nla.h"
#include "smc_sys.h"

/* Attributes are read through nla.h: one that is absent or malformed leaves its field
 * unset and its HAS_* bit clear.
 */

static int sys_msg(struct nlmsghdr *msg, void *arg)
{
	struct nlattr *tb[SMC_NLA_SYS_MAX + 1];
	struct smc_sys *sys = arg;
	int rc = smc_genl_parse_nest(msg, SMC_GEN_SYS_INFO, tb, SMC_NLA_SYS_MAX);

	if (rc)
		return rc == -ENODATA ? 0 : rc;
	if (smc_nla_u8(tb[SMC_NLA_SYS_VER], &sys->ver))
		sys->has |= SMC_SYS_HAS_VER;
	if (smc_nla_u8(tb[SMC_NLA_SYS_REL], &sys->rel))
		sys->has |= SMC_SYS_HAS_REL;
	if (smc_nla_bool(tb[SMC_NLA_SYS_IS_ISM_V2], &sys->ism_v2))
		sys->has |= SMC_SYS_HAS_ISM_V2;
	if (smc_nla_bool(tb[SMC_NLA_SYS_IS_SMCR_V2], &sys->smcr_v2))
		sys->has |= SMC_SYS_HAS_SMCR_V2;
	if (smc_nla_padded_str(tb[SMC_NLA_SYS_LOCAL_HOST], sys->host, sizeof(sys->host)))
		sys->has |= SMC_SYS_HAS_HOST;
	/* hosts without a system EID send an empty one (seen on 6.12, x86) */
	if (smc_nla_padded_str(tb[SMC_NLA_SYS_SEID], sys->seid, sizeof(sys->seid)) &&
	    sys->seid[0])
		sys->has |= SMC_SYS_HAS_SEID;
	return 0;
}

int smc_sys_parse(struct nlmsghdr *msg, struct smc_sys *sys)
{
	memset(sys, 0, sizeof(*sys));
	return sys_msg(msg, sys);
}

int smc_sys_get(struct smc_nl *nl, struct smc_sys *sys)
{
	memset(sys, 0, sizeof(*sys));
	return smc_genl_dump(nl, SMC_GENL_GEN, SMC_NETLINK_GET_SYS_INFO, sys_msg, sys);
}

/* SEID and HS-limitation replies carry top-level attributes, no nest. */
static int seid_msg(struct nlmsghdr *msg, void *arg)
{
	struct nlattr *tb[SMC_NLA_SEID_TABLE_MAX + 1];
	struct smc_seid *seid = arg;

	if (smc_genlmsg_parse(msg, tb, SMC_NLA_SEID_TABLE_MAX) < 0)
		return -EPROTO;
	/* a host without ISMv2 gets an empty message (smc_nl_dump_seid()) */
	if (!tb[SMC_NLA_SEID_ENTRY])
		return 0;
	/* the entry is what the message is about: unreadable, the message is malformed */
	if (!smc_nla_padded_str(tb[SMC_NLA_SEID_ENTRY], seid->seid, sizeof(seid->seid)))
		return -EPROTO;
	/* an empty SEID (x86, seen on 6.12) is no SEID */
	seid->present = seid->seid[0] != '\0';
	seid->enabled = false;
	smc_nla_bool(tb[SMC_NLA_SEID_ENABLED], &seid->enabled);
	return 0;
}

int smc_seid_parse(struct nlmsghdr *msg, struct smc_seid *seid)
{
	memset(seid, 0, sizeof(*seid));
	return seid_msg(msg, seid);
}

int smc_seid_get(struct smc_nl *nl, struct smc_seid *seid)
{
	memset(seid, 0, sizeof(*seid));
	return smc_genl_dump(nl, SMC_GENL_GEN, SMC_NETLINK_DUMP_SEID, seid_msg, seid);
}

int smc_seid_set(struct smc_nl *nl, bool enable)
{
	return smc_genl_do(nl, SMC_GENL_GEN,
			   enable ? SMC_NETLINK_ENABLE_SEID : SMC_NETLINK_DISABLE_SEID, NULL, NULL);
}

static int hs_msg(struct nlmsghdr *msg, void *arg)
{
	struct nlattr *tb[SMC_NLA_HS_LIMITATION_MAX + 1];
	bool *enabled = arg;

	if (smc_genlmsg_parse(msg, tb, SMC_NLA_HS_LIMITATION_MAX) < 0)
		return -EPROTO;
	smc_nla_bool(tb[SMC_NLA_HS_LIMITATION_ENABLED], enabled);
	return 0;
}

int smc_hs_limit_get(struct smc_nl *nl, bool *enabled)
{
	*enabled = false;
	return smc_genl_dump(nl, SMC_GENL_GEN, SMC_NETLINK_DUMP_HS_LIMITATION, hs_msg, enabled);
}

int smc_hs_limit_set(struct smc_nl *nl, bool enable)
{
	return smc_genl_do(nl, SMC_GENL_GEN, enable ? SMC_NETLINK_ENABLE_HS_LIMITATION :
			   SMC_NETLINK_DISABLE_HS_LIMITATION, NULL, NULL);
}
