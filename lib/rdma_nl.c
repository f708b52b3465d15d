// SPDX-License-Identifier: GPL-2.0
/* rdma_nl.c - RDMA_NLDEV_CMD_GET (dump) and RDMA_NLDEV_CMD_PORT_GET: ports and their netdevs */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>
#include <rdma/rdma_netlink.h>

#include "array.h"
#include "rdma_nl.h"

struct rdma_dev_ref {
	uint32_t	index;
	uint32_t	nports;
	char		name[64];
};

struct dev_list {
	struct rdma_dev_ref	*v;
	size_t			n;
};

static int parse(struct nl_msg *msg, struct nlattr **tb)
{
	return nlmsg_parse(nlmsg_hdr(msg), 0, tb, RDMA_NLDEV_ATTR_MAX - 1, NULL) < 0 ? -EPROTO : 0;
}

static int dev_msg(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[RDMA_NLDEV_ATTR_MAX];
	struct dev_list *l = arg;
	struct rdma_dev_ref *d;

	if (parse(msg, tb))
		return -EPROTO;
	if (!tb[RDMA_NLDEV_ATTR_DEV_INDEX] || !tb[RDMA_NLDEV_ATTR_DEV_NAME])
		return 0;
	d = array_push(&l->v, &l->n, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->index = nla_get_u32(tb[RDMA_NLDEV_ATTR_DEV_INDEX]);
	/* for a device, PORT_INDEX is its last port (rdma_end_port()) */
	d->nports = tb[RDMA_NLDEV_ATTR_PORT_INDEX] ? nla_get_u32(tb[RDMA_NLDEV_ATTR_PORT_INDEX]) : 0;
	snprintf(d->name, sizeof(d->name), "%.*s", nla_len(tb[RDMA_NLDEV_ATTR_DEV_NAME]),
		 (const char *)nla_data(tb[RDMA_NLDEV_ATTR_DEV_NAME]));
	return 0;
}

struct port_req {
	uint32_t	dev, port;
};

static int port_fill(struct nl_msg *msg, const void *req)
{
	const struct port_req *r = req;

	if (nla_put_u32(msg, RDMA_NLDEV_ATTR_DEV_INDEX, r->dev) < 0 ||
	    nla_put_u32(msg, RDMA_NLDEV_ATTR_PORT_INDEX, r->port) < 0)
		return -EMSGSIZE;
	return 0;
}

static int port_msg(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[RDMA_NLDEV_ATTR_MAX];
	struct rdma_nl_port *p = arg;

	if (parse(msg, tb))
		return -EPROTO;
	if (tb[RDMA_NLDEV_ATTR_NDEV_NAME]) {
		p->netdev_here = true;
		snprintf(p->netdev, sizeof(p->netdev), "%.*s", nla_len(tb[RDMA_NLDEV_ATTR_NDEV_NAME]),
			 (const char *)nla_data(tb[RDMA_NLDEV_ATTR_NDEV_NAME]));
	}
	if (tb[RDMA_NLDEV_ATTR_NDEV_INDEX])
		p->netdev_ifindex = nla_get_u32(tb[RDMA_NLDEV_ATTR_NDEV_INDEX]);
	return 0;
}

static int chardev_fill(struct nl_msg *msg, const void *req)
{
	const uint32_t *dev_index = req;

	if (nla_put_u32(msg, RDMA_NLDEV_ATTR_DEV_INDEX, *dev_index) < 0 ||
	    nla_put_string(msg, RDMA_NLDEV_ATTR_CHARDEV_TYPE, "uverbs") < 0)
		return -EMSGSIZE;
	return 0;
}

static int chardev_msg(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[RDMA_NLDEV_ATTR_MAX];
	struct rdma_nl_dev *d = arg;

	if (parse(msg, tb))
		return -EPROTO;
	/* a u32 from ib_uverbs_get_nl_info(), though the UAPI header says u64 */
	if (tb[RDMA_NLDEV_ATTR_UVERBS_DRIVER_ID]) {
		d->driver_id = (uint32_t)smc_nla_get_uint(tb[RDMA_NLDEV_ATTR_UVERBS_DRIVER_ID]);
		d->has_driver = true;
	}
	return 0;
}

int rdma_nl_devices(struct smc_nl *nl, struct rdma_nl_dev **devs, size_t *n)
{
	struct dev_list l = { 0 };
	struct rdma_nl_dev *v = NULL;
	size_t nv = 0;
	int rc;

	*devs = NULL;
	*n = 0;
	rc = smc_rdma_request(nl, RDMA_NL_GET_TYPE(RDMA_NL_NLDEV, RDMA_NLDEV_CMD_GET), NLM_F_DUMP,
			      NULL, NULL, dev_msg, &l);
	for (size_t i = 0; !rc && i < l.n; i++) {
		struct rdma_nl_dev *d = array_push(&v, &nv, sizeof(*d));
		int crc;

		if (!d) {
			rc = -ENOMEM;
			break;
		}
		d->index = l.v[i].index;
		snprintf(d->name, sizeof(d->name), "%s", l.v[i].name);
		crc = smc_rdma_request(nl, RDMA_NL_GET_TYPE(RDMA_NL_NLDEV,
							    RDMA_NLDEV_CMD_GET_CHARDEV),
				       NLM_F_ACK, chardev_fill, &d->index, chardev_msg, d);
		/* no ib_uverbs (EINVAL/EOPNOTSUPP), or the device went away: no driver */
		if (crc && crc != -EINVAL && crc != -EOPNOTSUPP && crc != -ENODEV &&
		    crc != -ENOENT)
			rc = crc;
	}
	free(l.v);
	if (rc) {
		free(v);
		return rc;
	}
	*devs = v;
	*n = nv;
	return 0;
}

int rdma_nl_ports(struct smc_nl *nl, rdma_nl_port_cb cb, void *arg)
{
	struct dev_list l = { 0 };
	int rc;

	/* the device list first: no request can go out while a dump is being read */
	rc = smc_rdma_request(nl, RDMA_NL_GET_TYPE(RDMA_NL_NLDEV, RDMA_NLDEV_CMD_GET), NLM_F_DUMP,
			      NULL, NULL, dev_msg, &l);
	for (size_t i = 0; !rc && i < l.n; i++) {
		for (uint32_t port = 1; !rc && port <= l.v[i].nports; port++) {
			struct port_req req = { .dev = l.v[i].index, .port = port };
			struct rdma_nl_port p = { .port = port };

			snprintf(p.dev, sizeof(p.dev), "%s", l.v[i].name);
			rc = smc_rdma_request(nl, RDMA_NL_GET_TYPE(RDMA_NL_NLDEV,
								   RDMA_NLDEV_CMD_PORT_GET),
					      NLM_F_ACK, port_fill, &req, port_msg, &p);
			/* a device that went away meanwhile is no error */
			if (rc == -ENODEV || rc == -EINVAL) {
				rc = 0;
				continue;
			}
			if (!rc)
				rc = cb(&p, arg);
		}
	}
	free(l.v);
	return rc;
}
