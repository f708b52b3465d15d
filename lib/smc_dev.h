/* SPDX-License-Identifier: GPL-2.0 */
/* smc_dev.h - SMC-R (RDMA) and SMC-D (ISM) devices: SMC_NETLINK_GET_DEV_SMC{R,D} */
#ifndef SMC_DEV_H
#define SMC_DEV_H

#include <stdbool.h>
#include <stdint.h>

#include "nl.h"

#define SMC_DEV_MAX_PORTS	2
#define SMC_DEV_NAME_MAXLEN	63	/* IB_DEVICE_NAME_MAX - 1 */

enum {
	SMC_DEV_HAS_USE_CNT	= 1u << 0,	/* SMC-D only */
	SMC_DEV_HAS_IS_CRIT	= 1u << 1,
	SMC_DEV_HAS_PCI		= 1u << 2,	/* SMC-R: only if the device has a parent */
	SMC_DEV_HAS_IB_NAME	= 1u << 3,	/* SMC-R */
};

enum {
	SMC_PORT_HAS_PNET_USR	= 1u << 0,
	SMC_PORT_HAS_PNETID	= 1u << 1,
	SMC_PORT_HAS_NETDEV	= 1u << 2,
	SMC_PORT_HAS_STATE	= 1u << 3,
	SMC_PORT_HAS_LNK_CNT	= 1u << 4,
};

struct smc_dev_port {
	bool		present;	/* the kernel sent this port (a valid port) */
	bool		pnet_by_user;	/* the PNET ID comes from the PNET table */
	char		pnetid[17];	/* "" if none */
	uint32_t	netdev;		/* ifindex, 0 if none */
	uint8_t		state;		/* 1 active */
	uint32_t	links;
	unsigned int	has;
};

struct smc_dev {
	bool			smcd;
	uint32_t		use_cnt;	/* SMC-D: link groups on the device */
	bool			critical;	/* link groups would be lost if it went */
	uint32_t		pci_fid;
	uint16_t		pci_chid, pci_vendor, pci_device;
	char			pci_id[17];
	char			ib_name[SMC_DEV_NAME_MAXLEN + 1];
	struct smc_dev_port	port[SMC_DEV_MAX_PORTS];
	unsigned int		has;
};

typedef int (*smc_dev_cb)(const struct smc_dev *dev, void *arg);

/* Decode one GET_DEV_SMCR (@smcd false) / GET_DEV_SMCD message.
 * Return: 0; -ENODATA if it carries no device; -EPROTO if malformed.
 */
int smc_dev_parse(struct nl_msg *msg, bool smcd, struct smc_dev *d);
/* Stream the SMC-R (@smcd false) or SMC-D devices. Return: 0 or -errno. */
int smc_dev_dump(struct smc_nl *nl, bool smcd, smc_dev_cb cb, void *arg);

#endif
