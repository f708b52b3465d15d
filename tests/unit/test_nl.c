// SPDX-License-Identifier: GPL-2.0
/* test_nl.c - how the tools answer kernels the bench cannot boot: controller replies
 * (CTRL_CMD_NEWFAMILY) with the operation lists of older kernels, replayed into the
 * transport, and the one-line errors genl_require() then prints.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/smc.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "err.h"
#include "nl.h"
#include "tap.h"
#include "tool.h"

/* A controller reply for a family with id 0x1d and the operations 1..@last_op, the
 * way the kernel lists them (one nested CTRL_ATTR_OP per op, numbered from 1).
 */
static struct nl_msg *family_reply(uint8_t last_op)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *ops;

	genlmsg_put(msg, 0, 0, GENL_ID_CTRL, 0, 0, CTRL_CMD_NEWFAMILY, 2);
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, SMC_GENL_FAMILY_NAME);
	nla_put_u16(msg, CTRL_ATTR_FAMILY_ID, 0x1d);
	ops = nla_nest_start(msg, CTRL_ATTR_OPS);
	for (uint8_t op = 1; op <= last_op; op++) {
		struct nlattr *one = nla_nest_start(msg, op);

		nla_put_u32(msg, CTRL_ATTR_OP_ID, op);
		nla_put_u32(msg, CTRL_ATTR_OP_FLAGS, 0);
		nla_nest_end(msg, one);
	}
	nla_nest_end(msg, ops);
	return msg;
}

/* Run genl_require() with stderr in a temporary file; return what it printed. */
static char *require_stderr(struct smc_nl *nl, uint8_t cmd, const char *what, int *rc)
{
	FILE *tmp = tmpfile();
	int saved = dup(STDERR_FILENO);
	char *text = calloc(1, 512);

	fflush(stderr);
	dup2(fileno(tmp), STDERR_FILENO);
	*rc = genl_require(nl, SMC_GENL_GEN, cmd, what);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(tmp);
	if (!fgets(text, 512, tmp))
		text[0] = 0;
	fclose(tmp);
	return text;
}

int main(void)
{
	struct smc_nl *nl = NULL;
	struct nl_msg *reply;
	char *text;
	int rc;

	program_invocation_short_name = (char *)"smcr";
	ok(smc_nl_open(&nl) == 0, "a handle without any socket opened yet");

	/* Linux 5.16/5.17: UEID and SEID commands, no handshake limitation yet */
	reply = family_reply(SMC_NETLINK_DISABLE_SEID);
	ok(smc_genl_family_replay(nl, SMC_GENL_GEN, reply) == 0, "5.16 reply parsed");
	nlmsg_free(reply);
	ok(smc_genl_check(nl, SMC_GENL_GEN, SMC_NETLINK_DUMP_UEID) == 0, "5.16 has ueid dump");
	ok(smc_genl_check(nl, SMC_GENL_GEN, SMC_NETLINK_DUMP_HS_LIMITATION) == -EOPNOTSUPP,
	   "5.16 lacks the handshake limitation");
	text = require_stderr(nl, SMC_NETLINK_DUMP_HS_LIMITATION, "hslimit show", &rc);
	ok(rc == EXIT_RUNTIME, "unsupported op: exit status 1");
	is_str(text, "smcr: hslimit show: not supported by this kernel (needs Linux 5.18 or later)\n",
	       "unsupported op: one line naming the release that brought it");
	free(text);

	/* Linux 5.11-5.13: link groups and devices only */
	reply = family_reply(SMC_NETLINK_GET_DEV_SMCR);
	ok(smc_genl_family_replay(nl, SMC_GENL_GEN, reply) == 0, "5.11 reply parsed");
	nlmsg_free(reply);
	text = require_stderr(nl, SMC_NETLINK_GET_FBACK_STATS, "stats", &rc);
	is_str(text, "smcr: stats: not supported by this kernel (needs Linux 5.14 or later)\n",
	       "stats on 5.11");
	free(text);
	text = require_stderr(nl, SMC_NETLINK_ADD_UEID, "ueid add", &rc);
	is_str(text, "smcr: ueid add: not supported by this kernel (needs Linux 5.16 or later)\n",
	       "ueid add on 5.11");
	free(text);
	text = require_stderr(nl, SMC_NETLINK_GET_LGR_SMCR, "linkgroup", &rc);
	ok(rc == 0 && !text[0], "linkgroup on 5.11: supported, nothing printed");
	free(text);

	/* a reply without a family id: as if the family were absent */
	reply = nlmsg_alloc();
	genlmsg_put(reply, 0, 0, GENL_ID_CTRL, 0, 0, CTRL_CMD_NEWFAMILY, 2);
	ok(smc_genl_family_replay(nl, SMC_GENL_GEN, reply) == -EPROTO,
	   "a reply without CTRL_ATTR_FAMILY_ID is a protocol error");
	nlmsg_free(reply);

	smc_nl_close(nl);
	return tap_done();
}
