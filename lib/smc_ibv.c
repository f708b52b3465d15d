// SPDX-License-Identifier: GPL-2.0
/* smc_ibv.c - libibverbs queries for smcr device -d */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <infiniband/verbs.h>

#include "smc_ibv.h"

static const char *port_state_name(enum ibv_port_state s)
{
	switch (s) {
	case IBV_PORT_NOP:		return "NOP";
	case IBV_PORT_DOWN:		return "DOWN";
	case IBV_PORT_INIT:		return "INIT";
	case IBV_PORT_ARMED:		return "ARMED";
	case IBV_PORT_ACTIVE:		return "ACTIVE";
	case IBV_PORT_ACTIVE_DEFER:	return "ACTIVE_DEFER";
	}
	return "unknown";
}

static const char *gid_type_name(unsigned int t)
{
	switch (t) {
	case IBV_GID_TYPE_IB:		return "IB";
	case IBV_GID_TYPE_ROCE_V1:	return "RoCE v1";
	case IBV_GID_TYPE_ROCE_V2:	return "RoCE v2";
	}
	return "unknown";
}

/* enum ibv_mtu (1: 256 .. 5: 4096) in bytes; 0 for a value the enum does not have,
 * which would otherwise shift past the width of the result
 */
static unsigned int mtu_bytes(enum ibv_mtu mtu)
{
	return mtu >= IBV_MTU_256 && mtu <= IBV_MTU_4096 ? 128u << mtu : 0;
}

static struct ibv_context *open_by_name(const char *name)
{
	struct ibv_device **list = ibv_get_device_list(NULL);
	struct ibv_context *ctx = NULL;

	if (!list)
		return NULL;
	for (int i = 0; list[i]; i++) {
		if (!strcmp(ibv_get_device_name(list[i]), name)) {
			ctx = ibv_open_device(list[i]);
			break;
		}
	}
	ibv_free_device_list(list);
	return ctx;
}

int smc_ibv_query(const char *name, struct smc_ibv_dev *dev)
{
	struct ibv_gid_entry *entries = NULL;
	struct ibv_device_attr attr;
	struct ibv_context *ctx;
	size_t max_gids = 0;
	ssize_t n;
	int rc = 0;

	memset(dev, 0, sizeof(*dev));
	ctx = open_by_name(name);
	if (!ctx)
		return errno && errno != ENOENT ? -errno : -ENODEV;
	if (ibv_query_device(ctx, &attr)) {
		rc = -errno;
		goto out;
	}
	/* node_guid is big-endian on the wire and in the API */
	dev->node_guid = be64toh(attr.node_guid);
	for (uint32_t p = 1; p <= attr.phys_port_cnt && p <= SMC_IBV_MAX_PORTS; p++) {
		struct ibv_port_attr pa;

		if (ibv_query_port(ctx, (uint8_t)p, &pa))
			continue;
		dev->port[dev->nports++] = (struct smc_ibv_port){
			.num = p,
			.state = port_state_name(pa.state),
			.link_layer = pa.link_layer == IBV_LINK_LAYER_ETHERNET ? "Ethernet" :
				      pa.link_layer == IBV_LINK_LAYER_INFINIBAND ? "InfiniBand" :
				      "unknown",
			.active_mtu = mtu_bytes(pa.active_mtu),
		};
		/* the table length is the kernel's int: no negative, no absurd allocation */
		if (pa.gid_tbl_len > 0)
			max_gids += pa.gid_tbl_len < SMC_IBV_MAX_GIDS ? (size_t)pa.gid_tbl_len :
									  SMC_IBV_MAX_GIDS;
	}
	if (!max_gids)
		goto out;
	entries = calloc(max_gids, sizeof(*entries));
	if (!entries) {
		rc = -ENOMEM;
		goto out;
	}
	n = ibv_query_gid_table(ctx, entries, max_gids, 0);
	if (n < 0) {
		rc = (int)n;
		goto out;
	}
	if ((size_t)n > max_gids)	/* never more than asked for, but never trusted */
		n = (ssize_t)max_gids;
	dev->gids = calloc(n ? (size_t)n : 1, sizeof(*dev->gids));
	if (!dev->gids) {
		rc = -ENOMEM;
		goto out;
	}
	for (ssize_t i = 0; i < n; i++) {
		struct smc_ibv_gid *g = &dev->gids[dev->ngids++];

		g->port = entries[i].port_num;
		g->index = entries[i].gid_index;
		memcpy(g->raw, entries[i].gid.raw, sizeof(g->raw));
		g->type = gid_type_name(entries[i].gid_type);
		g->ifindex = entries[i].ndev_ifindex;
	}
out:
	free(entries);
	ibv_close_device(ctx);
	if (rc)
		smc_ibv_free(dev);
	return rc;
}

void smc_ibv_free(struct smc_ibv_dev *dev)
{
	free(dev->gids);
	dev->gids = NULL;
	dev->ngids = 0;
}

void smc_ibv_gid_str(const uint8_t raw[16], char *buf, size_t len)
{
	snprintf(buf, len, "%02x%02x:%02x%02x:%02x%02x:%02x%02x:%02x%02x:%02x%02x:%02x%02x:%02x%02x",
		 raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7], raw[8], raw[9],
		 raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]);
}
