// SPDX-License-Identifier: GPL-2.0
/* chk_judge.c - smc_chk's rules: host facts -> findings (ok / warning / problem, reason,
 * fix). Pure: no I/O, so tests/unit/test_chk.c can drive every rule with made-up facts.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "host_probe.h"
#include "smc_chk.h"

/* The SMC-D/SMC-R version-2 connection rule this file keeps coming back to */
#define UEID_FIX "smcd ueid add NAME (the same NAME on both peers; 1-32 characters A-Z 0-9 . -)"

const char *chk_status_name(enum chk_status s)
{
	switch (s) {
	case CHK_OK:		return "ok";
	case CHK_WARNING:	return "warning";
	case CHK_PROBLEM:	return "problem";
	}
	return "?";
}

static char *vfmt(struct chk_findings *fs, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
static char *vfmt(struct chk_findings *fs, const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0) {
		fs->err = -ENOMEM;
		return NULL;
	}
	return s;
}

static char *fmt(struct chk_findings *fs, const char *f, ...) __attribute__((format(printf, 2, 3)));
static char *fmt(struct chk_findings *fs, const char *f, ...)
{
	va_list ap;
	char *s;

	va_start(ap, f);
	s = vfmt(fs, f, ap);
	va_end(ap);
	return s;
}

/**
 * add() - append a finding
 * @fix: the remedy, owned by the finding from now on (may be NULL)
 *
 * Return: the finding, or NULL when out of memory (then fs->err is set).
 */
static struct chk_finding *add(struct chk_findings *fs, enum chk_status st, char *id, char *fix,
			       const char *f, ...) __attribute__((format(printf, 5, 6)));
static struct chk_finding *add(struct chk_findings *fs, enum chk_status st, char *id, char *fix,
			       const char *f, ...)
{
	struct chk_finding *x;
	va_list ap;
	char *msg;

	va_start(ap, f);
	msg = vfmt(fs, f, ap);
	va_end(ap);
	x = msg && id ? array_push(&fs->v, &fs->n, sizeof(*x)) : NULL;
	if (!x) {
		free(msg);
		free(id);
		free(fix);
		fs->err = -ENOMEM;
		return NULL;
	}
	*x = (struct chk_finding){ .id = id, .status = st, .message = msg, .fix = fix };
	fs->count[st]++;
	return x;
}

static char *dup(struct chk_findings *fs, const char *s)
{
	return s ? fmt(fs, "%s", s) : NULL;
}

void chk_findings_free(struct chk_findings *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		free(fs->v[i].id);
		free(fs->v[i].message);
		free(fs->v[i].fix);
	}
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

const struct chk_finding *chk_find(const struct chk_findings *fs, const char *id)
{
	for (size_t i = 0; i < fs->n; i++)
		if (!strcmp(fs->v[i].id, id))
			return &fs->v[i];
	return NULL;
}

/* Has SMC-D a device? ISM devices are listed; loopback-ism is not (6.10 on), but it makes
 * the kernel SMC-Dv2 capable (smc_ism_set_v2_capable), which it is not otherwise without
 * ISM hardware: an empty list and no SMC-Dv2 means no SMC-D device at all (6.1).
 */
static bool smcd_device(const struct chk_facts *f)
{
	return f->nism || f->sys.ism_v2;
}

/* ---- modules and sockets ----------------------------------------------------------- */

/* The fix of an explanation, owned by the finding; NULL if it has none */
static char *ks_fix(struct chk_findings *fs, const struct ks_text *t)
{
	return t->fix[0] ? dup(fs, t->fix) : NULL;
}

static void judge_modules(const struct chk_facts *f, struct chk_findings *fs)
{
	enum ks_verdict smc = ks_verdict(&f->host, KS_SMC);
	const char *id = "module.smc";
	struct ks_text t;

	/* (pure text: what the host's files say, gathered with the facts) */
	ks_explain(&f->host, KS_SMC, &t);
	if (!f->genl_rc && !f->sys_rc && (f->sys.has & SMC_SYS_HAS_VER))
		add(fs, CHK_OK, dup(fs, id), NULL, "loaded, SMC version %u.%u (SMC-Rv2 %s)",
		    f->sys.ver, f->sys.rel, f->sys.smcr_v2 ? "capable" : "not capable");
	else if (!f->genl_rc)
		add(fs, CHK_OK, dup(fs, id), NULL, "loaded");
	else if (f->genl_rc == -ENOENT && (smc == KS_LOADED || smc == KS_BUILT_IN))
		/* SMC is there, but older than its SMC_GEN_NETLINK family (Linux 5.11) */
		add(fs, CHK_WARNING, dup(fs, id), NULL, "SMC is there, but has no generic netlink "
		    "interface (Linux 5.11 and later have it): its state cannot be read");
	else if (f->genl_rc == -ENOENT)
		add(fs, t.fix[0] ? CHK_PROBLEM : CHK_WARNING, dup(fs, id), ks_fix(fs, &t),
		    "%s: no SMC at all on this host", t.text);
	else
		add(fs, CHK_WARNING, dup(fs, id), NULL, "cannot ask the SMC module: %s",
		    strerror(-f->genl_rc));

	id = "module.smc_diag";
	ks_explain(&f->host, KS_SMC_DIAG, &t);
	if (!f->diag_rc)
		add(fs, CHK_OK, dup(fs, id), NULL, "loaded: SMC sockets can be listed");
	else if (f->diag_rc == -ENOENT)
		add(fs, t.fix[0] ? CHK_PROBLEM : CHK_WARNING, dup(fs, id), ks_fix(fs, &t),
		    "%s: SMC sockets cannot be listed (smcss, smc_chk -C)", t.text);
	else
		add(fs, CHK_WARNING, dup(fs, id), NULL, "cannot list SMC sockets: %s",
		    strerror(-f->diag_rc));
}

static void judge_sockets(const struct chk_facts *f, struct chk_findings *fs)
{
	const char *id = "socket.af_smc";
	struct ks_text t;

	ks_explain(&f->host, KS_SMC, &t);
	if (!f->af_smc_rc)
		add(fs, CHK_OK, dup(fs, id), NULL, "socket(AF_SMC, SOCK_STREAM, 0) works");
	else if (f->af_smc_rc == -EAFNOSUPPORT)
		add(fs, CHK_PROBLEM, dup(fs, id), ks_fix(fs, &t),
		    "AF_SMC sockets cannot be created: %s", t.text);
	else
		add(fs, CHK_PROBLEM, dup(fs, id),
		    dup(fs, "check seccomp or LSM rules that restrict socket families"),
		    "AF_SMC sockets cannot be created: %s", strerror(-f->af_smc_rc));

	id = "socket.ipproto_smc";
	ks_explain(&f->host, KS_IPPROTO_SMC, &t);
	if (!f->ipproto_smc_rc)
		add(fs, CHK_OK, dup(fs, id), NULL,
		    "socket(AF_INET, SOCK_STREAM, IPPROTO_SMC) works (Linux 6.11+)");
	else if ((f->ipproto_smc_rc == -EPROTONOSUPPORT || f->ipproto_smc_rc == -EINVAL) &&
		 f->host.probed)
		/* the host tells why: SMC missing, or (only then) a release older than 6.11 */
		add(fs, CHK_WARNING, dup(fs, id), ks_fix(fs, &t),
		    "IPPROTO_SMC sockets cannot be created: %s", t.text);
	else if (f->ipproto_smc_rc == -EPROTONOSUPPORT || f->ipproto_smc_rc == -EINVAL)
		add(fs, CHK_WARNING, dup(fs, id),
		    dup(fs, "programs that ask for IPPROTO_SMC need Linux 6.11 or later with "
			    "the smc module loaded; others use AF_SMC"),
		    "IPPROTO_SMC sockets cannot be created: %s", strerror(-f->ipproto_smc_rc));
	else
		add(fs, CHK_WARNING, dup(fs, id), NULL, "IPPROTO_SMC sockets cannot be created: %s",
		    strerror(-f->ipproto_smc_rc));
}

/* ---- Enterprise IDs and handshake limitation --------------------------------------- */

static void judge_eid(const struct chk_facts *f, struct chk_findings *fs)
{
	bool seid_on = !f->seid_rc && f->seid.present && f->seid.enabled;

	if (!f->seid_rc && f->seid.present)
		add(fs, CHK_OK, dup(fs, "eid.seid"), NULL, "system EID %s (%s)", f->seid.seid,
		    f->seid.enabled ? "enabled" : "disabled");
	else if (!f->seid_rc)
		add(fs, CHK_OK, dup(fs, "eid.seid"), NULL,
		    "no system EID (only s390 hosts with ISMv2 have one): SMCv2 needs a user EID");

	if (f->ueid_rc) {
		if (f->ueid_rc != -EOPNOTSUPP)
			add(fs, CHK_WARNING, dup(fs, "eid.ueid"), NULL,
			    "cannot read the user EIDs: %s", strerror(-f->ueid_rc));
		return;
	}
	if (f->nueids) {
		size_t len = 0, used = 0;
		char *list;

		for (size_t i = 0; i < f->nueids; i++)
			len += strlen(f->ueids[i]) + 2;
		list = malloc(len + 1);
		if (!list) {
			fs->err = -ENOMEM;
			return;
		}
		/* appended at a kept end: strcat() would look for the end each time, which
		 * made thousands of UEIDs take seconds
		 */
		for (size_t i = 0; i < f->nueids; i++) {
			size_t n = strlen(f->ueids[i]);

			if (i) {
				memcpy(list + used, ", ", 2);
				used += 2;
			}
			memcpy(list + used, f->ueids[i], n);
			used += n;
		}
		list[used] = '\0';
		add(fs, CHK_OK, dup(fs, "eid.ueid"), NULL,
		    "user EID%s %s: SMCv2 peers must share one of them", f->nueids > 1 ? "s" : "",
		    list);
		free(list);
	} else if (seid_on) {
		add(fs, CHK_OK, dup(fs, "eid.ueid"), NULL,
		    "no user EID: SMCv2 uses the system EID %s", f->seid.seid);
	} else {
		add(fs, CHK_WARNING, dup(fs, "eid.ueid"), dup(fs, UEID_FIX),
		    "no user EID and no system EID: SMCv2 (SMC-D over loopback-ism, SMC-Rv2 as "
		    "with soft-RoCE) cannot be used; a server declines with 0x03030008 (NOUEID), "
		    "an SMC-Rv2-only client with 0x03030000 (NOSMCDEV)");
	}
}

static void judge_hslimit(const struct chk_facts *f, struct chk_findings *fs)
{
	if (f->hslimit_rc == -EOPNOTSUPP)
		return;
	if (f->hslimit_rc)
		add(fs, CHK_WARNING, dup(fs, "hslimit"), NULL,
		    "cannot read the handshake limitation: %s", strerror(-f->hslimit_rc));
	else if (f->hslimit)
		add(fs, CHK_OK, dup(fs, "hslimit"), NULL,
		    "handshake limitation on: while an SMC listener's handshake queue is full, "
		    "new connections run over TCP (0x03010000, PEERNOSMC, on both ends)");
	else
		add(fs, CHK_OK, dup(fs, "hslimit"), NULL,
		    "handshake limitation off: every connection attempts the SMC handshake");
}

/* ---- RDMA ports -------------------------------------------------------------------- */

/* The port's netdev as text, for messages */
static const char *port_netdev(const struct chk_rdma_port *p)
{
	if (!p->nl_rc && p->netdev_here)
		return p->netdev;
	return p->has_netdev ? "(a netdev in another namespace)" : "(no netdev)";
}

static void judge_port(const struct chk_facts *f, const struct chk_rdma_port *p,
		       struct chk_findings *fs)
{
	char *id = fmt(fs, "rdma.%s.%u", p->dev, p->port);
	const char *nd = port_netdev(p);
	bool nd_here = !p->nl_rc && p->netdev_here;

	(void)f;
	if (p->ibv_rc == -ELIBACC) {
		add(fs, CHK_WARNING, id,
		    dup(fs, "install libibverbs and the device's provider (Debian: apt install "
			    "libibverbs1 ibverbs-providers)"),
		    "libibverbs is not installed: %s cannot be checked through it", p->dev);
		return;
	}
	if (p->ibv_rc) {
		add(fs, CHK_WARNING, id,
		    dup(fs, "modprobe ib_uverbs; install the libibverbs provider of the device "
			    "(Debian: ibverbs-providers)"),
		    "libibverbs cannot open %s: %s", p->dev, strerror(-p->ibv_rc));
		return;
	}
	if (strcmp(p->state, "ACTIVE")) {
		add(fs, CHK_PROBLEM, id,
		    nd_here ? fmt(fs, "ip link set %s up, and check its link", nd) :
			      dup(fs, "bring the port's link up"),
		    "port %s: SMC-R cannot use it (netdev %s)", p->state, nd);
		return;
	}
	if (strcmp(p->link_layer, "Ethernet")) {
		add(fs, CHK_PROBLEM, id,
		    dup(fs, "use a RoCE port, or switch the port's link layer to Ethernet"),
		    "link layer %s: SMC-R runs over RoCE (Ethernet) only", p->link_layer);
		return;
	}
	if (!p->gids_roce_v1 && !p->gids_roce_v2) {
		add(fs, CHK_PROBLEM, id,
		    nd_here ? fmt(fs, "ip address add ADDRESS/PREFIX dev %s", nd) :
			      dup(fs, "give the port's netdev an IP address"),
		    "no RoCE GIDs: the port's netdev %s has no IP address, SMC-R cannot use "
		    "the port", nd);
		return;
	}
	if (!p->gids_roce_v2) {
		add(fs, CHK_WARNING, id, NULL,
		    "RoCE v1 GIDs only (netdev %s): SMC-Rv1 works, SMC-Rv2 does not", nd);
		return;
	}
	if (!p->gids_roce_v2_ipv4) {
		add(fs, CHK_WARNING, id,
		    nd_here ? fmt(fs, "ip address add A.B.C.D/PREFIX dev %s", nd) :
			      dup(fs, "give the port's netdev an IPv4 address"),
		    "no IPv4 RoCE v2 GID: SMC-Rv2 needs an IPv4 address on the netdev %s", nd);
		return;
	}
	add(fs, CHK_OK, id, NULL, "ACTIVE, Ethernet, MTU %u, %u RoCE v2 GID%s (%u IPv4), "
	    "netdev %s%s%s", p->mtu, p->gids_roce_v2, p->gids_roce_v2 == 1 ? "" : "s",
	    p->gids_roce_v2_ipv4, nd, p->pnetid[0] ? ", PNET ID " : "", p->pnetid);
}

/*
 * The soft-RoCE trap of kernels before 7.x: rdma_rxe keeps its one UDP socket and its
 * route lookups in the initial namespace and accepts a packet only on its own netdev, so
 * an rxe device on a netdev of another namespace sends nothing (seen in the bench on 6.12:
 * no packet counted, SMC-R connections from such a namespace time out with 0x02010000).
 * rdma_rxe of 7.x has a socket per namespace (SMC_RXE_NETNS_SYMBOL), and the same device
 * carries SMC-R there (seen on 7.3). Hardware RoCE does not care.
 */
static void judge_soft_netns(const struct chk_facts *f, const struct chk_rdma_port *p,
			     struct chk_findings *fs)
{
	/* RoCE GIDs: rdma_rxe (siw is iWARP); without libibverbs' view, not known */
	bool rxe = !p->ibv_rc && (p->gids_roce_v1 || p->gids_roce_v2);
	bool bad;

	if (!p->soft || p->nl_rc || f->netns_initial < 0 || !p->has_netdev)
		return;
	if (rxe && f->rxe_netns == 1) {
		add(fs, CHK_OK, fmt(fs, "rdma.%s.%u.netns", p->dev, p->port), NULL,
		    "software RoCE device (rdma_rxe); this kernel's rdma_rxe has a UDP socket in "
		    "each network namespace, so its netdev may be in any");
		return;
	}
	bad = f->netns_initial ? !p->netdev_here : p->netdev_here;
	if (!bad && f->netns_initial)
		add(fs, CHK_OK, fmt(fs, "rdma.%s.%u.netns", p->dev, p->port), NULL,
		    "software RDMA device on %s, in the initial network namespace", p->netdev);
	else if (!bad)
		add(fs, CHK_OK, fmt(fs, "rdma.%s.%u.netns", p->dev, p->port), NULL,
		    "software RDMA device; its netdev is not in this namespace (smc_chk in the "
		    "initial namespace checks it)");
	if (!bad)
		return;
	add(fs, CHK_PROBLEM, fmt(fs, "rdma.%s.%u.netns", p->dev, p->port),
	    fmt(fs, "put the software RDMA device on a netdev of the initial namespace, e.g. a "
		    "macvlan on the namespace's interface moved there (rdma link add NAME type "
		    "rxe netdev MACVLAN), and give that device the PNET ID (smc_pnet -a ID -D "
		    "NAME); or run a kernel whose rdma_rxe has a socket per namespace (7.x)"),
	    "%s is a software RDMA device (rdma_rxe, siw) whose netdev %s is in a network "
	    "namespace other than the initial one, and this kernel's rdma_rxe sends and "
	    "receives only through the initial one: SMC-R links over it never come up and "
	    "connections fall back after a timeout (0x02010000, TIMEOUT_CL)", p->dev,
	    f->netns_initial ? "(not in this, the initial namespace)" : p->netdev);
}

/* ---- PNET table -------------------------------------------------------------------- */

static bool dev_has_pnetid(const struct chk_facts *f, const char *pnetid)
{
	for (size_t i = 0; i < f->ndev_pnets; i++)
		if (!strcmp(f->dev_pnets[i].pnetid, pnetid))
			return true;
	return false;
}

/* The first interface of another namespace with @pnetid, NULL if none was seen */
static const struct chk_foreign_pnet *foreign_netdev(const struct chk_facts *f,
						      const char *pnetid)
{
	for (size_t i = 0; i < f->nforeign_pnets; i++)
		if (!strcmp(f->foreign_pnets[i].pnetid, pnetid))
			return &f->foreign_pnets[i];
	return NULL;
}

static void judge_pnet(const struct chk_facts *f, struct chk_findings *fs)
{
	bool any = false;

	if (f->pnet_rc == -ENOENT || f->pnet_rc == -EOPNOTSUPP)
		return;		/* no SMC module: module.smc says so */
	if (f->pnet_rc) {
		add(fs, CHK_WARNING, dup(fs, "pnet"), NULL, "cannot read the PNET table: %s",
		    strerror(-f->pnet_rc));
		return;
	}
	for (size_t i = 0; i < f->npnet; i++) {
		const struct smc_pnet_entry *e = &f->pnet[i];

		if (!e->netdev[0])
			continue;
		any = true;
		if (dev_has_pnetid(f, e->pnetid))
			add(fs, CHK_OK, fmt(fs, "pnet.netdev.%s", e->netdev), NULL,
			    "%s has PNET ID %s, and an RDMA or ISM device has it too", e->netdev,
			    e->pnetid);
		else
			add(fs, CHK_PROBLEM, fmt(fs, "pnet.netdev.%s", e->netdev),
			    fmt(fs, "smc_pnet -a %s -D DEVICE [-P PORT] (from the initial "
				    "namespace), or remove the interface's entry: smc_pnet -d %s",
				e->pnetid, e->pnetid),
			    "%s has PNET ID %s, but no RDMA or ISM device has it: connections over "
			    "%s find no SMC device (client 0x03030000, server 0x03030002)",
			    e->netdev, e->pnetid, e->netdev);
	}
	for (size_t i = 0; i < f->ndev_pnets; i++) {
		const struct chk_dev_pnet *d = &f->dev_pnets[i];
		const struct chk_foreign_pnet *fp;
		char port[16] = "";

		any = true;
		/* matched here, or a hardware PNET ID (s390): no verdict */
		if (!chk_dev_pnet_unmatched(f, d))
			continue;
		if (d->port && d->port != 255)
			snprintf(port, sizeof(port), ".%u", d->port);
		fp = foreign_netdev(f, d->pnetid);
		if (fp) {
			add(fs, CHK_OK, fmt(fs, "pnet.dev.%s%s", d->dev, port), NULL,
			    "%s%s%s has PNET ID %s, as interface %s in network namespace %s does: "
			    "it serves connections there, not from here", d->dev,
			    port[0] ? " port " : "", port[0] ? port + 1 : "", d->pnetid,
			    fp->netdev, fp->netns);
			continue;
		}
		add(fs, CHK_WARNING, fmt(fs, "pnet.dev.%s%s", d->dev, port),
		    fmt(fs, "smc_pnet -a %s -I INTERFACE (in the namespace of the interface)",
			d->pnetid),
		    "%s%s%s has PNET ID %s, but no interface in this network namespace has it%s: "
		    "connections from here do not use it",
		    d->dev, port[0] ? " port " : "", port[0] ? port + 1 : "", d->pnetid,
		    f->foreign_pnet_rc == -EPERM ? " (other namespaces need root to look at)" :
		    f->foreign_pnet_rc ? "" : ", nor one in another named namespace");
	}
	if (!any)
		add(fs, CHK_OK, dup(fs, "pnet"), NULL,
		    "no PNET IDs: SMC-R uses an RDMA port only for connections over the port's "
		    "own netdev%s", smcd_device(f) && !f->nism ?
		    "; loopback-ism serves every interface" : "");
}

/* ---- sysctls ----------------------------------------------------------------------- */

struct sysctl_rule {
	const char	*name;
	const char	*meaning;
};

static const struct sysctl_rule sysctl_rules[] = {
	{ "autocorking_size",	"bytes SMC collects before it sends small writes as one "
				"(0: no corking)" },
	{ "smcr_buf_type",	"SMC-R buffers: 0 physically contiguous, 1 virtually "
				"contiguous, 2 physical first, virtual if that fails" },
	{ "smcr_testlink_time",	"seconds between SMC-R link liveness tests (0: off)" },
	{ "wmem",		"send buffer of new SMC connections, bytes" },
	{ "rmem",		"receive buffer of new SMC connections, bytes" },
	{ "smcr_max_links_per_lgr", "links per SMC-R link group (1: no second link to fail "
				"over to)" },
	{ "smcr_max_conns_per_lgr", "connections per SMC-R link group" },
	{ "smcr_max_send_wr",	"send work requests a new SMC-R link can have in flight "
				"(2-2048, default 16)" },
	{ "smcr_max_recv_wr",	"receive work requests a new SMC-R link posts (2-2048, "
				"default 48)" },
	{ NULL, NULL }
};

static void judge_sysctls(const struct chk_facts *f, struct chk_findings *fs)
{
	for (size_t i = 0; i < f->nsysctls; i++) {
		const struct chk_sysctl *s = &f->sysctls[i];
		const char *meaning = NULL;

		/* the same switch as the handshake limitation: "hslimit" reports it */
		if (!strcmp(s->name, "limit_smc_hs"))
			continue;
		/* a BPF program (CONFIG_SMC_HS_CTRL_BPF) that may keep the SMC option out
		 * of a connection's SYN or SYN-ACK
		 */
		if (!strcmp(s->name, "hs_ctrl")) {
			if (s->value[0])
				add(fs, CHK_WARNING, dup(fs, "sysctl.net.smc.hs_ctrl"),
				    dup(fs, "sysctl -w net.smc.hs_ctrl= (clears it; only if the "
					"program is not meant to keep connections off SMC)"),
				    "%s: this BPF handshake control program decides for each "
				    "connection whether its SYN or SYN-ACK offers SMC; a connection "
				    "it keeps off SMC falls back with 0x03010000 (PEERNOSMC)",
				    s->value);
			else
				add(fs, CHK_OK, dup(fs, "sysctl.net.smc.hs_ctrl"), NULL,
				    "none: no BPF handshake control program, every connection "
				    "offers SMC");
			continue;
		}
		for (const struct sysctl_rule *r = sysctl_rules; r->name; r++)
			if (!strcmp(r->name, s->name))
				meaning = r->meaning;
		if (!strcmp(s->name, "smcr_testlink_time") && !strcmp(s->value, "0"))
			add(fs, CHK_WARNING, fmt(fs, "sysctl.net.smc.%s", s->name),
			    fmt(fs, "sysctl -w net.smc.smcr_testlink_time=30"),
			    "0: SMC-R links are not tested, a dead link shows only when a "
			    "send fails");
		else
			add(fs, CHK_OK, fmt(fs, "sysctl.net.smc.%s", s->name), NULL, "%s%s%s",
			    s->value, meaning ? ": " : "", meaning ? meaning : "");
	}
}

/* ---- TCP fast open ----------------------------------------------------------------- */

static const struct chk_tfo_bit tfo_bits[] = {
	{ 0x1, "TFO_CLIENT_ENABLE", "clients may use fast open (TCP_FASTOPEN_CONNECT, "
	  "MSG_FASTOPEN); an SMC socket that does falls back to TCP with 0x03060000 "
	  "(OPTUNSUPP). Without this bit TCP_FASTOPEN_CONNECT fails and the socket keeps SMC" },
	{ 0x2, "TFO_SERVER_ENABLE", "listeners that set TCP_FASTOPEN accept data in the SYN; "
	  "an SMC listener that sets it falls back with all its connections (0x03060000), "
	  "with or without this bit" },
	{ 0x4, "TFO_CLIENT_NO_COOKIE", "clients send data in the SYN without a cookie (only "
	  "sockets that use fast open: TCP, never SMC)" },
	{ 0x100, "TFO_SERVER_COOKIE_NOT_CHKED", "servers accept SYN data without checking the "
	  "cookie" },
	{ 0x200, "TFO_SERVER_COOKIE_NOT_REQD", "servers accept SYN data without any cookie "
	  "option" },
	{ 0x400, "TFO_SERVER_WO_SOCKOPT1", "fast open on every listener without TCP_FASTOPEN, "
	  "queue as long as the listen() backlog; SMC listeners still do SMC with SMC clients" },
	{ 0x800, "TFO_SERVER_WO_SOCKOPT2", "fast open on every listener without TCP_FASTOPEN, "
	  "queue length in the upper 16 bits of this value; SMC listeners still do SMC with "
	  "SMC clients" },
	{ 0x1000, "TFO_SERVER_ALWAYS", "fast-open children even without cookie or data (for "
	  "testing)" },
	{ 0, NULL, NULL }
};

const struct chk_tfo_bit *chk_tfo_bits(void)
{
	return tfo_bits;
}

/* SMC looks only at a socket's own IPsec policy (using_ipsec(), net/smc/smc.h): the
 * policies of the namespace make no connection fall back, and the data of those that use
 * SMC-D or SMC-R over RoCE hardware then moves outside IPsec.
 */
static void judge_ipsec(const struct chk_facts *f, struct chk_findings *fs)
{
	if (f->ipsec_rc == -EPERM || f->ipsec_rc == -EPROTONOSUPPORT) {
		add(fs, CHK_OK, dup(fs, "ipsec"), NULL, "IPsec policies not looked at (%s)",
		    f->ipsec_rc == -EPERM ? "needs CAP_NET_ADMIN" :
		    "no xfrm_user module: nobody configured any over netlink");
		return;
	}
	if (f->ipsec_rc) {
		add(fs, CHK_WARNING, dup(fs, "ipsec"), NULL, "cannot read the IPsec policies: %s",
		    strerror(-f->ipsec_rc));
		return;
	}
	if (!f->ipsec_protecting) {
		add(fs, CHK_OK, dup(fs, "ipsec"), NULL,
		    "no IPsec policy protects this namespace's traffic");
		return;
	}
	add(fs, CHK_WARNING, dup(fs, "ipsec"),
	    dup(fs, "keep connections that must stay encrypted on TCP (do not start those "
		"programs with smc_run or AF_SMC), or give their sockets their own IPsec "
		"policy, which makes SMC fall back (0x03020000)"),
	    "%u IPsec polic%s protect%s traffic here (ip xfrm policy), but SMC only falls back "
	    "for a socket's own policy: connections they cover that use SMC-D, or SMC-R over "
	    "RoCE hardware, move their data outside IPsec", f->ipsec_protecting,
	    f->ipsec_protecting == 1 ? "y" : "ies", f->ipsec_protecting == 1 ? "s" : "");
}

static void judge_tfo(const struct chk_facts *f, struct chk_findings *fs)
{
	const char *id = "sysctl.net.ipv4.tcp_fastopen";
	unsigned int v = f->tcp_fastopen, known = 0;
	char names[256] = "";

	if (f->tfo_rc) {
		add(fs, CHK_WARNING, dup(fs, id), NULL, "cannot read net.ipv4.tcp_fastopen: %s",
		    strerror(-f->tfo_rc));
		return;
	}
	for (const struct chk_tfo_bit *b = tfo_bits; b->name; b++) {
		known |= b->bit;
		if (v & b->bit)
			snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
				 names[0] ? " " : "", b->name);
	}
	if (!(v & 0xffff))
		add(fs, CHK_OK, dup(fs, id), NULL,
		    "0x%x: fast open off; it cannot make SMC sockets fall back through "
		    "TCP_FASTOPEN_CONNECT (sendto with MSG_FASTOPEN still does: 0x03060000)", v);
	else if ((v & 0xffff) == 0x1)
		add(fs, CHK_OK, dup(fs, id), NULL,
		    "0x1 (TFO_CLIENT_ENABLE, the default): a program that asks for fast open on "
		    "an SMC socket gets TCP instead (0x03060000, OPTUNSUPP)");
	else
		add(fs, CHK_WARNING, dup(fs, id),
		    dup(fs, "programs that should use SMC must not ask for fast open; if fast "
			    "open is not needed here: sysctl -w net.ipv4.tcp_fastopen=1 (the "
			    "default) or 0"),
		    "0x%x (%s%s): fast open is set up beyond the default, so programs here "
		    "likely use it, and SMC does not support it: each socket that asks for it "
		    "runs over TCP (0x03060000, OPTUNSUPP)", v, names,
		    (v & 0xffff & ~known) ? " and unknown bits" : "");
}

/* ---- SMC-D devices ------------------------------------------------------------------ */

/* What gives a host without ISM an SMC-D device: the kernel option of its SMC-D layer */
static const char *loopback_fix(int dibs)
{
	if (dibs == 1)
		return "a kernel built with CONFIG_DIBS_LO (the DIBS device lo), or ISM hardware "
		       "(s390)";
	if (dibs == 0)
		return "a kernel with loopback-ism (CONFIG_SMC_LO, Linux 6.9 or later), or ISM "
		       "hardware (s390)";
	return "a kernel with loopback-ism (CONFIG_SMC_LO, Linux 6.9 or later; CONFIG_DIBS_LO "
	       "where SMC-D runs over DIBS), or ISM hardware (s390)";
}

static void judge_smcd(const struct chk_facts *f, struct chk_findings *fs)
{
	if (f->ism_rc)
		add(fs, CHK_WARNING, dup(fs, "smcd"), NULL, "cannot list the SMC-D devices: %s",
		    strerror(-f->ism_rc));
	else if (f->nism)
		add(fs, CHK_OK, dup(fs, "smcd"), NULL, "%zu ISM device%s: SMC-D is possible",
		    f->nism, f->nism == 1 ? "" : "s");
	else if (f->sys.ism_v2)
		add(fs, CHK_OK, dup(fs, "smcd"), NULL, "no ISM device, but the kernel is SMC-Dv2 "
		    "capable, which without ISM means %s (the kernel does not list it): "
		    "connections within this host can use SMC-D", smc_loopback_words(f->dibs));
	else
		add(fs, CHK_WARNING, dup(fs, "smcd"), dup(fs, loopback_fix(f->dibs)),
		    "no SMC-D device: no ISM device and no %s, so connections within this host "
		    "fall back to TCP (the client: 0x03030000, NOSMCDEV, unless SMC-R serves "
		    "them)", f->dibs == 1 ? "DIBS device lo" : "loopback-ism");
}

int chk_judge(const struct chk_facts *f, struct chk_findings *fs)
{
	memset(fs, 0, sizeof(*fs));
	judge_modules(f, fs);
	judge_sockets(f, fs);
	if (!f->genl_rc) {
		judge_eid(f, fs);
		judge_hslimit(f, fs);
		judge_smcd(f, fs);
		if (f->ports_rc && f->ports_rc != -EOPNOTSUPP)
			add(fs, CHK_WARNING, dup(fs, "rdma"), NULL,
			    "cannot list the SMC-R devices: %s", strerror(-f->ports_rc));
		else if (!f->nports)
			add(fs, CHK_OK, dup(fs, "rdma"), NULL, "no RDMA devices: SMC-R is not "
			    "possible%s", smcd_device(f) ? ", SMC-D is (see smcd)" : "");
		for (size_t i = 0; i < f->nports; i++) {
			judge_port(f, &f->ports[i], fs);
			judge_soft_netns(f, &f->ports[i], fs);
		}
		judge_pnet(f, fs);
	}
	judge_sysctls(f, fs);
	judge_tfo(f, fs);
	judge_ipsec(f, fs);
	return fs->err;
}
