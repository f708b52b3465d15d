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

/* Run genl_require() on the facts of @host with stderr in a temporary file; return what
 * it printed.
 */
static char *require_stderr(struct smc_nl *nl, uint8_t cmd, const char *what, int *rc,
			    const struct ks_host *host)
{
	FILE *tmp = tmpfile();
	int saved = dup(STDERR_FILENO);
	char *text = calloc(1, 512);

	fflush(stderr);
	dup2(fileno(tmp), STDERR_FILENO);
	*rc = genl_require_host(nl, SMC_GENL_GEN, cmd, what, host);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(tmp);
	if (!fgets(text, 512, tmp))
		text[0] = 0;
	fclose(tmp);
	return text;
}

/* A host of release @release whose files say nothing (fixtures/kernel_support/unknown),
 * or of fixture @name
 */
static void host_of(struct ks_host *h, const char *name, const char *release)
{
	const char *slash = strrchr(__FILE__, '/');
	char root[256];

	snprintf(root, sizeof(root), "%.*sfixtures/kernel_support/%s",
		 slash ? (int)(slash - __FILE__ + 1) : 0, __FILE__, name);
	ks_probe(h, root, release);
}

/* No SMC_GEN_NETLINK family (this host has no SMC): the words depend on what the host
 * says. Only where the family is really absent.
 */
static void test_no_family(void)
{
	struct smc_nl *nl = NULL;
	struct ks_host host;
	char *text;
	int rc;

	if (smc_nl_open(&nl) || smc_genl_check(nl, SMC_GENL_GEN, SMC_NETLINK_GET_SYS_INFO) != -ENOENT) {
		printf("ok %d - # SKIP this host has the SMC generic netlink family\n", ++tap_count);
		smc_nl_close(nl);
		return;
	}
	host_of(&host, "module", "6.12.0-test");
	text = require_stderr(nl, SMC_NETLINK_GET_SYS_INFO, "info", &rc, &host);
	is_str(text, "smcr: SMC module not loaded (try: modprobe smc)\n",
	       "no family, module installed: modprobe");
	free(text);
	host_of(&host, "notbuilt", "6.12.0-test");
	text = require_stderr(nl, SMC_NETLINK_GET_SYS_INFO, "info", &rc, &host);
	is_str(text, "smcr: this kernel was built without SMC (CONFIG_SMC is not set in "
	       "/boot/config-6.12.0-test); boot a kernel built with CONFIG_SMC\n",
	       "no family, kernel without SMC: says so, no modprobe");
	free(text);
	host_of(&host, "loaded", "5.10.0");
	text = require_stderr(nl, SMC_NETLINK_GET_SYS_INFO, "info", &rc, &host);
	is_str(text, "smcr: info: not supported by this kernel (the SMC module has no generic "
	       "netlink interface; needs Linux 5.11 or later)\n", "no family, SMC loaded, 5.10");
	free(text);
	host_of(&host, "loaded", "6.12.0-test");
	text = require_stderr(nl, SMC_NETLINK_GET_SYS_INFO, "info", &rc, &host);
	is_str(text, "smcr: info: not supported by this kernel (its SMC module has no generic "
	       "netlink interface, which came with Linux 5.11)\n",
	       "no family, SMC loaded, 6.12: no \"needs 5.11\"");
	free(text);
	smc_nl_close(nl);
}

int main(void)
{
	struct ks_host host, unprobed = { 0 };
	struct smc_nl *nl = NULL;
	struct nl_msg *reply;
	char *text;
	int rc;

	program_invocation_short_name = (char *)"smcr";
	ok(smc_nl_open(&nl) == 0, "a handle without any socket opened yet");

	/* Linux 5.16/5.17: UEID and SEID commands, no handshake limitation yet */
	reply = family_reply(SMC_NETLINK_DISABLE_SEID);
	ok(smc_genl_family_replay(nl, SMC_GENL_GEN, nlmsg_hdr(reply)) == 0, "5.16 reply parsed");
	nlmsg_free(reply);
	ok(smc_genl_check(nl, SMC_GENL_GEN, SMC_NETLINK_DUMP_UEID) == 0, "5.16 has ueid dump");
	ok(smc_genl_check(nl, SMC_GENL_GEN, SMC_NETLINK_DUMP_HS_LIMITATION) == -EOPNOTSUPP,
	   "5.16 lacks the handshake limitation");
	host_of(&host, "unknown", "5.16.0");
	text = require_stderr(nl, SMC_NETLINK_DUMP_HS_LIMITATION, "hslimit show", &rc, &host);
	ok(rc == EXIT_RUNTIME, "unsupported op: exit status 1");
	is_str(text, "smcr: hslimit show: not supported by this kernel (needs Linux 5.18 or later)\n",
	       "unsupported op: one line naming the release that brought it");
	free(text);
	text = require_stderr(nl, SMC_NETLINK_DUMP_HS_LIMITATION, "hslimit show", &rc, &unprobed);
	is_str(text, "smcr: hslimit show: not supported by this kernel (needs Linux 5.18 or later)\n",
	       "unsupported op, replayed (host not asked): the same");
	free(text);
	/* the same operation list on a newer release: a vendor kernel, not an old one */
	host_of(&host, "unknown", "6.18.44-fc-v669");
	text = require_stderr(nl, SMC_NETLINK_DUMP_HS_LIMITATION, "hslimit show", &rc, &host);
	is_str(text, "smcr: hslimit show: not supported by this kernel (Linux 5.18 brought it, but "
	       "the SMC module of this 6.18.44-fc-v669 kernel lacks it)\n",
	       "unsupported op on 6.18: never \"needs Linux 5.18\"");
	free(text);
	host_of(&host, "unknown", "custom");
	text = require_stderr(nl, SMC_NETLINK_DUMP_HS_LIMITATION, "hslimit show", &rc, &host);
	is_str(text, "smcr: hslimit show: not supported by this kernel (it came with Linux 5.18)\n",
	       "unsupported op, release unknown: no claim about it");
	free(text);

	/* Linux 5.11-5.13: link groups and devices only */
	reply = family_reply(SMC_NETLINK_GET_DEV_SMCR);
	ok(smc_genl_family_replay(nl, SMC_GENL_GEN, nlmsg_hdr(reply)) == 0, "5.11 reply parsed");
	nlmsg_free(reply);
	host_of(&host, "unknown", "5.11.0");
	text = require_stderr(nl, SMC_NETLINK_GET_FBACK_STATS, "stats", &rc, &host);
	is_str(text, "smcr: stats: not supported by this kernel (needs Linux 5.14 or later)\n",
	       "stats on 5.11");
	free(text);
	text = require_stderr(nl, SMC_NETLINK_ADD_UEID, "ueid add", &rc, &host);
	is_str(text, "smcr: ueid add: not supported by this kernel (needs Linux 5.16 or later)\n",
	       "ueid add on 5.11");
	free(text);
	text = require_stderr(nl, SMC_NETLINK_GET_LGR_SMCR, "linkgroup", &rc, &host);
	ok(rc == 0 && !text[0], "linkgroup on 5.11: supported, nothing printed");
	free(text);

	/* a reply without a family id: as if the family were absent */
	reply = nlmsg_alloc();
	genlmsg_put(reply, 0, 0, GENL_ID_CTRL, 0, 0, CTRL_CMD_NEWFAMILY, 2);
	ok(smc_genl_family_replay(nl, SMC_GENL_GEN, nlmsg_hdr(reply)) == -EPROTO,
	   "a reply without CTRL_ATTR_FAMILY_ID is a protocol error");
	nlmsg_free(reply);

	smc_nl_close(nl);
	test_no_family();
	return tap_done();
}
