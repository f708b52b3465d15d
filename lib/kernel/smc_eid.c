// SPDX-License-Identifier: GPL-2.0
/* smc_eid.c - SMC_NETLINK_{DUMP,ADD,REMOVE,FLUSH}_UEID */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>


#include "nla.h"
#include "smc_eid.h"

enum smc_eid_invalid smc_eid_validate(const char *eid, char *bad)
{
	size_t len = strlen(eid);

	if (len == 0)
		return SMC_EID_EMPTY;
	if (len > SMC_MAX_EID_LEN)
		return SMC_EID_TOO_LONG;
	for (const char *p = eid; *p; p++) {
		if (!(isupper((unsigned char)*p) || isdigit((unsigned char)*p) ||
		      *p == '.' || *p == '-')) {
			*bad = *p;
			return SMC_EID_BAD_CHAR;
		}
	}
	if (!isalnum((unsigned char)eid[0]))
		return SMC_EID_FIRST_NOT_ALNUM;
	if (strstr(eid, ".."))
		return SMC_EID_DOUBLE_DOT;
	return SMC_EID_OK;
}

const char *smc_eid_invalid_text(enum smc_eid_invalid why)
{
	switch (why) {
	case SMC_EID_OK:		return "valid";
	case SMC_EID_EMPTY:		return "it is empty";
	case SMC_EID_TOO_LONG:		return "it is longer than 32 characters";
	case SMC_EID_FIRST_NOT_ALNUM:	return "the first character must be a letter or digit";
	case SMC_EID_DOUBLE_DOT:	return "it contains \"..\"";
	case SMC_EID_BAD_CHAR:		return "only A-Z, 0-9, '.' and '-' are allowed";
	}
	return "invalid";
}

struct eid_walk {
	smc_eid_cb	cb;
	void		*arg;
};

int smc_ueid_parse(struct nlmsghdr *msg, char *eid, size_t size)
{
	struct nlattr *tb[SMC_NLA_EID_TABLE_MAX + 1];

	eid[0] = '\0';
	if (smc_genlmsg_parse(msg, tb, SMC_NLA_EID_TABLE_MAX) < 0)
		return -EPROTO;
	if (!tb[SMC_NLA_EID_TABLE_ENTRY])
		return -ENODATA;
	/* the entry is all the message is about: unreadable, the message is malformed */
	return smc_nla_padded_str(tb[SMC_NLA_EID_TABLE_ENTRY], eid, size) ? 0 : -EPROTO;
}

static int ueid_msg(struct nlmsghdr *msg, void *arg)
{
	struct eid_walk *w = arg;
	char eid[SMC_MAX_EID_LEN + 1];
	int rc = smc_ueid_parse(msg, eid, sizeof(eid));

	if (rc)
		return rc == -ENODATA ? 0 : rc;
	return w->cb(eid, w->arg);
}

int smc_ueid_dump(struct smc_nl *nl, smc_eid_cb cb, void *arg)
{
	struct eid_walk w = { .cb = cb, .arg = arg };

	return smc_genl_dump(nl, SMC_GENL_GEN, SMC_NETLINK_DUMP_UEID, ueid_msg, &w);
}

/* The kernel wants the EID blank-padded to exactly 32 characters plus NUL (it checks
 * nla_len == SMC_MAX_EID_LEN + 1 in smc_nl_add_ueid()/smc_nl_remove_ueid()).
 */
static int ueid_fill(struct smc_nlmsg *msg, const void *req)
{
	char padded[SMC_MAX_EID_LEN + 1];

	snprintf(padded, sizeof(padded), "%-*s", SMC_MAX_EID_LEN, (const char *)req);
	return smc_nla_put(msg, SMC_NLA_EID_TABLE_ENTRY, padded, sizeof(padded)) < 0 ? -EMSGSIZE : 0;
}

int smc_ueid_add(struct smc_nl *nl, const char *eid)
{
	return smc_genl_do(nl, SMC_GENL_GEN, SMC_NETLINK_ADD_UEID, ueid_fill, eid);
}

int smc_ueid_del(struct smc_nl *nl, const char *eid)
{
	int rc = smc_genl_do(nl, SMC_GENL_GEN, SMC_NETLINK_REMOVE_UEID, ueid_fill, eid);

	return rc == -EAGAIN ? 1 : rc;
}

int smc_ueid_flush(struct smc_nl *nl)
{
	return smc_genl_do(nl, SMC_GENL_GEN, SMC_NETLINK_FLUSH_UEID, NULL, NULL);
}
