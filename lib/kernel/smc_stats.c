// SPDX-License-Identifier: GPL-2.0
/* smc_stats.c - SMC_NETLINK_GET_STATS / GET_FBACK_STATS, and every counter by name
 * (the baseline file of "stats reset" is stats_baseline.c)
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>


#include "array.h"
#include "nla.h"
#include "smc_stats.h"


const char *const smc_stats_bucket_key[SMC_STATS_NBUCKETS] = {
	"up_to_8k", "up_to_16k", "up_to_32k", "up_to_64k", "up_to_128k", "up_to_256k",
	"up_to_512k", "up_to_1024k", "over_1024k",
};

/* ---- parsing the kernel's messages ------------------------------------------------- */

/* Integers are read by their length (nla.h): the 6.11+ usage gauges are nla_put_uint (4
 * or 8 bytes), the rest u64 today; an absent attribute leaves the field 0. Unlike the
 * other parsers (nla.h's rule), a counter present but unreadable fails the message:
 * taken as 0 it would falsify every total and every delta against the baseline.
 */
static int get_uint(const struct nlattr *a, uint64_t *dst)
{
	if (!a)
		return 0;
	return smc_nla_u64(a, dst) ? 0 : -EPROTO;
}

/* A histogram nest: SMC_NLA_STATS_PLOAD_8K (1) .. _G_1024K (9) into buckets 0..8. */
static int parse_buckets(const struct nlattr *nest, uint64_t *buckets)
{
	struct nlattr *tb[SMC_NLA_STATS_PLOAD_MAX + 1];
	int rc = 0;

	if (!nest)
		return 0;
	if (smc_nla_parse_nested(tb, SMC_NLA_STATS_PLOAD_MAX, nest) < 0)
		return -EPROTO;
	for (int k = 0; k < SMC_STATS_NBUCKETS && !rc; k++)
		rc = get_uint(tb[SMC_NLA_STATS_PLOAD_8K + k], &buckets[k]);
	return rc;
}

/* A buffer-event nest (SMC_NLA_STATS_RMB_*) into one direction */
static int parse_bufcnt(const struct nlattr *nest, struct smc_stats_dir *d)
{
	static const struct { int attr; size_t off; } map[] = {
		{ SMC_NLA_STATS_RMB_SIZE_SM_PEER_CNT,	offsetof(struct smc_stats_dir, buf_small_peer) },
		{ SMC_NLA_STATS_RMB_SIZE_SM_CNT,	offsetof(struct smc_stats_dir, buf_small) },
		{ SMC_NLA_STATS_RMB_FULL_PEER_CNT,	offsetof(struct smc_stats_dir, buf_full_peer) },
		{ SMC_NLA_STATS_RMB_FULL_CNT,		offsetof(struct smc_stats_dir, buf_full) },
		{ SMC_NLA_STATS_RMB_REUSE_CNT,		offsetof(struct smc_stats_dir, buf_reuse) },
		{ SMC_NLA_STATS_RMB_ALLOC_CNT,		offsetof(struct smc_stats_dir, buf_alloc) },
		{ SMC_NLA_STATS_RMB_DGRADE_CNT,		offsetof(struct smc_stats_dir, buf_dgrade) },
	};
	struct nlattr *tb[SMC_NLA_STATS_RMB_MAX + 1];
	int rc = 0;

	if (!nest)
		return 0;
	if (smc_nla_parse_nested(tb, SMC_NLA_STATS_RMB_MAX, nest) < 0)
		return -EPROTO;
	for (size_t i = 0; i < ARRAY_LEN(map) && !rc; i++)
		rc = get_uint(tb[map[i].attr], (uint64_t *)((char *)d + map[i].off));
	return rc;
}

static int parse_tech(const struct nlattr *nest, struct smc_stats_tech *t)
{
	static const struct { int attr; size_t off; } map[] = {
		{ SMC_NLA_STATS_T_CLNT_V1_SUCC,	offsetof(struct smc_stats_tech, client_v1) },
		{ SMC_NLA_STATS_T_CLNT_V2_SUCC,	offsetof(struct smc_stats_tech, client_v2) },
		{ SMC_NLA_STATS_T_SRV_V1_SUCC,	offsetof(struct smc_stats_tech, server_v1) },
		{ SMC_NLA_STATS_T_SRV_V2_SUCC,	offsetof(struct smc_stats_tech, server_v2) },
		{ SMC_NLA_STATS_T_SENDPAGE_CNT,	offsetof(struct smc_stats_tech, sendpage) },
		{ SMC_NLA_STATS_T_SPLICE_CNT,	offsetof(struct smc_stats_tech, splice) },
		{ SMC_NLA_STATS_T_CORK_CNT,	offsetof(struct smc_stats_tech, cork) },
		{ SMC_NLA_STATS_T_NDLY_CNT,	offsetof(struct smc_stats_tech, nodelay) },
		{ SMC_NLA_STATS_T_URG_DATA_CNT,	offsetof(struct smc_stats_tech, urgent_data) },
		{ SMC_NLA_STATS_T_RX_BYTES,	offsetof(struct smc_stats_tech, rx.bytes) },
		{ SMC_NLA_STATS_T_TX_BYTES,	offsetof(struct smc_stats_tech, tx.bytes) },
		{ SMC_NLA_STATS_T_RX_CNT,	offsetof(struct smc_stats_tech, rx.requests) },
		{ SMC_NLA_STATS_T_TX_CNT,	offsetof(struct smc_stats_tech, tx.requests) },
		{ SMC_NLA_STATS_T_RX_RMB_USAGE,	offsetof(struct smc_stats_tech, rx.buf_usage) },
		{ SMC_NLA_STATS_T_TX_RMB_USAGE,	offsetof(struct smc_stats_tech, tx.buf_usage) },
	};
	struct nlattr *tb[SMC_NLA_STATS_T_MAX + 1];
	int rc = 0;

	if (smc_nla_parse_nested(tb, SMC_NLA_STATS_T_MAX, nest) < 0)
		return -EPROTO;
	for (size_t i = 0; i < ARRAY_LEN(map) && !rc; i++)
		rc = get_uint(tb[map[i].attr], (uint64_t *)((char *)t + map[i].off));
	if (!rc)
		rc = parse_buckets(tb[SMC_NLA_STATS_T_RX_RMB_SIZE], t->rx.buf_sizes);
	if (!rc)
		rc = parse_buckets(tb[SMC_NLA_STATS_T_TX_RMB_SIZE], t->tx.buf_sizes);
	if (!rc)
		rc = parse_buckets(tb[SMC_NLA_STATS_T_RXPLOAD_SIZE], t->rx.req_sizes);
	if (!rc)
		rc = parse_buckets(tb[SMC_NLA_STATS_T_TXPLOAD_SIZE], t->tx.req_sizes);
	if (!rc)
		rc = parse_bufcnt(tb[SMC_NLA_STATS_T_RX_RMB_STATS], &t->rx);
	if (!rc)
		rc = parse_bufcnt(tb[SMC_NLA_STATS_T_TX_RMB_STATS], &t->tx);
	if (tb[SMC_NLA_STATS_T_RX_RMB_USAGE])
		t->has |= SMC_STATS_HAS_RX_USAGE;
	if (tb[SMC_NLA_STATS_T_TX_RMB_USAGE])
		t->has |= SMC_STATS_HAS_TX_USAGE;
	return rc;
}

int smc_stats_parse(struct nlmsghdr *msg, struct smc_stats *st)
{
	struct nlattr *tb[SMC_NLA_STATS_MAX + 1];
	int rc;

	memset(st, 0, sizeof(*st));
	rc = smc_genl_parse_nest(msg, SMC_GEN_STATS, tb, SMC_NLA_STATS_MAX);
	if (rc)
		return rc;
	if (tb[SMC_NLA_STATS_SMCD_TECH]) {
		rc = parse_tech(tb[SMC_NLA_STATS_SMCD_TECH], &st->tech[SMC_STATS_SMCD]);
		if (rc)
			return rc;
		st->has |= SMC_STATS_HAS_SMCD;
	}
	if (tb[SMC_NLA_STATS_SMCR_TECH]) {
		rc = parse_tech(tb[SMC_NLA_STATS_SMCR_TECH], &st->tech[SMC_STATS_SMCR]);
		if (rc)
			return rc;
		st->has |= SMC_STATS_HAS_SMCR;
	}
	rc = get_uint(tb[SMC_NLA_STATS_CLNT_HS_ERR_CNT], &st->client_hs_errors);
	if (!rc)
		rc = get_uint(tb[SMC_NLA_STATS_SRV_HS_ERR_CNT], &st->server_hs_errors);
	return rc;
}

const struct smc_fback_reason *smc_fback_find(const struct smc_fback_side *side,
						  uint32_t code)
{
	for (unsigned int i = 0; i < side->n; i++)
		if (side->reason[i].code == code)
			return &side->reason[i];
	return NULL;
}

/* The slot of @code, a new one if it has none; NULL if the table is full */
static struct smc_fback_reason *reason_slot(struct smc_fback_side *side, uint32_t code)
{
	const struct smc_fback_reason *r = smc_fback_find(side, code);

	if (r)
		return &side->reason[r - side->reason];
	if (side->n == SMC_FBACK_MAX_REASONS)
		return NULL;
	side->reason[side->n] = (struct smc_fback_reason){ .code = code };
	return &side->reason[side->n++];
}

int smc_fback_stats_parse(struct nlmsghdr *msg, struct smc_fback_stats *fb)
{
	struct nlattr *tb[SMC_NLA_FBACK_STATS_MAX + 1];
	struct smc_fback_side *side;
	struct smc_fback_reason *r;
	uint64_t type = 0, code = 0, count = 0;
	int rc;

	rc = smc_genl_parse_nest(msg, SMC_GEN_FBACK_STATS, tb, SMC_NLA_FBACK_STATS_MAX);
	if (rc)
		return rc;
	/* the totals come with the first slot only */
	rc = get_uint(tb[SMC_NLA_FBACK_STATS_SRV_CNT], &fb->server.total);
	if (!rc)
		rc = get_uint(tb[SMC_NLA_FBACK_STATS_CLNT_CNT], &fb->client.total);
	if (!rc)
		rc = get_uint(tb[SMC_NLA_FBACK_STATS_TYPE], &type);
	if (!rc)
		rc = get_uint(tb[SMC_NLA_FBACK_STATS_RSN_CODE], &code);
	if (!rc)
		rc = get_uint(tb[SMC_NLA_FBACK_STATS_RSN_CNT], &count);
	if (rc || !tb[SMC_NLA_FBACK_STATS_RSN_CODE])
		return rc;
	if (!tb[SMC_NLA_FBACK_STATS_TYPE] || code > UINT32_MAX || count > UINT32_MAX)
		return -EPROTO;
	side = type ? &fb->server : &fb->client;
	r = reason_slot(side, (uint32_t)code);
	if (r)
		r->count = (uint32_t)count;
	else
		side->dropped++;
	return 0;
}

struct stats_walk {
	struct smc_stats_snap	*snap;
	unsigned int		nstats;
};

static int stats_msg(struct nlmsghdr *msg, void *arg)
{
	struct stats_walk *w = arg;
	int rc;

	/* one message is all the kernel sends; a second one would replace the first */
	rc = smc_stats_parse(msg, &w->snap->st);
	if (rc == -ENODATA)
		return 0;
	if (!rc)
		w->nstats++;
	return rc;
}

static int fback_msg(struct nlmsghdr *msg, void *arg)
{
	struct stats_walk *w = arg;
	int rc = smc_fback_stats_parse(msg, &w->snap->fb);

	return rc == -ENODATA ? 0 : rc;
}

int smc_stats_read(struct smc_nl *nl, struct smc_stats_snap *snap)
{
	struct stats_walk w = { .snap = snap };
	int rc;

	memset(snap, 0, sizeof(*snap));
	rc = smc_genl_dump(nl, SMC_GENL_GEN, SMC_NETLINK_GET_STATS, stats_msg, &w);
	if (rc)
		return rc;
	if (!w.nstats)
		return -ENODATA;
	return smc_genl_dump(nl, SMC_GENL_GEN, SMC_NETLINK_GET_FBACK_STATS, fback_msg, &w);
}

/* ---- every counter by name: subtraction (and the baseline file, stats_baseline.c) -- */

static const char *const tech_name[SMC_STATS_NTECH] = { "smcd", "smcr" };

static const struct { const char *key; size_t off; } tech_fields[] = {
	{ "client_v1",	 offsetof(struct smc_stats_tech, client_v1) },
	{ "client_v2",	 offsetof(struct smc_stats_tech, client_v2) },
	{ "server_v1",	 offsetof(struct smc_stats_tech, server_v1) },
	{ "server_v2",	 offsetof(struct smc_stats_tech, server_v2) },
	{ "cork",	 offsetof(struct smc_stats_tech, cork) },
	{ "nodelay",	 offsetof(struct smc_stats_tech, nodelay) },
	{ "sendpage",	 offsetof(struct smc_stats_tech, sendpage) },
	{ "splice",	 offsetof(struct smc_stats_tech, splice) },
	{ "urgent_data", offsetof(struct smc_stats_tech, urgent_data) },
};

const struct smc_stats_field smc_stats_dir_fields[] = {
	{ "bytes",			offsetof(struct smc_stats_dir, bytes) },
	{ "requests",			offsetof(struct smc_stats_dir, requests) },
	{ "buffer_full",		offsetof(struct smc_stats_dir, buf_full) },
	{ "buffer_full_remote",		offsetof(struct smc_stats_dir, buf_full_peer) },
	{ "buffer_too_small",		offsetof(struct smc_stats_dir, buf_small) },
	{ "buffer_too_small_remote",	offsetof(struct smc_stats_dir, buf_small_peer) },
	{ "buffer_reuses",		offsetof(struct smc_stats_dir, buf_reuse) },
	{ "buffer_allocations",		offsetof(struct smc_stats_dir, buf_alloc) },
	{ "buffer_downgrades",		offsetof(struct smc_stats_dir, buf_dgrade) },
};
#define NDIR_FIELDS ARRAY_LEN(smc_stats_dir_fields)
const size_t smc_stats_ndir_fields = NDIR_FIELDS;

#define DIR_COUNTERS	(NDIR_FIELDS + 2 * SMC_STATS_NBUCKETS)
#define TECH_COUNTERS	(ARRAY_LEN(tech_fields) + 2 * DIR_COUNTERS)
_Static_assert(SMC_STATS_NCOUNTERS == SMC_STATS_NTECH * TECH_COUNTERS + 4,
	       "SMC_STATS_NCOUNTERS counts every counter of smc_stats_counters()");

static void add_counter(struct smc_stats_counter *tbl, size_t *n, size_t off,
			const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void add_counter(struct smc_stats_counter *tbl, size_t *n, size_t off,
			const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tbl[*n].key, sizeof(tbl[*n].key), fmt, ap);
	va_end(ap);
	tbl[(*n)++].off = off;
}

size_t smc_stats_counters(struct smc_stats_counter *tbl)
{
	static const char *const dname[2] = { "rx", "tx" };
	size_t n = 0;

	for (int t = 0; t < SMC_STATS_NTECH; t++) {
		size_t tb = offsetof(struct smc_stats_snap, st.tech) +
			    (size_t)t * sizeof(struct smc_stats_tech);

		for (size_t i = 0; i < ARRAY_LEN(tech_fields); i++)
			add_counter(tbl, &n, tb + tech_fields[i].off, "%s.%s", tech_name[t],
				    tech_fields[i].key);
		for (int d = 0; d < 2; d++) {
			size_t db = tb + (d ? offsetof(struct smc_stats_tech, tx)
					    : offsetof(struct smc_stats_tech, rx));

			for (size_t i = 0; i < NDIR_FIELDS; i++)
				add_counter(tbl, &n, db + smc_stats_dir_fields[i].off, "%s.%s.%s",
					    tech_name[t], dname[d], smc_stats_dir_fields[i].key);
			for (int k = 0; k < SMC_STATS_NBUCKETS; k++) {
				add_counter(tbl, &n, db + offsetof(struct smc_stats_dir, buf_sizes) +
					    (size_t)k * sizeof(uint64_t), "%s.%s.buffer_sizes.%s",
					    tech_name[t], dname[d], smc_stats_bucket_key[k]);
				add_counter(tbl, &n, db + offsetof(struct smc_stats_dir, req_sizes) +
					    (size_t)k * sizeof(uint64_t), "%s.%s.request_sizes.%s",
					    tech_name[t], dname[d], smc_stats_bucket_key[k]);
			}
		}
	}
	add_counter(tbl, &n, offsetof(struct smc_stats_snap, st.client_hs_errors),
		    "handshake_errors.client");
	add_counter(tbl, &n, offsetof(struct smc_stats_snap, st.server_hs_errors),
		    "handshake_errors.server");
	add_counter(tbl, &n, offsetof(struct smc_stats_snap, fb.client.total), "fallbacks.client");
	add_counter(tbl, &n, offsetof(struct smc_stats_snap, fb.server.total), "fallbacks.server");
	return n;
}

uint64_t smc_stats_counter_get(const struct smc_stats_snap *s, size_t off)
{
	uint64_t v;

	memcpy(&v, (const char *)s + off, sizeof(v));
	return v;
}

void smc_stats_counter_set(struct smc_stats_snap *s, size_t off, uint64_t v)
{
	memcpy((char *)s + off, &v, sizeof(v));
}

static bool side_went_back(const struct smc_fback_side *cur, const struct smc_fback_side *base)
{
	for (unsigned int i = 0; i < base->n; i++)
		if (!smc_fback_find(cur, base->reason[i].code))
			return true;
	return false;
}

static void side_sub(struct smc_fback_side *cur, const struct smc_fback_side *base)
{
	for (unsigned int i = 0; i < cur->n; i++) {
		const struct smc_fback_reason *b = smc_fback_find(base, cur->reason[i].code);

		if (b)
			cur->reason[i].count = (cur->reason[i].count - b->count) & 0xffffu;
	}
}

int smc_stats_sub(struct smc_stats_snap *cur, const struct smc_stats_snap *base)
{
	struct smc_stats_counter tbl[SMC_STATS_NCOUNTERS];
	size_t n = smc_stats_counters(tbl);

	for (size_t i = 0; i < n; i++)
		if (smc_stats_counter_get(cur, tbl[i].off) < smc_stats_counter_get(base, tbl[i].off))
			return -ERANGE;
	if (side_went_back(&cur->fb.client, &base->fb.client) ||
	    side_went_back(&cur->fb.server, &base->fb.server))
		return -ERANGE;
	for (size_t i = 0; i < n; i++)
		smc_stats_counter_set(cur, tbl[i].off,
			    smc_stats_counter_get(cur, tbl[i].off) - smc_stats_counter_get(base, tbl[i].off));
	side_sub(&cur->fb.client, &base->fb.client);
	side_sub(&cur->fb.server, &base->fb.server);
	return 0;
}
