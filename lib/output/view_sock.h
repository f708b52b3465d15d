/* SPDX-License-Identifier: GPL-2.0 */
/* view_sock.h - smcss rows: struct smc_sock -> out cells */
#ifndef SMC_VIEW_SOCK_H
#define SMC_VIEW_SOCK_H

#include <stdbool.h>

#include "out.h"
#include "sock_owners.h"
#include "sockdiag.h"

enum {					/* column groups, selected by smcss options */
	VIEW_SOCK_DEBUG	= 1u << 0,	/* -d: shutdown, token, buffers, cursors */
	VIEW_SOCK_SMCR	= 1u << 1,	/* -R: SMC-R link */
	VIEW_SOCK_SMCD	= 1u << 2,	/* -D: SMC-D DMB and GIDs */
	VIEW_SOCK_EXPLAIN = 1u << 3,	/* -e: JSON rows carry the causes and remedies */
	VIEW_SOCK_PROCS	= 1u << 4,	/* -P: the processes that hold each socket */
};

struct view_sock_opts {
	unsigned int	groups;		/* VIEW_SOCK_* */
	bool		wide;		/* -W: never shorten addresses */
	const struct sock_owners *owners;	/* -P; NULL: none known */
};

void view_sock_begin(struct out *o, const struct view_sock_opts *vo);
void view_sock_row(struct out *o, const struct view_sock_opts *vo, const struct smc_sock *s);
void view_sock_end(struct out *o);

#endif
