/* SPDX-License-Identifier: GPL-2.0 */
/* smc_pnet.h - the PNET table (generic-netlink family SMC_PNETID, Linux 4.11+)
 *
 * A PNET ID ties network interfaces to the RDMA (or ISM) device ports on the same
 * physical network, so SMC knows which device may carry a TCP connection's traffic.
 * The netdev part of the table is per network namespace; RDMA/ISM entries are global
 * and can only be set from the initial namespace.
 */
#ifndef SMC_PNET_H
#define SMC_PNET_H

#include <stdbool.h>
#include <stdint.h>

#include "nl.h"

#define SMC_PNETID_MAXLEN	16	/* SMC_MAX_PNETID_LEN in net/smc/smc_pnet.h */
#define SMC_PNET_IFNAME_MAXLEN	15	/* IFNAMSIZ - 1 */
#define SMC_PNET_IBNAME_MAXLEN	63	/* IB_DEVICE_NAME_MAX - 1 */
#define SMC_PNET_MAX_PORT	2	/* SMC_MAX_PORTS */

struct smc_pnet_entry {
	char	pnetid[SMC_PNETID_MAXLEN + 1];
	char	netdev[SMC_PNET_IFNAME_MAXLEN + 1];	/* "" if none */
	char	ibdev[SMC_PNET_IBNAME_MAXLEN + 1];	/* "" if none */
	uint8_t	ib_port;				/* 0 if none */
};

/**
 * smc_pnetid_normalize() - check a PNET ID and bring it to the kernel's form
 * @out: receives the upper-cased ID (SMC_PNETID_MAXLEN + 1 bytes)
 *
 * The kernel (smc_pnetid_valid()) accepts 1-16 letters and digits and upper-cases them.
 * Return: true if valid.
 */
bool smc_pnetid_normalize(const char *in, char *out);

typedef int (*smc_pnet_cb)(const struct smc_pnet_entry *e, void *arg);

/* Decode one SMC_PNETID_GET message ("n/a" parts and port 255 become ""/0).
 * Return: 0 or -EPROTO (malformed, or no PNET ID).
 */
int smc_pnet_parse(struct nlmsghdr *msg, struct smc_pnet_entry *e);
/* Stream the table of the current namespace; @pnetid (normalized) or NULL for all. */
int smc_pnet_dump(struct smc_nl *nl, const char *pnetid, smc_pnet_cb cb, void *arg);
/* Add @e (pnetid plus netdev and/or ibdev+ib_port). Return: 0 or -errno (-EEXIST ...). */
int smc_pnet_add(struct smc_nl *nl, const struct smc_pnet_entry *e);
/* Remove every entry of @pnetid. Return: 0, -ENOENT if there was none, or -errno. */
int smc_pnet_del(struct smc_nl *nl, const char *pnetid);
int smc_pnet_flush(struct smc_nl *nl);

/* Is this process in the initial network namespace? Return: 1, 0, or -errno. */
int smc_netns_is_initial(void);

#endif
