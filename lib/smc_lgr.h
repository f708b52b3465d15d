/* SPDX-License-Identifier: GPL-2.0 */
/* smc_lgr.h - link groups and links: SMC_NETLINK_GET_LGR_SMCR, GET_LINK_SMCR, GET_LGR_SMCD */
#ifndef SMC_LGR_H
#define SMC_LGR_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/smc.h>

#include "nl.h"

enum {
	SMC_LGR_HAS_V2		= 1u << 0,	/* SMCv2 link group: struct smc_lgr_v2 valid */
	SMC_LGR_HAS_NET_COOKIE	= 1u << 1,	/* SMC-R, 5.17+ */
	SMC_LGR_HAS_BUF_TYPE	= 1u << 2,	/* SMC-R, 6.0+ */
	SMC_LGR_HAS_BUF_ALLOC	= 1u << 3,	/* 6.11+ */
	SMC_LGR_HAS_DIRECT	= 1u << 4,	/* SMC-Rv2, 5.16+ */
	SMC_LGR_HAS_MAX_CONNS	= 1u << 5,	/* SMC-Rv2.1, 6.6+ */
	SMC_LGR_HAS_MAX_LINKS	= 1u << 6,
	SMC_LGR_HAS_GID		= 1u << 7,	/* SMC-D */
	SMC_LGR_HAS_GID_EXT	= 1u << 8,	/* SMC-D 128-bit GIDs, 6.8+ */
	SMC_LGR_HAS_CHID	= 1u << 9,	/* SMC-D */
	SMC_LGR_HAS_ROLE	= 1u << 10,	/* SMC-R */
	SMC_LGR_HAS_TYPE	= 1u << 11,	/* SMC-R */
};

struct smc_lgr_v2 {
	uint8_t	ver, peer_rel, peer_os;
	char	neg_eid[SMC_MAX_EID_LEN + 1];
	char	peer_host[SMC_MAX_HOSTNAME_LEN + 1];
};

/* One struct for SMC-R and SMC-D link groups; .smcd tells which fields apply. */
struct smc_lgr {
	bool			smcd;
	uint32_t		id;
	uint8_t			role;		/* SMC-R: 0 client, 1 server */
	uint8_t			type;		/* SMC-R: SMC_LGR_* link group type */
	uint8_t			vlan_id;
	uint8_t			buf_type;	/* SMC-R: 0 physically, 1 virtually contiguous */
	uint32_t		conns;
	char			pnetid[17];
	uint64_t		net_cookie;
	uint64_t		sndbuf_alloc, rmb_alloc;	/* bytes; RMB = DMB for SMC-D */
	bool			direct;		/* SMC-Rv2: peer reached without a gateway */
	uint8_t			max_conns, max_links;
	uint64_t		gid, gid_ext, peer_gid, peer_gid_ext;
	uint32_t		chid;
	struct smc_lgr_v2	v2;
	unsigned int		has;		/* SMC_LGR_HAS_* */
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
int smc_lgr_parse(struct nl_msg *msg, bool smcd, struct smc_lgr *lgr);
/* Decode one GET_LINK_SMCR message. Return: 0; -ENODATA if it carries no link (but,
 * say, its link group); -EPROTO if malformed.
 */
int smc_link_parse(struct nl_msg *msg, struct smc_link *lnk);

/* Stream every SMC-R (@smcd false) or SMC-D link group, host-wide. Return: 0 or -errno. */
int smc_lgr_dump(struct smc_nl *nl, bool smcd, smc_lgr_cb cb, void *arg);
/* Stream every usable SMC-R link with its link group. Return: 0 or -errno. */
int smc_link_dump(struct smc_nl *nl, smc_link_cb cb, void *arg);

#endif
