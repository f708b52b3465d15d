/* SPDX-License-Identifier: GPL-2.0 */
/* rdma_nl.h - what the RDMA subsystem's netlink (NLDEV) tells about device ports: the
 * netdev of each port as seen from the current network namespace
 */
#ifndef SMC_RDMA_NL_H
#define SMC_RDMA_NL_H

#include <stdbool.h>
#include <stddef.h>
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
	uint32_t	last_port;	/* its ports are 1..last_port; 0 if it did not say */
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

/* The RDMA core has no limit of its own, but every device costs requests: a dump
 * listing more (a kernel gone wrong) fails with -E2BIG rather than run on.
 */
#define RDMA_NL_MAX_DEVICES	4096

/**
 * rdma_nl_ports() - stream the ports of every RDMA device visible in this namespace
 * @max_port: the highest port number the caller wants (SMC uses ports 1 and 2): the
 *	      kernel's port count is a u32 and is not trusted as a loop bound
 *
 * One request per port; the first port request a device fails with -ENODEV/-EINVAL
 * (device gone, port count wrong) ends that device's walk.
 * Return: 0 or -errno (-EPROTONOSUPPORT / -ENOENT: no RDMA core in the kernel).
 */
int rdma_nl_ports(struct smc_nl *nl, uint32_t max_port, rdma_nl_port_cb cb, void *arg);

/* ---- the pieces of the above, for the unit tests ---------------------------------- */

/* One device of the RDMA_NLDEV_CMD_GET dump (index, name, last port).
 * Return: 0; -ENODATA if it names no device (index or name absent or malformed: the
 * message is skipped); -EPROTO if malformed.
 */
int rdma_nl_dev_parse(struct nlmsghdr *msg, struct rdma_nl_dev *d);
/* The netdev fields of @p from a PORT_GET reply; .dev and .port stay. 0 or -EPROTO. */
int rdma_nl_port_parse(struct nlmsghdr *msg, struct rdma_nl_port *p);
/* The driver of @d from a GET_CHARDEV reply. Return: 0 or -EPROTO. */
int rdma_nl_chardev_parse(struct nlmsghdr *msg, struct rdma_nl_dev *d);

/* Ask about port @p->port of @d (@p->dev and ->port are set); 0 or -errno. */
typedef int (*rdma_nl_port_query)(void *ctx, const struct rdma_nl_dev *d,
				  struct rdma_nl_port *p);
/**
 * rdma_nl_walk_ports() - the port loop of rdma_nl_ports(), over @n devices
 *
 * Ports 1..min(last_port, @max_port) of each device, asked with @query, each answer
 * given to @cb; -ENODEV or -EINVAL from @query ends that device's walk.
 * Return: 0, or the first other error of @query or @cb.
 */
int rdma_nl_walk_ports(const struct rdma_nl_dev *devs, size_t n, uint32_t max_port,
		       rdma_nl_port_query query, void *ctx, rdma_nl_port_cb cb, void *arg);

#endif
