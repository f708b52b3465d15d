// SPDX-License-Identifier: GPL-2.0
/* sockdiag.c - SOCK_DIAG_BY_FAMILY for AF_SMC -> struct smc_sock (smcss) */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/inet_diag.h>
#include <linux/sock_diag.h>

#include "array.h"
#include "decode.h"
#include "nla.h"
#include "smc_socket.h"
#include "sockdiag.h"

/*
 * Which IP family a socket's addresses are. For AF_SMC sockets the kernel always reports
 * diag_family = AF_SMC and fills the addresses from the internal TCP socket
 * (smc_diag_msg_common_fill() in net/smc/smc_diag.c): IPv4 in word 0 only for
 * SMCPROTO_SMC, all 16 bytes for SMCPROTO_SMC6. The protocol is not reported, so the
 * family has to be inferred, as smc-tools does: anything in words 1..3 means IPv6.
 * Only an IPv6 socket whose addresses are all zero (unbound, or "::") is indistinguishable
 * from IPv4 "0.0.0.0"; it is shown as IPv4, exactly as the incumbent does.
 *
 * Sockets made with socket(AF_INET[6], SOCK_STREAM, IPPROTO_SMC) (Linux 6.11+) do report
 * AF_INET/AF_INET6, but the same kernel function then copies no address at all (their
 * sk_protocol is IPPROTO_SMC, neither SMCPROTO value): ports are right, addresses are
 * zero. We keep the family and mark the addresses unknown rather than print 0.0.0.0.
 * (Seen on Debian's 6.12.117 in the bench, for listeners, clients and accepted sockets.)
 */
static void sock_set_family(struct smc_sock *s, const struct smc_diag_msg *m)
{
	const uint32_t *src = m->id.idiag_src, *dst = m->id.idiag_dst;

	if (m->diag_family == AF_INET || m->diag_family == AF_INET6) {
		bool any = false;

		for (int i = 0; i < 4; i++)
			any |= src[i] || dst[i];
		s->family = m->diag_family;
		s->addr_known = any;
		return;
	}
	s->family = (src[1] | src[2] | src[3] | dst[1] | dst[2] | dst[3]) ? AF_INET6 : AF_INET;
	/* Sockets accepted by an IPPROTO_SMC listener report AF_SMC but carry that protocol
	 * too, so they come without addresses as well. A connected socket always has a peer
	 * address, so a peer port with an all-zero peer address means "not reported".
	 */
	s->addr_known = !(m->id.idiag_dport && !(dst[0] | dst[1] | dst[2] | dst[3]));
}

/* Terminate the kernel's strings in the fixed arrays of a link: nothing in the struct
 * says they end.
 */
static void linkinfo_terminate(struct smc_diag_linkinfo *l)
{
	l->ibname[sizeof(l->ibname) - 1] = '\0';
	l->gid[sizeof(l->gid) - 1] = '\0';
	l->peer_gid[sizeof(l->peer_gid) - 1] = '\0';
}

/*
 * The SMC_DIAG_* extensions are structs, read with smc_nla_struct(): one shorter than the
 * fields we read counts as absent (its HAS_* bit unset, the struct zero); a longer one
 * (a newer kernel) is cut to the struct we know. Only smcd_diag_dmbinfo has grown so far:
 * 6.8 added the *_ext GID halves, which an older kernel's shorter struct leaves zero.
 */
int smc_sock_parse(struct nlmsghdr *msg, struct smc_sock *s)
{
	struct nlmsghdr *nlh = msg;
	struct nlattr *tb[SMC_DIAG_MAX + 1];
	struct smc_diag_fallback fb;
	struct smc_diag_msg m;
	size_t len;

	memset(s, 0, sizeof(*s));
	if (!smc_nlmsg_header(nlh, &m, sizeof(m)) ||
	    smc_nlmsg_parse(nlh, sizeof(m), tb, SMC_DIAG_MAX) < 0)
		return -EPROTO;

	sock_set_family(s, &m);
	s->state = m.diag_state;
	s->mode = m.diag_mode;
	memcpy(&s->saddr, m.id.idiag_src, sizeof(s->saddr));
	memcpy(&s->daddr, m.id.idiag_dst, sizeof(s->daddr));
	s->sport = ntohs(m.id.idiag_sport);
	s->dport = ntohs(m.id.idiag_dport);
	s->ifindex = m.id.idiag_if;
	s->uid = m.diag_uid;
	s->inode = m.diag_inode;

	if (smc_nla_u8(tb[SMC_DIAG_SHUTDOWN], &s->shutdown))
		s->has |= SMC_SOCK_HAS_SHUTDOWN;
	/* the peer's diagnosis is 0 when it sent none, so the reason is what counts */
	if (smc_nla_struct(tb[SMC_DIAG_FALLBACK], &fb, sizeof(fb), sizeof(fb.reason))) {
		s->fallback_reason = fb.reason;
		s->peer_diagnosis = fb.peer_diagnosis;
		s->has |= SMC_SOCK_HAS_FALLBACK;
	}
	if (smc_nla_struct(tb[SMC_DIAG_CONNINFO], &s->conninfo, sizeof(s->conninfo),
			   sizeof(s->conninfo)))
		s->has |= SMC_SOCK_HAS_CONNINFO;
	if (smc_nla_struct(tb[SMC_DIAG_LGRINFO], &s->lgrinfo, sizeof(s->lgrinfo),
			   sizeof(s->lgrinfo))) {
		linkinfo_terminate(&s->lgrinfo.lnk[0]);
		s->has |= SMC_SOCK_HAS_LGRINFO;
	}
	len = smc_nla_struct(tb[SMC_DIAG_DMBINFO], &s->dmbinfo, sizeof(s->dmbinfo),
			     offsetof(struct smcd_diag_dmbinfo, peer_gid_ext));
	if (len)
		s->has |= SMC_SOCK_HAS_DMBINFO;
	if (len == sizeof(s->dmbinfo))
		s->has |= SMC_SOCK_HAS_GID_EXT;
	return 0;
}

struct sock_walk {
	smc_sock_cb	cb;
	void		*arg;
};

static int sock_msg(struct nlmsghdr *msg, void *arg)
{
	struct sock_walk *w = arg;
	struct smc_sock s;
	int rc = smc_sock_parse(msg, &s);

	return rc ? rc : w->cb(&s, w->arg);
}

int smc_sock_dump(struct smc_nl *nl, unsigned int want, smc_sock_cb cb, void *arg)
{
	struct sock_walk w = { .cb = cb, .arg = arg };
	uint8_t ext = 0;

	/* the kernel tests diag_ext bit (SMC_DIAG_X - 1) for extension X */
	if (want & SMC_SOCK_HAS_CONNINFO)
		ext |= 1u << (SMC_DIAG_CONNINFO - 1);
	if (want & SMC_SOCK_HAS_LGRINFO)
		ext |= 1u << (SMC_DIAG_LGRINFO - 1);
	if (want & SMC_SOCK_HAS_DMBINFO)
		ext |= 1u << (SMC_DIAG_DMBINFO - 1);
	return smc_diag_dump(nl, ext, sock_msg, &w);
}

/* ---- addresses of IPPROTO_SMC sockets from their TCP sockets ------------------------ */

int smc_tcp_ep_parse(struct nlmsghdr *msg, struct smc_tcp_ep *e)
{
	const struct nlmsghdr *h = msg;
	struct inet_diag_msg m;

	memset(e, 0, sizeof(*e));
	if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY)
		return -ENODATA;
	if (!smc_nlmsg_header(h, &m, sizeof(m)))
		return -EPROTO;
	e->family = m.idiag_family;
	e->listen = m.idiag_state == TCP_LISTEN;
	e->sport = ntohs(m.id.idiag_sport);
	e->dport = ntohs(m.id.idiag_dport);
	memcpy(&e->saddr, m.id.idiag_src, sizeof(e->saddr));
	memcpy(&e->daddr, m.id.idiag_dst, sizeof(e->daddr));
	return 0;
}

/* The table only adds addresses to what smc_diag said: a message we cannot read
 * leaves a socket without them, it does not fail the listing.
 */
static int tcp_ep_msg(struct nlmsghdr *msg, void *arg)
{
	struct smc_tcp_eps *t = arg;
	struct smc_tcp_ep ep, *e;

	if (smc_tcp_ep_parse(msg, &ep))
		return 0;
	e = array_push(&t->v, &t->n, sizeof(*e));
	if (!e)
		return -ENOMEM;
	*e = ep;
	return 0;
}

int smc_tcp_eps_load(struct smc_nl *nl, struct smc_tcp_eps *t)
{
	int rc;

	*t = (struct smc_tcp_eps){ 0 };
	rc = smc_tcp_diag_dump(nl, AF_INET, tcp_ep_msg, t);
	if (!rc)
		rc = smc_tcp_diag_dump(nl, AF_INET6, tcp_ep_msg, t);
	if (rc)
		smc_tcp_eps_free(t);
	return rc;
}

void smc_tcp_eps_free(struct smc_tcp_eps *t)
{
	free(t->v);
	*t = (struct smc_tcp_eps){ 0 };
}

bool smc_sock_addr_from_tcp(const struct smc_tcp_eps *t, struct smc_sock *s)
{
	bool listen = s->state == SMC_SOCK_STATE_LISTEN;
	const struct smc_tcp_ep *found = NULL;

	if (s->addr_known || !s->sport)
		return false;
	for (size_t i = 0; i < t->n; i++) {
		const struct smc_tcp_ep *e = &t->v[i];

		if (e->listen != listen || e->sport != s->sport || e->dport != s->dport)
			continue;
		if (found)
			return false;	/* two candidates: no guessing */
		found = &t->v[i];
	}
	if (!found)
		return false;
	s->family = found->family;
	s->saddr = found->saddr;
	s->daddr = found->daddr;
	s->addr_known = true;
	return true;
}
