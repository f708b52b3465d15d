// SPDX-License-Identifier: GPL-2.0
/* smc_ibv.c - libibverbs queries for smcr device -d */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <infiniband/verbs.h>

#include "array.h"
#include "dynlib.h"
#include "fact_codec.h"
#include "nl.h"
#include "nltrace.h"
#include "smc_ibv.h"

static const char *port_state_name(uint32_t s)
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

static const char *gid_type_name(uint32_t t)
{
	switch (t) {
	case IBV_GID_TYPE_IB:		return "IB";
	case IBV_GID_TYPE_ROCE_V1:	return "RoCE v1";
	case IBV_GID_TYPE_ROCE_V2:	return "RoCE v2";
	}
	return "unknown";
}

static const char *link_layer_name(uint32_t l)
{
	return l == IBV_LINK_LAYER_ETHERNET ? "Ethernet" :
	       l == IBV_LINK_LAYER_INFINIBAND ? "InfiniBand" : "unknown";
}

/* enum ibv_mtu (1: 256 .. 5: 4096) in bytes; 0 for a value the enum does not have,
 * which would otherwise shift past the width of the result
 */
static unsigned int mtu_bytes(enum ibv_mtu mtu)
{
	return mtu >= IBV_MTU_256 && mtu <= IBV_MTU_4096 ? 128u << mtu : 0;
}

/*
 * libibverbs is opened when a device is first asked about, not linked: the dynamic
 * loader would map it, and libnl-route-3 with it, for every command, about half of what
 * a short one like "smcr linkgroup" executes, though only "device -d" and smc_chk use it.
 * The soname is that of the ABI verbs.h describes. The library stays loaded (its
 * providers are loaded by it and cannot be unloaded safely); dlopen() counts the
 * references, so each query opening it again costs a lookup.
 */
#define IBV_SONAME "libibverbs.so.1"

struct ibv_api {
	struct ibv_device	**(*get_device_list)(int *num);
	void			(*free_device_list)(struct ibv_device **list);
	const char		*(*get_device_name)(struct ibv_device *dev);
	struct ibv_context	*(*open_device)(struct ibv_device *dev);
	int			(*close_device)(struct ibv_context *ctx);
	int			(*query_device)(struct ibv_context *ctx, struct ibv_device_attr *a);
	/* what verbs.h's inline ibv_query_port() calls when the provider has no op */
	int			(*query_port)(struct ibv_context *ctx, uint8_t port,
					      struct _compat_ibv_port_attr *a);
	/* what verbs.h's inline ibv_query_gid_table() calls */
	ssize_t			(*query_gid_table)(struct ibv_context *ctx,
						   struct ibv_gid_entry *entries, size_t max,
						   uint32_t flags, size_t entry_size);
};

/* Return: 0; -ELIBACC if libibverbs is not installed or lacks a symbol we call. */
static int ibv_api_load(struct ibv_api *api)
{
	const struct dynlib_sym syms[] = {
		{ "ibv_get_device_list", &api->get_device_list },
		{ "ibv_free_device_list", &api->free_device_list },
		{ "ibv_get_device_name", &api->get_device_name },
		{ "ibv_open_device", &api->open_device },
		{ "ibv_close_device", &api->close_device },
		{ "ibv_query_device", &api->query_device },
		{ "ibv_query_port", &api->query_port },
		{ "_ibv_query_gid_table", &api->query_gid_table },
	};

	return dynlib_open(IBV_SONAME, syms, ARRAY_LEN(syms)) ? 0 : -ELIBACC;
}

/* verbs.h's inline ibv_query_port(): the provider's op if it has one */
static int query_port(const struct ibv_api *api, struct ibv_context *ctx, uint8_t port,
		      struct ibv_port_attr *pa)
{
	struct verbs_context *vctx = verbs_get_ctx_op(ctx, query_port);

	if (vctx)
		return vctx->query_port(ctx, port, pa, sizeof(*pa));
	memset(pa, 0, sizeof(*pa));
	return api->query_port(ctx, port, (struct _compat_ibv_port_attr *)(void *)pa);
}

static struct ibv_context *open_by_name(const struct ibv_api *api, const char *name)
{
	struct ibv_device **list = api->get_device_list(NULL);
	struct ibv_context *ctx = NULL;

	if (!list)
		return NULL;
	for (int i = 0; list[i]; i++) {
		if (!strcmp(api->get_device_name(list[i]), name)) {
			ctx = api->open_device(list[i]);
			break;
		}
	}
	api->free_device_list(list);
	return ctx;
}

int smc_ibv_query(const char *name, struct smc_ibv_dev *dev)
{
	struct ibv_gid_entry *entries = NULL;
	struct ibv_device_attr attr;
	struct ibv_context *ctx;
	struct ibv_api api;
	size_t max_gids = 0;
	ssize_t n;
	int rc;

	memset(dev, 0, sizeof(*dev));
	rc = ibv_api_load(&api);
	if (rc)
		return rc;
	errno = 0;
	ctx = open_by_name(&api, name);
	if (!ctx)
		return errno && errno != ENOENT ? -errno : -ENODEV;
	if (api.query_device(ctx, &attr)) {
		rc = -errno;
		goto out;
	}
	/* node_guid is big-endian on the wire and in the API */
	dev->node_guid = be64toh(attr.node_guid);
	for (uint32_t p = 1; p <= attr.phys_port_cnt && p <= SMC_IBV_MAX_PORTS; p++) {
		struct ibv_port_attr pa;

		if (query_port(&api, ctx, (uint8_t)p, &pa))
			continue;
		dev->port[dev->nports++] = (struct smc_ibv_port){
			.num = p,
			.state = port_state_name(pa.state),
			.state_code = pa.state,
			.link_layer = link_layer_name(pa.link_layer),
			.link_layer_code = pa.link_layer,
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
	n = api.query_gid_table(ctx, entries, max_gids, 0, sizeof(*entries));
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
		g->type_code = entries[i].gid_type;
		g->ifindex = entries[i].ndev_ifindex;
	}
out:
	free(entries);
	api.close_device(ctx);
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

/* ---- record and replay ------------------------------------------------------------- */

/* The fact after its result: the head, then each port and each GID (fact_codec.h) */
#define IBV_FACT_HEAD	(8 + 4 + 4)
#define IBV_FACT_PORT	(4 * 4)
#define IBV_FACT_GID	(4 + 4 + 16 + 4 + 4)

int smc_ibv_encode(int rc, const struct smc_ibv_dev *dev, uint8_t **buf, size_t *len)
{
	struct fact_writer w = { 0 };

	fact_put_s32(&w, rc);
	if (rc)
		return fact_writer_finish(&w, buf, len);
	fact_put_u64(&w, dev->node_guid);
	fact_put_u32(&w, dev->nports);
	fact_put_u32(&w, (uint32_t)dev->ngids);
	for (unsigned int i = 0; i < dev->nports; i++) {
		const struct smc_ibv_port *q = &dev->port[i];

		fact_put_u32(&w, q->num);
		fact_put_u32(&w, q->state_code);
		fact_put_u32(&w, q->link_layer_code);
		fact_put_u32(&w, q->active_mtu);
	}
	for (size_t i = 0; i < dev->ngids; i++) {
		const struct smc_ibv_gid *g = &dev->gids[i];

		fact_put_u32(&w, g->port);
		fact_put_u32(&w, g->index);
		fact_put(&w, g->raw, sizeof(g->raw));
		fact_put_u32(&w, g->type_code);
		fact_put_u32(&w, g->ifindex);
	}
	return fact_writer_finish(&w, buf, len);
}

int smc_ibv_decode(const void *buf, size_t len, struct smc_ibv_dev *dev)
{
	struct fact_reader r = fact_reader(buf, len);
	uint32_t nports, ngids;
	int result;

	memset(dev, 0, sizeof(*dev));
	result = fact_get_result(&r, 0);
	if (r.bad)
		return -EBADMSG;
	if (result)
		/* only an errno, and nothing after it */
		return fact_reader_end(&r) ? -EBADMSG : result;
	dev->node_guid = fact_get_u64(&r);
	nports = fact_get_u32(&r);
	ngids = fact_get_u32(&r);
	/* as many as a query can give: a recording claims no more */
	if (r.bad || nports > SMC_IBV_MAX_PORTS || ngids > (uint64_t)nports * SMC_IBV_MAX_GIDS ||
	    r.left != (size_t)nports * IBV_FACT_PORT + (size_t)ngids * IBV_FACT_GID)
		return -EBADMSG;
	for (uint32_t i = 0; i < nports; i++) {
		struct smc_ibv_port *q = &dev->port[i];

		q->num = fact_get_u32(&r);
		q->state_code = fact_get_u32(&r);
		q->link_layer_code = fact_get_u32(&r);
		q->active_mtu = fact_get_u32(&r);
		q->state = port_state_name(q->state_code);
		q->link_layer = link_layer_name(q->link_layer_code);
	}
	dev->nports = nports;
	dev->gids = calloc(ngids ? ngids : 1, sizeof(*dev->gids));
	if (!dev->gids)
		return -ENOMEM;
	for (uint32_t i = 0; i < ngids; i++) {
		struct smc_ibv_gid *g = &dev->gids[i];

		g->port = fact_get_u32(&r);
		g->index = fact_get_u32(&r);
		fact_get(&r, g->raw, sizeof(g->raw));
		g->type_code = fact_get_u32(&r);
		g->ifindex = fact_get_u32(&r);
		g->type = gid_type_name(g->type_code);
	}
	dev->ngids = ngids;
	return fact_reader_end(&r);
}

int smc_ibv_query_traced(struct smc_nl *nl, const char *name, struct smc_ibv_dev *dev)
{
	const void *fact;
	size_t fact_len;
	uint8_t *buf;
	size_t len;
	int rc;

	if (nl && smc_nl_replaying(nl)) {
		memset(dev, 0, sizeof(*dev));
		rc = smc_nl_replay_named_fact(nl, NLTRACE_FACT_IBV_DEVICE, name, &fact, &fact_len);
		if (rc)
			return rc == -ENOENT ? -ENODATA : rc;
		return smc_ibv_decode(fact, fact_len, dev);
	}
	rc = smc_ibv_query(name, dev);
	if (nl && !smc_ibv_encode(rc, dev, &buf, &len)) {
		smc_nl_record_named_fact(nl, NLTRACE_FACT_IBV_DEVICE, name, buf, len);
		free(buf);
	}
	return rc;
}
