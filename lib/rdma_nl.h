/* SPDX-License-Identifier: GPL-2.0 */
/* rdma_nl.h - what the RDMA subsystem's netlink (NLDEV) tells about device ports: the
 * netdev of each port as seen from the current network namespace
 */
#ifndef SMC_RDMA_NL_H
#define SMC_RDMA_NL_H

#include <stdbool.h>
#include <stdint.h>

#include "nl.h"

struct rdma_nl_port {
	char		dev[64];	/* "rxa" */
	uint32_t	port;		/* 1-based */
	/* The kernel names a port's netdev only to a requester in the netdev's own network
	 * namespace (fill_port_info() in drivers/infiniband/core/nldev.c): false here means
	 * "no netdev, or one in another namespace".
	 */
	bool		netdev_here;
	char		netdev[16];
	uint32_t	netdev_ifindex;
};

typedef int (*rdma_nl_port_cb)(const struct rdma_nl_port *p, void *arg);

/* An RDMA device as the RDMA core lists it in this namespace */
struct rdma_nl_dev {
	char		name[64];
	uint32_t	index;
	/* The verbs driver (enum rdma_driver_id) as ib_uverbs tells it to rdma-core; absent
	 * without ib_uverbs, and for drivers that leave the match to PCI ids.
	 */
	bool		has_driver;
	uint32_t	driver_id;
};

/**
 * rdma_nl_devices() - every RDMA device visible here, with its driver where known
 * @devs: set to a malloc'ed array (free() it), @n to its length
 *
 * Return: 0 or -errno (-EPROTONOSUPPORT / -ENOENT: no RDMA core in the kernel).
 */
int rdma_nl_devices(struct smc_nl *nl, struct rdma_nl_dev **devs, size_t *n);

/**
 * rdma_nl_ports() - stream every port of every RDMA device visible in this namespace
 *
 * Return: 0 or -errno (-EPROTONOSUPPORT / -ENOENT: no RDMA core in the kernel).
 */
int rdma_nl_ports(struct smc_nl *nl, rdma_nl_port_cb cb, void *arg);

#endif
