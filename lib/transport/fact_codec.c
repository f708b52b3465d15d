// SPDX-License-Identifier: GPL-2.0
/* fact_codec.c - the byte layout of recorded facts (fact_codec.h) */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fact_codec.h"

void fact_put(struct fact_writer *w, const void *v, size_t len)
{
	if (w->failed)
		return;
	if (len > SIZE_MAX / 2 - w->len) {
		w->failed = true;
		return;
	}
	if (w->len + len > w->cap) {
		size_t cap = w->cap ? w->cap : 256;
		uint8_t *bigger;

		while (cap < w->len + len)
			cap *= 2;
		bigger = realloc(w->buf, cap);
		if (!bigger) {
			w->failed = true;
			return;
		}
		w->buf = bigger;
		w->cap = cap;
	}
	memcpy(w->buf + w->len, v, len);
	w->len += len;
}

void fact_put_u32(struct fact_writer *w, uint32_t v)
{
	fact_put(w, &v, sizeof(v));
}

void fact_put_s32(struct fact_writer *w, int32_t v)
{
	fact_put(w, &v, sizeof(v));
}

void fact_put_u64(struct fact_writer *w, uint64_t v)
{
	fact_put(w, &v, sizeof(v));
}

void fact_put_str(struct fact_writer *w, const char *s)
{
	fact_put(w, s, strlen(s) + 1);
}

int fact_writer_finish(struct fact_writer *w, uint8_t **buf, size_t *len)
{
	/* an empty fact still gets a buffer of its own */
	if (!w->failed && !w->buf)
		w->buf = malloc(1);
	if (w->failed || !w->buf) {
		free(w->buf);
		*w = (struct fact_writer){ 0 };
		return -ENOMEM;
	}
	*buf = w->buf;
	*len = w->len;
	*w = (struct fact_writer){ 0 };
	return 0;
}

void fact_get(struct fact_reader *r, void *v, size_t len)
{
	if (r->bad || r->left < len) {
		r->bad = true;
		memset(v, 0, len);
		return;
	}
	memcpy(v, r->p, len);
	r->p += len;
	r->left -= len;
}

uint32_t fact_get_u32(struct fact_reader *r)
{
	uint32_t v;

	fact_get(r, &v, sizeof(v));
	return v;
}

uint64_t fact_get_u64(struct fact_reader *r)
{
	uint64_t v;

	fact_get(r, &v, sizeof(v));
	return v;
}

int fact_get_result(struct fact_reader *r, int max_ok)
{
	int32_t v = (int32_t)fact_get_u32(r);

	if (v > max_ok || v < -FACT_MAX_ERRNO)
		r->bad = true;
	return r->bad ? 0 : v;
}

void fact_get_str(struct fact_reader *r, char *out, size_t size)
{
	const uint8_t *nul = r->bad ? NULL : memchr(r->p, 0, r->left);
	size_t len;

	out[0] = '\0';
	if (!nul || (len = (size_t)(nul - r->p)) >= size) {
		r->bad = true;
		return;
	}
	memcpy(out, r->p, len + 1);
	r->p += len + 1;
	r->left -= len + 1;
}

int fact_reader_end(const struct fact_reader *r)
{
	return r->bad || r->left ? -EBADMSG : 0;
}
