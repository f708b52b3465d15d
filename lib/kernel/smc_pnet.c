// SPDX-License-Identifier: GPL-2.0
/* smc_pnet.c - SMC_PNETID_{GET,ADD,DEL,FLUSH} */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <linux/smc.h>

#include "nla.h"
#include "smc_pnet.h"

bool smc_pnetid_normalize(const char *in, char *out)
{
	size_t len = strlen(in);

	if (len == 0 || len > SMC_PNETID_MAXLEN)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (!isalnum((unsigned char)in[i]))
			return false;
		out[i] = (char)toupper((unsigned char)in[i]);
	}
	out[len] = '\0';
	return true;
}

/* The kernel fills every attribute, with "n/a" and port 255 for the part an entry
 * does not have (smc_pnet_set_nla()); we turn those back into "absent". The name is
 * read through smc_nla_str(), which never trusts a string to end.
 */
static bool copy_name(char *dst, size_t size, const struct nlattr *a)
{
	if (!smc_nla_str(a, dst, size))
		return false;
	if (!strcmp(dst, "n/a"))
		dst[0] = '\0';
	return true;
}

int smc_pnet_parse(struct nlmsghdr *msg, struct smc_pnet_entry *e)
{
	struct nlattr *tb[SMC_PNETID_MAX + 1];

	memset(e, 0, sizeof(*e));
	if (smc_genlmsg_parse(msg, tb, SMC_PNETID_MAX) < 0)
		return -EPROTO;
	/* an entry is known by its PNET ID: without one there is nothing to show */
	if (!copy_name(e->pnetid, sizeof(e->pnetid), tb[SMC_PNETID_NAME]) || !e->pnetid[0])
		return -EPROTO;
	copy_name(e->netdev, sizeof(e->netdev), tb[SMC_PNETID_ETHNAME]);
	copy_name(e->ibdev, sizeof(e->ibdev), tb[SMC_PNETID_IBNAME]);
	/* the kernel accepts ports 1..SMC_PNET_MAX_PORT only; 255 is its "none" */
	if (e->ibdev[0] && (!smc_nla_u8(tb[SMC_PNETID_IBPORT], &e->ib_port) ||
			    e->ib_port > SMC_PNET_MAX_PORT))
		e->ib_port = 0;
	return 0;
}

struct pnet_walk {
	const char	*pnetid;
	smc_pnet_cb	cb;
	void		*arg;
};

static int pnet_msg(struct nlmsghdr *msg, void *arg)
{
	struct pnet_walk *w = arg;
	struct smc_pnet_entry e;
	int rc = smc_pnet_parse(msg, &e);

	if (rc)
		return rc;
	if (w->pnetid && strcmp(w->pnetid, e.pnetid))
		return 0;
	return w->cb(&e, w->arg);
}

int smc_pnet_dump(struct smc_nl *nl, const char *pnetid, smc_pnet_cb cb, void *arg)
{
	struct pnet_walk w = { .pnetid = pnetid, .cb = cb, .arg = arg };

	/* a dump filtered here rather than the GET doit: that one answers with a
	 * multipart reply, and its only filter is this same name comparison
	 */
	return smc_genl_dump(nl, SMC_GENL_PNETID, SMC_PNETID_GET, pnet_msg, &w);
}

static int pnet_fill(struct smc_nlmsg *msg, const void *req)
{
	const struct smc_pnet_entry *e = req;

	if (smc_nla_put_str(msg, SMC_PNETID_NAME, e->pnetid) < 0 ||
	    (e->netdev[0] && smc_nla_put_str(msg, SMC_PNETID_ETHNAME, e->netdev) < 0) ||
	    (e->ibdev[0] && smc_nla_put_str(msg, SMC_PNETID_IBNAME, e->ibdev) < 0) ||
	    (e->ibdev[0] && e->ib_port && smc_nla_put_u8(msg, SMC_PNETID_IBPORT, e->ib_port) < 0))
		return -EMSGSIZE;
	return 0;
}

int smc_pnet_add(struct smc_nl *nl, const struct smc_pnet_entry *e)
{
	return smc_genl_do(nl, SMC_GENL_PNETID, SMC_PNETID_ADD, pnet_fill, e);
}

static int pnet_name_fill(struct smc_nlmsg *msg, const void *req)
{
	return smc_nla_put_str(msg, SMC_PNETID_NAME, req) < 0 ? -EMSGSIZE : 0;
}

int smc_pnet_del(struct smc_nl *nl, const char *pnetid)
{
	return smc_genl_do(nl, SMC_GENL_PNETID, SMC_PNETID_DEL, pnet_name_fill, pnetid);
}

int smc_pnet_flush(struct smc_nl *nl)
{
	int rc = smc_genl_do(nl, SMC_GENL_PNETID, SMC_PNETID_FLUSH, NULL, NULL);

	/* kernels before 5.1 answered an empty table with -ENOENT: still a flushed table */
	return rc == -ENOENT ? 0 : rc;
}

int smc_netns_is_initial(void)
{
	struct stat self, init;

	if (stat("/proc/self/ns/net", &self) < 0 || stat("/proc/1/ns/net", &init) < 0)
		return -errno;
	return self.st_ino == init.st_ino && self.st_dev == init.st_dev;
}
