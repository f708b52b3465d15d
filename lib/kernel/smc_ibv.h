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
	uint32_t	type_code;	/* enum ibv_gid_type, what type names */
	uint32_t	ifindex;	/* netdev of the GID, 0 if none */
};

struct smc_ibv_port {
	uint32_t	num;
	const char	*state;		/* "ACTIVE", "DOWN", ... */
	const char	*link_layer;	/* "Ethernet", "InfiniBand" */
	uint32_t	state_code;	/* enum ibv_port_state, what state names */
	uint32_t	link_layer_code; /* IBV_LINK_LAYER_*, what link_layer names */
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
 * Return: 0; -ELIBACC if libibverbs (libibverbs.so.1) is not installed; -ENODEV if it
 * does not know the device (no provider, or ib_uverbs not loaded); another -errno. On
 * success free with smc_ibv_free().
 */
int smc_ibv_query(const char *name, struct smc_ibv_dev *dev);
void smc_ibv_free(struct smc_ibv_dev *dev);

struct smc_nl;
/**
 * smc_ibv_query_traced() - smc_ibv_query(), recorded and replayed with @nl's trace
 *
 * libibverbs is no netlink: a recording (nltrace.h) keeps each device's answer as the
 * fact NLTRACE_FACT_IBV_DEVICE, and a replay gives it back instead of asking this
 * host's devices. Return: as smc_ibv_query(); replaying, -ENODATA if the recording has
 * no answer for @name (made before such facts were kept), -EBADMSG if it is malformed.
 */
int smc_ibv_query_traced(struct smc_nl *nl, const char *name, struct smc_ibv_dev *dev);

/* The fact's layout (native byte order): s32 result (0 or -errno), and if 0:
 *   u64 node_guid, u32 nports, u32 ngids,
 *   nports x { u32 num, u32 state_code, u32 link_layer_code, u32 active_mtu },
 *   ngids  x { u32 port, u32 index, u8 raw[16], u32 type_code, u32 ifindex }
 * Encode: a malloc()ed buffer in *@buf. Return: 0 or -ENOMEM.
 * Decode: checks every length and count. Return: the recorded result, or -EBADMSG.
 */
int smc_ibv_encode(int rc, const struct smc_ibv_dev *dev, uint8_t **buf, size_t *len);
int smc_ibv_decode(const void *buf, size_t len, struct smc_ibv_dev *dev);

/* "fe80:0000:...:0001", as the kernel prints GIDs for SMC (8 groups of 4 digits) */
void smc_ibv_gid_str(const uint8_t raw[16], char *buf, size_t len);

#endif
