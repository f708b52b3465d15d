/* SPDX-License-Identifier: GPL-2.0 */
/* nl.h - netlink transport for SMC: the SMC_GEN_NETLINK generic-netlink family and
 * sock_diag for AF_SMC, with our own message code (nlmsg.h). Nothing here prints; failures are -errno plus the
 * kernel's extended-ACK text in smc_nl_status().
 */
#ifndef SMC_NL_H
#define SMC_NL_H

#include <stdbool.h>
#include <stdint.h>

#include "nlmsg.h"

struct smc_nl;

struct smc_nl_status {
	int	err;			/* -errno of the last kernel error, 0 if none */
	char	extack[160];		/* NLMSGERR_ATTR_MSG of that error, "" if none */
	bool	dump_intr;		/* NLM_F_DUMP_INTR seen: the dump may be inconsistent */
	/* why the last request failed when strerror() would not say it: a timeout, or a
	 * recording or replay file's problem; "" if none
	 */
	char	reason[352];
	int	config_err;		/* the environment asks for the impossible (-EBADMSG) */
};

/* How long a request waits for each datagram of its reply before giving up */
#define SMC_NL_TIMEOUT_MS 10000

/* The two generic-netlink families of the SMC module */
enum smc_genl_family {
	SMC_GENL_GEN,		/* "SMC_GEN_NETLINK": system info, link groups, devices, EIDs */
	SMC_GENL_PNETID,	/* "SMC_PNETID": the PNET table */
	SMC_GENL_NFAMILIES
};

/* Per-message callback of a dump: 0 to go on, a negative errno to stop the dump. @h is
 * the message as the kernel sent it, valid until the callback returns; its nlmsg_len
 * lies inside the datagram.
 */
typedef int (*smc_nl_msg_cb)(struct nlmsghdr *h, void *arg);
/* Adds the request's attributes to @msg; 0 or -errno. */
typedef int (*smc_nl_fill_cb)(struct smc_nlmsg *msg, const void *req);

/**
 * smc_nl_open() - a transport handle; sockets are opened on first use
 *
 * SMC_UTILS_RECORD=FILE / SMC_UTILS_REPLAY=FILE in the environment record every
 * exchange to FILE or answer every request from it (nltrace.h); a problem with either
 * is the failure of the first request. Return: 0 or -ENOMEM.
 */
int smc_nl_open(struct smc_nl **nlp);
/* Another handle of the same tool, in the same namespace, recording or replaying alike */
int smc_nl_open_sibling(struct smc_nl **nlp, const struct smc_nl *like);
bool smc_nl_replaying(const struct smc_nl *nl);
/**
 * smc_nl_enter_netns() - run this handle (and the process) in network namespace @spec
 *
 * netns_enter() unless replaying; a recording notes @spec and a replay answers from
 * what was recorded under it. Before the first request. Return: 0 or as netns_enter().
 */
int smc_nl_enter_netns(struct smc_nl *nl, const char *spec);
/* The cookie of the handle's namespace (recorded and replayed). Return: 0 or -errno. */
int smc_nl_netns_cookie(struct smc_nl *nl, uint64_t *cookie);
/**
 * smc_nl_record_fact() / smc_nl_replay_fact() - what a tool learnt outside netlink that
 * a replay must know too, by NLTRACE_FACT_* id
 *
 * Record: nothing unless recording. Replay: -ENOENT unless replaying and recorded.
 * Return: 0 or -errno.
 */
int smc_nl_record_fact(struct smc_nl *nl, uint16_t id, const void *val, size_t len);
int smc_nl_replay_fact(struct smc_nl *nl, uint16_t id, void *val, size_t len);
/* The same for a fact about the thing named @name, of any length (nltrace.h) */
int smc_nl_record_named_fact(struct smc_nl *nl, uint16_t id, const char *name,
			     const void *val, size_t len);
int smc_nl_replay_named_fact(struct smc_nl *nl, uint16_t id, const char *name,
			     const void **val, size_t *len);
/**
 * smc_nl_label_netns() - this handle runs in the namespace reached by @spec
 *
 * For a handle opened after the process entered @spec itself (netns_each_other()): a
 * recording labels its records with @spec, a replay answers from those. Return: 0, or
 * replaying, -ENOENT if the file has nothing of @spec.
 */
int smc_nl_label_netns(struct smc_nl *nl, const char *spec);
void smc_nl_close(struct smc_nl *nl);
const struct smc_nl_status *smc_nl_status(const struct smc_nl *nl);

/**
 * smc_genl_check() - can this kernel serve command @cmd of family @fam?
 *
 * Resolves the family and its operation list once per handle.
 * Return: 0; -ENOENT if the family is absent (SMC module not loaded); -EOPNOTSUPP if
 * the family exists but lacks @cmd (older kernel); another -errno on failure.
 */
int smc_genl_check(struct smc_nl *nl, enum smc_genl_family fam, uint8_t cmd);
/**
 * smc_genl_family_replay() - use @reply as the controller's answer about @fam
 * @reply: a CTRL_CMD_NEWFAMILY message, e.g. recorded from another kernel
 *
 * For tests that show how the tools behave on kernels the bench cannot boot (an older
 * operation list, say); later smc_genl_check() calls answer from it.
 * Return: 0, or -errno as smc_genl_check() would have failed.
 */
int smc_genl_family_replay(struct smc_nl *nl, enum smc_genl_family fam, struct nlmsghdr *reply);
/* First kernel release with SMC_GEN_NETLINK command @cmd, e.g. "5.16"; for messages. */
const char *smc_genl_cmd_since(uint8_t cmd);

/* Dump @cmd, calling @cb for every reply message. Return: 0 or -errno. */
int smc_genl_dump(struct smc_nl *nl, enum smc_genl_family fam, uint8_t cmd,
		  smc_nl_msg_cb cb, void *arg);
/* Send @cmd as a request (@fill adds attributes, may be NULL) and wait for the ACK. */
int smc_genl_do(struct smc_nl *nl, enum smc_genl_family fam, uint8_t cmd,
		smc_nl_fill_cb fill, const void *req);

/**
 * smc_diag_dump() - dump AF_SMC sockets through NETLINK_SOCK_DIAG
 * @diag_ext: SMC_DIAG_* extension bits, already shifted (1 << (SMC_DIAG_X - 1))
 *
 * Return: 0; -ENOENT if no sock_diag handler for AF_SMC exists (smc_diag not loaded);
 * another -errno on failure.
 */
int smc_diag_dump(struct smc_nl *nl, uint8_t diag_ext, smc_nl_msg_cb cb, void *arg);
/* Dump every TCP socket of @family (AF_INET/AF_INET6) through inet_diag. Return: 0 or -errno. */
int smc_tcp_diag_dump(struct smc_nl *nl, uint8_t family, smc_nl_msg_cb cb, void *arg);

/**
 * smc_rdma_request() - a request to the RDMA subsystem's netlink (NETLINK_RDMA)
 * @type: RDMA_NL_GET_TYPE(client, op)
 * @flags: NLM_F_DUMP for a dump, NLM_F_ACK for a single request
 * @fill: adds the request's attributes (may be NULL)
 *
 * Return: 0 or -errno.
 */
int smc_rdma_request(struct smc_nl *nl, uint16_t type, int flags, smc_nl_fill_cb fill,
		     const void *req, smc_nl_msg_cb cb, void *arg);

/**
 * smc_xfrm_dump() - dump the IPsec (xfrm) database of this namespace (NETLINK_XFRM)
 * @type: XFRM_MSG_GETPOLICY or XFRM_MSG_GETSA
 *
 * Return: 0 or -errno (-EPERM without CAP_NET_ADMIN; -EPROTONOSUPPORT without xfrm_user).
 */
int smc_xfrm_dump(struct smc_nl *nl, uint16_t type, smc_nl_msg_cb cb, void *arg);

/* Dump the namespace's network interfaces (RTM_GETLINK, NETLINK_ROUTE). 0 or -errno. */
int smc_netdev_dump(struct smc_nl *nl, smc_nl_msg_cb cb, void *arg);

/* genlmsg_parse() the top level of a reply and nla_parse_nested() attribute @nest of it.
 * Return: 0, -ENODATA if the nest is absent, -EPROTO if malformed.
 */
int smc_genl_parse_nest(struct nlmsghdr *h, int nest, struct nlattr **tb, int maxtype);

#endif
