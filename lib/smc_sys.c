// SPDX-License-Identifier: GPL-2.0
/* smc_sys.c - SMC_NETLINK_GET_SYS_INFO, *_SEID and *_HS_LIMITATION */
#include <errno.h>
#include <string.h>

#include <netlink/genl/genl.h>

#include "smc_sys.h"

static int sys_msg(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[SMC_NLA_SYS_MAX + 1];
	struct smc_sys *sys = arg;
	int rc = smc_genl_parse_nest(msg, SMC_GEN_SYS_INFO, tb, SMC_NLA_SYS_MAX);

	if (rc)
		return rc == -ENODATA ? 0 : rc;
	if (tb[SMC_NLA_SYS_VER]) {
		sys->ver = (uint8_t)smc_nla_get_uint(tb[SMC_NLA_SYS_VER]);
		sys->has |= SMC_SYS_HAS_VER;
	}
	if (tb[SMC_NLA_SYS_REL]) {
		sys->rel = (uint8_t)smc_nla_get_uint(tb[SMC_NLA_SYS_REL]);
		sys->has |= SMC_SYS_HAS_REL;
	}
	if (tb[SMC_NLA_SYS_IS_ISM_V2]) {
		sys->ism_v2 = smc_nla_get_uint(tb[SMC_NLA_SYS_IS_ISM_V2]) != 0;
		sys->has |= SMC_SYS_HAS_ISM_V2;
	}
	if (tb[SMC_NLA_SYS_IS_SMCR_V2]) {
		sys->smcr_v2 = smc_nla_get_uint(tb[SMC_NLA_SYS_IS_SMCR_V2]) != 0;
		sys->has |= SMC_SYS_HAS_SMCR_V2;
	}
	if (tb[SMC_NLA_SYS_LOCAL_HOST]) {
		smc_nla_copy_str(sys->host, sizeof(sys->host), tb[SMC_NLA_SYS_LOCAL_HOST]);
		sys->has |= SMC_SYS_HAS_HOST;
	}
	if (tb[SMC_NLA_SYS_SEID]) {
		smc_nla_copy_str(sys->seid, sizeof(sys->seid), tb[SMC_NLA_SYS_SEID]);
		/* hosts without a system EID send an empty one (seen on 6.12, x86) */
		if (sys->seid[0])
			sys->has |= SMC_SYS_HAS_SEID;
	}
	return 0;
}

int smc_sys_get(struct smc_nl *nl, struct smc_sys *sys)
{
	memset(sys, 0, sizeof(*sys));
	return smc_genl_dump(nl, SMC_GENL_GEN, SMC_NETLINK_GET_SYS_INFO, sys_msg, sys);
}

/* SEID and HS-limitation replies carry top-level attributes, no nest. */
static int seid_msg(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[SMC_NLA_SEID_TABLE_MAX + 1];
	struct smc_seid *seid = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, SMC_NLA_SEID_TABLE_MAX, NULL) < 0)
		return -EPROTO;
	/* a host without ISMv2 gets an empty message (smc_nl_dump_seid()) */
	if (!tb[SMC_NLA_SEID_ENTRY])
		return 0;
	smc_nla_copy_str(seid->seid, sizeof(seid->seid), tb[SMC_NLA_SEID_ENTRY]);
	/* an empty SEID (x86, seen on 6.12) is no SEID */
	seid->present = seid->seid[0] != '\0';
	seid->enabled = tb[SMC_NLA_SEID_ENABLED] && smc_nla_get_uint(tb[SMC_NLA_SEID_ENABLED]);
	return 0;
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

static int hs_msg(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[SMC_NLA_HS_LIMITATION_MAX + 1];
	bool *enabled = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, SMC_NLA_HS_LIMITATION_MAX, NULL) < 0)
		return -EPROTO;
	if (tb[SMC_NLA_HS_LIMITATION_ENABLED])
		*enabled = smc_nla_get_uint(tb[SMC_NLA_HS_LIMITATION_ENABLED]) != 0;
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
