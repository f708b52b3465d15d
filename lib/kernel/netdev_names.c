// SPDX-License-Identifier: GPL-2.0
/* netdev_names.c - ifindex to interface name over RTM_GETLINK (see netdev_names.h) */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "array.h"
#include "netdev_names.h"
#include "nla.h"

static int link_cb(struct nlmsghdr *h, void *arg)
{
	struct netdev_names *t = arg;
	struct nlattr *tb[IFLA_MAX + 1];
	struct ifinfomsg ifi;
	struct netdev_name one = { 0 };
	struct netdev_name *slot;

	/* an interface without an index or a name that fits names nothing */
	if (h->nlmsg_type != RTM_NEWLINK || !smc_nlmsg_header(h, &ifi, sizeof(ifi)) ||
	    smc_nlmsg_parse(h, sizeof(ifi), tb, IFLA_MAX) < 0 || ifi.ifi_index <= 0 ||
	    !smc_nla_str(tb[IFLA_IFNAME], one.name, sizeof(one.name)) || !one.name[0])
		return 0;
	one.index = (uint32_t)ifi.ifi_index;
	slot = array_push(&t->v, &t->n, sizeof(*slot));
	if (!slot)
		return -ENOMEM;
	*slot = one;
	return 0;
}

int netdev_names_load(struct smc_nl *nl, struct netdev_names *t)
{
	int rc = smc_netdev_dump(nl, link_cb, t);

	if (rc)
		netdev_names_free(t);
	return rc;
}

const char *netdev_names_find(const struct netdev_names *t, uint32_t index)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].index == index)
			return t->v[i].name;
	return NULL;
}

void netdev_names_free(struct netdev_names *t)
{
	free(t->v);
	t->v = NULL;
	t->n = 0;
}
