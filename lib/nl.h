/* SPDX-License-Identifier: GPL-2.0 */
/* nl.h - netlink transport for SMC: the SMC_GEN_NETLINK generic-netlink family and
 * sock_diag for AF_SMC, over libnl-3. Nothing here prints; failures are -errno plus the
 * kernel's extended-ACK text in smc_nl_status().
 */
#ifndef SMC_NL_H
#define SMC_NL_H

#include <stdbool.h>
#include <stdint.h>

#include <netlink/msg.h>

struct smc_nl;

struct smc_nl_status {
	int	err;			/* -errno of the last kernel error, 0 if none */
	char	extack[160];		/* NLMSGERR_ATTR_MSG of that error, "" if none */
	bool	dump_intr;		/* NLM_F_DUMP_INTR seen: the dump may be inconsistent */
};

/* The two generic-netlink families of the SMC module */
enum smc_genl_family {
	SMC_GENL_GEN,		/* "SMC_GEN_NETLINK": system info, link groups, devices, EIDs */
	SMC_GENL_PNETID,	/* "SMC_PNETID": the PNET table */
	SMC_GENL_NFAMILIES
};

/* Per-message callback of a dump: 0 to go on, a negative errno to stop the dump. */
typedef int (*smc_nl_msg_cb)(struct nl_msg *msg, void *arg);
/* Adds the request's attributes to @msg; 0 or -errno. */
typedef int (*smc_nl_fill_cb)(struct nl_msg *msg, const void *req);

/* Return: 0 or -ENOMEM. Sockets are opened on first use. */
int smc_nl_open(struct smc_nl **nlp);
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
int smc_genl_family_replay(struct smc_nl *nl, enum smc_genl_family fam, struct nl_msg *reply);
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

/* Unsigned integer attribute of any width the kernel chose (1, 2, 4 or 8 bytes):
 * nla_put_uint() picks 4 or 8 bytes, and some attributes are sent wider than their
 * UAPI comment says (SMC_NLA_LGR_D_CHID: u16 in smc.h, nla_put_u32 in smc_core.c).
 */
uint64_t smc_nla_get_uint(const struct nlattr *a);
/* Copy a string attribute into @dst (always terminated, cut to @size - 1), without the
 * trailing blanks SMC pads names and EIDs with.
 */
void smc_nla_copy_str(char *dst, size_t size, const struct nlattr *a);
/* genlmsg_parse() the top level of a reply and nla_parse_nested() attribute @nest of it.
 * Return: 0, -ENODATA if the nest is absent, -EPROTO if malformed.
 */
int smc_genl_parse_nest(struct nl_msg *msg, int nest, struct nlattr **tb, int maxtype);

#endif
