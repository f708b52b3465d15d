// SPDX-License-Identifier: GPL-2.0
/* test_stats.c - parse synthesized SMC_GEN_STATS / SMC_GEN_FBACK_STATS replies, subtract
 * baselines, and read/write/guard the baseline file
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "smc_stats.h"
#include "stats_baseline.h"
#include "tap.h"

/* ok() evaluates its condition more than once; these conditions have side effects */
#define ok1(cond, ...) do { bool once_ = (cond); ok(once_, __VA_ARGS__); } while (0)

/* ---- building replies the way net/smc/smc_stats.c does ----------------------------- */

enum usage_width { USAGE_NONE, USAGE_U32, USAGE_U64 };

static struct nl_msg *genl_msg(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg || !genlmsg_put(msg, 0, 0, 0x20, 0, NLM_F_MULTI, cmd, 1))
		abort();
	return msg;
}

/* histogram values base+1 .. base+9 */
static void put_buckets(struct nl_msg *msg, int type, uint64_t base)
{
	struct nlattr *n = nla_nest_start(msg, type);

	for (int k = 0; k < SMC_STATS_NBUCKETS; k++)
		nla_put_u64(msg, SMC_NLA_STATS_PLOAD_8K + k, base + (uint64_t)k + 1);
	nla_nest_end(msg, n);
}

/* buffer events base+1 .. base+7 in attribute order */
static void put_rmb(struct nl_msg *msg, int type, uint64_t base)
{
	struct nlattr *n = nla_nest_start(msg, type);

	for (int a = SMC_NLA_STATS_RMB_SIZE_SM_PEER_CNT; a <= SMC_NLA_STATS_RMB_DGRADE_CNT; a++)
		nla_put_u64(msg, a, base + (uint64_t)a);
	nla_nest_end(msg, n);
}

/* Every tech attribute T gets the value base + T (histograms and buffer events their own
 * patterns); the usage gauges are put as the kernel's nla_put_uint would: 4 or 8 bytes.
 */
static void put_tech(struct nl_msg *msg, int type, uint64_t base, enum usage_width usage)
{
	struct nlattr *n = nla_nest_start(msg, type);

	put_rmb(msg, SMC_NLA_STATS_T_TX_RMB_STATS, base + 100);
	put_rmb(msg, SMC_NLA_STATS_T_RX_RMB_STATS, base + 200);
	put_buckets(msg, SMC_NLA_STATS_T_TXPLOAD_SIZE, base + 300);
	put_buckets(msg, SMC_NLA_STATS_T_RXPLOAD_SIZE, base + 400);
	put_buckets(msg, SMC_NLA_STATS_T_TX_RMB_SIZE, base + 500);
	put_buckets(msg, SMC_NLA_STATS_T_RX_RMB_SIZE, base + 600);
	for (int a = SMC_NLA_STATS_T_CLNT_V1_SUCC; a <= SMC_NLA_STATS_T_TX_CNT; a++)
		nla_put_u64(msg, a, base + (uint64_t)a);
	if (usage == USAGE_U32) {
		nla_put_u32(msg, SMC_NLA_STATS_T_RX_RMB_USAGE, 65536);
		nla_put_u32(msg, SMC_NLA_STATS_T_TX_RMB_USAGE, 32768);
	} else if (usage == USAGE_U64) {
		nla_put_u64(msg, SMC_NLA_STATS_T_RX_RMB_USAGE, 0x100000000ull);
		nla_put_u64(msg, SMC_NLA_STATS_T_TX_RMB_USAGE, 0x200000000ull);
	}
	nla_nest_end(msg, n);
}

static struct nl_msg *stats_msg(enum usage_width usage)
{
	struct nl_msg *msg = genl_msg(SMC_NETLINK_GET_STATS);
	struct nlattr *n = nla_nest_start(msg, SMC_GEN_STATS);

	put_tech(msg, SMC_NLA_STATS_SMCD_TECH, 1000, usage);
	put_tech(msg, SMC_NLA_STATS_SMCR_TECH, 2000, usage == USAGE_U32 ? USAGE_U64 : usage);
	nla_put_u64(msg, SMC_NLA_STATS_CLNT_HS_ERR_CNT, 7);
	nla_put_u64(msg, SMC_NLA_STATS_SRV_HS_ERR_CNT, 8);
	nla_nest_end(msg, n);
	return msg;
}

/* One fallback slot; totals < 0: left out (every message after the first) */
static struct nl_msg *fback_msg(bool server, int64_t srv_total, int64_t clnt_total,
				uint32_t code, uint16_t count)
{
	struct nl_msg *msg = genl_msg(SMC_NETLINK_GET_FBACK_STATS);
	struct nlattr *n = nla_nest_start(msg, SMC_GEN_FBACK_STATS);

	nla_put_u8(msg, SMC_NLA_FBACK_STATS_TYPE, server);
	if (srv_total >= 0) {
		nla_put_u64(msg, SMC_NLA_FBACK_STATS_SRV_CNT, (uint64_t)srv_total);
		nla_put_u64(msg, SMC_NLA_FBACK_STATS_CLNT_CNT, (uint64_t)clnt_total);
	}
	nla_put_u32(msg, SMC_NLA_FBACK_STATS_RSN_CODE, code);
	nla_put_u16(msg, SMC_NLA_FBACK_STATS_RSN_CNT, count);
	nla_nest_end(msg, n);
	return msg;
}

static int parse_stats(struct nl_msg *msg, struct smc_stats *st)
{
	int rc = smc_stats_parse(nlmsg_hdr(msg), st);

	nlmsg_free(msg);
	return rc;
}

static int parse_fback(struct nl_msg *msg, struct smc_fback_stats *fb)
{
	int rc = smc_fback_stats_parse(nlmsg_hdr(msg), fb);

	nlmsg_free(msg);
	return rc;
}

static void test_stats_parse(void)
{
	const struct smc_stats_tech *d, *r;
	struct smc_stats st;
	struct nl_msg *msg;
	struct nlattr *n, *t;

	ok1(parse_stats(stats_msg(USAGE_U32), &st) == 0, "6.12-style SMC_GEN_STATS parses");
	d = &st.tech[SMC_STATS_SMCD];
	r = &st.tech[SMC_STATS_SMCR];
	ok(st.has == (SMC_STATS_HAS_SMCD | SMC_STATS_HAS_SMCR), "both technology blocks present");
	ok(st.client_hs_errors == 7 && st.server_hs_errors == 8, "handshake errors");
	ok(d->client_v1 == 1000 + SMC_NLA_STATS_T_CLNT_V1_SUCC &&
	   d->client_v2 == 1000 + SMC_NLA_STATS_T_CLNT_V2_SUCC &&
	   d->server_v1 == 1000 + SMC_NLA_STATS_T_SRV_V1_SUCC &&
	   d->server_v2 == 1000 + SMC_NLA_STATS_T_SRV_V2_SUCC, "SMC-D v1/v2 client/server successes");
	ok(r->client_v2 == 2000 + SMC_NLA_STATS_T_CLNT_V2_SUCC &&
	   r->server_v1 == 2000 + SMC_NLA_STATS_T_SRV_V1_SUCC, "SMC-R block kept apart from SMC-D");
	ok(d->sendpage == 1000 + SMC_NLA_STATS_T_SENDPAGE_CNT &&
	   d->splice == 1000 + SMC_NLA_STATS_T_SPLICE_CNT &&
	   d->cork == 1000 + SMC_NLA_STATS_T_CORK_CNT &&
	   d->nodelay == 1000 + SMC_NLA_STATS_T_NDLY_CNT &&
	   d->urgent_data == 1000 + SMC_NLA_STATS_T_URG_DATA_CNT, "special socket calls");
	ok(d->rx.bytes == 1000 + SMC_NLA_STATS_T_RX_BYTES &&
	   d->tx.bytes == 1000 + SMC_NLA_STATS_T_TX_BYTES &&
	   d->rx.requests == 1000 + SMC_NLA_STATS_T_RX_CNT &&
	   d->tx.requests == 1000 + SMC_NLA_STATS_T_TX_CNT, "bytes and requests per direction");
	ok(d->tx.buf_small_peer == 1100 + SMC_NLA_STATS_RMB_SIZE_SM_PEER_CNT &&
	   d->tx.buf_small == 1100 + SMC_NLA_STATS_RMB_SIZE_SM_CNT &&
	   d->tx.buf_full_peer == 1100 + SMC_NLA_STATS_RMB_FULL_PEER_CNT &&
	   d->tx.buf_full == 1100 + SMC_NLA_STATS_RMB_FULL_CNT &&
	   d->tx.buf_reuse == 1100 + SMC_NLA_STATS_RMB_REUSE_CNT &&
	   d->tx.buf_alloc == 1100 + SMC_NLA_STATS_RMB_ALLOC_CNT &&
	   d->tx.buf_dgrade == 1100 + SMC_NLA_STATS_RMB_DGRADE_CNT, "TX buffer events");
	ok(d->rx.buf_full == 1200 + SMC_NLA_STATS_RMB_FULL_CNT &&
	   d->rx.buf_dgrade == 1200 + SMC_NLA_STATS_RMB_DGRADE_CNT, "RX buffer events");
	ok(d->tx.req_sizes[0] == 1301 && d->tx.req_sizes[8] == 1309 &&
	   d->rx.req_sizes[0] == 1401 && d->rx.req_sizes[8] == 1409 &&
	   d->tx.buf_sizes[0] == 1501 && d->tx.buf_sizes[8] == 1509 &&
	   d->rx.buf_sizes[0] == 1601 && d->rx.buf_sizes[7] == 1608 && d->rx.buf_sizes[8] == 1609,
	   "all nine buckets of the four histograms, in order");
	ok(d->has == (SMC_STATS_HAS_RX_USAGE | SMC_STATS_HAS_TX_USAGE) &&
	   d->rx.buf_usage == 65536 && d->tx.buf_usage == 32768,
	   "buffer usage sent as 4-byte uint (nla_put_uint of a small value)");
	ok(r->rx.buf_usage == 0x100000000ull && r->tx.buf_usage == 0x200000000ull,
	   "buffer usage sent as 8-byte uint");

	ok1(parse_stats(stats_msg(USAGE_NONE), &st) == 0 && st.tech[SMC_STATS_SMCD].has == 0 &&
	   st.tech[SMC_STATS_SMCR].has == 0 && st.tech[SMC_STATS_SMCD].rx.buf_usage == 0,
	   "pre-6.11 reply without RX/TX_RMB_USAGE: presence bits clear");

	/* a counter sent narrower than u64 is still read */
	msg = genl_msg(SMC_NETLINK_GET_STATS);
	n = nla_nest_start(msg, SMC_GEN_STATS);
	t = nla_nest_start(msg, SMC_NLA_STATS_SMCD_TECH);
	nla_put_u32(msg, SMC_NLA_STATS_T_RX_BYTES, 123456);
	nla_put_u16(msg, SMC_NLA_STATS_T_TX_CNT, 77);
	nla_nest_end(msg, t);
	nla_nest_end(msg, n);
	ok1(parse_stats(msg, &st) == 0 && st.tech[SMC_STATS_SMCD].rx.bytes == 123456 &&
	   st.tech[SMC_STATS_SMCD].tx.requests == 77 && st.has == SMC_STATS_HAS_SMCD,
	   "u32/u16 counters read by length; absent SMC-R block flagged");

	msg = genl_msg(SMC_NETLINK_GET_STATS);
	n = nla_nest_start(msg, SMC_GEN_STATS);
	t = nla_nest_start(msg, SMC_NLA_STATS_SMCR_TECH);
	nla_put(msg, SMC_NLA_STATS_T_RX_RMB_USAGE, 3, "abc");
	nla_nest_end(msg, t);
	nla_nest_end(msg, n);
	ok1(parse_stats(msg, &st) == -EPROTO, "a 3-byte integer is malformed: -EPROTO");

	msg = genl_msg(SMC_NETLINK_GET_STATS);
	nla_put_u32(msg, SMC_GEN_SYS_INFO, 1);
	ok1(parse_stats(msg, &st) == -ENODATA, "no SMC_GEN_STATS nest: -ENODATA");
}

static void test_fback_parse(void)
{
	struct smc_fback_stats fb = { 0 };

	ok1(parse_fback(fback_msg(true, 5, 4, 0x03030008, 5), &fb) == 0,
	   "first fallback slot with the totals");
	ok1(parse_fback(fback_msg(false, -1, -1, 0x05000000, 3), &fb) == 0 &&
	   parse_fback(fback_msg(false, -1, -1, 0x03990000, 1), &fb) == 0,
	   "later slots without totals, one with a code nobody knows");
	ok(fb.server.total == 5 && fb.client.total == 4, "totals from the first message stay");
	ok(fb.server.n == 1 && fb.server.reason[0].code == 0x03030008 &&
	   fb.server.reason[0].count == 5, "TYPE 1 is the server side");
	ok(fb.client.n == 2 && fb.client.reason[0].code == 0x05000000 &&
	   fb.client.reason[0].count == 3 && fb.client.reason[1].code == 0x03990000 &&
	   fb.client.reason[1].count == 1, "TYPE 0 is the client side; unknown codes kept");
	ok1(parse_fback(fback_msg(false, -1, -1, 0x03010000, 65535), &fb) == 0 &&
	   fb.client.reason[2].count == 65535, "u16 count at its maximum");

	for (uint32_t i = 0; i < SMC_FBACK_MAX_REASONS + 2; i++)
		parse_fback(fback_msg(true, -1, -1, 0x09000000 + i, 1), &fb);
	ok(fb.server.n == SMC_FBACK_MAX_REASONS && fb.server.dropped == 3,
	   "slots beyond the table are counted as dropped, not written past it");

	{
		struct nl_msg *msg = genl_msg(SMC_NETLINK_GET_FBACK_STATS);
		struct nlattr *n = nla_nest_start(msg, SMC_GEN_FBACK_STATS);

		nla_put_u32(msg, SMC_NLA_FBACK_STATS_RSN_CODE, 0x03010000);
		nla_nest_end(msg, n);
		ok1(parse_fback(msg, &fb) == -EPROTO, "a slot without its side: -EPROTO");
	}
}

/* ---- baselines ----------------------------------------------------------------------- */

static void fill_snap(struct smc_stats_snap *s, uint64_t v)
{
	memset(s, 0, sizeof(*s));
	for (int t = 0; t < SMC_STATS_NTECH; t++) {
		struct smc_stats_tech *x = &s->st.tech[t];

		x->client_v1 = x->client_v2 = x->server_v1 = x->server_v2 = v;
		x->rx.bytes = x->tx.bytes = x->rx.requests = x->tx.requests = v * 10;
		x->rx.buf_sizes[8] = x->tx.req_sizes[0] = v;
		x->tx.buf_full_peer = v;
		x->rx.buf_usage = 4096;		/* a gauge */
	}
	s->st.client_hs_errors = s->st.server_hs_errors = v;
	s->fb.client.total = s->fb.server.total = v;
}

static void test_sub(void)
{
	struct smc_stats_snap base, cur, saved;

	fill_snap(&base, 5);
	base.fb.client.n = 2;
	base.fb.client.reason[0] = (struct smc_fback_reason){ 0x03010000, 65530 };
	base.fb.client.reason[1] = (struct smc_fback_reason){ 0x05000000, 2 };
	fill_snap(&cur, 8);
	cur.st.tech[SMC_STATS_SMCD].rx.buf_usage = 1234;
	cur.fb.client.n = 3;
	cur.fb.client.reason[0] = (struct smc_fback_reason){ 0x05000000, 3 };
	cur.fb.client.reason[1] = (struct smc_fback_reason){ 0x03010000, 4 };	/* wrapped */
	cur.fb.client.reason[2] = (struct smc_fback_reason){ 0x03060000, 1 };
	ok1(smc_stats_sub(&cur, &base) == 0, "baseline below the counters: subtracted");
	ok(cur.st.tech[SMC_STATS_SMCD].client_v2 == 3 && cur.st.tech[SMC_STATS_SMCR].server_v1 == 3 &&
	   cur.st.tech[SMC_STATS_SMCD].rx.bytes == 30 && cur.st.tech[SMC_STATS_SMCR].tx.requests == 30 &&
	   cur.st.tech[SMC_STATS_SMCD].rx.buf_sizes[8] == 3 &&
	   cur.st.tech[SMC_STATS_SMCD].tx.req_sizes[0] == 3 &&
	   cur.st.tech[SMC_STATS_SMCR].tx.buf_full_peer == 3, "every counter family subtracted");
	ok(cur.st.client_hs_errors == 3 && cur.fb.server.total == 3 && cur.fb.client.total == 3,
	   "handshake errors and fallback totals subtracted");
	ok(cur.st.tech[SMC_STATS_SMCD].rx.buf_usage == 1234 &&
	   cur.st.tech[SMC_STATS_SMCR].rx.buf_usage == 4096, "the buffer-usage gauge is not");
	ok(cur.fb.client.reason[0].count == 1 && cur.fb.client.reason[1].count == 10 &&
	   cur.fb.client.reason[2].count == 1,
	   "reason counts subtracted modulo 65536 (65530 -> 4 is 10 more); new codes kept");

	fill_snap(&cur, 8);
	cur.st.tech[SMC_STATS_SMCR].tx.buf_sizes[3] = 0;
	base.fb.client.n = 0;
	base.st.tech[SMC_STATS_SMCR].tx.buf_sizes[3] = 1;
	saved = cur;
	ok1(smc_stats_sub(&cur, &base) == -ERANGE && !memcmp(&cur, &saved, sizeof(cur)),
	   "one counter below the baseline: -ERANGE, nothing changed");

	fill_snap(&base, 5);
	fill_snap(&cur, 8);
	base.fb.server.n = 1;
	base.fb.server.reason[0] = (struct smc_fback_reason){ 0x03030008, 1 };
	ok1(smc_stats_sub(&cur, &base) == -ERANGE, "a reason code of the baseline is gone: -ERANGE");
}

static struct smc_stats_baseline sample_baseline(void)
{
	struct smc_stats_baseline b = { .time = 1700000000, .netns_cookie = 4096 };

	fill_snap(&b.snap, 9);
	b.snap.st.tech[SMC_STATS_SMCR].tx.buf_sizes[8] = UINT64_MAX;
	b.snap.fb.server.n = 1;
	b.snap.fb.server.reason[0] = (struct smc_fback_reason){ 0x03030008, 65535 };
	b.snap.fb.client.n = 1;
	b.snap.fb.client.reason[0] = (struct smc_fback_reason){ 0x03990000, 2 };
	snprintf(b.boot_id, sizeof(b.boot_id), "0123abcd-0000-4000-8000-00000000cafe");
	/* gauges are not part of a baseline */
	for (int t = 0; t < SMC_STATS_NTECH; t++)
		b.snap.st.tech[t].rx.buf_usage = b.snap.st.tech[t].tx.buf_usage = 0;
	return b;
}

static char *baseline_text(const struct smc_stats_baseline *b)
{
	struct memout m;

	if (smc_stats_baseline_write(memout_open(&m), b))
		abort();
	return memout_close(&m);
}

/* Parse @text; returns the rc and fills @err */
static int read_text(const char *text, struct smc_stats_baseline *b,
		     struct smc_stats_file_err *err)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	int rc;

	if (!fp)
		abort();
	rc = smc_stats_baseline_read(fp, b, err);
	fclose(fp);
	return rc;
}

/* @text with the first line starting with @prefix replaced by @repl ("" drops it) */
static char *edit(const char *text, const char *prefix, const char *repl)
{
	const char *p = strstr(text, prefix), *eol;
	char *out;

	if (!p)
		abort();
	eol = strchr(p, '\n') + 1;
	if (asprintf(&out, "%.*s%s%s", (int)(p - text), text, repl, eol) < 0)
		abort();
	return out;
}

/* The line number of the first line starting with @prefix */
static unsigned int line_of(const char *text, const char *prefix)
{
	unsigned int line = 1;

	for (const char *p = text; *p; p = strchr(p, '\n') + 1, line++)
		if (!strncmp(p, prefix, strlen(prefix)))
			return line;
	abort();
}

static void corrupt_case(const char *text, unsigned int line, const char *why, const char *what)
{
	struct smc_stats_file_err err;
	struct smc_stats_baseline b;
	int rc = read_text(text, &b, &err);

	ok(rc == -EINVAL && err.line == line && strstr(err.why, why), "%s", what);
	if (rc != -EINVAL || err.line != line || !strstr(err.why, why))
		printf("#   rc %d, line %u: %s\n", rc, err.line, err.why);
}

static void test_baseline_file(void)
{
	struct smc_stats_baseline b = sample_baseline(), back;
	struct smc_stats_file_err err;
	char *text = baseline_text(&b), *bad;
	unsigned int cork = line_of(text, "smcd.cork="), srv = line_of(text, "fallback.server.");
	unsigned int clnt = line_of(text, "fallback.client.");

	ok(!strncmp(text, "# ", 2) && strstr(text, "\nversion=1\ntime=1700000000\n") &&
	   strstr(text, "\nsmcd.rx.buffer_sizes.over_1024k=9\n") &&
	   strstr(text, "\nsmcr.tx.buffer_sizes.over_1024k=18446744073709551615\n") &&
	   strstr(text, "\nfallback.server.0x03030008=65535\n") &&
	   strstr(text, "\nhandshake_errors.client=9\n") && strstr(text, "\nfallbacks.server=9\n"),
	   "key=value lines, versioned, with the JSON names");
	ok(!strstr(text, "usage"), "no line for the buffer-usage gauges");
	ok1(read_text(text, &back, &err) == 0 && !memcmp(&back.snap, &b.snap, sizeof(b.snap)) &&
	   back.time == b.time && back.netns_cookie == 4096 && !strcmp(back.boot_id, b.boot_id),
	   "what is written reads back the same");

	corrupt_case("", 0, "empty", "an empty file is corrupt");
	bad = edit(text, "version=1", "version=2\n");
	corrupt_case(bad, 3, "version 2 is not supported", "another version is refused");
	free(bad);
	bad = edit(text, "version=1", "");
	corrupt_case(bad, 3, "first line is not \"version=1\"", "no version line");
	free(bad);
	bad = edit(text, "smcd.cork=", "smcd.cork=12x\n");
	corrupt_case(bad, cork, "bad value for \"smcd.cork\"", "a value that is no number");
	free(bad);
	bad = edit(text, "smcd.cork=", "smcd.cork=18446744073709551616\n");
	corrupt_case(bad, cork, "bad value", "a value beyond u64");
	free(bad);
	bad = edit(text, "smcd.cork=", "smcd.cork=9\nsmcd.cork=9\n");
	corrupt_case(bad, cork + 1, "\"smcd.cork\" appears twice", "a key twice");
	free(bad);
	bad = edit(text, "smcd.cork=", "");
	corrupt_case(bad, 0, "\"smcd.cork\" is missing", "a missing counter (truncated file)");
	free(bad);
	bad = edit(text, "smcd.cork=", "smcd.corks=1\n");
	corrupt_case(bad, cork, "unknown key \"smcd.corks\"", "an unknown key");
	free(bad);
	bad = edit(text, "smcd.cork=", "garbage\n");
	corrupt_case(bad, cork, "not a key=value line", "a line without '='");
	free(bad);
	bad = edit(text, "fallback.server.", "fallback.server.0x3030008=1\n");
	corrupt_case(bad, srv, "bad reason code", "a reason code that is not 0x and 8 hex digits");
	free(bad);
	bad = edit(text, "fallback.client.", "fallback.client.0x03990000=65536\n");
	corrupt_case(bad, clnt, "bad count", "a reason count beyond u16");
	free(bad);
	bad = edit(text, "boot_id=", "boot_id=../../etc\n");
	corrupt_case(bad, line_of(text, "boot_id="), "bad value for \"boot_id\"", "a boot id that is no boot id");
	free(bad);
	{
		char big[400];

		memset(big, 'x', sizeof(big) - 2);
		big[sizeof(big) - 2] = '\n';
		big[sizeof(big) - 1] = '\0';
		bad = edit(text, "smcd.cork=", big);
		corrupt_case(bad, cork, "line too long", "an overlong line");
		free(bad);
	}
	free(text);
}

/* ---- the directory and the file ------------------------------------------------------ */

static void test_store(void)
{
	char tmpl[] = "/tmp/test_stats.XXXXXX", path[PATH_MAX], target[PATH_MAX + 16];
	struct smc_stats_baseline b = sample_baseline(), back;
	struct smc_stats_file_err err;
	struct smc_stats_store st;
	struct stat sb;
	char *dir = mkdtemp(tmpl);
	FILE *fp;

	if (!dir || setenv("XDG_RUNTIME_DIR", dir, 1))
		abort();
	ok1(smc_stats_store_open(&st, false) == -ENOENT, "show before any reset: no directory");
	smc_stats_store_close(&st);
	ok1(smc_stats_store_open(&st, true) == 0, "reset creates the directory");
	snprintf(path, sizeof(path), "%s/smc-utils", dir);
	ok1(stat(path, &sb) == 0 && S_ISDIR(sb.st_mode) && (sb.st_mode & 0777) == 0700,
	   "under $XDG_RUNTIME_DIR/smc-utils, mode 0700");
	ok(!strncmp(st.path, path, strlen(path)) && strstr(st.path, "/stats-net"),
	   "one file per network namespace: stats-net<inode>");
	ok1(smc_stats_store_load(&st, &back, &err) == -ENOENT, "no baseline yet");
	ok1(smc_stats_store_save(&st, &b) == 0 && smc_stats_store_load(&st, &back, &err) == 0 &&
	   !memcmp(&back.snap, &b.snap, sizeof(b.snap)), "saved and loaded again");
	ok1(stat(st.path, &sb) == 0 && (sb.st_mode & 0777) == 0600, "the file is 0600");
	snprintf(target, sizeof(target), "%s.tmp", st.path);
	ok1(access(target, F_OK) < 0, "no temporary file left behind");

	/* a symbolic link planted at the name is never followed, and a reset replaces it */
	snprintf(target, sizeof(target), "%s/target", dir);
	fp = fopen(target, "w");
	fputs("keep me\n", fp);
	fclose(fp);
	unlink(st.path);
	if (symlink(target, st.path))
		abort();
	ok1(smc_stats_store_load(&st, &back, &err) == -ELOOP, "a symlink at the name: -ELOOP");
	ok1(smc_stats_store_save(&st, &b) == 0 && lstat(st.path, &sb) == 0 && S_ISREG(sb.st_mode),
	   "saving replaces the link itself");
	fp = fopen(target, "r");
	{
		char buf[32] = "";

		ok1(fp && fgets(buf, sizeof(buf), fp) && !strcmp(buf, "keep me\n"),
		   "the link's target is untouched");
		if (fp)
			fclose(fp);
	}
	unlink(target);

	fp = fopen(st.path, "w");
	fputs("version=1\nnonsense\n", fp);
	fclose(fp);
	ok1(smc_stats_store_load(&st, &back, &err) == -EINVAL && err.line == 2,
	   "a corrupt file: -EINVAL with the line");
	unlink(st.path);
	if (mkfifo(st.path, 0600))
		abort();
	ok1(smc_stats_store_load(&st, &back, &err) == -EINVAL && strstr(err.why, "regular"),
	   "a FIFO at the name does not block, it is refused");
	ok1(smc_stats_store_drop(&st) == 0 && access(st.path, F_OK) < 0 &&
	   smc_stats_store_drop(&st) == 0, "drop removes it; dropping nothing is fine");
	smc_stats_store_close(&st);

	chmod(path, 0755);
	ok1(smc_stats_store_open(&st, false) == -EPERM && strstr(st.why, "mode 0755"),
	   "a directory others can enter is refused");
	smc_stats_store_close(&st);
	rmdir(path);
	snprintf(target, sizeof(target), "%s/elsewhere", dir);
	if (mkdir(target, 0700) || symlink(target, path))
		abort();
	ok1(smc_stats_store_open(&st, true) == -EPERM && strstr(st.why, "symbolic link"),
	   "a symlinked directory is refused");
	smc_stats_store_close(&st);
	unlink(path);
	rmdir(target);
	rmdir(dir);
}

int main(void)
{
	test_stats_parse();
	test_fback_parse();
	test_sub();
	test_baseline_file();
	test_store();
	return tap_done();
}
