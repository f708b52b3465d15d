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

static void line_split(struct out *o, int indent, const char *label, uint64_t client,
		       uint64_t server, bool details)
{
	char split[64];

	snprintf(split, sizeof(split), " (client %" PRIu64 ", server %" PRIu64 ")", client,
		 server);
	line(o, indent, label, 12, client + server, details ? split : NULL);
}

static void line_pct(struct out *o, const char *label, uint64_t v, uint64_t whole)
{
	char pct[32];

	snprintf(pct, sizeof(pct), " (%.2f%%)", percent(v, whole));
	line(o, 2, label, 12, v, pct);
}

static void line_abbrev(struct out *o, const char *label, int width, uint64_t v)
{
	char a[16], suffix[20];

	abbrev(a, sizeof(a), v);
	snprintf(suffix, sizeof(suffix), " (%s)", a);
	line(o, 2, label, width, v, suffix);
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

static void text_reasons(struct out *o, const char *caption, const struct smc_fback_side *side)
{
	struct smc_fback_reason r[SMC_FBACK_MAX_REASONS] = { { 0 } };
	unsigned int n = sorted_reasons(side, r);

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

static void text_histogram(struct out *o, const char *label, const uint64_t *b)
{
	char cell[8][16];

	for (int k = 0; k < 7; k++)
		abbrev(cell[k], sizeof(cell[k]), b[k]);
	/* the last column takes both 1024K buckets, as smc-tools' ">512KB" */
	abbrev(cell[7], sizeof(cell[7]), b[7] + b[8]);
	out_note(o, "  %-5s%8s%8s%8s%8s%8s%8s%8s%8s", label, cell[0], cell[1], cell[2], cell[3],
		 cell[4], cell[5], cell[6], cell[7]);
}

static void text_dir(struct out *o, const char *heading, const struct smc_stats_dir *d,
		     bool has_usage, bool tx, bool details)
{
	out_heading(o, heading);
	line_abbrev(o, "Data transmitted (Bytes)", 14, d->bytes);
	line(o, 2, "Total requests", 12, d->requests, NULL);
	if (has_usage)
		line_abbrev(o, "Buffer usage (Bytes)", 12, d->buf_usage);
	line_pct(o, "Buffer full", d->buf_full, d->requests);
	if (tx) {
		line_pct(o, "Buffer full (remote)", d->buf_full_peer, d->requests);
		line_pct(o, "Buffer too small", d->buf_small, d->requests);
		line_pct(o, "Buffer too small (remote)", d->buf_small_peer, d->requests);
	}
	if (details) {
		line(o, 2, "Buffer downgrades", 12, d->buf_dgrade, NULL);
		line(o, 2, "Buffer reuses", 12, d->buf_reuse, NULL);
	}
	out_note(o, "%15s%8s%8s%8s%8s%8s%8s%8s", "8KB", "16KB", "32KB", "64KB", "128KB", "256KB",
		 "512KB", ">512KB");
	text_histogram(o, "Bufs", d->buf_sizes);
	text_histogram(o, "Reqs", d->req_sizes);
}

static void text_view(struct out *o, const struct stats_view *v)
{
	const struct smc_stats_tech *t = &v->s->st.tech[v->tech];
	const struct smc_stats *st = &v->s->st;
	const struct smc_fback_stats *fb = &v->s->fb;
	uint64_t smc = t->client_v1 + t->client_v2 + t->server_v1 + t->server_v2;
	uint64_t hs = st->client_hs_errors + st->server_hs_errors;
	uint64_t fallbacks = fb->client.total + fb->server.total;
	bool d = v->details > 0;

	out_heading(o, v->tech == SMC_STATS_SMCD ? "SMC-D Connections Summary"
						 : "SMC-R Connections Summary");
	line(o, 2, "Total connections handled", 12, smc + hs + fallbacks, NULL);
	line_split(o, 2, "SMC connections", t->client_v1 + t->client_v2,
		   t->server_v1 + t->server_v2, d);
	if (d) {
		/* as smc-tools: the per-version split of client and server is in -j only */
		line_split(o, 4, "v1", t->client_v1, t->server_v1, false);
		line_split(o, 4, "v2", t->client_v2, t->server_v2, false);
	}
	line_split(o, 2, "Handshake errors", st->client_hs_errors, st->server_hs_errors, d);
	/* the integer part ends in column 41 like the counters, the decimal sticks out */
	out_note(o, "  %-25s  %14.1f", "Avg requests per SMC conn",
		 smc ? (double)(t->rx.requests + t->tx.requests) / (double)smc : 0.0);
	line_split(o, 2, "TCP fallback", fb->client.total, fb->server.total, d);
	if (d) {
		text_reasons(o, "Server", &fb->server);
		text_reasons(o, "Client", &fb->client);
	}

	text_dir(o, "RX Stats", &t->rx, t->has & SMC_STATS_HAS_RX_USAGE, false, d);
	text_dir(o, "TX Stats", &t->tx, t->has & SMC_STATS_HAS_TX_USAGE, true, d);

	out_heading(o, "Extras");
	line(o, 2, "Special socket calls", 12,
	     t->cork + t->nodelay + t->sendpage + t->splice + t->urgent_data, NULL);
	if (d) {
		line(o, 4, "cork", 12, t->cork, NULL);
		line(o, 4, "nodelay", 12, t->nodelay, NULL);
		line(o, 4, "sendpage", 12, t->sendpage, NULL);
		line(o, 4, "splice", 12, t->splice, NULL);
		line(o, 4, "urgent data", 12, t->urgent_data, NULL);
	}
}

/* ---- JSON -------------------------------------------------------------------------- */

static void json_buckets(struct out *o, const char *name, const uint64_t *b)
{
	out_record_begin(o, name, 0);
	for (int k = 0; k < SMC_STATS_NBUCKETS; k++)
		out_kv_uint(o, smc_stats_bucket_key[k], NULL, b[k]);
	out_record_end(o);
}

static void json_dir(struct out *o, const char *name, const struct smc_stats_dir *d,
		     bool has_usage)
{
	out_record_begin(o, name, 0);
	for (size_t i = 0; i < smc_stats_ndir_fields; i++)
		out_kv_uint(o, smc_stats_dir_fields[i].key, NULL,
			    smc_stats_dir_get(d, &smc_stats_dir_fields[i]));
	if (has_usage)
		out_kv_uint(o, "buffer_usage", NULL, d->buf_usage);
	json_buckets(o, "buffer_sizes", d->buf_sizes);
	json_buckets(o, "request_sizes", d->req_sizes);
	out_record_end(o);
}

static void json_reasons(struct out *o, const char *name, const struct smc_fback_side *side)
{
	struct smc_fback_reason r[SMC_FBACK_MAX_REASONS] = { { 0 } };
	unsigned int n = sorted_reasons(side, r);

	out_list_begin(o, name);
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
}

static void json_view(struct out *o, const struct stats_view *v)
{
	const struct smc_stats_tech *t = &v->s->st.tech[v->tech];
	const struct smc_stats *st = &v->s->st;
	const struct smc_fback_stats *fb = &v->s->fb;
	uint64_t client = t->client_v1 + t->client_v2, server = t->server_v1 + t->server_v2;
	uint64_t hs = st->client_hs_errors + st->server_hs_errors;
	uint64_t fallbacks = fb->client.total + fb->server.total;

	out_record_begin(o, NULL, 0);
	out_kv_str(o, "technology", NULL, v->tech == SMC_STATS_SMCD ? "SMC-D" : "SMC-R");
	out_kv_bool(o, "since_reset", NULL, v->since_reset);
	if (v->since_reset)
		out_kv_uint(o, "reset_time", NULL, (uint64_t)v->reset_time);

	out_record_begin(o, "connections", 0);
	out_kv_uint(o, "total", NULL, client + server + hs + fallbacks);
	out_kv_uint(o, "smc", NULL, client + server);
	out_kv_uint(o, "smc_client", NULL, client);
	out_kv_uint(o, "smc_server", NULL, server);
	out_kv_uint(o, "smc_v1", NULL, t->client_v1 + t->server_v1);
	out_kv_uint(o, "smc_v2", NULL, t->client_v2 + t->server_v2);
	out_kv_uint(o, "client_v1", NULL, t->client_v1);
	out_kv_uint(o, "client_v2", NULL, t->client_v2);
	out_kv_uint(o, "server_v1", NULL, t->server_v1);
	out_kv_uint(o, "server_v2", NULL, t->server_v2);
	out_record_end(o);

	out_record_begin(o, "handshake_errors", 0);
	out_kv_uint(o, "total", NULL, hs);
	out_kv_uint(o, "client", NULL, st->client_hs_errors);
	out_kv_uint(o, "server", NULL, st->server_hs_errors);
	out_record_end(o);

	out_record_begin(o, "fallbacks", 0);
	out_kv_uint(o, "total", NULL, fallbacks);
	out_kv_uint(o, "client", NULL, fb->client.total);
	out_kv_uint(o, "server", NULL, fb->server.total);
	json_reasons(o, "client_reasons", &fb->client);
	json_reasons(o, "server_reasons", &fb->server);
	out_record_end(o);

	json_dir(o, "rx", &t->rx, t->has & SMC_STATS_HAS_RX_USAGE);
	json_dir(o, "tx", &t->tx, t->has & SMC_STATS_HAS_TX_USAGE);

	out_record_begin(o, "extras", 0);
	out_kv_uint(o, "special_calls", NULL,
		    t->cork + t->nodelay + t->sendpage + t->splice + t->urgent_data);
	out_kv_uint(o, "cork", NULL, t->cork);
	out_kv_uint(o, "nodelay", NULL, t->nodelay);
	out_kv_uint(o, "sendpage", NULL, t->sendpage);
	out_kv_uint(o, "splice", NULL, t->splice);
	out_kv_uint(o, "urgent_data", NULL, t->urgent_data);
	out_record_end(o);

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
		if (json)
			json_view(o, v);
		else
			text_view(o, v);
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
