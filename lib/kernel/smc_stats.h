/* SPDX-License-Identifier: GPL-2.0 */
/* smc_stats.h - SMC statistics (SMC_NETLINK_GET_STATS, SMC_NETLINK_GET_FBACK_STATS, Linux
 * 5.14+), and every counter by name; the baseline file of "stats reset" is in
 * stats_baseline.h.
 *
 * The kernel keeps the counters per network namespace and never resets them; a "reset"
 * is a snapshot saved by user space and subtracted later. Nothing here prints.
 */
#ifndef SMC_STATS_H
#define SMC_STATS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/smc.h>

#include "nl.h"

/* Size classes of the kernel's histograms (enum SMC_BUF_* in net/smc/smc_stats.h): bucket k
 * counts sizes up to 8 KiB << k; the last one everything above 1024 KiB.
 */
enum { SMC_STATS_NBUCKETS = 9 };

/* JSON/baseline names of the buckets: "up_to_8k" ... "up_to_1024k", "over_1024k" */
extern const char *const smc_stats_bucket_key[SMC_STATS_NBUCKETS];

/* One direction (receive or send) of one technology */
struct smc_stats_dir {
	uint64_t	bytes;			/* payload moved (SMC_NLA_STATS_T_RX/TX_BYTES) */
	uint64_t	requests;		/* recvmsg/sendmsg calls (RX/TX_CNT) */
	uint64_t	buf_sizes[SMC_STATS_NBUCKETS];	/* buffers handed out, by size */
	uint64_t	req_sizes[SMC_STATS_NBUCKETS];	/* requests, by payload size */
	/* SMC_NLA_STATS_RMB_*: "peer" is the remote end's buffer */
	uint64_t	buf_full;
	uint64_t	buf_full_peer;
	uint64_t	buf_small;
	uint64_t	buf_small_peer;
	uint64_t	buf_reuse;
	uint64_t	buf_alloc;
	uint64_t	buf_dgrade;
	/* a gauge, not a counter: bytes of buffers in use now (RX/TX_RMB_USAGE, 6.11+) */
	uint64_t	buf_usage;
};

/* The counters of struct smc_stats_dir by name (the JSON keys of smcr-stats(8)), for code
 * that treats them all alike. The gauge buf_usage is not among them.
 */
struct smc_stats_field {
	const char	*key;
	size_t		off;
};
extern const struct smc_stats_field smc_stats_dir_fields[];
extern const size_t smc_stats_ndir_fields;

enum {					/* struct smc_stats_tech.has */
	SMC_STATS_HAS_RX_USAGE	= 1u << 0,	/* SMC_NLA_STATS_T_RX_RMB_USAGE (6.11+) */
	SMC_STATS_HAS_TX_USAGE	= 1u << 1,	/* SMC_NLA_STATS_T_TX_RMB_USAGE (6.11+) */
};

/* One technology block (SMC_NLA_STATS_SMCD_TECH / _SMCR_TECH) */
struct smc_stats_tech {
	uint64_t		client_v1, client_v2;	/* connections made, per SMC version */
	uint64_t		server_v1, server_v2;
	uint64_t		cork, nodelay, sendpage, splice, urgent_data;	/* special calls */
	struct smc_stats_dir	rx, tx;
	unsigned int		has;			/* SMC_STATS_HAS_*_USAGE */
};

enum smc_stats_techno { SMC_STATS_SMCD, SMC_STATS_SMCR, SMC_STATS_NTECH };

enum {					/* struct smc_stats.has */
	SMC_STATS_HAS_SMCD	= 1u << 0,
	SMC_STATS_HAS_SMCR	= 1u << 1,
};

/* SMC_GEN_STATS: one message per dump */
struct smc_stats {
	struct smc_stats_tech	tech[SMC_STATS_NTECH];
	uint64_t		client_hs_errors, server_hs_errors;	/* both technologies */
	unsigned int		has;
};

/* Distinct reason codes kept per side. The kernel keeps SMC_MAX_FBACK_RSN_CNT (36 in 6.12,
 * 30 before); a kernel that sends more has them counted in smc_fback_side.dropped.
 */
#define SMC_FBACK_MAX_REASONS 64

struct smc_fback_reason {
	uint32_t	code;		/* SMC_CLC_DECL_* */
	uint32_t	count;		/* a u16 in the kernel: wraps at 65536 */
};

struct smc_fback_side {
	uint64_t		total;		/* every fallback of this side (u64, no wrap) */
	unsigned int		n;
	unsigned int		dropped;	/* slots beyond SMC_FBACK_MAX_REASONS */
	struct smc_fback_reason	reason[SMC_FBACK_MAX_REASONS];
};

/* SMC_GEN_FBACK_STATS: one message per (side, reason) slot; the totals ride in the first
 * one only, so with no fallback at all there is no message and everything stays 0.
 */
struct smc_fback_stats {
	struct smc_fback_side	server, client;
};

/* What one "stats" command reads from the kernel */
struct smc_stats_snap {
	struct smc_stats	st;
	struct smc_fback_stats	fb;
};

/* Parse one SMC_GEN_STATS reply into @st (zeroed first).
 * Return: 0, -ENODATA if the message has no SMC_GEN_STATS nest, -EPROTO if malformed.
 */
int smc_stats_parse(struct nlmsghdr *msg, struct smc_stats *st);
/* Add the slot one SMC_GEN_FBACK_STATS reply carries to @fb (zero it before the first).
 * Return: 0, -ENODATA without the nest, -EPROTO if malformed.
 */
int smc_fback_stats_parse(struct nlmsghdr *msg, struct smc_fback_stats *fb);
/* Dump both. Return: 0, -ENODATA if the kernel sent no statistics, or -errno. */
int smc_stats_read(struct smc_nl *nl, struct smc_stats_snap *snap);

/**
 * smc_stats_sub() - turn @cur into "since @base"
 *
 * Every counter of @base is subtracted; gauges (buffer usage) stay as they are; reason
 * counts are subtracted modulo 65536, as the kernel's u16 wraps.
 * Return: 0, or -ERANGE if some counter of @cur is below @base or a reason code of @base
 * is gone: the kernel's counters started again (module reload), and @cur is left as it
 * was.
 */
int smc_stats_sub(struct smc_stats_snap *cur, const struct smc_stats_snap *base);

/* Every counter of a snapshot, named as in the baseline file (smcr-stats(8)'s JSON names
 * prefixed by technology), by its offset in struct smc_stats_snap. Gauges are not
 * counters and are not listed.
 */
struct smc_stats_counter {
	char	key[40];	/* the longest is "smcd.rx.request_sizes.up_to_1024k" */
	size_t	off;
};

#define SMC_STATS_NCOUNTERS	(SMC_STATS_NTECH * (9 + 2 * (9 + 2 * SMC_STATS_NBUCKETS)) + 4)

/* Fill @tbl (SMC_STATS_NCOUNTERS entries). Return: the number filled. */
size_t smc_stats_counters(struct smc_stats_counter *tbl);
uint64_t smc_stats_counter_get(const struct smc_stats_snap *s, size_t off);
void smc_stats_counter_set(struct smc_stats_snap *s, size_t off, uint64_t v);
/* The fallback reason @code of @side, or NULL */
const struct smc_fback_reason *smc_fback_find(const struct smc_fback_side *side,
					      uint32_t code);

#endif

