/* SPDX-License-Identifier: GPL-2.0 */
/* sock_filter.h - ss-style expressions that select SMC sockets (smcss FILTER)
 *
 * The language is ss(8)'s where it fits: a leading state filter ("state NAME",
 * "exclude NAME", repeated), then an expression of src/dst/sport/dport terms joined by
 * and/or/not and parentheses, plus the SMC terms mode, fallback and lgr. smcss(8),
 * "FILTER", is the user's description; the grammar is at the top of sock_filter.c.
 */
#ifndef SMC_SOCK_FILTER_H
#define SMC_SOCK_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sockdiag.h"

struct sock_filter;

struct sock_filter_error {
	size_t	column;		/* 1-based, in the arguments joined by one blank each */
	char	msg[256];	/* "expected ..., found ..." (the found text may be raw input) */
};

/*
 * The kernel tells an SMC-R socket's link (RDMA device, port, link id, GIDs) but not its
 * link group: "lgr ID" finds the group among the links the SMC netlink family lists.
 */
struct sock_filter_link {
	uint32_t	lgr_id;
	uint8_t		link_id;
	uint8_t		ib_port;
	char		ib_dev[64];
	char		gid[41], peer_gid[41];
};

struct sock_filter_links {
	struct sock_filter_link	*v;
	size_t			n;
};

/**
 * sock_filter_parse() - compile the words of a filter
 * @words, @n: the command line's arguments after the options (n may be 0: no filter)
 * @fp: the filter; NULL when @n is 0
 *
 * Return: 0; -EINVAL with @err filled; -ENOMEM.
 */
int sock_filter_parse(char *const words[], size_t n, struct sock_filter **fp,
		      struct sock_filter_error *err);
void sock_filter_free(struct sock_filter *f);

/* Does the filter name states? Then they replace the tool's default selection. */
bool sock_filter_selects_states(const struct sock_filter *f);
/* SMC_SOCK_HAS_* the dump must ask for so that every term can be decided. An lgr term
 * also needs SMC_SOCK_HAS_LGRINFO for SMC-R sockets: the caller asks for it when there
 * are SMC-R links at all.
 */
unsigned int sock_filter_wants(const struct sock_filter *f);
/* Does it have an lgr term (so the caller should load the SMC-R links)? */
bool sock_filter_needs_links(const struct sock_filter *f);

/* The words "state"/"exclude" and "mode" take, one by @i, NULL past the last (help text,
 * completion): state names as smcss shows them, then groups and ss's names.
 */
const char *sock_filter_state_word(size_t i);
const char *sock_filter_mode_word(size_t i);

/* Is @s selected? @links: SMC-R links for lgr terms (NULL or empty: none match). */
bool sock_filter_match(const struct sock_filter *f, const struct smc_sock *s,
		       const struct sock_filter_links *links);

#endif
