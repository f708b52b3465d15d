// SPDX-License-Identifier: GPL-2.0
/* view_fallback.c - explanation blocks for fallback / decline codes */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "array.h"
#include "fallback_kb.h"
#include "view_fallback.h"

int fb_tally_add(struct fb_tally *t, uint32_t code, bool peer)
{
	struct fb_count *c = NULL;

	for (size_t i = 0; i < t->n && !c; i++)
		if (t->codes[i].code == code)
			c = &t->codes[i];
	if (!c) {
		c = array_push(&t->codes, &t->n, sizeof(*c));
		if (!c)
			return -ENOMEM;
		c->code = code;
	}
	if (peer)
		c->peer++;
	else
		c->local++;
	return 0;
}

static int count_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct fb_count *)a)->code, y = ((const struct fb_count *)b)->code;

	return x < y ? -1 : x > y;
}

void fb_tally_sort(struct fb_tally *t)
{
	if (t->n)
		qsort(t->codes, t->n, sizeof(*t->codes), count_cmp);
}

void fb_tally_free(struct fb_tally *t)
{
	free(t->codes);
	*t = (struct fb_tally){ 0 };
}

/* "2 sockets fell back with it here, 1 because the peer declined with it" */
static void out_counts(struct out *o, const struct fb_count *c)
{
	char text[128];
	int len = 0;

	if (c->local)
		len = snprintf(text, sizeof(text), "%" PRIu64 " socket%s fell back with it here",
			       c->local, c->local == 1 ? "" : "s");
	if (c->peer && len)
		snprintf(text + len, sizeof(text) - (size_t)len,
			 ", %" PRIu64 " because the peer declined with it", c->peer);
	else if (c->peer)
		snprintf(text, sizeof(text),
			 "%" PRIu64 " socket%s fell back because the peer declined with it",
			 c->peer, c->peer == 1 ? "" : "s");
	out_kv_str(o, NULL, "Sockets:", text);
	out_kv_uint(o, "sockets_local", NULL, c->local);
	out_kv_uint(o, "sockets_peer", NULL, c->peer);
}

static const char *origin_text(enum smc_fb_origin origin)
{
	switch (origin) {
	case SMC_FB_LOCAL:	return "the host whose socket fell back";
	case SMC_FB_PEER:	return "the peer, in the CLC decline it sent";
	case SMC_FB_EITHER:	return "whichever side found the problem (the peer, when it "
					"is the second code of a pair)";
	}
	return "either side";
}

#define LABEL_WIDTH 12

void view_fallback_entry(struct out *o, uint32_t code, const struct fb_count *count)
{
	const struct smc_fallback_entry *e = smc_fallback_lookup(code);
	char heading[160];

	if (e)
		snprintf(heading, sizeof(heading), "0x%08" PRIx32 " %s: %s", code, e->name,
			 e->meaning);
	else
		snprintf(heading, sizeof(heading), "0x%08" PRIx32 ": not a known code", code);
	out_heading(o, heading);
	out_record_begin(o, NULL, LABEL_WIDTH);
	out_kv_uint(o, "code", NULL, code);
	out_kv_bool(o, "known", NULL, e != NULL);
	if (e) {
		out_kv_str(o, "name", NULL, e->name);
		out_kv_str(o, "text", NULL, e->meaning);
	}
	if (count)
		out_counts(o, count);
	out_kv_fmt(o, NULL, "Class:", "%s (0x%02" PRIx32 "xxxxxx)", smc_fallback_class(code),
		   code >> 24);
	out_kv_str(o, "class", NULL, smc_fallback_class(code));
	if (e) {
		out_kv_str(o, NULL, "Decided by:", origin_text(e->origin));
		out_kv_str(o, "origin", NULL, smc_fb_origin_name(e->origin));
		if (e->vendor)
			out_kv_str(o, NULL, "Note:",
				   "not a Linux code; other SMC implementations send it");
		if (e->unused)
			out_kv_str(o, NULL, "Note:", "Linux defines this code but never sets it");
		out_kv_bool(o, "vendor", NULL, e->vendor);
		out_kv_bool(o, "unused", NULL, e->unused);
		out_kv_strv(o, "causes", "Causes:", e->causes);
		out_kv_strv(o, "remedies", "What to do:", e->remedies);
	}
	out_record_end(o);
}
