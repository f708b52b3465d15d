/* SPDX-License-Identifier: GPL-2.0 */
/* sockdiag.h - AF_SMC sockets from sock_diag, decoded into plain structs */
#ifndef SMC_SOCKDIAG_H
#define SMC_SOCKDIAG_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include <linux/smc_diag.h>

#include "decode.h"
#include "nl.h"

enum {					/* what a dump should ask for / what a socket carries */
	SMC_SOCK_HAS_CONNINFO	= 1u << 0,	/* cursors and buffer sizes (smcss -d) */
	SMC_SOCK_HAS_LGRINFO	= 1u << 1,	/* SMC-R link (smcss -R) */
	SMC_SOCK_HAS_DMBINFO	= 1u << 2,	/* SMC-D DMB and GIDs (smcss -D) */
	SMC_SOCK_HAS_FALLBACK	= 1u << 3,	/* reason codes (always sent since 4.18) */
	SMC_SOCK_HAS_SHUTDOWN	= 1u << 4,
	SMC_SOCK_HAS_GID_EXT	= 1u << 5,	/* dmbinfo carries 128-bit GIDs (6.8+) */
};

struct smc_sock {
	int			family;		/* AF_INET or AF_INET6, see smc_sock_addr_family() */
	bool			addr_known;	/* false: the kernel sent no addresses (see .c) */
	uint8_t			state;		/* enum smc_state */
	uint8_t			mode;		/* SMC_DIAG_MODE_* */
	uint8_t			shutdown;	/* RCV_SHUTDOWN 1 | SEND_SHUTDOWN 2 */
	struct in6_addr		saddr, daddr;	/* IPv4 in the first word when family is AF_INET */
	uint16_t		sport, dport;	/* host order */
	uint32_t		ifindex;
	uint32_t		uid;
	uint64_t		inode;
	uint32_t		fallback_reason;
	uint32_t		peer_diagnosis;
	struct smc_diag_conninfo conninfo;
	struct smc_diag_lgrinfo	lgrinfo;
	struct smcd_diag_dmbinfo dmbinfo;
	unsigned int		has;		/* SMC_SOCK_HAS_* */
};

/* Does @s's mode say anything? The kernel reports SMCR for every socket that is neither
 * SMC-D nor a fallback: for unconnected and listening ones that tells nothing.
 */
static inline bool smc_sock_mode_known(const struct smc_sock *s)
{
	return (s->state != SMC_SOCK_STATE_INIT && s->state != SMC_SOCK_STATE_LISTEN) ||
	       s->mode == SMC_DIAG_MODE_FALLBACK_TCP;
}

/* What a socket's mode says, in the four classes filters and metrics count by */
enum smc_sock_mode_class {
	SMC_SOCK_MODE_SMCR,
	SMC_SOCK_MODE_SMCD,
	SMC_SOCK_MODE_TCP,	/* fell back */
	SMC_SOCK_MODE_NONE,	/* the mode says nothing (smc_sock_mode_known()) */
	SMC_SOCK_MODE_OTHER,	/* a mode value of a newer kernel */
	SMC_SOCK_NMODE_CLASSES
};

static inline enum smc_sock_mode_class smc_sock_mode_class(const struct smc_sock *s)
{
	if (!smc_sock_mode_known(s))
		return SMC_SOCK_MODE_NONE;
	switch (s->mode) {
	case SMC_DIAG_MODE_SMCR: return SMC_SOCK_MODE_SMCR;
	case SMC_DIAG_MODE_SMCD: return SMC_SOCK_MODE_SMCD;
	case SMC_DIAG_MODE_FALLBACK_TCP: return SMC_SOCK_MODE_TCP;
	}
	return SMC_SOCK_MODE_OTHER;
}

/* Decode one sock_diag reply. Return: 0 or -EPROTO for a malformed message. */
int smc_sock_parse(struct nlmsghdr *msg, struct smc_sock *s);

typedef int (*smc_sock_cb)(const struct smc_sock *s, void *arg);

/**
 * smc_sock_dump() - stream every AF_SMC socket of the current network namespace
 * @want: SMC_SOCK_HAS_CONNINFO / _LGRINFO / _DMBINFO to request those details
 * @cb: called once per socket; a negative return stops the dump and is returned
 *
 * Return: 0 or -errno (-ENOENT: no sock_diag support for AF_SMC, see nl.h).
 */
int smc_sock_dump(struct smc_nl *nl, unsigned int want, smc_sock_cb cb, void *arg);

/*
 * The kernel reports no addresses for sockets made with IPPROTO_SMC (see sockdiag.c), but
 * their internal TCP sockets are ordinary TCP sockets with the same ports. A table of the
 * namespace's TCP endpoints lets a view fill the addresses in.
 */
struct smc_tcp_ep {
	int		family;
	bool		listen;
	uint16_t	sport, dport;	/* host order */
	struct in6_addr	saddr, daddr;
};

struct smc_tcp_eps {
	struct smc_tcp_ep	*v;
	size_t			n;
};

/* Decode one inet_diag message. Return: 0; -ENODATA if it is no SOCK_DIAG_BY_FAMILY
 * reply; -EPROTO if shorter than its header.
 */
int smc_tcp_ep_parse(struct nlmsghdr *msg, struct smc_tcp_ep *e);
/* Read every TCP socket (IPv4 and IPv6) of the current namespace. Return: 0 or -errno. */
int smc_tcp_eps_load(struct smc_nl *nl, struct smc_tcp_eps *t);
void smc_tcp_eps_free(struct smc_tcp_eps *t);

/**
 * smc_sock_addr_from_tcp() - the addresses of @s from the TCP socket behind it
 *
 * Takes them only from exactly one TCP socket with the same ports (and listening if @s
 * is): with none, or several that could be it, @s stays as it is.
 * Return: true if @s now has addresses.
 */
bool smc_sock_addr_from_tcp(const struct smc_tcp_eps *t, struct smc_sock *s);

#endif
