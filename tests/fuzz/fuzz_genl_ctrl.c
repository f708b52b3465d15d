// SPDX-License-Identifier: GPL-2.0
/* fuzz_genl_ctrl.c - the generic-netlink controller's reply (CTRL_CMD_NEWFAMILY: family
 * id and operation list) as lib/transport/nl.c resolves the two SMC families from it, and the
 * message loop of one dump behind it
 *
 * The tool harnesses reach this code too, but only as the first step of longer runs;
 * here every execution is spent on it. Input: one byte picks the mode:
 *   even: the rest is a replay file; both families are resolved through the transport
 *         and SMC_GEN_NETLINK's system info is dumped;
 *   odd:  the rest is one controller message, given to smc_genl_family_replay().
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/smc.h>

#include "fuzz_tool.h"
#include "nl.h"

/* What the transport may return: 0 or a -errno, never anything else */
static void check_rc(const char *what, int rc)
{
	if (rc > 0 || rc < -4095)
		fuzz_fail("%s returned %d, not 0 or a -errno", what, rc);
}

static int count_msg(struct nlmsghdr *msg, void *arg)
{
	(void)msg;
	(*(unsigned int *)arg)++;
	return 0;
}

/* Every check of a family, twice: the second answer comes from what the first stored
 * and must be the same.
 */
static void check_family(struct smc_nl *nl, enum smc_genl_family fam, const uint8_t *cmds,
			 size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int rc = smc_genl_check(nl, fam, cmds[i]);

		check_rc("smc_genl_check", rc);
		if (smc_genl_check(nl, fam, cmds[i]) != rc)
			fuzz_fail("smc_genl_check(%d, %u) changed its answer", (int)fam, cmds[i]);
	}
}

static const uint8_t gen_cmds[] = {
	SMC_NETLINK_GET_SYS_INFO, SMC_NETLINK_GET_STATS, SMC_NETLINK_DUMP_UEID,
	SMC_NETLINK_DUMP_HS_LIMITATION, 0, 255,
};
static const uint8_t pnet_cmds[] = { SMC_PNETID_GET, SMC_PNETID_ADD, SMC_PNETID_FLUSH };

static void via_transport(const uint8_t *data, size_t size)
{
	struct smc_nl *nl;
	unsigned int msgs = 0;
	int rc;

	fuzz_replay_set(data, size);
	if (smc_nl_open(&nl))
		fuzz_fail("smc_nl_open: out of memory");
	check_family(nl, SMC_GENL_GEN, gen_cmds, sizeof(gen_cmds));
	check_family(nl, SMC_GENL_PNETID, pnet_cmds, sizeof(pnet_cmds));
	rc = smc_genl_dump(nl, SMC_GENL_GEN, SMC_NETLINK_GET_SYS_INFO, count_msg, &msgs);
	check_rc("smc_genl_dump", rc);
	if (smc_nl_status(nl)->err && !rc)
		fuzz_fail("a kernel error is kept, but the dump succeeded");
	smc_nl_close(nl);
}

static void via_replay_call(const uint8_t *data, size_t size)
{
	struct nlmsghdr *h;
	struct smc_nl *nl;

	/* a message of exactly the input's bytes after its header, as the kernel's would be,
	 * in a buffer of exactly that size
	 */
	if (size > UINT32_MAX - NLMSG_HDRLEN)
		return;
	h = malloc(NLMSG_HDRLEN + size);
	if (!h || smc_nl_open(&nl))
		fuzz_fail("out of memory");
	memset(h, 0, NLMSG_HDRLEN);
	if (size)
		memcpy((char *)h + NLMSG_HDRLEN, data, size);
	h->nlmsg_len = (uint32_t)(NLMSG_HDRLEN + size);
	h->nlmsg_type = GENL_ID_CTRL;
	for (int fam = 0; fam < SMC_GENL_NFAMILIES; fam++) {
		int rc = smc_genl_family_replay(nl, fam, h);

		check_rc("smc_genl_family_replay", rc);
		check_family(nl, fam, fam == SMC_GENL_GEN ? gen_cmds : pnet_cmds,
			     fam == SMC_GENL_GEN ? sizeof(gen_cmds) : sizeof(pnet_cmds));
	}
	smc_nl_close(nl);
	free(h);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fuzz_pick(&data, &size, 2) == 0)
		via_transport(data, size);
	else
		via_replay_call(data, size);
	return 0;
}
