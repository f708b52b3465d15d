/* SPDX-License-Identifier: GPL-2.0 */
/* nla.h - attribute access: the only way the library reads what the kernel sends
 *
 * THE RULE: every value read out of a netlink reply goes through this header.
 *
 *  - Messages are split with nlmsg.h's parsers (smc_nlmsg_parse, smc_genlmsg_parse,
 *    smc_nla_parse, smc_nla_parse_nested, smc_nla_for_each): they check that each
 *    attribute header and each nlmsg/genl header lies inside the message, nothing more.
 *  - Values are read only with the getters below, never through smc_nla_payload(),
 *    NLMSG_DATA or a cast: a getter reads an integer by the attribute's length (a
 *    1-byte attribute read as a u32 must not read 3 bytes past it) and a string only up
 *    to its end, terminated or not.
 *  - A getter returns false, and leaves the destination untouched (strings and structs:
 *    empty/zeroed), when the attribute is absent (NULL) or malformed: a length no
 *    integer has, a value wider than the destination, a string longer than its buffer,
 *    a struct shorter than the fields the caller reads.
 *  - A parser treats "malformed" exactly as "absent": the field stays unknown (its HAS_*
 *    bit unset), it is never read partially or trusted. Only an attribute a record cannot
 *    do without (its ID, a nest) turns the message into -EPROTO. Statistics are the one
 *    exception, documented in smc_stats.c: a counter that cannot be read is -EPROTO,
 *    because a silent 0 would falsify every sum and delta built on it.
 *  - Every loop over a count the kernel reports (ports, devices, GIDs) has a bound of
 *    our own and a counter that cannot wrap.
 *
 * Pure: no printing, no global state.
 */
#ifndef SMC_NLA_H
#define SMC_NLA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nlmsg.h"

/*
 * Integers are read by their length (1, 2, 4 or 8 bytes), not by the type the UAPI
 * header names: the kernel's types drift (nla_put_uint() picks 4 or 8 bytes; CHID is u16
 * in smc.h but sent with nla_put_u32(); RDMA's UVERBS_DRIVER_ID is "u64" but a u32).
 * Any other length is malformed, and so is a value that does not fit @out.
 * Return: true if *@out was set.
 */
bool smc_nla_u8(const struct nlattr *a, uint8_t *out);
bool smc_nla_u16(const struct nlattr *a, uint16_t *out);
bool smc_nla_u32(const struct nlattr *a, uint32_t *out);
bool smc_nla_u64(const struct nlattr *a, uint64_t *out);
/* An integer of any width as a flag: *@out = value != 0. */
bool smc_nla_bool(const struct nlattr *a, bool *out);

/**
 * smc_nla_str() - copy a string attribute into @dst (@size bytes, @size > 0)
 *
 * Reads at most nla_len() bytes and stops at the first NUL, so an unterminated string
 * is safe; @dst is always terminated. A string that does not fit @dst is malformed
 * (kernel names have fixed maximum lengths; a cut name could match the wrong device).
 * Return: true if copied; false (and @dst "") if absent or malformed.
 */
bool smc_nla_str(const struct nlattr *a, char *dst, size_t size);
/* smc_nla_str() without the trailing blanks SMC pads host names, EIDs and PNET IDs
 * with to their full width (the fit is checked after they are removed).
 */
bool smc_nla_padded_str(const struct nlattr *a, char *dst, size_t size);

/* For text meant only for people (the extended ACK's message): like smc_nla_str(), but
 * a text longer than @dst is cut to fit rather than refused. Return: false if absent.
 */
bool smc_nla_text(const struct nlattr *a, char *dst, size_t size);

/**
 * smc_nla_struct() - copy a fixed-size struct attribute into @dst (@size bytes)
 * @min: the bytes the caller needs (> 0): an older kernel's shorter struct is fine as
 *	 long as it covers the fields read; a newer kernel's longer one is cut to @size
 *
 * Copies min(nla_len, @size) bytes and zeroes the rest of @dst.
 * Return: the bytes copied (>= @min), or 0 - with @dst all zero - when @a is absent or
 * shorter than @min.
 */
size_t smc_nla_struct(const struct nlattr *a, void *dst, size_t size, size_t min);

/**
 * smc_nlmsg_header() - copy the fixed header after the netlink header of @h
 *
 * For the family headers a message starts with (struct smc_diag_msg, inet_diag_msg,
 * xfrm_userpolicy_info): copied rather than pointed to, so a message that is short or
 * not 8-byte aligned (a u64 inside the header) is never read in place.
 * Return: true if @h holds @size bytes of payload; false (and @dst zeroed) if not.
 */
bool smc_nlmsg_header(const struct nlmsghdr *h, void *dst, size_t size);

/* ---- parse tables: each attribute of an object described once ------------------------
 *
 * A row names an attribute of a nest, how it is read (the getters above) and the field
 * of the object it fills. smc_nla_fields() reads a whole table; views name the same
 * fields in their own tables (view.h), so a new attribute is a struct field, a row here
 * and a row there.
 *
 * A field the kernel may leave out (an older kernel, an SMC-D group, a malformed
 * attribute) is an SMC_OPT: .has says whether it was read. A plain field stays 0.
 */
#define SMC_OPT(T)		struct { T v; bool has; }
#define SMC_OPT_STR(size)	struct { char v[size]; bool has; }

enum smc_nla_kind {
	SMC_NLA_K_U8, SMC_NLA_K_U16, SMC_NLA_K_U32, SMC_NLA_K_U64, SMC_NLA_K_BOOL,
	SMC_NLA_K_STR,		/* smc_nla_str() */
	SMC_NLA_K_PADDED,	/* smc_nla_padded_str() */
	SMC_NLA_K_BE32,		/* 4 raw bytes in network order, stored in host order */
	SMC_NLA_K_NEST,		/* a nest, read with its own table (.nest) */
};

enum {
	SMC_NLA_F_REQUIRED	= 1u << 0,	/* unreadable: the message is -EPROTO */
	SMC_NLA_F_PAIR		= 1u << 1,	/* with the next row: both read, or neither
						 * (integers only) */
};

struct smc_nla_table;

struct smc_nla_field {
	uint16_t			attr;
	uint8_t				kind;		/* enum smc_nla_kind */
	uint8_t				flags;		/* SMC_NLA_F_* */
	uint16_t			off;		/* of the value (a nest: its object) */
	uint16_t			size;		/* of the value */
	uint16_t			has_off;	/* of an SMC_OPT's .has; 0: a plain field */
	const struct smc_nla_table	*nest;		/* SMC_NLA_K_NEST */
};

struct smc_nla_table {
	const struct smc_nla_field	*rows;
	uint16_t			nrows;
	uint16_t			maxtype;	/* the nest's highest attribute type */
};

/* the bytes a kind stores (0: any, strings); a row's field must have exactly these */
#define SMC_NLA_SIZE_U8		1
#define SMC_NLA_SIZE_U16	2
#define SMC_NLA_SIZE_U32	4
#define SMC_NLA_SIZE_U64	8
#define SMC_NLA_SIZE_BOOL	sizeof(bool)
#define SMC_NLA_SIZE_BE32	4
#define SMC_NLA_SIZE_STR	0
#define SMC_NLA_SIZE_PADDED	0
/* 0, or a compile error if member @m of @S does not have the size kind @K stores */
#define SMC_NLA_SIZE_CHECK(K, S, m)						\
	(0 * sizeof(char[(SMC_NLA_SIZE_##K == 0 ||				\
			  sizeof(((S *)0)->m) == SMC_NLA_SIZE_##K) ? 1 : -1]))

/* attribute @type_, read as kind @K (U8, U32, PADDED, ...) into the plain field @m of @S;
 * @fl: SMC_NLA_F_* (the _F forms)
 */
#define SMC_NLA_FIELD_F(type_, K, S, m, fl)					\
	{ .attr = (type_), .kind = SMC_NLA_K_##K, .flags = (fl),		\
	  .off = offsetof(S, m) + SMC_NLA_SIZE_CHECK(K, S, m),			\
	  .size = sizeof(((S *)0)->m) }
#define SMC_NLA_FIELD(type_, K, S, m)	SMC_NLA_FIELD_F(type_, K, S, m, 0)
/* ... into the SMC_OPT field @m of @S */
#define SMC_NLA_OPT_F(type_, K, S, m, fl)					\
	{ .attr = (type_), .kind = SMC_NLA_K_##K, .flags = (fl),		\
	  .off = offsetof(S, m.v) + SMC_NLA_SIZE_CHECK(K, S, m.v),		\
	  .size = sizeof(((S *)0)->m.v), .has_off = offsetof(S, m.has) }
#define SMC_NLA_OPT(type_, K, S, m)	SMC_NLA_OPT_F(type_, K, S, m, 0)
/* a nest read with table @t into the same object */
#define SMC_NLA_NEST(type_, t)	{ .attr = (type_), .kind = SMC_NLA_K_NEST, .nest = (t) }
/* a nest read with table @t into member @m of @S, whose bool @m.present says it came */
#define SMC_NLA_NEST_AT(type_, t, S, m)						\
	{ .attr = (type_), .kind = SMC_NLA_K_NEST, .nest = (t),			\
	  .off = offsetof(S, m), .has_off = offsetof(S, m.present) }
#define SMC_NLA_TABLE(rows, maxtype)						\
	{ (rows), sizeof(rows) / sizeof((rows)[0]), (maxtype) }

/**
 * smc_nla_fields() - fill @obj from the attributes @tb (indexed by type, @t->maxtype + 1)
 *
 * Every row is read with its getter; one absent or malformed leaves its field as it was
 * (0 after a memset) and its .has false.
 * Return: 0; -EPROTO if a SMC_NLA_F_REQUIRED attribute is unreadable or a nest malformed.
 */
int smc_nla_fields(struct nlattr *const *tb, const struct smc_nla_table *t, void *obj);

#endif
