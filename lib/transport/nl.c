// SPDX-License-Identifier: GPL-2.0
/* nl.c - the netlink transport: SMC_GEN_NETLINK, SMC_PNETID, sock_diag, RDMA, XFRM, route
 *
 * Messages are built and split by nlmsg.c; sockets and the reply loop are here, so that:
 * the kernel's errno is kept exactly, the extended-ACK message is captured,
 * NLM_F_DUMP_INTR is reported,
 * a callback can abort, every receive has a timeout, a hostile reply is checked before
 * any of it is read, and every exchange can be recorded to or replayed from a file
 * (nltrace.h) through the same code path.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/smc.h>
#include <linux/smc_diag.h>

#include "netns.h"
#include "nl.h"
#include "nla.h"
#include "nlmsg.h"
#include "nltrace.h"
#include "smc_socket.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif

/* Large socket dumps arrive in 32 KiB messages (smc_diag min_dump_alloc); a big receive
 * buffer keeps the kernel from dropping replies while we print.
 */
#define SMC_NL_RCVBUF (1 << 20)
/*
 * The receive buffer. The kernel expects one as large as max(min_dump_alloc, 32 KiB)
 * (netlink_dump() in net/netlink/af_netlink.c) and packs dump replies into that, so a
 * datagram is received at once, without first peeking at its size. A longer one is cut
 * by the kernel and reported (-EMSGSIZE), never read half. A replayed recording may
 * hold longer ones: for those the buffer grows.
 */
#define SMC_NL_FIRST_BUF (64 * 1024)

struct genl_family_state {
	int		id;		/* 0: not resolved yet */
	int		err;		/* resolution failure, kept so it is asked only once */
	uint8_t		ops[256 / 8];	/* bitmap of the family's command ids */
};

static const struct {
	const char	*name;
	uint8_t		version;
} genl_families[SMC_GENL_NFAMILIES] = {
	[SMC_GENL_GEN]		= { SMC_GENL_FAMILY_NAME, SMC_GENL_FAMILY_VERSION },
	[SMC_GENL_PNETID]	= { SMCR_GENL_FAMILY_NAME, SMCR_GENL_FAMILY_VERSION },
};

/* The netlink protocols we talk, one socket each, opened on first use */
enum nl_chan { CH_GENL, CH_DIAG, CH_RDMA, CH_XFRM, CH_ROUTE, CH_N };

static const uint16_t chan_proto[CH_N] = {
	[CH_GENL] = NETLINK_GENERIC, [CH_DIAG] = NETLINK_SOCK_DIAG, [CH_RDMA] = NETLINK_RDMA,
	[CH_XFRM] = NETLINK_XFRM, [CH_ROUTE] = NETLINK_ROUTE,
};

struct smc_nl {
	int			fd[CH_N];	/* -1: not open */
	uint32_t		port[CH_N];	/* the socket's port id: a recording's stream */
	uint32_t		seq;
	struct genl_family_state fam[SMC_GENL_NFAMILIES];
	struct smc_nl_status	status;
	struct nltrace		*trace;		/* record/replay, NULL if neither */
	uint8_t			*rbuf;
	size_t			rbuf_size;
	bool			busy;		/* a request is being read: no other now */
};

struct nl_req {
	struct smc_nl	*nl;
	smc_nl_msg_cb	cb;
	void		*arg;
};

static int nl_new(struct smc_nl **nlp, struct nltrace *trace)
{
	struct smc_nl *nl = calloc(1, sizeof(*nl));

	*nlp = NULL;
	if (!nl) {
		nltrace_free(trace);
		return -ENOMEM;
	}
	for (int i = 0; i < CH_N; i++)
		nl->fd[i] = -1;
	/* any start will do (here 1): replies are matched to the request by the socket */
	nl->trace = trace;
	*nlp = nl;
	return 0;
}

int smc_nl_open(struct smc_nl **nlp)
{
	struct nltrace *trace;
	int rc = nltrace_from_env(&trace);

	*nlp = NULL;
	if (rc == -EINVAL) {
		/* the tool reports it with the first request, like every trace problem */
		rc = nl_new(nlp, NULL);
		if (!rc)
			(*nlp)->status.config_err = -EBADMSG;
		return rc;
	}
	return rc ? rc : nl_new(nlp, trace);
}

int smc_nl_open_sibling(struct smc_nl **nlp, const struct smc_nl *like)
{
	struct nltrace *trace;
	int rc = nltrace_clone(like->trace, &trace);

	*nlp = NULL;
	if (rc)
		return rc;
	rc = nl_new(nlp, trace);
	if (!rc)
		(*nlp)->status.config_err = like->status.config_err;
	return rc;
}

void smc_nl_close(struct smc_nl *nl)
{
	if (!nl)
		return;
	for (int i = 0; i < CH_N; i++)
		if (nl->fd[i] >= 0)
			close(nl->fd[i]);
	nltrace_free(nl->trace);
	free(nl->rbuf);
	free(nl);
}

const struct smc_nl_status *smc_nl_status(const struct smc_nl *nl)
{
	return &nl->status;
}

bool smc_nl_replaying(const struct smc_nl *nl)
{
	return nltrace_replaying(nl->trace);
}

int smc_nl_enter_netns(struct smc_nl *nl, const char *spec)
{
	for (int i = 0; i < CH_N; i++)
		if (nl->fd[i] >= 0)
			return -EBUSY;	/* sockets stay in the namespace that made them */
	/* a replay has no namespaces to enter: the label selects the recorded ones */
	if (!nltrace_replaying(nl->trace)) {
		int rc = netns_enter(spec);

		if (rc)
			return rc;
	}
	return nl->trace ? nltrace_set_netns(nl->trace, spec) : 0;
}

int smc_nl_netns_cookie(struct smc_nl *nl, uint64_t *cookie)
{
	int rc;

	if (nltrace_replaying(nl->trace))
		return nltrace_replay_fact(nl->trace, NLTRACE_FACT_NETNS_COOKIE, cookie,
					   sizeof(*cookie));
	rc = netns_cookie(cookie);
	if (!rc && nl->trace)
		rc = nltrace_record_fact(nl->trace, NLTRACE_FACT_NETNS_COOKIE, cookie,
					 sizeof(*cookie));
	return rc;
}

int smc_nl_record_fact(struct smc_nl *nl, uint16_t id, const void *val, size_t len)
{
	if (!nl->trace || nltrace_replaying(nl->trace))
		return 0;
	return nltrace_record_fact(nl->trace, id, val, len);
}

int smc_nl_replay_fact(struct smc_nl *nl, uint16_t id, void *val, size_t len)
{
	if (!nltrace_replaying(nl->trace))
		return -ENOENT;
	return nltrace_replay_fact(nl->trace, id, val, len);
}

int smc_nl_record_named_fact(struct smc_nl *nl, uint16_t id, const char *name,
			     const void *val, size_t len)
{
	if (!nl->trace || nltrace_replaying(nl->trace))
		return 0;
	return nltrace_record_named_fact(nl->trace, id, name, val, len);
}

int smc_nl_replay_named_fact(struct smc_nl *nl, uint16_t id, const char *name,
			     const void **val, size_t *len)
{
	if (!nltrace_replaying(nl->trace))
		return -ENOENT;
	return nltrace_replay_named_fact(nl->trace, id, name, val, len);
}

int smc_nl_label_netns(struct smc_nl *nl, const char *spec)
{
	return nl->trace ? nltrace_set_netns(nl->trace, spec) : 0;
}

/* Room for a datagram of @len bytes in the receive buffer (aligned, as malloc's). */
static int rbuf_reserve(struct smc_nl *nl, size_t len)
{
	uint8_t *bigger;

	if (len <= nl->rbuf_size && nl->rbuf)
		return 0;
	if (len < SMC_NL_FIRST_BUF)
		len = SMC_NL_FIRST_BUF;
	bigger = realloc(nl->rbuf, len);
	if (!bigger)
		return -ENOMEM;
	nl->rbuf = bigger;
	nl->rbuf_size = len;
	return 0;
}

/* With stdout closed, a new socket would take fd 1 and get our output written into it:
 * move it above the standard descriptors, so that the write fails (EBADF) as it should.
 */
static int above_stdio(int fd)
{
	int moved;

	if (fd > STDERR_FILENO)
		return fd;
	moved = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
	moved = moved < 0 ? -errno : moved;
	close(fd);
	return moved;
}

static int sock_open(struct smc_nl *nl, enum nl_chan ch)
{
	struct sockaddr_nl self = { .nl_family = AF_NETLINK };
	struct timeval timeout = { .tv_sec = SMC_NL_TIMEOUT_MS / 1000,
				   .tv_usec = SMC_NL_TIMEOUT_MS % 1000 * 1000 };
	socklen_t len = sizeof(self);
	int one = 1, size = SMC_NL_RCVBUF;
	int fd;

	if (nl->fd[ch] >= 0)
		return 0;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, chan_proto[ch]);
	if (fd < 0)
		return -errno;
	fd = above_stdio(fd);
	if (fd < 0)
		return fd;
	/* every receive waits at most SMC_NL_TIMEOUT_MS: without it, no timeout at all */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout)) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	/* failures below only cost comfort (no extack text, smaller buffer), not function */
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	/* A recording names the stream by the port id, so it binds now rather than at the
	 * first send; otherwise the kernel binds at the first send, two system calls fewer.
	 */
	if (nl->trace && (bind(fd, (struct sockaddr *)&self, sizeof(self)) < 0 ||
			  getsockname(fd, (struct sockaddr *)&self, &len) < 0)) {
		int err = -errno;

		close(fd);
		return err;
	}
	nl->fd[ch] = fd;
	nl->port[ch] = self.nl_pid;
	return 0;
}

/* After an aborted dump the rest of it is still queued: start the next request afresh. */
static void sock_drop(struct smc_nl *nl, enum nl_chan ch)
{
	if (nl->fd[ch] >= 0)
		close(nl->fd[ch]);
	nl->fd[ch] = -1;
	nl->port[ch] = 0;
}

static int sock_send(struct smc_nl *nl, enum nl_chan ch, const struct nlmsghdr *h)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	ssize_t n;

	do
		n = sendto(nl->fd[ch], h, h->nlmsg_len, 0, (struct sockaddr *)&kernel,
			   sizeof(kernel));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return (size_t)n == h->nlmsg_len ? 0 : -EMSGSIZE;
}

/* The next datagram from the kernel, waiting at most SMC_NL_TIMEOUT_MS for it
 * (SO_RCVTIMEO): one system call per datagram, as the buffer holds any the kernel sends
 * (SMC_NL_FIRST_BUF).
 */
static int sock_recv(struct smc_nl *nl, enum nl_chan ch, size_t *len)
{
	for (;;) {
		struct sockaddr_nl from;
		socklen_t fromlen = sizeof(from);
		ssize_t n = recvfrom(nl->fd[ch], nl->rbuf, nl->rbuf_size, MSG_TRUNC,
				     (struct sockaddr *)&from, &fromlen);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return -ETIMEDOUT;
		if (n < 0)
			return -errno;
		/* only the kernel speaks to us; anything else is not a reply */
		if (fromlen != sizeof(from) || from.nl_family != AF_NETLINK || from.nl_pid != 0)
			continue;
		/* MSG_TRUNC: the datagram's whole length, longer than what we got of it */
		if ((size_t)n > nl->rbuf_size) {
			snprintf(nl->status.reason, sizeof(nl->status.reason),
				 "a kernel reply of %zd bytes is longer than the %zu expected",
				 n, nl->rbuf_size);
			return -EMSGSIZE;
		}
		*len = (size_t)n;
		return 0;
	}
}

/* An errno as the kernel sent it: negative in NLMSG_ERROR, though some senders use a
 * positive one; anything outside the errno range (INT_MIN ...) is a malformed reply.
 */
static int kernel_errno(int32_t e)
{
	if (e < 0 && e > -4096)
		return e;
	if (e > 0 && e < 4096)
		return -e;
	return -EPROTO;
}

/* Copy NLMSGERR_ATTR_MSG out of the TLVs at @off of an error or done payload. */
static void extack_copy(struct smc_nl_status *st, const uint8_t *payload, size_t plen,
			size_t off)
{
	struct nlattr *a;
	size_t rem;

	if (off >= plen)
		return;
	smc_nla_for_each(a, payload + off, plen - off, rem) {
		if (smc_nla_type(a) == NLMSGERR_ATTR_MSG &&
		    smc_nla_text(a, st->extack, sizeof(st->extack)))
			/* kernel messages are single lines; keep ours so too */
			st->extack[strcspn(st->extack, "\n")] = '\0';
	}
}

/* A reply we cannot take apart: -EPROTO, with what was wrong. */
static int malformed(struct smc_nl_status *st, const char *what)
{
	snprintf(st->reason, sizeof(st->reason), "the kernel's reply is malformed: %s", what);
	return -EPROTO;
}

/* NLMSG_ERROR: an ACK (error 0) or the request's failure, with its extack. */
static int handle_error(struct smc_nl_status *st, const struct nlmsghdr *h)
{
	const uint8_t *payload = (const uint8_t *)h + NLMSG_HDRLEN;
	size_t plen = h->nlmsg_len - NLMSG_HDRLEN;
	const struct nlmsgerr *e = (const void *)payload;
	int32_t error;
	size_t tlvs;

	if (plen < sizeof(error))
		return malformed(st, "an error message without its error code");
	memcpy(&error, payload, sizeof(error));
	if (!error)
		return 0;
	st->err = kernel_errno(error);
	if (st->err == -EPROTO)
		snprintf(st->reason, sizeof(st->reason), "the kernel's reply is malformed: "
			 "error code %" PRId32 " is no errno", error);
	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS) || plen < sizeof(*e))
		return st->err;
	/* without NLM_F_CAPPED the whole request is echoed back before the TLVs */
	if (h->nlmsg_flags & NLM_F_CAPPED)
		tlvs = sizeof(*e);
	else
		tlvs = sizeof(error) + NLMSG_ALIGN((size_t)e->msg.nlmsg_len);
	extack_copy(st, payload, plen, tlvs);
	return st->err;
}

/* NLMSG_DONE ends a dump; a negative int in it says the dump failed on the way. */
static int handle_done(struct smc_nl_status *st, const struct nlmsghdr *h)
{
	const uint8_t *payload = (const uint8_t *)h + NLMSG_HDRLEN;
	size_t plen = h->nlmsg_len - NLMSG_HDRLEN;
	int32_t error;

	if (plen < sizeof(error))
		return 0;
	memcpy(&error, payload, sizeof(error));
	if (error >= 0)
		return 0;
	st->err = kernel_errno(error);
	if (st->err == -EPROTO)
		snprintf(st->reason, sizeof(st->reason), "the kernel's reply is malformed: "
			 "error code %" PRId32 " is no errno", error);
	if (h->nlmsg_flags & NLM_F_ACK_TLVS)
		extack_copy(st, payload, plen, sizeof(error));
	return st->err;
}

/* Hand every message of one datagram to the request. Return: 0 to read on, 1 when the
 * request is over, or -errno (-EPROTO: the datagram is malformed).
 */
static int handle_datagram(struct nl_req *req, uint8_t *buf, size_t len)
{
	struct smc_nl_status *st = &req->nl->status;
	size_t off = 0;

	while (off < len) {
		struct nlmsghdr *h = (struct nlmsghdr *)(buf + off);
		int rc;

		if (len - off < NLMSG_HDRLEN || h->nlmsg_len < NLMSG_HDRLEN ||
		    h->nlmsg_len > len - off)
			return malformed(st, "a message's length does not fit its datagram");
		/* the last message need not be padded */
		off += NLMSG_ALIGN((size_t)h->nlmsg_len);
		if (h->nlmsg_flags & NLM_F_DUMP_INTR)
			st->dump_intr = true;
		switch (h->nlmsg_type) {
		case NLMSG_NOOP:
			continue;
		case NLMSG_ERROR:
			rc = handle_error(st, h);
			return rc ? rc : 1;
		case NLMSG_DONE:
			rc = handle_done(st, h);
			return rc ? rc : 1;
		case NLMSG_OVERRUN:
			return -ENOBUFS;
		}
		if (!req->cb)
			continue;
		rc = req->cb(h, req->arg);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Why @rc, if the transport knows better than strerror(). */
static void note_reason(struct smc_nl *nl, int rc)
{
	const char *why = nltrace_reason(nl->trace);

	if (why[0])
		snprintf(nl->status.reason, sizeof(nl->status.reason), "%s", why);
	else if (rc == -ETIMEDOUT)
		snprintf(nl->status.reason, sizeof(nl->status.reason),
			 "the kernel did not answer within %d s", SMC_NL_TIMEOUT_MS / 1000);
	else if (rc == -EPROTO && rc != nl->status.err)	/* a parser refused the reply */
		snprintf(nl->status.reason, sizeof(nl->status.reason),
			 "the kernel's reply is malformed");
}

/* Send the request, or find it in the recording. */
static int request_out(struct smc_nl *nl, enum nl_chan ch, struct nlmsghdr *h)
{
	uint16_t proto = chan_proto[ch];
	int rc;

	if (nl->status.config_err) {
		snprintf(nl->status.reason, sizeof(nl->status.reason), "%s and %s are both set: "
			 "unset one", NLTRACE_ENV_RECORD, NLTRACE_ENV_REPLAY);
		return nl->status.config_err;
	}
	h->nlmsg_flags |= NLM_F_REQUEST;
	h->nlmsg_seq = ++nl->seq;
	h->nlmsg_pid = 0;
	if (nltrace_replaying(nl->trace))
		return nltrace_request(nl->trace, proto, 0, h, h->nlmsg_len);
	rc = rbuf_reserve(nl, SMC_NL_FIRST_BUF);
	if (!rc)
		rc = sock_open(nl, ch);
	if (nl->trace) {
		/* a socket that cannot be opened is recorded as the request's answer */
		int trc = nltrace_request(nl->trace, proto, nl->port[ch], h, h->nlmsg_len);

		if (trc)
			return trc;
	}
	if (!rc)
		rc = sock_send(nl, ch, h);
	if (rc && nl->trace)
		nltrace_record_error(nl->trace, proto, nl->port[ch], rc);
	return rc;
}

/* The next datagram of the reply, from the kernel or the recording, into nl->rbuf:
 * aligned for the message headers whatever the file's layout.
 */
static int reply_in(struct smc_nl *nl, enum nl_chan ch, size_t *len)
{
	int rc;

	if (nltrace_replaying(nl->trace)) {
		const void *rec;

		rc = nltrace_reply(nl->trace, &rec, len);
		if (!rc)
			rc = rbuf_reserve(nl, *len);
		if (!rc && *len)
			memcpy(nl->rbuf, rec, *len);
		return rc;
	}
	rc = sock_recv(nl, ch, len);
	if (nl->trace) {
		uint16_t proto = chan_proto[ch];
		int trc = rc ? nltrace_record_error(nl->trace, proto, nl->port[ch], rc)
			     : nltrace_record_reply(nl->trace, proto, nl->port[ch], nl->rbuf, *len);

		if (!rc && trc)
			rc = trc;
	}
	return rc;
}

/* Send @msg on channel @ch and read replies until DONE, ACK or an error. */
static int transact(struct smc_nl *nl, enum nl_chan ch, struct smc_nlmsg *msg,
		    smc_nl_msg_cb cb, void *arg)
{
	struct nl_req req = { .nl = nl, .cb = cb, .arg = arg };
	int rc;

	/* one receive buffer and one replay cursor: a callback that asked the same handle
	 * for more would overwrite the reply being read (use a sibling handle)
	 */
	if (nl->busy)
		return -EBUSY;
	if (!msg->h)
		return -ENOMEM;
	nl->busy = true;
	nl->status.err = 0;
	nl->status.extack[0] = '\0';
	nl->status.reason[0] = '\0';
	rc = request_out(nl, ch, msg->h);
	while (!rc) {
		size_t len;

		rc = reply_in(nl, ch, &len);
		if (!rc)
			rc = handle_datagram(&req, nl->rbuf, len);
	}
	if (rc == 1)
		rc = 0;
	if (rc && !nl->status.reason[0])
		note_reason(nl, rc);
	if (rc && rc != nl->status.err)	/* the socket may hold the rest of a reply */
		sock_drop(nl, ch);
	nl->busy = false;
	return rc;
}

/* ---- generic netlink --------------------------------------------------------------- */

struct family_info {
	int	id;
	uint8_t	*ops;
};

static int family_parse(struct nlmsghdr *h, void *arg)
{
	struct family_info *fi = arg;
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct nlattr *op;
	uint16_t id;
	size_t rem;

	if (smc_genlmsg_parse(h, tb, CTRL_ATTR_MAX) < 0)
		return -EPROTO;
	/* the controller always sends a u16: any other width is no family id */
	if (!tb[CTRL_ATTR_FAMILY_ID] || smc_nla_size(tb[CTRL_ATTR_FAMILY_ID]) != sizeof(id) ||
	    !smc_nla_u16(tb[CTRL_ATTR_FAMILY_ID], &id) || !id)
		return -EPROTO;
	fi->id = id;
	if (!tb[CTRL_ATTR_OPS])
		return 0;
	smc_nla_for_each(op, smc_nla_payload(tb[CTRL_ATTR_OPS]), smc_nla_size(tb[CTRL_ATTR_OPS]),
			 rem) {
		struct nlattr *ob[CTRL_ATTR_OP_MAX + 1];
		uint32_t op_id;

		if (smc_nla_parse_nested(ob, CTRL_ATTR_OP_MAX, op) < 0 ||
		    !smc_nla_u32(ob[CTRL_ATTR_OP_ID], &op_id))
			continue;
		if (op_id < 256)
			fi->ops[op_id / 8] |= (uint8_t)(1u << (op_id % 8));
	}
	return 0;
}

/* Keep the outcome of a family lookup: the id, or the failure so it is asked only once. */
static int family_store(struct genl_family_state *st, const struct family_info *fi, int rc)
{
	if (rc == 0 && !fi->id)
		rc = -ENOENT;
	if (rc) {
		/* the controller answers ENOENT for an unknown family; keep it for callers */
		st->err = rc;
		return rc;
	}
	st->id = fi->id;
	return 0;
}

/* CTRL_CMD_GETFAMILY ourselves: genl_ctrl_resolve() gives the id but not the op list. */
static int family_resolve(struct smc_nl *nl, enum smc_genl_family fam)
{
	struct genl_family_state *st = &nl->fam[fam];
	struct family_info fi = { .ops = st->ops };
	struct smc_nlmsg msg;
	int rc;

	if (st->id)
		return 0;
	if (st->err)
		return st->err;
	rc = smc_genlmsg_init(&msg, GENL_ID_CTRL, NLM_F_ACK, CTRL_CMD_GETFAMILY, 1);
	if (!rc)
		rc = smc_nla_put_str(&msg, CTRL_ATTR_FAMILY_NAME, genl_families[fam].name);
	if (rc) {	/* no request was made: nothing to keep */
		smc_nlmsg_release(&msg);
		return rc;
	}
	rc = transact(nl, CH_GENL, &msg, family_parse, &fi);
	smc_nlmsg_release(&msg);
	return family_store(st, &fi, rc);
}

int smc_genl_family_replay(struct smc_nl *nl, enum smc_genl_family fam, struct nlmsghdr *reply)
{
	struct genl_family_state *st = &nl->fam[fam];
	struct family_info fi = { .ops = st->ops };

	memset(st, 0, sizeof(*st));
	return family_store(st, &fi, family_parse(reply, &fi));
}

int smc_genl_check(struct smc_nl *nl, enum smc_genl_family fam, uint8_t cmd)
{
	int rc = family_resolve(nl, fam);

	if (rc)
		return rc;
	return (nl->fam[fam].ops[cmd / 8] & (1u << (cmd % 8))) ? 0 : -EOPNOTSUPP;
}

const char *smc_genl_cmd_since(uint8_t cmd)
{
	if (cmd >= SMC_NETLINK_DUMP_HS_LIMITATION)
		return "5.18";
	if (cmd >= SMC_NETLINK_DUMP_UEID)
		return "5.16";
	if (cmd >= SMC_NETLINK_GET_STATS)
		return "5.14";
	return "5.11";
}

static int genl_request(struct smc_nl *nl, enum smc_genl_family fam, uint8_t cmd, int flags,
			smc_nl_fill_cb fill, const void *req, smc_nl_msg_cb cb, void *arg)
{
	struct smc_nlmsg msg;
	int rc;

	rc = smc_genl_check(nl, fam, cmd);
	if (rc)
		return rc;
	rc = smc_genlmsg_init(&msg, (uint16_t)nl->fam[fam].id, (uint16_t)flags, cmd,
			      genl_families[fam].version);
	if (!rc && fill)
		rc = fill(&msg, req);
	if (!rc)
		rc = transact(nl, CH_GENL, &msg, cb, arg);
	smc_nlmsg_release(&msg);
	return rc;
}

int smc_genl_dump(struct smc_nl *nl, enum smc_genl_family fam, uint8_t cmd,
		  smc_nl_msg_cb cb, void *arg)
{
	return genl_request(nl, fam, cmd, NLM_F_DUMP, NULL, NULL, cb, arg);
}

int smc_genl_do(struct smc_nl *nl, enum smc_genl_family fam, uint8_t cmd,
		smc_nl_fill_cb fill, const void *req)
{
	return genl_request(nl, fam, cmd, NLM_F_ACK, fill, req, NULL, NULL);
}

/* ---- sock_diag --------------------------------------------------------------------- */

/* A SOCK_DIAG_BY_FAMILY dump with the request header @req of @len bytes */
static int diag_dump(struct smc_nl *nl, const void *req, size_t len, smc_nl_msg_cb cb, void *arg)
{
	struct smc_nlmsg msg;
	int rc;

	rc = smc_nlmsg_init(&msg, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP);
	if (!rc)
		rc = smc_nlmsg_append(&msg, req, len);
	if (!rc)
		rc = transact(nl, CH_DIAG, &msg, cb, arg);
	smc_nlmsg_release(&msg);
	return rc;
}

int smc_diag_dump(struct smc_nl *nl, uint8_t diag_ext, smc_nl_msg_cb cb, void *arg)
{
	struct smc_diag_req req = { .diag_family = AF_SMC, .diag_ext = diag_ext };

	return diag_dump(nl, &req, sizeof(req), cb, arg);
}

int smc_tcp_diag_dump(struct smc_nl *nl, uint8_t family, smc_nl_msg_cb cb, void *arg)
{
	struct inet_diag_req_v2 req = {
		.sdiag_family = family, .sdiag_protocol = IPPROTO_TCP, .idiag_states = ~0u,
	};

	return diag_dump(nl, &req, sizeof(req), cb, arg);
}

/* ---- RDMA and XFRM netlink: plain netlink families ---------------------------------- */

/* One request of @type on channel @ch, for the plain netlink families. */
static int plain_request(struct smc_nl *nl, enum nl_chan ch, uint16_t type, int flags,
			 smc_nl_fill_cb fill, const void *req, smc_nl_msg_cb cb, void *arg)
{
	struct smc_nlmsg msg;
	int rc;

	rc = smc_nlmsg_init(&msg, type, (uint16_t)(NLM_F_REQUEST | flags));
	if (!rc && fill)
		rc = fill(&msg, req);
	if (!rc)
		rc = transact(nl, ch, &msg, cb, arg);
	smc_nlmsg_release(&msg);
	return rc;
}

int smc_rdma_request(struct smc_nl *nl, uint16_t type, int flags, smc_nl_fill_cb fill,
		     const void *req, smc_nl_msg_cb cb, void *arg)
{
	return plain_request(nl, CH_RDMA, type, flags, fill, req, cb, arg);
}

int smc_xfrm_dump(struct smc_nl *nl, uint16_t type, smc_nl_msg_cb cb, void *arg)
{
	return plain_request(nl, CH_XFRM, type, NLM_F_DUMP, NULL, NULL, cb, arg);
}

static int fill_ifinfomsg(struct smc_nlmsg *msg, const void *req)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };

	(void)req;
	return smc_nlmsg_append(msg, &ifi, sizeof(ifi));
}

int smc_netdev_dump(struct smc_nl *nl, smc_nl_msg_cb cb, void *arg)
{
	return plain_request(nl, CH_ROUTE, RTM_GETLINK, NLM_F_DUMP, fill_ifinfomsg, NULL, cb,
			     arg);
}

int smc_genl_parse_nest(struct nlmsghdr *h, int nest, struct nlattr **tb, int maxtype)
{
	struct nlattr *top[SMC_GEN_MAX + 1];

	if (nest > SMC_GEN_MAX || smc_genlmsg_parse(h, top, SMC_GEN_MAX) < 0)
		return -EPROTO;
	if (!top[nest])
		return -ENODATA;
	return smc_nla_parse_nested(tb, maxtype, top[nest]) < 0 ? -EPROTO : 0;
}
