/* SPDX-License-Identifier: GPL-2.0 */
/* smc_dev.h - SMC-R (RDMA) and SMC-D (ISM) devices: SMC_NETLINK_GET_DEV_SMC{R,D} */
#ifndef SMC_DEV_H
#define SMC_DEV_H

#include <stdbool.h>
#include <stdint.h>

#include "nl.h"
#include "nla.h"

#define SMC_DEV_MAX_PORTS	2
#define SMC_DEV_NAME_MAXLEN	63	/* IB_DEVICE_NAME_MAX - 1 */

/* An SMC_OPT is a field the kernel does not send for every device (see smc_dev.c) */
struct smc_dev_port {
	bool			present;	/* the kernel sent this port (a valid port) */
	SMC_OPT(bool)		pnet_by_user;	/* the PNET ID comes from the PNET table */
	char			pnetid[17];	/* "" if none */
	uint32_t		netdev;		/* ifindex, 0 if none */
	SMC_OPT(uint8_t)	state;		/* 1 active */
	SMC_OPT(uint32_t)	links;
	SMC_OPT(bool)		valid;		/* 1 for each port listed (rdma_is_port_valid()) */
};

struct smc_dev {
	bool			smcd;
	SMC_OPT(uint32_t)	use_cnt;	/* SMC-D: link groups on the device */
	SMC_OPT(bool)		critical;	/* link groups would be lost if it went */
	/* SMC-R sends the PCI attributes only for a device with a parent (not soft-RoCE) */
	SMC_OPT(uint32_t)	pci_fid;
	SMC_OPT(uint16_t)	pci_chid, pci_vendor, pci_device;
	SMC_OPT_STR(17)		pci_id;
	char			ib_name[SMC_DEV_NAME_MAXLEN + 1];	/* SMC-R */
	struct smc_dev_port	port[SMC_DEV_MAX_PORTS];
};

typedef int (*smc_dev_cb)(const struct smc_dev *dev, void *arg);

/* Decode one GET_DEV_SMCR (@smcd false) / GET_DEV_SMCD message.
 * Return: 0; -ENODATA if it carries no device; -EPROTO if malformed.
 */
int smc_dev_parse(struct nlmsghdr *msg, bool smcd, struct smc_dev *d);
/* Stream the SMC-R (@smcd false) or SMC-D devices. Return: 0 or -errno. */
int smc_dev_dump(struct smc_nl *nl, bool smcd, smc_dev_cb cb, void *arg);

#endif
