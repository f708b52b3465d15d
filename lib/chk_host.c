// SPDX-License-Identifier: GPL-2.0
/* chk_host.c - smc_chk's reads outside netlink as one recorded fact (smc_chk.h) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "smc_chk.h"

/* A growing byte buffer; a failed allocation sticks and ends the encoding */
struct enc {
	uint8_t	*buf;
	size_t	len, cap;
	bool	failed;
};

static void enc_put(struct enc *e, const void *v, size_t len)
{
	if (e->failed)
		return;
	if (e->len + len > e->cap) {
		size_t cap = e->cap ? e->cap : 256;
		uint8_t *bigger;

		while (cap < e->len + len)
			cap *= 2;
		bigger = realloc(e->buf, cap);
		if (!bigger) {
			e->failed = true;
			return;
		}
		e->buf = bigger;
		e->cap = cap;
	}
	memcpy(e->buf + e->len, v, len);
	e->len += len;
}

static void enc_s32(struct enc *e, int v)
{
	int32_t x = v;

	enc_put(e, &x, sizeof(x));
}

static void enc_u32(struct enc *e, size_t v)
{
	uint32_t x = (uint32_t)v;

	enc_put(e, &x, sizeof(x));
}

static void enc_str(struct enc *e, const char *s)
{
	enc_put(e, s, strlen(s) + 1);
}

int chk_host_encode(const struct chk_facts *f, const struct chk_host_reads *r, uint8_t **buf,
		    size_t *len)
{
	struct enc e = { 0 };

	enc_s32(&e, f->af_smc_rc);
	enc_s32(&e, f->ipproto_smc_rc);
	enc_s32(&e, f->netns_initial);
	enc_s32(&e, f->tfo_rc);
	enc_u32(&e, f->tcp_fastopen);
	enc_s32(&e, f->sysctl_rc);
	enc_u32(&e, f->nsysctls);
	for (size_t i = 0; i < f->nsysctls; i++) {
		enc_str(&e, f->sysctls[i].name);
		enc_str(&e, f->sysctls[i].value);
	}
	enc_s32(&e, f->foreign_pnet_rc);
	enc_u32(&e, r->nvisits);
	for (size_t i = 0; i < r->nvisits; i++) {
		enc_str(&e, r->visits[i].name);
		enc_str(&e, r->visits[i].path);
	}
	if (e.failed) {
		free(e.buf);
		return -ENOMEM;
	}
	*buf = e.buf;
	*len = e.len;
	return 0;
}

/* Reading: every step checks what is left; the first shortfall fails the whole */
struct dec {
	const uint8_t	*p;
	size_t		left;
	bool		bad;
};

static uint32_t dec_u32(struct dec *d)
{
	uint32_t x = 0;

	if (d->bad || d->left < sizeof(x)) {
		d->bad = true;
		return 0;
	}
	memcpy(&x, d->p, sizeof(x));
	d->p += sizeof(x);
	d->left -= sizeof(x);
	return x;
}

/* 0 or an errno, as every recorded result */
static int dec_rc(struct dec *d)
{
	int32_t x = (int32_t)dec_u32(d);

	if (x > 0 || x < -4095)
		d->bad = true;
	return d->bad ? 0 : x;
}

/* A NUL-terminated string that fits @size bytes with its NUL */
static void dec_str(struct dec *d, char *out, size_t size)
{
	const uint8_t *nul = d->bad ? NULL : memchr(d->p, 0, d->left);
	size_t len;

	out[0] = '\0';
	if (!nul || (len = (size_t)(nul - d->p)) >= size) {
		d->bad = true;
		return;
	}
	memcpy(out, d->p, len + 1);
	d->p += len + 1;
	d->left -= len + 1;
}

int chk_host_add_visit(struct chk_host_reads *r, const char *name, const char *path)
{
	struct chk_netns_visit *v;

	if (strlen(name) >= sizeof(v->name) || strlen(path) >= sizeof(v->path))
		return -ENAMETOOLONG;
	v = array_push(&r->visits, &r->nvisits, sizeof(*v));
	if (!v)
		return -ENOMEM;
	snprintf(v->name, sizeof(v->name), "%s", name);
	snprintf(v->path, sizeof(v->path), "%s", path);
	return 0;
}

void chk_host_reads_free(struct chk_host_reads *r)
{
	free(r->visits);
	r->visits = NULL;
	r->nvisits = 0;
}

int chk_host_decode(const void *buf, size_t len, struct chk_facts *f,
		    struct chk_host_reads *r)
{
	struct dec d = { .p = buf, .left = len };
	uint32_t n;
	int rc;

	f->af_smc_rc = dec_rc(&d);
	f->ipproto_smc_rc = dec_rc(&d);
	f->netns_initial = (int32_t)dec_u32(&d);
	if (f->netns_initial > 1 || f->netns_initial < -4095)
		d.bad = true;
	f->tfo_rc = dec_rc(&d);
	f->tcp_fastopen = dec_u32(&d);
	f->sysctl_rc = dec_rc(&d);
	n = dec_u32(&d);
	/* each entry takes two bytes at least: a count beyond what is left is a lie */
	if (n > d.left / 2)
		d.bad = true;
	for (uint32_t i = 0; !d.bad && i < n; i++) {
		struct chk_sysctl s;

		dec_str(&d, s.name, sizeof(s.name));
		dec_str(&d, s.value, sizeof(s.value));
		if (!d.bad && (rc = chk_add_sysctl(f, s.name, s.value)))
			return rc;
	}
	f->foreign_pnet_rc = dec_rc(&d);
	n = dec_u32(&d);
	if (n > d.left / 2)
		d.bad = true;
	for (uint32_t i = 0; !d.bad && i < n; i++) {
		struct chk_netns_visit v;

		dec_str(&d, v.name, sizeof(v.name));
		dec_str(&d, v.path, sizeof(v.path));
		if (!d.bad && (rc = chk_host_add_visit(r, v.name, v.path)))
			return rc;
	}
	return d.bad || d.left ? -EBADMSG : 0;
}
