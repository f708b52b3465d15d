// SPDX-License-Identifier: GPL-2.0
/* nl.c - libnl-based transport for SMC_GEN_NETLINK and AF_SMC sock_diag
 *
 * libnl is used for sockets, message building and parsing, but every request runs with
 * its own callback set so that: the kernel's errno is kept exactly (libnl maps errnos to
 * its own lossy NLE_* codes), the extended-ACK message is captured (libnl 3.7 ignores it),
 * NLM_F_DUMP_INTR is reported instead of silently swallowed, and a callback can abort.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/genetlink.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/smc.h>
#include <linux/smc_diag.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include <netlink/socket.h>

#include "nl.h"
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

struct smc_nl {
	struct nl_sock		*genl;
	struct nl_sock		*diag;
	struct nl_sock		*rdma;
	struct nl_sock		*xfrm;
	struct genl_family_state fam[SMC_GENL_NFAMILIES];
	struct smc_nl_status	status;
};

struct nl_req {
	struct smc_nl	*nl;
	smc_nl_msg_cb	cb;
	void		*arg;
	int		cb_err;		/* a callback's abort code */
	bool		done;
};

static int nle_to_errno(int nle)
{
	switch (nle < 0 ? -nle : nle) {
	case NLE_NOMEM:		return -ENOMEM;
	case NLE_PERM:		return -EPERM;
	case NLE_NOACCESS:	return -EACCES;
	case NLE_OBJ_NOTFOUND:	return -ENOENT;
	case NLE_EXIST:		return -EEXIST;
	case NLE_INVAL:		return -EINVAL;
	case NLE_RANGE:		return -ERANGE;
	case NLE_AGAIN:		return -EAGAIN;
	case NLE_INTR:		return -EINTR;
	case NLE_BUSY:		return -EBUSY;
	case NLE_MSGSIZE:
	case NLE_MSG_TRUNC:	return -EMSGSIZE;
	case NLE_OPNOTSUPP:	return -EOPNOTSUPP;
	case NLE_AF_NOSUPPORT:	return -EAFNOSUPPORT;
	case NLE_PROTO_MISMATCH: return -EPROTONOSUPPORT;
	case NLE_NOADDR:	return -EADDRNOTAVAIL;
	case NLE_BAD_SOCK:	return -ENOTSOCK;
	}
	return -EIO;
}

int smc_nl_open(struct smc_nl **nlp)
{
	struct smc_nl *nl = calloc(1, sizeof(*nl));

	if (!nl)
		return -ENOMEM;
	*nlp = nl;
	return 0;
}

void smc_nl_close(struct smc_nl *nl)
{
	if (!nl)
		return;
	if (nl->genl)
		nl_socket_free(nl->genl);
	if (nl->diag)
		nl_socket_free(nl->diag);
	if (nl->rdma)
		nl_socket_free(nl->rdma);
	if (nl->xfrm)
		nl_socket_free(nl->xfrm);
	free(nl);
}

const struct smc_nl_status *smc_nl_status(const struct smc_nl *nl)
{
	return &nl->status;
}

static int sock_open(struct nl_sock **skp, int protocol)
{
	struct nl_sock *sk;
	int one = 1;
	int rc;

	if (*skp)
		return 0;
	sk = nl_socket_alloc();
	if (!sk)
		return -ENOMEM;
	rc = nl_connect(sk, protocol);
	if (rc < 0) {
		nl_socket_free(sk);
		return nle_to_errno(rc);
	}
	/* failures below only cost comfort (no extack text, smaller buffer), not function */
	nl_socket_set_buffer_size(sk, SMC_NL_RCVBUF, 0);
	nl_socket_enable_msg_peek(sk);
	nl_socket_disable_auto_ack(sk);
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	*skp = sk;
	return 0;
}

/* After an aborted dump the rest of it is still queued: start the next request afresh. */
static void sock_drop(struct nl_sock **skp)
{
	nl_socket_free(*skp);
	*skp = NULL;
}

static int req_valid(struct nl_msg *msg, void *arg)
{
	struct nl_req *req = arg;
	int rc = req->cb ? req->cb(msg, req->arg) : 0;

	if (rc < 0) {
		req->cb_err = rc;
		return NL_STOP;
	}
	return NL_OK;
}

static int req_done(struct nl_msg *msg, void *arg)
{
	struct nl_req *req = arg;

	(void)msg;
	req->done = true;
	return NL_STOP;
}

static int req_dump_intr(struct nl_msg *msg, void *arg)
{
	struct nl_req *req = arg;

	(void)msg;
	req->nl->status.dump_intr = true;
	return NL_OK;
}

/* Copy NLMSGERR_ATTR_MSG out of an error message's TLVs (NETLINK_EXT_ACK). */
static void extack_copy(struct smc_nl_status *st, const struct nlmsgerr *e)
{
	const struct nlmsghdr *nlh = (const void *)((const char *)e - NLMSG_HDRLEN);
	const char *end = (const char *)nlh + nlh->nlmsg_len;
	const char *tlvs;
	const struct nlattr *a;
	int rem;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	/* without NLM_F_CAPPED the whole request is echoed back before the TLVs */
	if (nlh->nlmsg_flags & NLM_F_CAPPED)
		tlvs = (const char *)e + sizeof(*e);
	else
		tlvs = (const char *)e + sizeof(e->error) + NLMSG_ALIGN(e->msg.nlmsg_len);
	if (tlvs >= end)
		return;
	rem = (int)(end - tlvs);
	for (a = (const void *)tlvs; nla_ok(a, rem); a = nla_next(a, &rem)) {
		if (nla_type(a) == NLMSGERR_ATTR_MSG && nla_len(a) > 0) {
			snprintf(st->extack, sizeof(st->extack), "%.*s", nla_len(a),
				 (const char *)nla_data(a));
			/* kernel messages are single lines; keep ours so too */
			st->extack[strcspn(st->extack, "\n")] = '\0';
		}
	}
}

static int req_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct nl_req *req = arg;

	(void)who;
	req->nl->status.err = e->error < 0 ? e->error : -e->error;
	extack_copy(&req->nl->status, e);
	req->done = true;
	return NL_STOP;
}

/* Send @msg on @sk and run the reply loop until DONE, ACK or an error. */
static int transact(struct smc_nl *nl, struct nl_sock **skp, struct nl_msg *msg,
		    smc_nl_msg_cb cb, void *arg)
{
	struct nl_req req = { .nl = nl, .cb = cb, .arg = arg };
	struct nl_cb *nlcb;
	int rc;

	nl->status.err = 0;
	nl->status.extack[0] = '\0';
	nlcb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!nlcb)
		return -ENOMEM;
	nl_cb_set(nlcb, NL_CB_VALID, NL_CB_CUSTOM, req_valid, &req);
	nl_cb_set(nlcb, NL_CB_FINISH, NL_CB_CUSTOM, req_done, &req);
	nl_cb_set(nlcb, NL_CB_ACK, NL_CB_CUSTOM, req_done, &req);
	nl_cb_set(nlcb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, req_dump_intr, &req);
	nl_cb_err(nlcb, NL_CB_CUSTOM, req_error, &req);

	rc = nl_send_auto(*skp, msg);
	if (rc < 0) {
		rc = nle_to_errno(rc);
		goto out;
	}
	rc = 0;
	/* the callbacks, run inside nl_recvmsgs(), end the loop through *r */
	for (const struct nl_req *r = &req; !r->done && !r->cb_err; ) {
		int n = nl_recvmsgs(*skp, nlcb);

		if (n < 0 && !r->done && !r->cb_err) {
			rc = nle_to_errno(n);
			break;
		}
	}
	if (req.cb_err)
		rc = req.cb_err;
	else if (nl->status.err)
		rc = nl->status.err;
out:
	nl_cb_put(nlcb);
	if (rc && !nl->status.err)	/* the socket may hold the rest of a reply */
		sock_drop(skp);
	return rc;
}

/* ---- generic netlink --------------------------------------------------------------- */

struct family_info {
	int	id;
	uint8_t	*ops;
};

static int family_parse(struct nl_msg *msg, void *arg)
{
	struct family_info *fi = arg;
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct nlattr *op;
	int rc, rem;

	rc = genlmsg_parse(nlmsg_hdr(msg), 0, tb, CTRL_ATTR_MAX, NULL);
	if (rc < 0)
		return nle_to_errno(rc);
	if (!tb[CTRL_ATTR_FAMILY_ID])
		return -EPROTO;
	fi->id = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
	if (!tb[CTRL_ATTR_OPS])
		return 0;
	nla_for_each_nested(op, tb[CTRL_ATTR_OPS], rem) {
		struct nlattr *ob[CTRL_ATTR_OP_MAX + 1];
		uint32_t id;

		if (nla_parse_nested(ob, CTRL_ATTR_OP_MAX, op, NULL) < 0 || !ob[CTRL_ATTR_OP_ID])
			continue;
		id = nla_get_u32(ob[CTRL_ATTR_OP_ID]);
		if (id < 256)
			fi->ops[id / 8] |= (uint8_t)(1u << (id % 8));
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
	struct nl_msg *msg;
	int rc;

	if (st->id)
		return 0;
	if (st->err)
		return st->err;
	rc = sock_open(&nl->genl, NETLINK_GENERIC);
	if (rc)
		return rc;
	msg = nlmsg_alloc();
	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, GENL_ID_CTRL, 0, NLM_F_ACK,
			 CTRL_CMD_GETFAMILY, 1) ||
	    nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, genl_families[fam].name) < 0) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	rc = transact(nl, &nl->genl, msg, family_parse, &fi);
	nlmsg_free(msg);
	return family_store(st, &fi, rc);
}

int smc_genl_family_replay(struct smc_nl *nl, enum smc_genl_family fam, struct nl_msg *reply)
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
	struct nl_msg *msg;
	int rc;

	rc = smc_genl_check(nl, fam, cmd);
	if (rc)
		return rc;
	msg = nlmsg_alloc();
	if (!msg)
		return -ENOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->fam[fam].id, 0, flags, cmd,
			 genl_families[fam].version)) {
		rc = -ENOMEM;
		goto out;
	}
	if (fill) {
		rc = fill(msg, req);
		if (rc)
			goto out;
	}
	rc = sock_open(&nl->genl, NETLINK_GENERIC);
	if (!rc)
		rc = transact(nl, &nl->genl, msg, cb, arg);
out:
	nlmsg_free(msg);
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
	struct nl_msg *msg;
	int rc;

	rc = sock_open(&nl->diag, NETLINK_SOCK_DIAG);
	if (rc)
		return rc;
	msg = nlmsg_alloc_simple(SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP);
	if (!msg)
		return -ENOMEM;
	if (nlmsg_append(msg, (void *)req, len, NLMSG_ALIGNTO) < 0)
		rc = -ENOMEM;
	else
		rc = transact(nl, &nl->diag, msg, cb, arg);
	nlmsg_free(msg);
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

/* One request on the socket *@skp of netlink @protocol, opened on first use. */
static int plain_request(struct smc_nl *nl, struct nl_sock **skp, int protocol, uint16_t type,
			 int flags, smc_nl_fill_cb fill, const void *req, smc_nl_msg_cb cb,
			 void *arg)
{
	struct nl_msg *msg;
	int rc;

	rc = sock_open(skp, protocol);
	if (rc)
		return rc;
	msg = nlmsg_alloc_simple(type, NLM_F_REQUEST | flags);
	if (!msg)
		return -ENOMEM;
	rc = fill ? fill(msg, req) : 0;
	if (!rc)
		rc = transact(nl, skp, msg, cb, arg);
	nlmsg_free(msg);
	return rc;
}

int smc_rdma_request(struct smc_nl *nl, uint16_t type, int flags, smc_nl_fill_cb fill,
		     const void *req, smc_nl_msg_cb cb, void *arg)
{
	return plain_request(nl, &nl->rdma, NETLINK_RDMA, type, flags, fill, req, cb, arg);
}

int smc_xfrm_dump(struct smc_nl *nl, uint16_t type, smc_nl_msg_cb cb, void *arg)
{
	return plain_request(nl, &nl->xfrm, NETLINK_XFRM, type, NLM_F_DUMP, NULL, NULL, cb, arg);
}

uint64_t smc_nla_get_uint(const struct nlattr *a)
{
	const void *d = nla_data(a);
	uint64_t v64;
	uint32_t v32;
	uint16_t v16;

	switch (nla_len(a)) {
	case 1:
		return *(const uint8_t *)d;
	case 2:
		memcpy(&v16, d, sizeof(v16));
		return v16;
	case 4:
		memcpy(&v32, d, sizeof(v32));
		return v32;
	case 8:
		memcpy(&v64, d, sizeof(v64));
		return v64;
	}
	return 0;
}

void smc_nla_copy_str(char *dst, size_t size, const struct nlattr *a)
{
	size_t len;

	/* kernel strings carry their NUL, but a length bound costs nothing */
	snprintf(dst, size, "%.*s", nla_len(a), (const char *)nla_data(a));
	/* SMC keeps host names, EIDs and PNET IDs blank-padded to their full width */
	len = strlen(dst);
	while (len && dst[len - 1] == ' ')
		dst[--len] = '\0';
}

int smc_genl_parse_nest(struct nl_msg *msg, int nest, struct nlattr **tb, int maxtype)
{
	struct nlattr *top[SMC_GEN_MAX + 1];

	if (nest > SMC_GEN_MAX ||
	    genlmsg_parse(nlmsg_hdr(msg), 0, top, SMC_GEN_MAX, NULL) < 0)
		return -EPROTO;
	if (!top[nest])
		return -ENODATA;
	return nla_parse_nested(tb, maxtype, top[nest], NULL) < 0 ? -EPROTO : 0;
}
