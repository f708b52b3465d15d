/* SPDX-License-Identifier: GPL-2.0 */
/* view_fallback.h - explanation blocks for fallback / decline codes, and the per-code
 * socket counts smcss --explain shows them with
 */
#ifndef SMC_VIEW_FALLBACK_H
#define SMC_VIEW_FALLBACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "out.h"

/* How many sockets carry one code: as their own fallback reason, or as the reason their
 * peer sent (the second code of "0x05000000/0x03030008").
 */
struct fb_count {
	uint32_t	code;
	uint64_t	local;
	uint64_t	peer;
};

/* Distinct codes seen; grows as needed (no limit on how many). */
struct fb_tally {
	struct fb_count	*codes;
	size_t		n;
};

/* Count one socket for @code. Return: 0, or -ENOMEM. */
int fb_tally_add(struct fb_tally *t, uint32_t code, bool peer);
/* Sort by code, for a stable order of blocks. */
void fb_tally_sort(struct fb_tally *t);
void fb_tally_free(struct fb_tally *t);

/**
 * view_fallback_entry() - everything known about @code, as one record
 * @count: the sockets that carry it, or NULL when none were counted (explain)
 *
 * Codes not in the knowledge base are shown raw with their class.
 */
void view_fallback_entry(struct out *o, uint32_t code, const struct fb_count *count);

#endif
