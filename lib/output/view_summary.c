// SPDX-License-Identifier: GPL-2.0
/* view_summary.c - smcss --summary (see view_summary.h) */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "decode.h"
#include "view_summary.h"

int sock_summary_add(struct sock_summary *sum, const struct smc_sock *s)
{
	sum->sockets++;
	sum->states[s->state]++;
	/* as in smcss -j: "none" where the mode says nothing */
	if (smc_sock_mode_known(s))
		sum->modes[s->mode]++;
	else
		sum->unconnected++;
	if (s->family == AF_INET6)
		sum->inet6++;
	else
		sum->inet++;
	return fb_tally_add_sock(&sum->codes, &sum->fell_back, s);
}

int fb_tally_add_sock(struct fb_tally *t, uint64_t *fell_back, const struct smc_sock *s)
{
	int rc = 0;

	if (s->mode != SMC_DIAG_MODE_FALLBACK_TCP || !(s->has & SMC_SOCK_HAS_FALLBACK))
		return 0;
	(*fell_back)++;
	if (s->fallback_reason)
		rc = fb_tally_add(t, s->fallback_reason, false);
	if (!rc && s->peer_diagnosis)
		rc = fb_tally_add(t, s->peer_diagnosis, true);
	return rc;
}

void sock_summary_free(struct sock_summary *sum)
{
	fb_tally_free(&sum->codes);
}

/* the labels, with their colon, are padded to this */
#define LABEL_WIDTH 11

/* A count per name: "ACTIVE 2, LISTEN 1" in text, {"ACTIVE": 2, "LISTEN": 1} in JSON */
struct count_line {
	struct out	*o;
	char		text[512];
	size_t		len;
};

static void count_item(struct count_line *l, const char *name, uint64_t n)
{
	int w;

	if (!n)
		return;
	out_kv_uint(l->o, name, NULL, n);
	w = snprintf(l->text + l->len, sizeof(l->text) - l->len, "%s%s %" PRIu64,
		     l->len ? ", " : "", name, n);
	/* only with hundreds of unknown codes is it longer: the line is cut there */
	if (w > 0 && (size_t)w < sizeof(l->text) - l->len)
		l->len += (size_t)w;
}

static void count_begin(struct count_line *l, struct out *o, const char *key)
{
	l->o = o;
	l->len = 0;
	l->text[0] = '\0';
	out_record_begin(o, key, LABEL_WIDTH);
}

static void count_end(struct count_line *l, const char *label)
{
	out_record_end(l->o);
	out_kv_str(l->o, NULL, label, l->len ? l->text : "none");
}

/* @counts by code, named by @name, or as smcss -j names a code it does not know:
 * "0x5" followed by @unknown_mark
 */
static void count_codes(struct count_line *l, const uint64_t *counts,
			const char *(*name)(uint8_t), const char *unknown_mark)
{
	for (unsigned int c = 0; c <= UINT8_MAX; c++) {
		char unknown[16];
		const char *what = name((uint8_t)c);

		if (!counts[c])
			continue;
		if (!what) {
			snprintf(unknown, sizeof(unknown), "%#x%s", c, unknown_mark);
			what = unknown;
		}
		count_item(l, what, counts[c]);
	}
}

struct ranked {
	const struct fb_count	*c;
	uint64_t		n;
};

/* the most frequent code first; among equals, the lower code */
static int ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return x->c->code < y->c->code ? -1 : x->c->code > y->c->code;
}

/* The codes of @sum the sockets carry as their own reason (@peer false) or as their
 * peer's, ranked, into *@rp (*@np of them). Return: 0, or -ENOMEM.
 */
static int rank(const struct sock_summary *sum, bool peer, struct ranked **rp, size_t *np)
{
	const struct fb_tally *t = &sum->codes;
	struct ranked *r = calloc(t->n ? t->n : 1, sizeof(*r));
	size_t n = 0;

	*rp = r;
	*np = 0;
	if (!r)
		return -ENOMEM;
	for (size_t i = 0; i < t->n; i++) {
		uint64_t count = peer ? t->codes[i].peer : t->codes[i].local;

		if (count)
			r[n++] = (struct ranked){ &t->codes[i], count };
	}
	qsort(r, n, sizeof(*r), ranked_cmp);
	*np = n;
	return 0;
}

/* Text lines "   count  0x03030008  NAME  meaning" after @heading (none without codes);
 * a JSON array @key of {code, name, text, sockets}.
 */
static void out_ranked(struct out *o, const struct ranked *r, size_t n, const char *key,
		       const char *heading)
{
	out_list_begin(o, key);
	if (n)
		out_note(o, "%s", heading);
	for (size_t i = 0; i < n; i++) {
		uint32_t code = r[i].c->code;
		const char *name = smc_fallback_name(code), *text = smc_fallback_desc(code);

		out_note(o, "%8" PRIu64 "  0x%08" PRIx32 "  %s%s%s", r[i].n, code,
			 name ? name : "", name && text ? "  " : "", text ? text : "");
		out_record_begin(o, NULL, LABEL_WIDTH);
		out_kv_uint(o, "code", NULL, code);
		out_kv_str(o, "name", NULL, name);
		out_kv_str(o, "text", NULL, text);
		out_kv_uint(o, "sockets", NULL, r[i].n);
		out_record_end(o);
	}
	out_list_end(o);
}

int view_sock_summary(struct out *o, const struct sock_summary *sum)
{
	struct ranked *local, *peer;
	size_t nlocal, npeer;
	struct count_line l;
	/* ranked first: running out of memory then prints nothing at all */
	int rc = rank(sum, false, &local, &nlocal);

	if (!rc)
		rc = rank(sum, true, &peer, &npeer);
	if (rc) {
		free(local);
		return rc;
	}
	out_record_begin(o, NULL, LABEL_WIDTH);
	out_kv_uint(o, "sockets", "Sockets:", sum->sockets);
	count_begin(&l, o, "states");
	count_codes(&l, sum->states, smc_state_name, "?");
	count_end(&l, "States:");
	count_begin(&l, o, "modes");
	count_codes(&l, sum->modes, smc_mode_name, "");
	count_item(&l, "none", sum->unconnected);
	count_end(&l, "Modes:");
	count_begin(&l, o, "families");
	count_item(&l, "inet", sum->inet);
	count_item(&l, "inet6", sum->inet6);
	count_end(&l, "Families:");
	out_kv_uint(o, "fell_back", "Fell back:", sum->fell_back);
	out_ranked(o, local, nlocal, "fallback_reasons", "Fallback reasons:");
	out_ranked(o, peer, npeer, "peer_diagnoses", "Peer diagnoses:");
	out_record_end(o);
	free(local);
	free(peer);
	return 0;
}
