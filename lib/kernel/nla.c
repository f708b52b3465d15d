// SPDX-License-Identifier: GPL-2.0
/* nla.c - length-checked reads of netlink attributes (the rule is in nla.h) */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "nla.h"

/* The payload length of @a; -1 for no attribute. The parsers (nlmsg.h) only hand out
 * attributes whose header fits, so nla_len >= NLA_HDRLEN there; the check costs nothing.
 */
static int payload_len(const struct nlattr *a)
{
	if (!a || a->nla_len < NLA_HDRLEN)
		return -1;
	return (int)smc_nla_size(a);
}

/* Any of the four integer widths, into a u64; memcpy because attributes are only
 * 4-byte aligned.
 */
static bool read_uint(const struct nlattr *a, uint64_t *out)
{
	const void *d;
	uint64_t v64;
	uint32_t v32;
	uint16_t v16;
	uint8_t v8;

	switch (payload_len(a)) {
	case 1:
		d = smc_nla_payload(a);
		memcpy(&v8, d, sizeof(v8));
		*out = v8;
		return true;
	case 2:
		d = smc_nla_payload(a);
		memcpy(&v16, d, sizeof(v16));
		*out = v16;
		return true;
	case 4:
		d = smc_nla_payload(a);
		memcpy(&v32, d, sizeof(v32));
		*out = v32;
		return true;
	case 8:
		d = smc_nla_payload(a);
		memcpy(&v64, d, sizeof(v64));
		*out = v64;
		return true;
	}
	return false;
}

bool smc_nla_u8(const struct nlattr *a, uint8_t *out)
{
	uint64_t v;

	if (!read_uint(a, &v) || v > UINT8_MAX)
		return false;
	*out = (uint8_t)v;
	return true;
}

bool smc_nla_u16(const struct nlattr *a, uint16_t *out)
{
	uint64_t v;

	if (!read_uint(a, &v) || v > UINT16_MAX)
		return false;
	*out = (uint16_t)v;
	return true;
}

bool smc_nla_u32(const struct nlattr *a, uint32_t *out)
{
	uint64_t v;

	if (!read_uint(a, &v) || v > UINT32_MAX)
		return false;
	*out = (uint32_t)v;
	return true;
}

bool smc_nla_u64(const struct nlattr *a, uint64_t *out)
{
	return read_uint(a, out);
}

bool smc_nla_bool(const struct nlattr *a, bool *out)
{
	uint64_t v;

	if (!read_uint(a, &v))
		return false;
	*out = v != 0;
	return true;
}

enum str_fit {
	STR_EXACT,	/* names: one that does not fit is malformed */
	STR_PADDED,	/* SMC's names, blank-padded to their full width */
	STR_CUT,	/* text for people: cut to fit */
};

/* Copy the string of @a; see smc_nla_str(). */
static bool copy_str(const struct nlattr *a, char *dst, size_t size, enum str_fit fit)
{
	int len = payload_len(a);
	const char *s;
	size_t n;

	if (size == 0)
		return false;
	dst[0] = '\0';
	if (len < 0)
		return false;
	s = smc_nla_payload(a);
	/* the kernel's NUL, or the attribute's end for a string sent without one */
	n = strnlen(s, (size_t)len);
	while (fit == STR_PADDED && n && s[n - 1] == ' ')
		n--;
	if (n >= size) {
		if (fit != STR_CUT)
			return false;
		n = size - 1;
	}
	memcpy(dst, s, n);
	dst[n] = '\0';
	return true;
}

bool smc_nla_str(const struct nlattr *a, char *dst, size_t size)
{
	return copy_str(a, dst, size, STR_EXACT);
}

bool smc_nla_padded_str(const struct nlattr *a, char *dst, size_t size)
{
	return copy_str(a, dst, size, STR_PADDED);
}

bool smc_nla_text(const struct nlattr *a, char *dst, size_t size)
{
	return copy_str(a, dst, size, STR_CUT);
}

size_t smc_nla_struct(const struct nlattr *a, void *dst, size_t size, size_t min)
{
	int len = payload_len(a);
	size_t n;

	memset(dst, 0, size);
	if (len < 0 || (size_t)len < min || min == 0)
		return 0;
	n = (size_t)len < size ? (size_t)len : size;
	memcpy(dst, smc_nla_payload(a), n);
	return n;
}

bool smc_nlmsg_header(const struct nlmsghdr *h, void *dst, size_t size)
{
	memset(dst, 0, size);
	/* nlmsg_len covers the netlink header too; the transport checked it against the
	 * datagram
	 */
	if (h->nlmsg_len < NLMSG_HDRLEN || h->nlmsg_len - NLMSG_HDRLEN < size)
		return false;
	memcpy(dst, NLMSG_DATA(h), size);
	return true;
}

/* Read row @f's attribute into @val (an integer's bytes, or the string itself). */
static bool field_read(const struct smc_nla_field *f, const struct nlattr *a, void *val)
{
	switch (f->kind) {
	case SMC_NLA_K_U8:
		return smc_nla_u8(a, val);
	case SMC_NLA_K_U16:
		return smc_nla_u16(a, val);
	case SMC_NLA_K_U32:
		return smc_nla_u32(a, val);
	case SMC_NLA_K_U64:
		return smc_nla_u64(a, val);
	case SMC_NLA_K_BOOL:
		return smc_nla_bool(a, val);
	case SMC_NLA_K_STR:
		return smc_nla_str(a, val, f->size);
	case SMC_NLA_K_PADDED:
		return smc_nla_padded_str(a, val, f->size);
	case SMC_NLA_K_BE32: {
		uint32_t be;

		if (!smc_nla_struct(a, &be, sizeof(be), sizeof(be)))
			return false;
		be = ntohl(be);
		memcpy(val, &be, sizeof(be));
		return true;
	}
	}
	return false;
}

static const struct nlattr *field_attr(struct nlattr *const *tb, const struct smc_nla_table *t,
				       const struct smc_nla_field *f)
{
	return f->attr <= t->maxtype ? tb[f->attr] : NULL;
}

/* an SMC_OPT row's .has (nests: the member's .present) */
static void mark_present(const struct smc_nla_field *f, void *obj)
{
	if (f->has_off)
		*((bool *)((char *)obj + f->has_off)) = true;
}

static void field_set(const struct smc_nla_field *f, void *obj, const void *val)
{
	memcpy((char *)obj + f->off, val, f->size);
	mark_present(f, obj);
}

/* the highest attribute type a nest table may have (ours are below 32) */
#define NEST_MAXTYPE 63

static int nest_read(const struct nlattr *a, const struct smc_nla_table *t, void *obj)
{
	struct nlattr *tb[NEST_MAXTYPE + 1];

	if (t->maxtype > NEST_MAXTYPE ||
	    smc_nla_parse_nested(tb, t->maxtype, a) < 0)
		return -EPROTO;
	return smc_nla_fields(tb, t, obj);
}

int smc_nla_fields(struct nlattr *const *tb, const struct smc_nla_table *t, void *obj)
{
	for (unsigned int i = 0; i < t->nrows; i++) {
		const struct smc_nla_field *f = &t->rows[i];
		const struct nlattr *a = field_attr(tb, t, f);
		/* integers are read here first, strings in place (a failed read leaves "") */
		uint64_t val[2] = { 0, 0 };
		bool ok;

		if (f->kind == SMC_NLA_K_NEST) {
			if (!a)
				continue;
			if (nest_read(a, f->nest, (char *)obj + f->off))
				return -EPROTO;
			mark_present(f, obj);
			continue;
		}
		if (f->flags & SMC_NLA_F_PAIR && i + 1 < t->nrows) {
			const struct smc_nla_field *g = &t->rows[i + 1];

			if (field_read(f, a, &val[0]) && field_read(g, field_attr(tb, t, g), &val[1])) {
				field_set(f, obj, &val[0]);
				field_set(g, obj, &val[1]);
			}
			i++;
			continue;
		}
		if (f->kind == SMC_NLA_K_STR || f->kind == SMC_NLA_K_PADDED) {
			ok = field_read(f, a, (char *)obj + f->off);
			if (ok)
				mark_present(f, obj);
		} else {
			ok = field_read(f, a, &val[0]);
			if (ok)
				field_set(f, obj, &val[0]);
		}
		if (!ok && f->flags & SMC_NLA_F_REQUIRED)
			return -EPROTO;
	}
	return 0;
}
