/* SPDX-License-Identifier: GPL-2.0 */
/* view_summary.h - smcss --summary: how many of the selected sockets are in each state,
 * mode and address family, and which fallback reasons they carry, most frequent first
 */
#ifndef SMC_VIEW_SUMMARY_H
#define SMC_VIEW_SUMMARY_H

#include <stdint.h>

#include "out.h"
#include "sockdiag.h"
#include "view_fallback.h"

struct sock_summary {
	uint64_t	sockets;
	uint64_t	states[256];	/* by the kernel's state code */
	uint64_t	modes[256];	/* by mode, where the mode says something */
	uint64_t	unconnected;	/* INIT and LISTEN sockets that did not fall back */
	uint64_t	inet, inet6;
	uint64_t	fell_back;
	struct fb_tally	codes;		/* of the sockets that fell back, local and peer */
};

/* If @s fell back to TCP, count it in *@fell_back and its codes in @t (smcss -e and -s
 * count alike). Return: 0, or -ENOMEM.
 */
int fb_tally_add_sock(struct fb_tally *t, uint64_t *fell_back, const struct smc_sock *s);

/* Count @s. Return: 0, or -ENOMEM. */
int sock_summary_add(struct sock_summary *sum, const struct smc_sock *s);
void sock_summary_free(struct sock_summary *sum);

/* The totals: "Label: value" lines and ranked reasons in text, one object in JSON.
 * Return: 0, or -ENOMEM (the ranking).
 */
int view_sock_summary(struct out *o, const struct sock_summary *sum);

#endif
