/* SPDX-License-Identifier: GPL-2.0 */
/* netdev_names.h - the names of the network interfaces of a namespace, by ifindex
 *
 * Read over the transport (RTM_GETLINK) rather than with if_indextoname(), so that a
 * recording carries them and a replay shows the recorded host's names.
 */
#ifndef SMC_NETDEV_NAMES_H
#define SMC_NETDEV_NAMES_H

#include <net/if.h>
#include <stddef.h>
#include <stdint.h>

#include "nl.h"

struct netdev_name {
	uint32_t	index;
	char		name[IF_NAMESIZE];
};

struct netdev_names {
	struct netdev_name	*v;
	size_t			n;
};

/* Read the names of the handle's namespace. Return: 0 or -errno (the table stays empty). */
int netdev_names_load(struct smc_nl *nl, struct netdev_names *t);
/* The name of @index, or NULL if the namespace has no such interface. */
const char *netdev_names_find(const struct netdev_names *t, uint32_t index);
void netdev_names_free(struct netdev_names *t);

#endif
