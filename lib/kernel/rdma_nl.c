// SPDX-License-Identifier: GPL-2.0
/* rdma_nl.c - RDMA_NLDEV_CMD_GET (dump) and RDMA_NLDEV_CMD_PORT_GET: ports and their netdevs */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rdma/rdma_netlink.h>

#include "array.h"
#include "nla.h"
#include "rdma_nl.h"

/* Attributes are read through nla.h: one that is absent or malformed is left out. */

struct dev_list {
	struct rdma_nl_dev	*v;
	size_t			n;
};

static int parse(struct nlmsghdr *msg, struct nlattr **tb)
{
	return smc_nlmsg_parse(msg, 0, tb, RDMA_NLDEV_ATTR_MAX - 1) < 0 ? -EPROTO : 0;
}

int rdma_nl_dev_parse(struct nlmsghdr *msg, struct rdma_nl_dev *d)
{
	struct nlattr *tb[RDMA_NLDEV_ATTR_MAX];

	memset(d, 0, sizeof(*d));
	if (parse(msg, tb))
		return -EPROTO;
	if (!smc_nla_u32(tb[RDMA_NLDEV_ATTR_DEV_INDEX], &d->index) ||
	    !smc_nla_str(tb[RDMA_NLDEV_ATTR_DEV_NAME], d->name, sizeof(d->name)) || !d->name[0])
		return -ENODATA;
	/* for a device, PORT_INDEX is its last port (rdma_end_port()); unreadable: none */
	smc_nla_u32(tb[RDMA_NLDEV_ATTR_PORT_INDEX], &d->last_port);
	return 0;
}

static int dev_msg(struct nlmsghdr *msg, void *arg)
{
	struct dev_list *l = arg;
	struct rdma_nl_dev dev, *d;
	int rc = rdma_nl_dev_parse(msg, &dev);

	if (rc)
		return rc == -ENODATA ? 0 : rc;
	/* each device costs requests of its own: a dump without end must not become an
	 * endless walk
	 */
	if (l->n >= RDMA_NL_MAX_DEVICES)
		return -E2BIG;
	d = array_push(&l->v, &l->n, sizeof(*d));
	if (!d)
		return -ENOMEM;
	*d = dev;
	return 0;
}

/* The device list first: no request can go out while a dump is being read. */
static int dev_dump(struct smc_nl *nl, struct dev_list *l)
{
	int rc = smc_rdma_request(nl, RDMA_NL_GET_TYPE(RDMA_NL_NLDEV, RDMA_NLDEV_CMD_GET),
				  NLM_F_DUMP, NULL, NULL, dev_msg, l);

	if (rc) {
		free(l->v);
		*l = (struct dev_list){ 0 };
	}
	return rc;
}

struct port_req {
	uint32_t	dev, port;
};

static int port_fill(struct smc_nlmsg *msg, const void *req)
{
	const struct port_req *r = req;

	if (smc_nla_put_u32(msg, RDMA_NLDEV_ATTR_DEV_INDEX, r->dev) < 0 ||
	    smc_nla_put_u32(msg, RDMA_NLDEV_ATTR_PORT_INDEX, r->port) < 0)
		return -EMSGSIZE;
	return 0;
}

int rdma_nl_port_parse(struct nlmsghdr *msg, struct rdma_nl_port *p)
{
	struct nlattr *tb[RDMA_NLDEV_ATTR_MAX];

	if (parse(msg, tb))
		return -EPROTO;
	p->netdev_here = smc_nla_str(tb[RDMA_NLDEV_ATTR_NDEV_NAME], p->netdev,
				     sizeof(p->netdev)) && p->netdev[0];
	smc_nla_u32(tb[RDMA_NLDEV_ATTR_NDEV_INDEX], &p->netdev_ifindex);
	return 0;
}

static int port_msg(struct nlmsghdr *msg, void *arg)
{
	return rdma_nl_port_parse(msg, arg);
}

static int chardev_fill(struct smc_nlmsg *msg, const void *req)
{
	const uint32_t *dev_index = req;

	if (smc_nla_put_u32(msg, RDMA_NLDEV_ATTR_DEV_INDEX, *dev_index) < 0 ||
	    smc_nla_put_str(msg, RDMA_NLDEV_ATTR_CHARDEV_TYPE, "uverbs") < 0)
		return -EMSGSIZE;
	return 0;
}

int rdma_nl_chardev_parse(struct nlmsghdr *msg, struct rdma_nl_dev *d)
{
	struct nlattr *tb[RDMA_NLDEV_ATTR_MAX];

	if (parse(msg, tb))
		return -EPROTO;
	/* a u32 from ib_uverbs_get_nl_info(), though the UAPI header says u64 */
	if (smc_nla_u32(tb[RDMA_NLDEV_ATTR_UVERBS_DRIVER_ID], &d->driver_id))
		d->has_driver = true;
	return 0;
}

static int chardev_msg(struct nlmsghdr *msg, void *arg)
{
	return rdma_nl_chardev_parse(msg, arg);
}

int rdma_nl_devices(struct smc_nl *nl, struct rdma_nl_dev **devs, size_t *n)
{
	struct dev_list l = { 0 };
	int rc;

	*devs = NULL;
	*n = 0;
	rc = dev_dump(nl, &l);
	for (size_t i = 0; !rc && i < l.n; i++) {
		struct rdma_nl_dev *d = &l.v[i];
		int crc;

		crc = smc_rdma_request(nl, RDMA_NL_GET_TYPE(RDMA_NL_NLDEV,
							    RDMA_NLDEV_CMD_GET_CHARDEV),
				       NLM_F_ACK, chardev_fill, &d->index, chardev_msg, d);
		/* no ib_uverbs (EINVAL/EOPNOTSUPP), or the device went away: no driver */
		if (crc && crc != -EINVAL && crc != -EOPNOTSUPP && crc != -ENODEV &&
		    crc != -ENOENT)
			rc = crc;
	}
	if (rc) {
		free(l.v);
		return rc;
	}
	*devs = l.v;
	*n = l.n;
	return 0;
}

int rdma_nl_walk_ports(const struct rdma_nl_dev *devs, size_t n, uint32_t max_port,
		       rdma_nl_port_query query, void *ctx, rdma_nl_port_cb cb, void *arg)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t last = devs[i].last_port < max_port ? devs[i].last_port : max_port;

		/* k < last <= UINT32_MAX: port = k + 1 cannot wrap */
		for (uint32_t k = 0; k < last; k++) {
			struct rdma_nl_port p = { .port = k + 1 };
			int rc;

			snprintf(p.dev, sizeof(p.dev), "%s", devs[i].name);
			rc = query(ctx, &devs[i], &p);
			/* the device went away meanwhile, or its port count was wrong: its
			 * other ports would fail alike, and that is no error of ours
			 */
			if (rc == -ENODEV || rc == -EINVAL)
				break;
			if (!rc)
				rc = cb(&p, arg);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* rdma_nl_port_query for the kernel: one RDMA_NLDEV_CMD_PORT_GET */
static int port_query(void *ctx, const struct rdma_nl_dev *d, struct rdma_nl_port *p)
{
	struct port_req req = { .dev = d->index, .port = p->port };

	return smc_rdma_request(ctx, RDMA_NL_GET_TYPE(RDMA_NL_NLDEV, RDMA_NLDEV_CMD_PORT_GET),
				NLM_F_ACK, port_fill, &req, port_msg, p);
}

int rdma_nl_ports(struct smc_nl *nl, uint32_t max_port, rdma_nl_port_cb cb, void *arg)
{
	struct dev_list l = { 0 };
	int rc = dev_dump(nl, &l);

	if (!rc)
		rc = rdma_nl_walk_ports(l.v, l.n, max_port, port_query, nl, cb, arg);
	free(l.v);
	return rc;
}
