/* SPDX-License-Identifier: GPL-2.0 */
/* smc_sys.h - SMC system information, system EID and handshake limitation */
#ifndef SMC_SYS_H
#define SMC_SYS_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/smc.h>

#include "nl.h"

enum {
	SMC_SYS_HAS_VER		= 1u << 0,
	SMC_SYS_HAS_REL		= 1u << 1,
	SMC_SYS_HAS_ISM_V2	= 1u << 2,
	SMC_SYS_HAS_HOST	= 1u << 3,
	SMC_SYS_HAS_SEID	= 1u << 4,	/* only on ISMv2-capable (s390) hosts */
	SMC_SYS_HAS_SMCR_V2	= 1u << 5,	/* 5.16+ */
};

struct smc_sys {
	uint8_t		ver, rel;		/* SMC version and release the kernel speaks */
	bool		ism_v2, smcr_v2;	/* SMC-Dv2 hardware / SMC-Rv2 capable */
	char		host[SMC_MAX_HOSTNAME_LEN + 1];
	char		seid[SMC_MAX_EID_LEN + 1];
	unsigned int	has;
};

/* SMC_NETLINK_GET_SYS_INFO. Return: 0 or -errno. */
int smc_sys_get(struct smc_nl *nl, struct smc_sys *sys);
/* Decode one GET_SYS_INFO message (a message without the nest leaves @sys empty).
 * Return: 0 or -EPROTO.
 */
int smc_sys_parse(struct nlmsghdr *msg, struct smc_sys *sys);

struct smc_seid {
	char	seid[SMC_MAX_EID_LEN + 1];
	bool	enabled;
	bool	present;	/* false: no system EID on this host (no ISMv2, e.g. x86) */
};

/* SMC_NETLINK_{DUMP,ENABLE,DISABLE}_SEID (5.16+). Return: 0 or -errno. */
int smc_seid_get(struct smc_nl *nl, struct smc_seid *seid);
int smc_seid_set(struct smc_nl *nl, bool enable);
/* Decode one DUMP_SEID message. Return: 0 or -EPROTO. */
int smc_seid_parse(struct nlmsghdr *msg, struct smc_seid *seid);

/* Handshake limitation (5.18+, per network namespace): when on, a server falls back to
 * TCP rather than queue more SMC handshakes than its workers can take.
 */
int smc_hs_limit_get(struct smc_nl *nl, bool *enabled);
int smc_hs_limit_set(struct smc_nl *nl, bool enable);

#endif
