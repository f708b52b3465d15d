// SPDX-License-Identifier: GPL-2.0
/* smc_chk.c - gather the facts smc_chk judges (see smc_chk.h); nothing here prints */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/xfrm.h>

#include "array.h"
#include "host_probe.h"
#include "netns.h"
#include "nla.h"
#include "nltrace.h"
#include "rdma_nl.h"
#include "smc_chk.h"
#include "smc_dev.h"
#include "smc_eid.h"
#include "smc_ibv.h"
#include "sockdiag.h"

#include "smc_socket.h"

/* Append a copy of @elem to @arr of *@n elements. Return: the (moved) array, or NULL. */
static void *append(void *arr, size_t *n, size_t size, const void *elem)
{
	void *slot = array_push(&arr, n, size);

	if (!slot)
		return NULL;
	memcpy(slot, elem, size);
	return arr;
}

int chk_add_port(struct chk_facts *f, const struct chk_rdma_port *p)
{
	void *v = append(f->ports, &f->nports, sizeof(*p), p);

	if (!v)
		return -ENOMEM;
	f->ports = v;
	return 0;
}

int chk_add_dev_pnet(struct chk_facts *f, const char *dev, uint32_t port, const char *pnetid,
		     bool by_user)
{
	struct chk_dev_pnet d = { .port = port, .by_user = by_user };
	void *v;

	for (size_t i = 0; i < f->ndev_pnets; i++)
		if (!strcmp(f->dev_pnets[i].dev, dev) && f->dev_pnets[i].port == port &&
		    !strcmp(f->dev_pnets[i].pnetid, pnetid))
			return 0;
	snprintf(d.dev, sizeof(d.dev), "%s", dev);
	snprintf(d.pnetid, sizeof(d.pnetid), "%s", pnetid);
	v = append(f->dev_pnets, &f->ndev_pnets, sizeof(d), &d);
	if (!v)
		return -ENOMEM;
	f->dev_pnets = v;
	return 0;
}

int chk_add_pnet(struct chk_facts *f, const struct smc_pnet_entry *e)
{
	void *v = append(f->pnet, &f->npnet, sizeof(*e), e);

	if (!v)
		return -ENOMEM;
	f->pnet = v;
	return 0;
}

int chk_add_ueid(struct chk_facts *f, const char *eid)
{
	char e[SMC_MAX_EID_LEN + 1];
	void *v;

	snprintf(e, sizeof(e), "%s", eid);
	v = append(f->ueids, &f->nueids, sizeof(e), e);
	if (!v)
		return -ENOMEM;
	f->ueids = v;
	return 0;
}

int chk_add_sysctl(struct chk_facts *f, const char *name, const char *value)
{
	struct chk_sysctl s;
	void *v;

	snprintf(s.name, sizeof(s.name), "%.*s", (int)sizeof(s.name) - 1, name);
	snprintf(s.value, sizeof(s.value), "%.*s", (int)sizeof(s.value) - 1, value);
	v = append(f->sysctls, &f->nsysctls, sizeof(s), &s);
	if (!v)
		return -ENOMEM;
	f->sysctls = v;
	return 0;
}

void chk_facts_free(struct chk_facts *f)
{
	free(f->ueids);
	free(f->pnet);
	free(f->ports);
	free(f->dev_pnets);
	free(f->foreign_pnets);
	free(f->sysctls);
	memset(f, 0, sizeof(*f));
}

static int socket_rc(int family, int protocol)
{
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, protocol);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static int stop_at_first(const struct smc_sock *s, void *arg)
{
	(void)s;
	(void)arg;
	return -ECANCELED;
}

/* Reads a one-line file; strips the newline. Return: 0 or -errno. */
static int read_line(const char *path, char *buf, size_t len)
{
	FILE *fp = fopen(path, "re");
	int rc = 0;

	if (!fp)
		return -errno;
	if (!fgets(buf, (int)len, fp))
		rc = ferror(fp) ? -EIO : -ENODATA;
	fclose(fp);
	buf[strcspn(buf, "\n")] = '\0';
	return rc;
}

static int ueid_cb(const char *eid, void *arg)
{
	return chk_add_ueid(arg, eid);
}

int chk_add_foreign_pnet(struct chk_facts *f, const char *netns, const struct smc_pnet_entry *e)
{
	struct chk_foreign_pnet p = { .netns = "" };
	void *v;

	snprintf(p.netns, sizeof(p.netns), "%s", netns);
	snprintf(p.netdev, sizeof(p.netdev), "%s", e->netdev);
	snprintf(p.pnetid, sizeof(p.pnetid), "%s", e->pnetid);
	v = append(f->foreign_pnets, &f->nforeign_pnets, sizeof(p), &p);
	if (!v)
		return -ENOMEM;
	f->foreign_pnets = v;
	return 0;
}

static int pnet_cb(const struct smc_pnet_entry *e, void *arg)
{
	struct chk_facts *f = arg;
	int rc = chk_add_pnet(f, e);

	if (!rc && e->ibdev[0])
		rc = chk_add_dev_pnet(f, e->ibdev, e->ib_port, e->pnetid, true);
	return rc;
}

static int dev_cb(const struct smc_dev *d, void *arg)
{
	struct chk_facts *f = arg;
	int rc = 0;

	if (d->smcd)
		f->nism++;
	for (uint32_t i = 0; !rc && i < SMC_DEV_MAX_PORTS; i++) {
		const struct smc_dev_port *p = &d->port[i];
		struct chk_rdma_port cp = { .port = i + 1 };

		if (!p->present)
			continue;
		if (d->smcd) {
			/* ISM devices have no name of their own: their PCI id names them */
			if (p->pnetid[0])
				rc = chk_add_dev_pnet(f, d->pci_id.v, 0, p->pnetid, p->pnet_by_user.v);
			continue;
		}
		snprintf(cp.dev, sizeof(cp.dev), "%s", d->ib_name);
		/* smc_nl_handle_dev_port() sends PCI data only for devices with a parent */
		cp.soft = !d->pci_id.has;
		snprintf(cp.pnetid, sizeof(cp.pnetid), "%s", p->pnetid);
		cp.pnet_by_user = p->pnet_by_user.v;
		cp.has_netdev = p->netdev != 0;
		cp.ibv_rc = -ENODATA;
		cp.nl_rc = -ENODATA;
		rc = chk_add_port(f, &cp);
		if (!rc && p->pnetid[0])
			rc = chk_add_dev_pnet(f, d->ib_name, i + 1, p->pnetid, p->pnet_by_user.v);
	}
	return rc;
}

static bool gid_is_ipv4(const uint8_t raw[16])
{
	static const uint8_t prefix[12] = { [10] = 0xff, [11] = 0xff };

	return !memcmp(raw, prefix, sizeof(prefix));
}

/* libibverbs' view of each port: state, link layer, MTU, RoCE GIDs */
static void gather_ibv(struct smc_nl *nl, struct chk_facts *f)
{
	for (size_t i = 0; i < f->nports; i++) {
		struct chk_rdma_port *p = &f->ports[i];
		struct smc_ibv_dev dev;

		/* one query per device serves all its ports */
		if (p->ibv_rc != -ENODATA)
			continue;
		int rc = smc_ibv_query_traced(nl, p->dev, &dev);

		for (size_t j = i; j < f->nports; j++) {
			struct chk_rdma_port *q = &f->ports[j];

			if (strcmp(q->dev, p->dev))
				continue;
			q->ibv_rc = rc ? rc : -ENODEV;
			for (unsigned int k = 0; !rc && k < dev.nports; k++) {
				if (dev.port[k].num != q->port)
					continue;
				q->ibv_rc = 0;
				q->state = dev.port[k].state;
				q->link_layer = dev.port[k].link_layer;
				q->mtu = dev.port[k].active_mtu;
			}
			for (size_t g = 0; !rc && g < dev.ngids; g++) {
				const struct smc_ibv_gid *gid = &dev.gids[g];

				if (gid->port != q->port)
					continue;
				if (!strcmp(gid->type, "RoCE v1"))
					q->gids_roce_v1++;
				if (!strcmp(gid->type, "RoCE v2")) {
					q->gids_roce_v2++;
					q->gids_roce_v2_ipv4 += gid_is_ipv4(gid->raw);
				}
				if (gid->ifindex)
					q->has_netdev = true;
			}
		}
		if (!rc)
			smc_ibv_free(&dev);
	}
}

static int rdma_port_cb(const struct rdma_nl_port *rp, void *arg)
{
	struct chk_facts *f = arg;

	for (size_t i = 0; i < f->nports; i++) {
		struct chk_rdma_port *p = &f->ports[i];

		if (p->port != rp->port || strcmp(p->dev, rp->dev))
			continue;
		p->nl_rc = 0;
		p->netdev_here = rp->netdev_here;
		snprintf(p->netdev, sizeof(p->netdev), "%s", rp->netdev);
	}
	return 0;
}

static int sysctl_cmp(const void *a, const void *b)
{
	return strcmp(((const struct chk_sysctl *)a)->name, ((const struct chk_sysctl *)b)->name);
}

/* net.smc.* of the current namespace (/proc/sys/net follows the reader's namespace) */
static int gather_sysctls(struct chk_facts *f)
{
	DIR *d = opendir("/proc/sys/net/smc");
	struct dirent *e;
	int rc = 0;

	if (!d) {
		f->sysctl_rc = -errno;
		return 0;
	}
	while (!rc && (e = readdir(d))) {
		char path[320], value[48];

		if (e->d_name[0] == '.' || strlen(e->d_name) >= sizeof(f->sysctls->name))
			continue;
		snprintf(path, sizeof(path), "/proc/sys/net/smc/%s", e->d_name);
		if (read_line(path, value, sizeof(value)))
			continue;	/* write-only or vanished: nothing to show */
		rc = chk_add_sysctl(f, e->d_name, value);
	}
	closedir(d);
	if (f->nsysctls)
		qsort(f->sysctls, f->nsysctls, sizeof(*f->sysctls), sysctl_cmp);
	return rc;
}

static void gather_tfo(struct chk_facts *f)
{
	char buf[32], *end;

	f->tfo_rc = read_line("/proc/sys/net/ipv4/tcp_fastopen", buf, sizeof(buf));
	if (f->tfo_rc)
		return;
	errno = 0;
	f->tcp_fastopen = (unsigned int)strtoul(buf, &end, 0);
	if (errno || end == buf)
		f->tfo_rc = -EPROTO;
}

/* What the SMC module knows: needs SMC_GEN_NETLINK. -ENOMEM is the only hard error. */
static int gather_smc(struct smc_nl *nl, struct chk_facts *f)
{
	f->sys_rc = smc_sys_get(nl, &f->sys);
	f->seid_rc = smc_genl_check(nl, SMC_GENL_GEN, SMC_NETLINK_DUMP_SEID);
	if (!f->seid_rc)
		f->seid_rc = smc_seid_get(nl, &f->seid);
	f->ueid_rc = smc_genl_check(nl, SMC_GENL_GEN, SMC_NETLINK_DUMP_UEID);
	if (!f->ueid_rc)
		f->ueid_rc = smc_ueid_dump(nl, ueid_cb, f);
	if (f->ueid_rc == -ENOMEM)
		return -ENOMEM;
	f->hslimit_rc = smc_genl_check(nl, SMC_GENL_GEN, SMC_NETLINK_DUMP_HS_LIMITATION);
	if (!f->hslimit_rc)
		f->hslimit_rc = smc_hs_limit_get(nl, &f->hslimit);
	f->ports_rc = smc_genl_check(nl, SMC_GENL_GEN, SMC_NETLINK_GET_DEV_SMCR);
	if (!f->ports_rc)
		f->ports_rc = smc_dev_dump(nl, false, dev_cb, f);
	if (f->ports_rc == -ENOMEM)
		return -ENOMEM;
	/* SMC-D devices: how many, and their PNET IDs (loopback-ism is not listed, 6.10+) */
	f->ism_rc = smc_dev_dump(nl, true, dev_cb, f);
	if (f->ism_rc == -ENOMEM)
		return -ENOMEM;
	if (f->nports) {
		gather_ibv(nl, f);
		/* SMC uses ports 1..SMC_DEV_MAX_PORTS: only those can match f->ports */
		int rc = rdma_nl_ports(nl, SMC_DEV_MAX_PORTS, rdma_port_cb, f);
		if (rc == -ENOMEM)
			return -ENOMEM;
	}
	return 0;
}

struct foreign_walk {
	struct smc_nl		*nl;	/* the tool's handle: the others are its siblings */
	struct chk_facts	*f;
	struct chk_host_reads	*reads;	/* recording: the namespaces entered */
	const char		*netns;
};

static int foreign_pnet_cb(const struct smc_pnet_entry *e, void *arg)
{
	const struct foreign_walk *w = arg;

	return e->netdev[0] ? chk_add_foreign_pnet(w->f, w->netns, e) : 0;
}

/* The PNET table of namespace @name, reached by @path, in which the process runs now
 * (netns_each_other), or whose records a replay holds: a handle made here, its records
 * labelled with @path
 */
static int gather_ns_pnet(const char *name, const char *path, void *arg)
{
	struct foreign_walk *w = arg;
	struct smc_nl *nl;
	int rc;

	if (w->reads) {
		rc = chk_host_add_visit(w->reads, name, path);
		if (rc)
			return rc == -ENOMEM ? rc : 0;	/* a name too long to record: skipped */
	}
	rc = smc_nl_open_sibling(&nl, w->nl);
	if (rc)
		return rc;
	w->netns = name;
	rc = smc_nl_label_netns(nl, path);
	if (!rc)
		rc = smc_pnet_dump(nl, NULL, foreign_pnet_cb, w);
	smc_nl_close(nl);
	/* a namespace whose table cannot be read adds nothing */
	return rc == -ENOMEM ? rc : 0;
}

bool chk_dev_pnet_unmatched(const struct chk_facts *f, const struct chk_dev_pnet *d)
{
	if (!d->by_user)
		return false;
	for (size_t i = 0; i < f->npnet; i++)
		if (f->pnet[i].netdev[0] && !strcmp(f->pnet[i].pnetid, d->pnetid))
			return false;
	return true;
}

/* Is some PNET ID of the PNET table given to a device but to no interface here? */
static bool device_pnet_unmatched(const struct chk_facts *f)
{
	for (size_t i = 0; i < f->ndev_pnets; i++)
		if (chk_dev_pnet_unmatched(f, &f->dev_pnets[i]))
			return true;
	return false;
}

static int xfrm_policy_cb(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[XFRMA_MAX + 1];
	struct xfrm_userpolicy_info p;
	struct chk_facts *f = arg;

	if (h->nlmsg_type != XFRM_MSG_NEWPOLICY || !smc_nlmsg_header(h, &p, sizeof(p)) ||
	    smc_nlmsg_parse(h, sizeof(p), tb, XFRMA_MAX) < 0)
		return 0;
	/* a socket's own policies are not in the dump; forwarding ones do not concern
	 * this host's connections
	 */
	if (tb[XFRMA_TMPL] && p.action == XFRM_POLICY_ALLOW &&
	    (p.dir == XFRM_POLICY_IN || p.dir == XFRM_POLICY_OUT))
		f->ipsec_protecting++;
	return 0;
}

/* What a recording holds of the reads outside netlink (chk_host_encode()) */
static int replay_host_reads(struct smc_nl *nl, struct chk_facts *f, struct chk_host_reads *r)
{
	const void *fact;
	size_t len;
	int rc = smc_nl_replay_named_fact(nl, NLTRACE_FACT_CHK_HOST, "", &fact, &len);

	if (rc)
		return rc == -ENOENT ? -ENODATA : rc;
	return chk_host_decode(fact, len, f, r);
}

static void record_host_reads(struct smc_nl *nl, const struct chk_facts *f,
			      const struct chk_host_reads *r)
{
	uint8_t *buf;
	size_t len;

	if (!chk_host_encode(f, r, &buf, &len)) {
		smc_nl_record_named_fact(nl, NLTRACE_FACT_CHK_HOST, "", buf, len);
		free(buf);
	}
}

static int gather(struct smc_nl *nl, struct chk_facts *f, struct chk_host_reads *reads,
		  bool replay)
{
	struct foreign_walk walk = { .nl = nl, .f = f, .reads = replay ? NULL : reads };
	int rc;

	if (replay) {
		rc = replay_host_reads(nl, f, reads);
		if (rc)
			return rc;
	} else {
		f->af_smc_rc = socket_rc(AF_SMC, SMCPROTO_SMC);
		f->ipproto_smc_rc = socket_rc(AF_INET, IPPROTO_SMC);
		f->netns_initial = smc_netns_is_initial();
	}
	f->genl_rc = smc_genl_check(nl, SMC_GENL_GEN, SMC_NETLINK_GET_SYS_INFO);
	if (!f->genl_rc) {
		rc = gather_smc(nl, f);
		if (rc)
			return rc;
		f->dibs = smc_host_path_exists(nl, SMC_DIBS_CLASS_PATH);
		for (size_t i = 0; i < f->nports; i++) {
			if (f->ports[i].soft) {
				f->rxe_netns = smc_host_kernel_has_symbol(nl, SMC_RXE_NETNS_SYMBOL);
				break;
			}
		}
	}
	f->diag_rc = smc_sock_dump(nl, 0, stop_at_first, NULL);
	if (f->diag_rc == -ECANCELED)
		f->diag_rc = 0;
	/* why something is missing: not loaded, not built, or too old a release */
	if (f->genl_rc || f->diag_rc || f->af_smc_rc || f->ipproto_smc_rc)
		smc_host_kernel_support(nl, &f->host);
	f->pnet_rc = smc_genl_check(nl, SMC_GENL_PNETID, SMC_PNETID_GET);
	if (!f->pnet_rc)
		f->pnet_rc = smc_pnet_dump(nl, NULL, pnet_cb, f);
	if (f->pnet_rc == -ENOMEM)
		return -ENOMEM;
	/* such a device may serve interfaces of other namespaces, as containers do */
	if (!f->pnet_rc && device_pnet_unmatched(f)) {
		if (replay) {
			/* the namespaces the recorded host had, and the walk's own result */
			for (size_t i = 0; i < reads->nvisits; i++) {
				rc = gather_ns_pnet(reads->visits[i].name, reads->visits[i].path,
						    &walk);
				if (rc)
					return rc;
			}
		} else {
			f->foreign_pnet_rc = netns_each_other(gather_ns_pnet, &walk);
			if (f->foreign_pnet_rc == -ENOMEM)
				return -ENOMEM;
		}
	}
	f->ipsec_rc = smc_xfrm_dump(nl, XFRM_MSG_GETPOLICY, xfrm_policy_cb, f);
	if (!replay) {
		rc = gather_sysctls(f);
		if (rc)
			return rc;
		gather_tfo(f);
	}
	return 0;
}

int chk_gather(struct smc_nl *nl, struct chk_facts *f)
{
	struct chk_host_reads reads = { 0 };
	bool replay = smc_nl_replaying(nl);
	int rc;

	memset(f, 0, sizeof(*f));
	rc = gather(nl, f, &reads, replay);
	if (!rc && !replay)
		record_host_reads(nl, f, &reads);
	chk_host_reads_free(&reads);
	return rc;
}
