// SPDX-License-Identifier: GPL-2.0
/* obj_stats.c - "smcr|smcd [-d] [-a] stats [show | reset | json]"
 *
 * Text keeps smc-tools' layout (numbers end in column 41); JSON is one object with every
 * counter. Without -a, values count from the last "stats reset" (lib/kernel/smc_stats.h keeps
 * that baseline per user and network namespace).
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "array.h"
#include "decode.h"
#include "err.h"
#include "fallback_kb.h"
#include "smc_stats.h"
#include "stats_baseline.h"
#include "tool.h"

struct stats_view {
	const struct smc_stats_snap	*s;
	enum smc_stats_techno		tech;
	bool				since_reset;
	int64_t				reset_time;
	unsigned int			details;
};

/* ---- text -------------------------------------------------------------------------- */

/* 1000-based and at most 6 characters, as smc-tools: 999, 1.234K, 12.35K, 123.5K, 1.000M */
static void abbrev(char *buf, size_t size, uint64_t v)
{
	static const char units[] = "KMGTPE";
	double x = (double)v;
	int u = -1, prec;

	if (v < 1000) {
		snprintf(buf, size, "%" PRIu64, v);
		return;
	}
	while (x >= 1000 && u < 5) {
		x /= 1000;
		u++;
	}
	/* rounding may carry into one more digit: 9.9996 -> 10.00, 999.96 -> 1.000 next unit */
	prec = x < 9.9995 ? 3 : x < 99.995 ? 2 : 1;
	if (x >= 999.95 && u < 5) {
		x /= 1000;
		u++;
		prec = 3;
	}
	snprintf(buf, size, "%.*f%c", prec, x, units[u]);
}

static double percent(uint64_t part, uint64_t whole)
{
	return whole ? (double)part * 100.0 / (double)whole : 0.0;
}

/* "  Label           <value>[suffix]": the value is right-aligned to end in column 41 */
static void line(struct out *o, int indent, const char *label, int width, uint64_t v,
		 const char *suffix)
{
	out_note(o, "%*s%-*s%*" PRIu64 "%s", indent, "", 41 - indent - width, label, width, v,
		 suffix ? suffix : "");
}

static void line_pct(struct out *o, int indent, const char *label, int width, uint64_t v,
		     uint64_t whole)
{
	char pct[32];

	snprintf(pct, sizeof(pct), " (%.2f%%)", percent(v, whole));
	line(o, indent, label, width, v, pct);
}

static void line_abbrev(struct out *o, int indent, const char *label, int width, uint64_t v)
{
	char a[16], suffix[20];

	abbrev(a, sizeof(a), v);
	snprintf(suffix, sizeof(suffix), " (%s)", a);
	line(o, indent, label, width, v, suffix);
}

static int reason_cmp(const void *a, const void *b)
{
	const struct smc_fback_reason *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->code < y->code ? -1 : x->code > y->code;
}

/* The reasons with a count, highest first; returns how many. */
static unsigned int sorted_reasons(const struct smc_fback_side *side,
				   struct smc_fback_reason *out)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < side->n; i++)
		if (side->reason[i].count)
			out[n++] = side->reason[i];
	qsort(out, n, sizeof(*out), reason_cmp);
	return n;
}

/* One side's fallback reasons: text (-d) "0x03030000 NOSMCDEV  12  meaning" lines under
 * @caption, JSON a list @key of {code, name, text, class, count}.
 */
static void show_reasons(struct out *o, const char *caption, const char *key,
			 const struct smc_fback_side *side)
{
	struct smc_fback_reason r[SMC_FBACK_MAX_REASONS] = { { 0 } };
	unsigned int n = sorted_reasons(side, r);

	if (out_is_json(o)) {
		out_list_begin(o, key);
		for (unsigned int i = 0; i < n; i++) {
			out_record_begin(o, NULL, 0);
			out_kv_uint(o, "code", NULL, r[i].code);
			out_kv_str(o, "name", NULL, smc_fallback_name(r[i].code));
			out_kv_str(o, "text", NULL, smc_fallback_desc(r[i].code));
			out_kv_str(o, "class", NULL, smc_fallback_class(r[i].code));
			out_kv_uint(o, "count", NULL, r[i].count);
			out_record_end(o);
		}
		out_list_end(o);
		return;
	}
	if (!n && !side->dropped)
		return;
	out_note(o, "    %s", caption);
	for (unsigned int i = 0; i < n; i++) {
		const struct smc_fallback_entry *e = smc_fallback_lookup(r[i].code);

		if (e)
			out_note(o, "      0x%08" PRIx32 " %-10s  %12" PRIu32 "  %s", r[i].code,
				 e->name, r[i].count, e->meaning);
		else
			out_note(o, "      0x%08" PRIx32 " %-10s  %12" PRIu32
				 "  (not a known code; class: %s)", r[i].code, "-", r[i].count,
				 smc_fallback_class(r[i].code));
	}
	if (side->dropped)
		out_note(o, "      (%u more reason codes than this version keeps)", side->dropped);
}

/* A size histogram: text one line of 8 abbreviated columns under @label, JSON an object
 * @key with a member per bucket.
 */
static void show_histogram(struct out *o, const char *label, const char *key, const uint64_t *b)
{
	char cell[8][16];

	if (out_is_json(o)) {
		out_record_begin(o, key, 0);
		for (int k = 0; k < SMC_STATS_NBUCKETS; k++)
			out_kv_uint(o, smc_stats_bucket_key[k], NULL, b[k]);
		out_record_end(o);
		return;
	}
	for (int k = 0; k < 7; k++)
		abbrev(cell[k], sizeof(cell[k]), b[k]);
	/* the last column takes both 1024K buckets, as smc-tools' ">512KB" */
	abbrev(cell[7], sizeof(cell[7]), b[7] + b[8]);
	out_note(o, "  %-5s%8s%8s%8s%8s%8s%8s%8s%8s", label, cell[0], cell[1], cell[2], cell[3],
		 cell[4], cell[5], cell[6], cell[7]);
}

/* ---- the view: one description of every line and member ---------------------------- */

/*
 * A view is a list of rows; each says what it shows in text (smc-tools' layout: a label
 * at column .indent and the value right-aligned to end in column 41, over .width
 * characters) and in JSON (members and nested objects), so that a counter is described
 * once. A row reads its values from an array of u64: the numbers of the summary
 * (enum stats_num, computed from the snapshot) or the counters of one direction (struct
 * smc_stats_dir, all u64: DIR() gives the index of a member).
 */
enum stats_row_kind {
	ROW_HEADING,	/* text: heading .label (.label NULL: the technology's summary) */
	ROW_BEGIN,	/* JSON: object .key begins */
	ROW_END,	/* JSON: it ends */
	ROW_COUNT,	/* .key: value .a; text "label value" */
	ROW_SPLIT,	/* .key: .a + .b, .key_a: .a, .key_b: .b; text: the sum, with -d
			 * (ROW_SHOW_PARTS) "(client A, server B)"
			 */
	ROW_PCT,	/* ROW_COUNT, the text followed by " (P%)" of .b */
	ROW_ABBREV,	/* ROW_COUNT, the text followed by " (12.3K)" */
	ROW_AVERAGE,	/* text only: (.a) / (.b), one decimal */
	ROW_REASONS,	/* the fallback reasons of both sides */
	ROW_HIST_HEAD,	/* text only: the histograms' column heads */
	ROW_HISTOGRAM,	/* the buckets starting at .a */
	ROW_DIR,	/* the rows of one direction (.a: enum stats_dir_id), JSON object .key */
};

enum {					/* struct stats_row.flags */
	ROW_TEXT_DETAIL	= 1u << 0,	/* text only with -d */
	ROW_JSON_ONLY	= 1u << 1,
	ROW_TEXT_TX	= 1u << 2,	/* text only for the send direction */
	ROW_IF_USAGE	= 1u << 3,	/* only if the kernel sent the buffer usage (6.11+) */
	ROW_SHOW_PARTS	= 1u << 4,	/* ROW_SPLIT: the parts in text with -d */
	ROW_DIR_KEY	= 1u << 5,	/* .key is the counter's own (smc_stats_dir_fields) */
};

struct stats_row {
	uint8_t		kind;		/* enum stats_row_kind */
	uint8_t		flags;
	uint8_t		indent, width;
	uint16_t	a, b;		/* indexes of the values */
	const char	*key, *label;
	const char	*key_a, *key_b;	/* ROW_SPLIT */
};

/* the numbers of the summary, computed once per view */
enum stats_num {
	N_TOTAL, N_SMC_CLIENT, N_SMC_SERVER, N_SMC_V1, N_SMC_V2,
	N_CLIENT_V1, N_CLIENT_V2, N_SERVER_V1, N_SERVER_V2,
	N_HS_CLIENT, N_HS_SERVER, N_FB_CLIENT, N_FB_SERVER,
	N_REQUESTS, N_SMC,
	N_SPECIAL, N_CORK, N_NODELAY, N_SENDPAGE, N_SPLICE, N_URGENT,
	N_COUNT
};

enum stats_dir_id { DIR_RX, DIR_TX };

#define DIR(m)	((uint16_t)(offsetof(struct smc_stats_dir, m) / sizeof(uint64_t)))
#define DIR_COUNT(kind_, fl, label_, width_, m, whole)				\
	{ .kind = (kind_), .flags = ROW_DIR_KEY | (fl), .indent = 2, .width = (width_),	\
	  .a = DIR(m), .b = (whole), .label = (label_) }

static const struct stats_row dir_rows[] = {
	DIR_COUNT(ROW_ABBREV, 0, "Data transmitted (Bytes)", 14, bytes, 0),
	DIR_COUNT(ROW_COUNT, 0, "Total requests", 12, requests, 0),
	{ .kind = ROW_ABBREV, .flags = ROW_IF_USAGE, .indent = 2, .width = 12,
	  .a = DIR(buf_usage), .key = "buffer_usage", .label = "Buffer usage (Bytes)" },
	DIR_COUNT(ROW_PCT, 0, "Buffer full", 12, buf_full, DIR(requests)),
	DIR_COUNT(ROW_PCT, ROW_TEXT_TX, "Buffer full (remote)", 12, buf_full_peer,
		  DIR(requests)),
	DIR_COUNT(ROW_PCT, ROW_TEXT_TX, "Buffer too small", 12, buf_small, DIR(requests)),
	DIR_COUNT(ROW_PCT, ROW_TEXT_TX, "Buffer too small (remote)", 12, buf_small_peer,
		  DIR(requests)),
	DIR_COUNT(ROW_COUNT, ROW_TEXT_DETAIL, "Buffer downgrades", 12, buf_dgrade, 0),
	DIR_COUNT(ROW_COUNT, ROW_TEXT_DETAIL, "Buffer reuses", 12, buf_reuse, 0),
	DIR_COUNT(ROW_COUNT, ROW_JSON_ONLY, NULL, 0, buf_alloc, 0),
	{ .kind = ROW_HIST_HEAD },
	{ .kind = ROW_HISTOGRAM, .a = DIR(buf_sizes), .key = "buffer_sizes", .label = "Bufs" },
	{ .kind = ROW_HISTOGRAM, .a = DIR(req_sizes), .key = "request_sizes", .label = "Reqs" },
};

#define COUNT(fl, key_, label_, indent_, n)					\
	{ .kind = ROW_COUNT, .flags = (fl), .indent = (indent_), .width = 12, .a = (n),	\
	  .key = (key_), .label = (label_) }
#define SPLIT(fl, key_, label_, indent_, ka, na, kb, nb)			\
	{ .kind = ROW_SPLIT, .flags = (fl), .indent = (indent_), .width = 12, .a = (na),	\
	  .b = (nb), .key = (key_), .label = (label_), .key_a = (ka), .key_b = (kb) }

static const struct stats_row summary_rows[] = {
	{ .kind = ROW_HEADING },
	{ .kind = ROW_BEGIN, .key = "connections" },
	COUNT(0, "total", "Total connections handled", 2, N_TOTAL),
	SPLIT(ROW_SHOW_PARTS, "smc", "SMC connections", 2, "smc_client", N_SMC_CLIENT,
	      "smc_server", N_SMC_SERVER),
	COUNT(ROW_JSON_ONLY, "smc_v1", NULL, 0, N_SMC_V1),
	COUNT(ROW_JSON_ONLY, "smc_v2", NULL, 0, N_SMC_V2),
	/* as smc-tools: text shows only the sum of each version, JSON its parts */
	SPLIT(ROW_TEXT_DETAIL, NULL, "v1", 4, "client_v1", N_CLIENT_V1, "server_v1",
	      N_SERVER_V1),
	SPLIT(ROW_TEXT_DETAIL, NULL, "v2", 4, "client_v2", N_CLIENT_V2, "server_v2",
	      N_SERVER_V2),
	{ .kind = ROW_END },
	{ .kind = ROW_BEGIN, .key = "handshake_errors" },
	SPLIT(ROW_SHOW_PARTS, "total", "Handshake errors", 2, "client", N_HS_CLIENT, "server",
	      N_HS_SERVER),
	{ .kind = ROW_END },
	{ .kind = ROW_AVERAGE, .label = "Avg requests per SMC conn", .a = N_REQUESTS,
	  .b = N_SMC },
	{ .kind = ROW_BEGIN, .key = "fallbacks" },
	SPLIT(ROW_SHOW_PARTS, "total", "TCP fallback", 2, "client", N_FB_CLIENT, "server",
	      N_FB_SERVER),
	{ .kind = ROW_REASONS },
	{ .kind = ROW_END },
	{ .kind = ROW_DIR, .a = DIR_RX, .key = "rx", .label = "RX Stats" },
	{ .kind = ROW_DIR, .a = DIR_TX, .key = "tx", .label = "TX Stats" },
	{ .kind = ROW_HEADING, .label = "Extras" },
	{ .kind = ROW_BEGIN, .key = "extras" },
	COUNT(0, "special_calls", "Special socket calls", 2, N_SPECIAL),
	COUNT(ROW_TEXT_DETAIL, "cork", "cork", 4, N_CORK),
	COUNT(ROW_TEXT_DETAIL, "nodelay", "nodelay", 4, N_NODELAY),
	COUNT(ROW_TEXT_DETAIL, "sendpage", "sendpage", 4, N_SENDPAGE),
	COUNT(ROW_TEXT_DETAIL, "splice", "splice", 4, N_SPLICE),
	COUNT(ROW_TEXT_DETAIL, "urgent_data", "urgent data", 4, N_URGENT),
	{ .kind = ROW_END },
};

static void summary_numbers(const struct stats_view *v, uint64_t *n)
{
	const struct smc_stats_tech *t = &v->s->st.tech[v->tech];
	const struct smc_stats *st = &v->s->st;
	const struct smc_fback_stats *fb = &v->s->fb;

	n[N_CLIENT_V1] = t->client_v1;
	n[N_CLIENT_V2] = t->client_v2;
	n[N_SERVER_V1] = t->server_v1;
	n[N_SERVER_V2] = t->server_v2;
	n[N_SMC_CLIENT] = t->client_v1 + t->client_v2;
	n[N_SMC_SERVER] = t->server_v1 + t->server_v2;
	n[N_SMC_V1] = t->client_v1 + t->server_v1;
	n[N_SMC_V2] = t->client_v2 + t->server_v2;
	n[N_SMC] = n[N_SMC_CLIENT] + n[N_SMC_SERVER];
	n[N_HS_CLIENT] = st->client_hs_errors;
	n[N_HS_SERVER] = st->server_hs_errors;
	n[N_FB_CLIENT] = fb->client.total;
	n[N_FB_SERVER] = fb->server.total;
	n[N_TOTAL] = n[N_SMC] + n[N_HS_CLIENT] + n[N_HS_SERVER] + n[N_FB_CLIENT] +
		     n[N_FB_SERVER];
	n[N_REQUESTS] = t->rx.requests + t->tx.requests;
	n[N_CORK] = t->cork;
	n[N_NODELAY] = t->nodelay;
	n[N_SENDPAGE] = t->sendpage;
	n[N_SPLICE] = t->splice;
	n[N_URGENT] = t->urgent_data;
	n[N_SPECIAL] = t->cork + t->nodelay + t->sendpage + t->splice + t->urgent_data;
}

/* the JSON key of a ROW_DIR_KEY row: the counter's own name */
static const char *dir_key(const struct stats_row *r)
{
	for (size_t i = 0; i < smc_stats_ndir_fields; i++)
		if (smc_stats_dir_fields[i].off == r->a * sizeof(uint64_t))
			return smc_stats_dir_fields[i].key;
	return NULL;
}

static void show_rows(struct out *o, const struct stats_view *v, const struct stats_row *rows,
		      size_t nrows, const uint64_t *val, bool tx, bool has_usage);

static void show_dir(struct out *o, const struct stats_view *v, const struct stats_row *r)
{
	const struct smc_stats_tech *t = &v->s->st.tech[v->tech];
	bool tx = r->a == DIR_TX;
	const struct smc_stats_dir *d = tx ? &t->tx : &t->rx;
	uint64_t val[sizeof(*d) / sizeof(uint64_t)];

	_Static_assert(sizeof(*d) % sizeof(uint64_t) == 0, "struct smc_stats_dir is all u64");
	memcpy(val, d, sizeof(val));
	if (out_is_json(o))
		out_record_begin(o, r->key, 0);
	else
		out_heading(o, r->label);
	show_rows(o, v, dir_rows, ARRAY_LEN(dir_rows), val, tx,
		  t->has & (tx ? SMC_STATS_HAS_TX_USAGE : SMC_STATS_HAS_RX_USAGE));
	if (out_is_json(o))
		out_record_end(o);
}

static void show_rows(struct out *o, const struct stats_view *v, const struct stats_row *rows,
		      size_t nrows, const uint64_t *val, bool tx, bool has_usage)
{
	bool json = out_is_json(o), details = v->details > 0;

	for (const struct stats_row *r = rows; r < rows + nrows; r++) {
		const char *key = r->flags & ROW_DIR_KEY ? dir_key(r) : r->key;
		bool text = !(r->flags & ROW_JSON_ONLY) &&
			    (details || !(r->flags & ROW_TEXT_DETAIL)) &&
			    (tx || !(r->flags & ROW_TEXT_TX));

		if (r->flags & ROW_IF_USAGE && !has_usage)
			continue;
		switch (r->kind) {
		case ROW_HEADING:
			if (!json)
				out_heading(o, r->label ? r->label :
					       v->tech == SMC_STATS_SMCD ? "SMC-D Connections Summary"
									 : "SMC-R Connections Summary");
			break;
		case ROW_BEGIN:
			if (json)
				out_record_begin(o, r->key, 0);
			break;
		case ROW_END:
			if (json)
				out_record_end(o);
			break;
		case ROW_COUNT:
		case ROW_PCT:
		case ROW_ABBREV:
			if (json)
				out_kv_uint(o, key, NULL, val[r->a]);
			else if (text && r->kind == ROW_PCT)
				line_pct(o, r->indent, r->label, r->width, val[r->a], val[r->b]);
			else if (text && r->kind == ROW_ABBREV)
				line_abbrev(o, r->indent, r->label, r->width, val[r->a]);
			else if (text)
				line(o, r->indent, r->label, r->width, val[r->a], NULL);
			break;
		case ROW_SPLIT:
			if (json) {
				if (key)
					out_kv_uint(o, key, NULL, val[r->a] + val[r->b]);
				out_kv_uint(o, r->key_a, NULL, val[r->a]);
				out_kv_uint(o, r->key_b, NULL, val[r->b]);
			} else if (text) {
				char parts[64];

				snprintf(parts, sizeof(parts), " (client %" PRIu64 ", server %"
					 PRIu64 ")", val[r->a], val[r->b]);
				line(o, r->indent, r->label, r->width, val[r->a] + val[r->b],
				     details && r->flags & ROW_SHOW_PARTS ? parts : NULL);
			}
			break;
		case ROW_AVERAGE:
			/* the integer part ends in column 41 like the counters, the decimal
			 * sticks out
			 */
			if (!json)
				out_note(o, "  %-25s  %14.1f", r->label,
					 val[r->b] ? (double)val[r->a] / (double)val[r->b] : 0.0);
			break;
		case ROW_REASONS:
			/* text (-d): the server's first, as smc-tools */
			if (json || details) {
				show_reasons(o, "Server", "server_reasons", &v->s->fb.server);
				show_reasons(o, "Client", "client_reasons", &v->s->fb.client);
			}
			break;
		case ROW_HIST_HEAD:
			if (!json)
				out_note(o, "%15s%8s%8s%8s%8s%8s%8s%8s", "8KB", "16KB", "32KB",
					 "64KB", "128KB", "256KB", "512KB", ">512KB");
			break;
		case ROW_HISTOGRAM:
			show_histogram(o, r->label, r->key, val + r->a);
			break;
		case ROW_DIR:
			show_dir(o, v, r);
			break;
		}
	}
}

static void show_view(struct out *o, const struct stats_view *v)
{
	uint64_t n[N_COUNT];

	summary_numbers(v, n);
	if (out_is_json(o)) {
		out_record_begin(o, NULL, 0);
		out_kv_str(o, "technology", NULL, v->tech == SMC_STATS_SMCD ? "SMC-D" : "SMC-R");
		out_kv_bool(o, "since_reset", NULL, v->since_reset);
		if (v->since_reset)
			out_kv_uint(o, "reset_time", NULL, (uint64_t)v->reset_time);
	}
	show_rows(o, v, summary_rows, ARRAY_LEN(summary_rows), n, false, false);
	if (out_is_json(o))
		out_record_end(o);
}

/* ---- "stats json": smc-tools' one line ---------------------------------------------- */

/*
 * smc-tools prints its struct smc_stats_tech as one line, {"SMCD": {"NAME":value,...}},
 * every u64 of it in memory order under a name of its own. Scripts read that line, so
 * "stats json" prints it byte for byte; -j prints our schema (smcr-stats(8)).
 */
struct smctools_key {
	const char	*name;
	size_t		off;	/* of the u64 in struct smc_stats_tech */
};

#define TECH_OFF(member) offsetof(struct smc_stats_tech, member)
#define SMCTOOLS_BUCKETS(prefix, member) \
	{ prefix "8K", TECH_OFF(member[0]) }, { prefix "16K", TECH_OFF(member[1]) }, \
	{ prefix "32K", TECH_OFF(member[2]) }, { prefix "64K", TECH_OFF(member[3]) }, \
	{ prefix "128K", TECH_OFF(member[4]) }, { prefix "256K", TECH_OFF(member[5]) }, \
	{ prefix "512K", TECH_OFF(member[6]) }, { prefix "1024K", TECH_OFF(member[7]) }, \
	{ prefix "G_1024K", TECH_OFF(member[8]) }
#define SMCTOOLS_BUFCNT(prefix, dir) \
	{ prefix "SIZE_SM_PEER_CNT", TECH_OFF(dir.buf_small_peer) }, \
	{ prefix "SIZE_SM_CNT", TECH_OFF(dir.buf_small) }, \
	{ prefix "FULL_PEER_CNT", TECH_OFF(dir.buf_full_peer) }, \
	{ prefix "FULL_CNT", TECH_OFF(dir.buf_full) }, \
	{ prefix "REUSE_CNT", TECH_OFF(dir.buf_reuse) }, \
	{ prefix "ALLOC_CNT", TECH_OFF(dir.buf_alloc) }, \
	{ prefix "DGRADE_CNT", TECH_OFF(dir.buf_dgrade) }

static const struct smctools_key smctools_keys[] = {
	SMCTOOLS_BUCKETS("SMC_INT_TX_BUF_", tx.buf_sizes),
	SMCTOOLS_BUCKETS("SMC_INT_RX_BUF_", rx.buf_sizes),
	SMCTOOLS_BUCKETS("SMC_USR_TX_BUF_", tx.req_sizes),
	SMCTOOLS_BUCKETS("SMC_USR_RX_BUF_", rx.req_sizes),
	SMCTOOLS_BUFCNT("SMC_INT_TX_BUF_", tx),
	SMCTOOLS_BUFCNT("SMC_INT_RX_BUF_", rx),
	{ "SMC_CLNT_V1_SUCC_CNT", TECH_OFF(client_v1) },
	{ "SMC_CLNT_V2_SUCC_CNT", TECH_OFF(client_v2) },
	{ "SMC_SRV_V1_SUCC_CNT", TECH_OFF(server_v1) },
	{ "SMC_SRV_V2_SUCC_CNT", TECH_OFF(server_v2) },
	{ "SMC_SENDPAGE_CNT", TECH_OFF(sendpage) },
	{ "SMC_URG_DATA_CNT", TECH_OFF(urgent_data) },
	{ "SMC_SPLICE_CNT", TECH_OFF(splice) },
	{ "SMC_CORK_CNT", TECH_OFF(cork) },
	{ "SMC_NDLY_CNT", TECH_OFF(nodelay) },
	{ "SMC_RX_BYTES", TECH_OFF(rx.bytes) },
	{ "SMC_TX_BYTES", TECH_OFF(tx.bytes) },
	{ "SMC_RX_CNT", TECH_OFF(rx.requests) },
	{ "SMC_TX_CNT", TECH_OFF(tx.requests) },
	{ "SMC_RX_RMB_USAGE", TECH_OFF(rx.buf_usage) },
	{ "SMC_TX_RMB_USAGE", TECH_OFF(tx.buf_usage) },
};

static void smctools_json_line(struct out *o, const struct stats_view *v)
{
	const char *t = (const char *)&v->s->st.tech[v->tech];
	/* 65 names of at most 31 characters and 20-digit values */
	char buf[65 * (31 + 4 + 20) + 32];
	size_t len;

	len = (size_t)snprintf(buf, sizeof(buf), "{\"%s\": {",
			       v->tech == SMC_STATS_SMCD ? "SMCD" : "SMCR");
	for (size_t i = 0; i < sizeof(smctools_keys) / sizeof(smctools_keys[0]) &&
			   len < sizeof(buf); i++) {
		uint64_t val;

		memcpy(&val, t + smctools_keys[i].off, sizeof(val));
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s\"%s\":%" PRIu64,
					i ? "," : "", smctools_keys[i].name, val);
	}
	if (len < sizeof(buf))
		snprintf(buf + len, sizeof(buf) - len, "}}");
	out_note(o, "%s", buf);
}

/* ---- the commands ------------------------------------------------------------------ */

enum stats_op { STATS_SHOW, STATS_RESET };

/* The baseline, as far as a command has got with it */
struct baseline_state {
	struct smc_stats_store		store;
	struct smc_stats_baseline	b;
	bool				loaded;
	int				load_rc;	/* of smc_stats_store_load() */
	struct smc_stats_file_err	ferr;
};

static void describe_load_error(const struct baseline_state *bs, char *buf, size_t size)
{
	if (bs->load_rc == -ELOOP)
		snprintf(buf, size, "it is a symbolic link, not followed");
	else if (bs->load_rc == -EINVAL && bs->ferr.line)
		snprintf(buf, size, "it is corrupt: line %u: %s", bs->ferr.line, bs->ferr.why);
	else if (bs->load_rc == -EINVAL)
		snprintf(buf, size, "it is corrupt: %s", bs->ferr.why);
	else
		snprintf(buf, size, "%s", strerror(-bs->load_rc));
}

/* Open (and for reset create) the directory and read the baseline. Return: exit status. */
static int baseline_open(struct smc_ctx *ctx, enum stats_op op, struct baseline_state *bs)
{
	int rc = smc_stats_store_open(&bs->store, op == STATS_RESET);

	if (rc == -ENOENT && op == STATS_SHOW)
		return EXIT_OK;		/* never reset here: nothing to subtract */
	if (rc == -EPERM) {
		pr_err("unsafe statistics baseline directory %s: %s (remove it, or use -a)",
		       bs->store.path, bs->store.why);
		return EXIT_RUNTIME;
	}
	if (rc) {
		pr_err("cannot open the statistics baseline directory %s: %s", bs->store.path,
		       strerror(-rc));
		return EXIT_RUNTIME;
	}
	if (ctx->opts->absolute)
		return EXIT_OK;		/* -a reset: the old baseline does not matter */
	bs->load_rc = smc_stats_store_load(&bs->store, &bs->b, &bs->ferr);
	if (!bs->load_rc) {
		bs->loaded = true;
	} else if (bs->load_rc == -ENOENT) {
		bs->load_rc = 0;
	} else if (op == STATS_SHOW) {
		char why[160];

		/* a reset replaces whatever is there, so that is the way out */
		describe_load_error(bs, why, sizeof(why));
		pr_err("cannot use the statistics baseline %s: %s (try: %s stats reset)",
		       bs->store.path, why, ctx->prog);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

/* The kernel's counters went back, or the baseline was taken in another boot or namespace */
static bool baseline_stale(const struct smc_stats_baseline *b, struct smc_stats_snap *cur)
{
	struct smc_stats_baseline me;

	smc_stats_identity(&me);
	if (b->boot_id[0] && me.boot_id[0] && strcmp(b->boot_id, me.boot_id))
		return true;
	if (b->netns_cookie && me.netns_cookie && b->netns_cookie != me.netns_cookie)
		return true;
	return smc_stats_sub(cur, &b->snap) == -ERANGE;
}

static int stats_report_read_error(struct smc_ctx *ctx, int rc)
{
	if (rc == -ENODATA)
		pr_err("cannot read SMC statistics: the kernel sent none");
	else
		pr_err_nl(ctx->nl, rc, "cannot read SMC statistics");
	return EXIT_RUNTIME;
}

static int stats_render(struct smc_ctx *ctx, const struct stats_view *v, bool json)
{
	struct out *o = ctx->out;

	if (!json || out_is_json(o)) {
		show_view(o, v);
		return EXIT_OK;
	}
	/* the "json" command word without -j: smc-tools' line */
	smctools_json_line(o, v);
	return EXIT_OK;
}

static int stats_run(struct smc_ctx *ctx, enum stats_op op, bool json, const char *cmd,
		     int argc, char **argv)
{
	struct baseline_state bs = { .store = { .dirfd = -1 } };
	struct stats_view v = {
		.tech = ctx->variant == SMC_VARIANT_D ? SMC_STATS_SMCD : SMC_STATS_SMCR,
		.details = ctx->opts->details,
	};
	struct smc_stats_snap *cur;
	int rc;

	if (argc > 0) {
		pr_err("stats %s: unexpected argument \"%s\" (try: %s stats help)", cmd, argv[0],
		       ctx->prog);
		return EXIT_USAGE;
	}
	/* the baseline first: its problems are ours to report even where SMC is missing */
	if ((op == STATS_RESET || !ctx->opts->absolute) &&
	    (rc = baseline_open(ctx, op, &bs)) != EXIT_OK)
		goto out_close;
	rc = EXIT_RUNTIME;
	if (tool_require(ctx, SMC_NETLINK_GET_STATS, "stats") ||
	    tool_require(ctx, SMC_NETLINK_GET_FBACK_STATS, "stats"))
		goto out_close;
	cur = malloc(2 * sizeof(*cur));		/* [0] shown, [1] as read (the new baseline) */
	if (!cur) {
		pr_err("%s", strerror(ENOMEM));
		goto out_close;
	}
	rc = smc_stats_read(ctx->nl, &cur[0]);
	if (rc) {
		rc = stats_report_read_error(ctx, rc);
		goto out_free;
	}
	cur[1] = cur[0];

	if (bs.load_rc) {		/* only a reset gets here with a bad baseline */
		char why[160];

		describe_load_error(&bs, why, sizeof(why));
		pr_warn("replacing the statistics baseline %s: %s", bs.store.path, why);
	}
	if (bs.loaded && baseline_stale(&bs.b, &cur[0])) {
		pr_warn("the SMC counters started again since the last \"%s stats reset\" "
			"(module reloaded or reboot?): showing them since then", ctx->prog);
		if (op == STATS_SHOW)
			smc_stats_store_drop(&bs.store);	/* a failure only costs this warning again */
	} else if (bs.loaded) {
		v.since_reset = true;
		v.reset_time = bs.b.time;
	}

	if (op == STATS_RESET) {
		struct smc_stats_baseline *nb = &bs.b;

		memset(nb, 0, sizeof(*nb));
		nb->snap = cur[1];
		nb->time = (int64_t)time(NULL);
		smc_stats_identity(nb);
		rc = smc_stats_store_save(&bs.store, nb);
		if (rc) {
			pr_err("cannot save the statistics baseline %s: %s", bs.store.path,
			       strerror(-rc));
			rc = EXIT_RUNTIME;
			goto out_free;
		}
	}
	smc_stats_store_close(&bs.store);
	v.s = &cur[0];
	rc = stats_render(ctx, &v, json || ctx->opts->common.json);
out_free:
	free(cur);
out_close:
	smc_stats_store_close(&bs.store);
	return rc;
}

static int stats_show(struct smc_ctx *ctx, int argc, char **argv)
{
	return stats_run(ctx, STATS_SHOW, false, "show", argc, argv);
}

static int stats_reset(struct smc_ctx *ctx, int argc, char **argv)
{
	return stats_run(ctx, STATS_RESET, false, "reset", argc, argv);
}

static int stats_json(struct smc_ctx *ctx, int argc, char **argv)
{
	return stats_run(ctx, STATS_SHOW, true, "json", argc, argv);
}

static const struct smc_cmd stats_cmds[] = {
	{ "show",  stats_show,  NULL, "counters since the last reset (-a: since module load)",
	  NULL },
	{ "reset", stats_reset, NULL, "show the counters, then start counting from zero", NULL },
	{ "json",  stats_json,  NULL, "smc-tools' one-line JSON (-j: ours, as -j stats show)",
	  NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

int obj_stats(struct smc_ctx *ctx, int argc, char **argv)
{
	return tool_subcommand(ctx, "stats", stats_cmds, &stats_cmds[0], argc, argv);
}
