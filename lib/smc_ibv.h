/* SPDX-License-Identifier: GPL-2.0 */
/* smc_ibv.h - what libibverbs tells about an RDMA device SMC-R uses: node GUID, port
 * state, link layer, MTU and the GID table (RoCE v1/v2, netdev) - the facts behind
 * "no SMC-R device found" fallbacks (0x03030000, 0x03030002)
 */
#ifndef SMC_IBV_H
#define SMC_IBV_H

#include <stddef.h>
#include <stdint.h>

#define SMC_IBV_MAX_PORTS 2
/* GID table entries taken per port: RoCE devices have 128-256, the bound keeps a bogus
 * length from turning into a huge allocation
 */
#define SMC_IBV_MAX_GIDS 4096

struct smc_ibv_gid {
	uint32_t	port;
	uint32_t	index;
	uint8_t		raw[16];
	const char	*type;		/* "IB", "RoCE v1", "RoCE v2" */
	uint32_t	ifindex;	/* netdev of the GID, 0 if none */
};

struct smc_ibv_port {
	uint32_t	num;
	const char	*state;		/* "ACTIVE", "DOWN", ... */
	const char	*link_layer;	/* "Ethernet", "InfiniBand" */
	unsigned int	active_mtu;	/* bytes */
};

struct smc_ibv_dev {
	uint64_t		node_guid;	/* host order */
	unsigned int		nports;
	struct smc_ibv_port	port[SMC_IBV_MAX_PORTS];
	struct smc_ibv_gid	*gids;		/* every valid entry of every port */
	size_t			ngids;
};

/**
 * smc_ibv_query() - open RDMA device @name through libibverbs and read its ports
 *
 * Return: 0; -ENODEV if libibverbs does not know the device (no provider, or ib_uverbs
 * not loaded); another -errno. On success free with smc_ibv_free().
 */
int smc_ibv_query(const char *name, struct smc_ibv_dev *dev);
void smc_ibv_free(struct smc_ibv_dev *dev);

/* "fe80:0000:...:0001", as the kernel prints GIDs for SMC (8 groups of 4 digits) */
void smc_ibv_gid_str(const uint8_t raw[16], char *buf, size_t len);

#endif
