// SPDX-License-Identifier: GPL-2.0
/* nlmsg.c - netlink messages, built and taken apart by our own code (see nlmsg.h) */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>

#include "nlmsg.h"

/* Requests are a few dozen bytes; the buffer grows for the rare bigger one. */
#define NLMSG_FIRST_CAP 256

/* @len more bytes at the end of @m, zeroed and with the message's length grown by
 * NLMSG_ALIGN(@len) (attributes use the same 4-byte alignment); NULL if out of memory.
 */
static void *reserve(struct smc_nlmsg *m, size_t len)
{
	size_t padded = NLMSG_ALIGN(len), used;
	char *p;

	if (!m->h)
		return NULL;
	used = m->h->nlmsg_len;
	if (padded < len || padded > UINT32_MAX - used)
		return NULL;
	if (used + padded > m->cap) {
		size_t cap = m->cap * 2 > used + padded ? m->cap * 2 : used + padded;
		struct nlmsghdr *bigger = realloc(m->h, cap);

		if (!bigger) {
			free(m->h);
			m->h = NULL;
			return NULL;
		}
		m->h = bigger;
		m->cap = cap;
	}
	p = (char *)m->h + used;
	memset(p, 0, padded);
	m->h->nlmsg_len = (uint32_t)(used + padded);
	return p;
}

int smc_nlmsg_init(struct smc_nlmsg *m, uint16_t type, uint16_t flags)
{
	m->cap = NLMSG_FIRST_CAP;
	m->h = calloc(1, m->cap);
	if (!m->h)
		return -ENOMEM;
	m->h->nlmsg_len = NLMSG_HDRLEN;
	m->h->nlmsg_type = type;
	m->h->nlmsg_flags = flags;
	return 0;
}

int smc_genlmsg_init(struct smc_nlmsg *m, uint16_t family, uint16_t flags, uint8_t cmd,
		     uint8_t version)
{
	struct genlmsghdr g = { .cmd = cmd, .version = version };

	if (smc_nlmsg_init(m, family, flags))
		return -ENOMEM;
	return smc_nlmsg_append(m, &g, sizeof(g));
}

void smc_nlmsg_release(struct smc_nlmsg *m)
{
	free(m->h);
	m->h = NULL;
	m->cap = 0;
}

int smc_nlmsg_append(struct smc_nlmsg *m, const void *data, size_t len)
{
	void *p = reserve(m, len);

	if (!p)
		return -ENOMEM;
	if (len)
		memcpy(p, data, len);
	return 0;
}

int smc_nla_put(struct smc_nlmsg *m, uint16_t type, const void *data, size_t len)
{
	struct nlattr *a;

	if (len > UINT16_MAX - NLA_HDRLEN)
		return -EMSGSIZE;
	a = reserve(m, NLA_HDRLEN + len);
	if (!a)
		return -ENOMEM;
	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (len)
		memcpy(smc_nla_payload(a), data, len);
	return 0;
}

int smc_nla_put_u8(struct smc_nlmsg *m, uint16_t type, uint8_t v)
{
	return smc_nla_put(m, type, &v, sizeof(v));
}

int smc_nla_put_u32(struct smc_nlmsg *m, uint16_t type, uint32_t v)
{
	return smc_nla_put(m, type, &v, sizeof(v));
}

int smc_nla_put_str(struct smc_nlmsg *m, uint16_t type, const char *s)
{
	return smc_nla_put(m, type, s, strlen(s) + 1);
}

int smc_nla_parse(struct nlattr **tb, int maxtype, const void *head, size_t len)
{
	struct nlattr *a;
	size_t rem;

	memset(tb, 0, sizeof(*tb) * (size_t)(maxtype + 1));
	smc_nla_for_each(a, head, len, rem) {
		uint16_t type = smc_nla_type(a);

		if (type <= maxtype)
			tb[type] = a;
	}
	return 0;
}

int smc_nla_parse_nested(struct nlattr **tb, int maxtype, const struct nlattr *nest)
{
	return smc_nla_parse(tb, maxtype, smc_nla_payload(nest), smc_nla_size(nest));
}

int smc_nlmsg_parse(const struct nlmsghdr *h, size_t hdrlen, struct nlattr **tb, int maxtype)
{
	size_t payload;

	if (h->nlmsg_len < NLMSG_HDRLEN + hdrlen) {
		memset(tb, 0, sizeof(*tb) * (size_t)(maxtype + 1));
		return -EPROTO;
	}
	payload = h->nlmsg_len - NLMSG_HDRLEN;
	/* the fixed header is padded to 4 bytes, but the message need not be */
	hdrlen = NLMSG_ALIGN(hdrlen);
	return smc_nla_parse(tb, maxtype, (const char *)NLMSG_DATA(h) + hdrlen,
			     payload > hdrlen ? payload - hdrlen : 0);
}

int smc_genlmsg_parse(const struct nlmsghdr *h, struct nlattr **tb, int maxtype)
{
	return smc_nlmsg_parse(h, GENL_HDRLEN, tb, maxtype);
}
