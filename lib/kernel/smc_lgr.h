/* SPDX-License-Identifier: GPL-2.0 */
/* smc_lgr.h - link groups and links: SMC_NETLINK_GET_LGR_SMCR, GET_LINK_SMCR, GET_LGR_SMCD */
#ifndef SMC_LGR_H
#define SMC_LGR_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/smc.h>

#include "nl.h"
#include "nla.h"

/*
 * One struct for SMC-R and SMC-D link groups; .smcd tells which fields apply. The
 * attributes each field comes from are in smc_lgr.c's parse tables; an SMC_OPT is one
 * an older kernel (the version noted) or the other SMC variant does not send.
 */
struct smc_lgr {
	bool			smcd;
	uint32_t		id;
	SMC_OPT(uint8_t)	role;		/* SMC-R: 0 client, 1 server */
	SMC_OPT(uint8_t)	type;		/* SMC-R: SMC_LGR_* link group type */
	uint8_t			vlan_id;
	uint32_t		conns;
	char			pnetid[17];
	uint8_t			version;	/* 1, or the SMCv2 nest's */
	SMC_OPT(uint8_t)	peer_release;	/* SMCv2 */
	SMC_OPT_STR(SMC_MAX_HOSTNAME_LEN + 1) peer_host;
	SMC_OPT(uint8_t)	peer_os;
	SMC_OPT(bool)		direct;		/* SMC-Rv2, 5.16+: peer reached without a gateway */
	SMC_OPT_STR(SMC_MAX_EID_LEN + 1) neg_eid;
	SMC_OPT(uint64_t)	sndbuf_alloc;	/* bytes, 6.11+ */
	SMC_OPT(uint64_t)	rmb_alloc;	/* bytes: the RMBs, or SMC-D's DMBs */
	SMC_OPT(uint8_t)	max_conns;	/* SMC-Rv2.1, 6.6+ */
	SMC_OPT(uint8_t)	max_links;
	SMC_OPT(uint8_t)	buf_type;	/* SMC-R, 6.0+: 0 physically, 1 virtually contiguous */
	SMC_OPT(uint64_t)	net_cookie;	/* SMC-R, 5.17+ */
	SMC_OPT(uint64_t)	gid, peer_gid;	/* SMC-D */
	SMC_OPT(uint64_t)	gid_ext, peer_gid_ext;	/* SMC-D 128-bit GIDs, 6.8+ */
	SMC_OPT(uint32_t)	chid;		/* SMC-D */
};

struct smc_link {
	uint8_t		id;
	uint32_t	state;		/* 0 unused, 1 inactive, 2 activating, 3 active */
	uint32_t	conns;
	uint8_t		ib_port;
	uint32_t	netdev;		/* ifindex in the link group's namespace, 0 if none */
	char		ib_dev[64];
	uint32_t	uid, peer_uid;	/* host order */
	char		gid[41], peer_gid[41];
};

typedef int (*smc_lgr_cb)(const struct smc_lgr *lgr, void *arg);
typedef int (*smc_link_cb)(const struct smc_lgr *lgr, const struct smc_link *lnk, void *arg);

/* Decode one GET_LGR_SMCR (@smcd false) / GET_LGR_SMCD reply message.
 * Return: 0; -ENODATA if it carries no link group; -EPROTO if malformed.
 */
int smc_lgr_parse(struct nlmsghdr *msg, bool smcd, struct smc_lgr *lgr);
/* Decode one GET_LINK_SMCR message. Return: 0; -ENODATA if it carries no link (but,
 * say, its link group); -EPROTO if malformed.
 */
int smc_link_parse(struct nlmsghdr *msg, struct smc_link *lnk);

/* Stream every SMC-R (@smcd false) or SMC-D link group, host-wide. Return: 0 or -errno. */
int smc_lgr_dump(struct smc_nl *nl, bool smcd, smc_lgr_cb cb, void *arg);
/* Stream every usable SMC-R link with its link group. Return: 0 or -errno. */
int smc_link_dump(struct smc_nl *nl, smc_link_cb cb, void *arg);

#endif
