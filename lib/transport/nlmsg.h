/* SPDX-License-Identifier: GPL-2.0 */
/* nlmsg.h - netlink messages, built and taken apart by our own code
 *
 * The tools need little of a netlink library: a request is a header, a fixed struct
 * and a few attributes; a reply is split into attributes indexed by type. Doing it here
 * rather than with libnl saves every run the loading of two shared libraries (most of
 * what a short command such as `smcd linkgroup` costs beyond the kernel's work) and a
 * copy of each reply message, and takes a dependency off the package.
 *
 * Splitting checks that each header and each attribute lies inside what holds it,
 * nothing more: values are read only with nla.h's getters. The parsers behave as
 * libnl 3's did without a policy, so that a reply means the same to every version:
 *  - an attribute whose header or length does not fit the space left ends the walk, and
 *    the attributes before it are kept;
 *  - the NLA_F_NESTED and NLA_F_NET_BYTEORDER bits are not part of the type; types above
 *    @maxtype are skipped;
 *  - of a type that comes twice, the last one counts.
 *
 * Pure: no printing, no global state.
 */
#ifndef SMC_NLMSG_H
#define SMC_NLMSG_H

#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

/* A request being built. After a failed allocation every call returns -ENOMEM. */
struct smc_nlmsg {
	struct nlmsghdr	*h;		/* NULL: out of memory */
	size_t		cap;		/* bytes allocated at h */
};

/* A new message of @type with @flags (no payload yet). Return: 0 or -ENOMEM. */
int smc_nlmsg_init(struct smc_nlmsg *m, uint16_t type, uint16_t flags);
/* A new generic-netlink message of family @family: the netlink and genl headers. */
int smc_genlmsg_init(struct smc_nlmsg *m, uint16_t family, uint16_t flags, uint8_t cmd,
		     uint8_t version);
void smc_nlmsg_release(struct smc_nlmsg *m);

/* @len bytes of @data (a fixed header), padded to NLMSG_ALIGNTO. Return: 0 or -ENOMEM. */
int smc_nlmsg_append(struct smc_nlmsg *m, const void *data, size_t len);
/* Attribute @type with @len bytes of @data (@data may be NULL if @len is 0), padded.
 * Return: 0, -EMSGSIZE (no attribute is that long) or -ENOMEM.
 */
int smc_nla_put(struct smc_nlmsg *m, uint16_t type, const void *data, size_t len);
int smc_nla_put_u8(struct smc_nlmsg *m, uint16_t type, uint8_t v);
int smc_nla_put_u32(struct smc_nlmsg *m, uint16_t type, uint32_t v);
/* @s with its terminating NUL */
int smc_nla_put_str(struct smc_nlmsg *m, uint16_t type, const char *s);

/* The attribute's payload and its length (nla_len covers the header too; an attribute
 * that smc_nla_parse() or smc_nla_next() gave is at least a header long).
 */
static inline void *smc_nla_payload(const struct nlattr *a)
{
	return (char *)a + NLA_HDRLEN;
}

static inline size_t smc_nla_size(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

static inline uint16_t smc_nla_type(const struct nlattr *a)
{
	return a->nla_type & NLA_TYPE_MASK;
}

/* Does an attribute start at @a, with @rem bytes left, and fit them? */
static inline int smc_nla_ok(const struct nlattr *a, size_t rem)
{
	return rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem;
}

/* The attribute after @a (which smc_nla_ok() accepted); *@rem shrinks by @a's space. */
static inline struct nlattr *smc_nla_next(const struct nlattr *a, size_t *rem)
{
	size_t step = NLA_ALIGN(a->nla_len);

	*rem = step < *rem ? *rem - step : 0;
	return (struct nlattr *)((char *)a + step);
}

/* every attribute @a in the @len bytes at @head; @rem: a size_t of the caller's */
#define smc_nla_for_each(a, head, len, rem)					\
	for ((a) = (struct nlattr *)(head), (rem) = (len); smc_nla_ok((a), (rem));	\
	     (a) = smc_nla_next((a), &(rem)))

/**
 * smc_nla_parse() - index the attributes in the @len bytes at @head by type
 * @tb: @maxtype + 1 entries, set to the attribute of each type or NULL
 * Return: 0 (an attribute that does not fit ends the walk; see above).
 */
int smc_nla_parse(struct nlattr **tb, int maxtype, const void *head, size_t len);
/* The attributes inside nest @nest. Return: 0. */
int smc_nla_parse_nested(struct nlattr **tb, int maxtype, const struct nlattr *nest);
/**
 * smc_nlmsg_parse() - the attributes of message @h after its fixed header of @hdrlen
 * bytes. @h->nlmsg_len must lie inside the buffer that holds @h (the transport checks
 * that of every message it hands on).
 * Return: 0, or -EPROTO if the message is too short for its fixed header.
 */
int smc_nlmsg_parse(const struct nlmsghdr *h, size_t hdrlen, struct nlattr **tb, int maxtype);
/* The attributes of generic-netlink message @h (after its genl header). Return: as above. */
int smc_genlmsg_parse(const struct nlmsghdr *h, struct nlattr **tb, int maxtype);

#endif
