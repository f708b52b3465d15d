// SPDX-License-Identifier: GPL-2.0
/* smc_stats.c - SMC_NETLINK_GET_STATS / GET_FBACK_STATS, and the baseline file of
 * "stats reset"
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <netlink/genl/genl.h>

#include "netns.h"
#include "nla.h"
#include "smc_stats.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

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
	if (nla_parse_nested(tb, SMC_NLA_STATS_PLOAD_MAX, (struct nlattr *)nest, NULL) < 0)
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
	if (nla_parse_nested(tb, SMC_NLA_STATS_RMB_MAX, (struct nlattr *)nest, NULL) < 0)
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

	if (nla_parse_nested(tb, SMC_NLA_STATS_T_MAX, (struct nlattr *)nest, NULL) < 0)
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

int smc_stats_parse(struct nl_msg *msg, struct smc_stats *st)
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

static const struct smc_fback_reason *find_reason(const struct smc_fback_side *side,
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
	const struct smc_fback_reason *r = find_reason(side, code);

	if (r)
		return &side->reason[r - side->reason];
	if (side->n == SMC_FBACK_MAX_REASONS)
		return NULL;
	side->reason[side->n] = (struct smc_fback_reason){ .code = code };
	return &side->reason[side->n++];
}

int smc_fback_stats_parse(struct nl_msg *msg, struct smc_fback_stats *fb)
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

static int stats_msg(struct nl_msg *msg, void *arg)
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

static int fback_msg(struct nl_msg *msg, void *arg)
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

/* ---- every counter by name: subtraction and the baseline file ---------------------- */

/* The counters of a snapshot, named as in the baseline file, by their offset in
 * struct smc_stats_snap. Gauges are not counters and are not listed.
 */
struct counter {
	char	key[40];	/* the longest is "smcd.rx.request_sizes.up_to_1024k" */
	size_t	off;
};

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
#define NCOUNTERS	(SMC_STATS_NTECH * TECH_COUNTERS + 4)

static void add_counter(struct counter *tbl, size_t *n, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void add_counter(struct counter *tbl, size_t *n, size_t off, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tbl[*n].key, sizeof(tbl[*n].key), fmt, ap);
	va_end(ap);
	tbl[(*n)++].off = off;
}

static size_t counter_table(struct counter *tbl)
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

static uint64_t counter_get(const struct smc_stats_snap *s, size_t off)
{
	uint64_t v;

	memcpy(&v, (const char *)s + off, sizeof(v));
	return v;
}

static void counter_set(struct smc_stats_snap *s, size_t off, uint64_t v)
{
	memcpy((char *)s + off, &v, sizeof(v));
}

static bool side_went_back(const struct smc_fback_side *cur, const struct smc_fback_side *base)
{
	for (unsigned int i = 0; i < base->n; i++)
		if (!find_reason(cur, base->reason[i].code))
			return true;
	return false;
}

static void side_sub(struct smc_fback_side *cur, const struct smc_fback_side *base)
{
	for (unsigned int i = 0; i < cur->n; i++) {
		const struct smc_fback_reason *b = find_reason(base, cur->reason[i].code);

		if (b)
			cur->reason[i].count = (cur->reason[i].count - b->count) & 0xffffu;
	}
}

int smc_stats_sub(struct smc_stats_snap *cur, const struct smc_stats_snap *base)
{
	struct counter tbl[NCOUNTERS];
	size_t n = counter_table(tbl);

	for (size_t i = 0; i < n; i++)
		if (counter_get(cur, tbl[i].off) < counter_get(base, tbl[i].off))
			return -ERANGE;
	if (side_went_back(&cur->fb.client, &base->fb.client) ||
	    side_went_back(&cur->fb.server, &base->fb.server))
		return -ERANGE;
	for (size_t i = 0; i < n; i++)
		counter_set(cur, tbl[i].off,
			    counter_get(cur, tbl[i].off) - counter_get(base, tbl[i].off));
	side_sub(&cur->fb.client, &base->fb.client);
	side_sub(&cur->fb.server, &base->fb.server);
	return 0;
}

/*
 * The file: comment lines, "version=1", then key=value lines, one per counter, and one per
 * fallback reason slot ("fallback.client.0x03010000=3"). Names are the JSON names of
 * smcr-stats(8), prefixed by technology. Bump the version when the meaning of a line changes.
 */
#define BASELINE_VERSION 1
#define LINE_MAX_LEN 160

static void write_reasons(FILE *fp, const char *side_name, const struct smc_fback_side *side)
{
	for (unsigned int i = 0; i < side->n; i++)
		fprintf(fp, "fallback.%s.0x%08" PRIx32 "=%" PRIu32 "\n", side_name,
			side->reason[i].code, side->reason[i].count);
}

int smc_stats_baseline_write(FILE *fp, const struct smc_stats_baseline *b)
{
	struct counter tbl[NCOUNTERS];
	size_t n = counter_table(tbl);

	fprintf(fp, "# smc-utils statistics baseline: the kernel's SMC counters of one network\n"
		"# namespace when \"smcr/smcd stats reset\" ran. Remove the file to forget the reset.\n");
	fprintf(fp, "version=%d\n", BASELINE_VERSION);
	fprintf(fp, "time=%" PRId64 "\n", b->time);
	fprintf(fp, "boot_id=%s\n", b->boot_id);
	fprintf(fp, "netns_cookie=%" PRIu64 "\n", b->netns_cookie);
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "%s=%" PRIu64 "\n", tbl[i].key, counter_get(&b->snap, tbl[i].off));
	write_reasons(fp, "client", &b->snap.fb.client);
	write_reasons(fp, "server", &b->snap.fb.server);
	return ferror(fp) ? -EIO : 0;
}

/* A decimal number without sign, blanks or overflow */
static bool parse_dec(const char *s, uint64_t max, uint64_t *v)
{
	uint64_t x = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned int d = (unsigned int)(*s - '0');

		if (d > 9 || x > (max - d) / 10)
			return false;
		x = x * 10 + d;
	}
	*v = x;
	return true;
}

static bool valid_boot_id(const char *s)
{
	size_t len = strlen(s);

	return len == 0 || (len == SMC_STATS_BOOT_ID_LEN &&
			    strspn(s, "0123456789abcdef-") == len);
}

struct reader {
	struct smc_stats_baseline	*b;
	struct counter			tbl[NCOUNTERS];
	size_t				n;
	bool				seen[NCOUNTERS];
	unsigned int			meta_seen;	/* bits: time, boot_id, netns_cookie */
	struct smc_stats_file_err	*err;
};

static int bad(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err->why, sizeof(r->err->why), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* "fallback.client.0x03010000=3" */
static int read_reason(struct reader *r, const char *key, const char *val)
{
	struct smc_fback_side *side;
	const char *code_text;
	uint64_t count;
	unsigned long code;

	if (!strncmp(key, "fallback.client.", 16)) {
		side = &r->b->snap.fb.client;
		code_text = key + 16;
	} else if (!strncmp(key, "fallback.server.", 16)) {
		side = &r->b->snap.fb.server;
		code_text = key + 16;
	} else {
		return bad(r, "unknown key \"%s\"", key);
	}
	if (strncmp(code_text, "0x", 2) || strlen(code_text) != 10 ||
	    strspn(code_text + 2, "0123456789abcdef") != 8)
		return bad(r, "bad reason code in \"%s\"", key);
	code = strtoul(code_text + 2, NULL, 16);
	if (!parse_dec(val, 0xffff, &count))
		return bad(r, "bad count for \"%s\" (0 to 65535)", key);
	if (find_reason(side, (uint32_t)code))
		return bad(r, "\"%s\" appears twice", key);
	if (side->n == SMC_FBACK_MAX_REASONS)
		return bad(r, "more than %d reason codes", SMC_FBACK_MAX_REASONS);
	side->reason[side->n++] = (struct smc_fback_reason){ (uint32_t)code, (uint32_t)count };
	return 0;
}

static int read_pair(struct reader *r, const char *key, const char *val)
{
	static const char *const meta[] = { "time", "boot_id", "netns_cookie" };
	uint64_t v;

	for (unsigned int m = 0; m < ARRAY_LEN(meta); m++) {
		if (strcmp(key, meta[m]))
			continue;
		if (r->meta_seen & (1u << m))
			return bad(r, "\"%s\" appears twice", key);
		r->meta_seen |= 1u << m;
		if (m == 1) {
			if (!valid_boot_id(val))
				return bad(r, "bad value for \"%s\"", key);
			memcpy(r->b->boot_id, val, strlen(val) + 1);	/* checked: fits */
			return 0;
		}
		if (!parse_dec(val, m == 0 ? INT64_MAX : UINT64_MAX, &v))
			return bad(r, "bad value for \"%s\"", key);
		if (m == 0)
			r->b->time = (int64_t)v;
		else
			r->b->netns_cookie = v;
		return 0;
	}
	for (size_t i = 0; i < r->n; i++) {
		if (strcmp(key, r->tbl[i].key))
			continue;
		if (r->seen[i])
			return bad(r, "\"%s\" appears twice", key);
		if (!parse_dec(val, UINT64_MAX, &v))
			return bad(r, "bad value for \"%s\"", key);
		r->seen[i] = true;
		counter_set(&r->b->snap, r->tbl[i].off, v);
		return 0;
	}
	return read_reason(r, key, val);
}

/* Returns 0 at end of file, 1 with a line in @buf (newline removed), or -EINVAL/-EIO. */
static int next_line(FILE *fp, char *buf, size_t size, struct reader *r)
{
	size_t len;

	if (!fgets(buf, (int)size, fp))
		return ferror(fp) ? -EIO : 0;
	r->err->line++;
	len = strlen(buf);
	if (len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	else if (!feof(fp))
		return bad(r, "line too long");
	if (strlen(buf) != len)
		return bad(r, "contains a NUL byte");
	return 1;
}

static int read_lines(FILE *fp, struct reader *r)
{
	char line[LINE_MAX_LEN + 2];
	bool version_seen = false;
	int rc;

	while ((rc = next_line(fp, line, sizeof(line), r)) == 1) {
		char *eq;

		if (!line[0] || line[0] == '#')
			continue;
		eq = strchr(line, '=');
		if (!eq || eq == line)
			return bad(r, "not a key=value line");
		*eq = '\0';
		if (!version_seen) {
			if (strcmp(line, "version"))
				return bad(r, "the first line is not \"version=%d\"",
					   BASELINE_VERSION);
			if (strcmp(eq + 1, "1"))
				return bad(r, "version %.20s is not supported (this reads version %d)",
					   eq + 1, BASELINE_VERSION);
			version_seen = true;
			continue;
		}
		rc = read_pair(r, line, eq + 1);
		if (rc)
			return rc;
	}
	if (rc)
		return rc;
	r->err->line = 0;
	if (!version_seen)
		return bad(r, "empty, no \"version=%d\" line", BASELINE_VERSION);
	if (r->meta_seen != 7)
		return bad(r, "\"%s\" is missing", !(r->meta_seen & 1) ? "time" :
			   !(r->meta_seen & 2) ? "boot_id" : "netns_cookie");
	for (size_t i = 0; i < r->n; i++)
		if (!r->seen[i])
			return bad(r, "\"%s\" is missing", r->tbl[i].key);
	return 0;
}

int smc_stats_baseline_read(FILE *fp, struct smc_stats_baseline *b,
			    struct smc_stats_file_err *err)
{
	struct reader r = { .b = b, .err = err };

	memset(b, 0, sizeof(*b));
	memset(err, 0, sizeof(*err));
	r.n = counter_table(r.tbl);
	return read_lines(fp, &r);
}

void smc_stats_identity(struct smc_stats_baseline *b)
{
	FILE *fp = fopen("/proc/sys/kernel/random/boot_id", "re");

	b->boot_id[0] = '\0';
	if (fp) {
		if (!fgets(b->boot_id, sizeof(b->boot_id), fp) || !valid_boot_id(b->boot_id))
			b->boot_id[0] = '\0';
		fclose(fp);
	}
	if (netns_cookie(&b->netns_cookie))
		b->netns_cookie = 0;
}

/* ---- the directory and the file ---------------------------------------------------- */

/* A base directory that belongs to us ($XDG_RUNTIME_DIR, /run/user/UID) */
static bool our_base(const char *dir, uid_t uid)
{
	struct stat sb;

	return dir && dir[0] == '/' && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) &&
	       sb.st_uid == uid;
}

static int store_dir(struct smc_stats_store *st, bool create)
{
	uid_t uid = geteuid();
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	char run_user[64];
	struct stat sb;
	int fd;

	snprintf(run_user, sizeof(run_user), "/run/user/%u", (unsigned int)uid);
	if (our_base(xdg, uid) && strlen(xdg) < sizeof(st->path) - 64)
		snprintf(st->path, sizeof(st->path), "%s/smc-utils", xdg);
	else if (our_base(run_user, uid))
		snprintf(st->path, sizeof(st->path), "%s/smc-utils", run_user);
	else
		snprintf(st->path, sizeof(st->path), "/tmp/smc-utils-%u", (unsigned int)uid);

	if (create && mkdir(st->path, 0700) < 0 && errno != EEXIST)
		return -errno;
	fd = open(st->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP || errno == ENOTDIR) {
			snprintf(st->why, sizeof(st->why), "it is a symbolic link or not a directory");
			return -EPERM;
		}
		return -errno;
	}
	if (fstat(fd, &sb) < 0) {
		int rc = -errno;

		close(fd);
		return rc;
	}
	if (sb.st_uid != uid)
		snprintf(st->why, sizeof(st->why), "it belongs to user %u, not %u",
			 (unsigned int)sb.st_uid, (unsigned int)uid);
	else if (sb.st_mode & 077)
		snprintf(st->why, sizeof(st->why), "others have access to it (mode %04o, want 0700)",
			 (unsigned int)(sb.st_mode & 07777));
	if (st->why[0]) {
		close(fd);
		return -EPERM;
	}
	st->dirfd = fd;
	return 0;
}

int smc_stats_store_open(struct smc_stats_store *st, bool create)
{
	struct stat ns;
	size_t len;
	int rc;

	memset(st, 0, sizeof(*st));
	st->dirfd = -1;
	rc = store_dir(st, create);
	if (rc)
		return rc;
	if (flock(st->dirfd, LOCK_EX) < 0) {
		rc = -errno;
		goto out_close;
	}
	/* the counters are per network namespace, and so is the baseline */
	if (stat("/proc/self/ns/net", &ns) < 0) {
		rc = -errno;
		snprintf(st->path, sizeof(st->path), "/proc/self/ns/net");
		goto out_close;
	}
	snprintf(st->name, sizeof(st->name), "stats-net%llu", (unsigned long long)ns.st_ino);
	len = strlen(st->path);
	snprintf(st->path + len, sizeof(st->path) - len, "/%s", st->name);
	return 0;

out_close:
	close(st->dirfd);
	st->dirfd = -1;
	return rc;
}

#define BASELINE_MAX_SIZE 65536

int smc_stats_store_load(struct smc_stats_store *st, struct smc_stats_baseline *b,
			 struct smc_stats_file_err *err)
{
	struct stat sb;
	FILE *fp;
	int fd, rc;

	memset(err, 0, sizeof(*err));
	/* O_NONBLOCK: a FIFO planted here must not hang us before fstat() sees it */
	fd = openat(st->dirfd, st->name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &sb) < 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	if (!S_ISREG(sb.st_mode))
		snprintf(err->why, sizeof(err->why), "not a regular file");
	else if (sb.st_uid != geteuid())
		snprintf(err->why, sizeof(err->why), "it belongs to user %u",
			 (unsigned int)sb.st_uid);
	else if (sb.st_size > BASELINE_MAX_SIZE)
		snprintf(err->why, sizeof(err->why), "larger than %d bytes", BASELINE_MAX_SIZE);
	if (err->why[0]) {
		close(fd);
		return -EINVAL;
	}
	fp = fdopen(fd, "r");
	if (!fp) {
		rc = -errno;
		close(fd);
		return rc;
	}
	rc = smc_stats_baseline_read(fp, b, err);
	fclose(fp);
	return rc;
}

int smc_stats_store_save(struct smc_stats_store *st, const struct smc_stats_baseline *b)
{
	char tmp[sizeof(st->name) + 8];
	FILE *fp;
	int fd, rc;

	snprintf(tmp, sizeof(tmp), "%s.tmp", st->name);
	/* we hold the lock: a temporary file left by a crash is ours to remove */
	if (unlinkat(st->dirfd, tmp, 0) < 0 && errno != ENOENT)
		return -errno;
	fd = openat(st->dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	fp = fdopen(fd, "w");
	if (!fp) {
		rc = -errno;
		close(fd);
		goto out_unlink;
	}
	rc = smc_stats_baseline_write(fp, b);
	if (!rc && (fflush(fp) != 0 || fsync(fd) < 0))
		rc = -errno;
	if (fclose(fp) != 0 && !rc)
		rc = -errno;
	if (!rc && renameat(st->dirfd, tmp, st->dirfd, st->name) < 0)
		rc = -errno;
	if (!rc)
		return 0;
out_unlink:
	unlinkat(st->dirfd, tmp, 0);
	return rc;
}

int smc_stats_store_drop(struct smc_stats_store *st)
{
	if (unlinkat(st->dirfd, st->name, 0) < 0 && errno != ENOENT)
		return -errno;
	return 0;
}

void smc_stats_store_close(struct smc_stats_store *st)
{
	if (st->dirfd >= 0)
		close(st->dirfd);	/* also releases the lock */
	st->dirfd = -1;
}
