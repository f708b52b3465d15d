/* SPDX-License-Identifier: GPL-2.0 */
/* smc_chk.h - smc_chk's host checks: the facts of a host (gathered from netlink, sysfs,
 * procfs and libibverbs, never printed) and the pure judgement of those facts into
 * findings - ok / warning / problem, each with its reason and fix
 *
 * The split keeps the judgement testable: tests/unit/test_chk.c drives chk_judge() with
 * synthesized facts for every rule, the live tests drive chk_gather() on a real kernel.
 */
#ifndef SMC_CHK_H
#define SMC_CHK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/smc.h>

#include "kernel_support.h"
#include "nl.h"
#include "smc_pnet.h"
#include "smc_sys.h"

/* ---- facts ------------------------------------------------------------------------- */

/* One port of an RDMA device that the SMC module knows (SMC_NETLINK_GET_DEV_SMCR). */
struct chk_rdma_port {
	char		dev[64];
	uint32_t	port;
	bool		soft;		/* no parent device: rdma_rxe or siw, not a NIC */
	char		pnetid[SMC_PNETID_MAXLEN + 1];	/* "" if none */
	bool		pnet_by_user;	/* from the PNET table, not the hardware */
	bool		has_netdev;	/* SMC or the GID table name a netdev for the port */
	/* libibverbs (ibv_rc 0 if these are valid) */
	int		ibv_rc;
	const char	*state;		/* "ACTIVE", "DOWN", ... (static strings) */
	const char	*link_layer;	/* "Ethernet", "InfiniBand" */
	unsigned int	mtu;		/* active MTU in bytes */
	unsigned int	gids_roce_v1, gids_roce_v2, gids_roce_v2_ipv4;
	/* RDMA netlink (nl_rc 0 if these are valid) */
	int		nl_rc;
	bool		netdev_here;	/* the port's netdev is in the current namespace */
	char		netdev[16];	/* its name, if here */
};

/* A device (port) with a PNET ID: RDMA ports, ISM devices, loopback-ism. */
struct chk_dev_pnet {
	char		dev[64];
	uint32_t	port;		/* 0: the device has no ports (ISM) */
	char		pnetid[SMC_PNETID_MAXLEN + 1];
	bool		by_user;	/* from the PNET table, not the hardware (s390) */
};

/* An interface with a PNET ID in another network namespace (the table is per namespace) */
struct chk_foreign_pnet {
	char		netns[64];	/* "initial", or the "ip netns" name */
	char		netdev[SMC_PNET_IFNAME_MAXLEN + 1];
	char		pnetid[SMC_PNETID_MAXLEN + 1];
};

struct chk_sysctl {
	char		name[48];	/* below net.smc., e.g. "autocorking_size" */
	char		value[48];
};

struct chk_facts {
	int			genl_rc;	/* SMC_GEN_NETLINK family: 0, -ENOENT: no module */
	int			diag_rc;	/* AF_SMC sock_diag: 0, -ENOENT: no smc_diag */
	int			af_smc_rc;	/* socket(AF_SMC, SOCK_STREAM, SMCPROTO_SMC) */
	int			ipproto_smc_rc;	/* socket(AF_INET, SOCK_STREAM, IPPROTO_SMC) */
	int			sys_rc;
	struct smc_sys		sys;
	int			seid_rc;
	struct smc_seid		seid;
	int			ueid_rc;
	char			(*ueids)[SMC_MAX_EID_LEN + 1];
	size_t			nueids;
	int			hslimit_rc;
	bool			hslimit;
	int			netns_initial;	/* 1, 0, or -errno */
	int			pnet_rc;	/* the PNET table of this namespace */
	struct smc_pnet_entry	*pnet;
	size_t			npnet;
	int			ism_rc;		/* SMC-D devices from the SMC module */
	size_t			nism;		/* ISM devices (loopback-ism is not listed) */
	int			dibs;		/* SMC-D over DIBS: 1, 0, or -errno */
	/* asked only when a software RDMA device exists: rdma_rxe has a UDP socket per
	 * network namespace (SMC_RXE_NETNS_SYMBOL): 1, 0, or -errno
	 */
	int			rxe_netns;
	int			ports_rc;	/* SMC-R devices from the SMC module */
	struct chk_rdma_port	*ports;
	size_t			nports;
	struct chk_dev_pnet	*dev_pnets;	/* every device PNET ID, table or hardware */
	size_t			ndev_pnets;
	/* the PNET tables of the other named namespaces, read only when a device's PNET
	 * ID has no interface here: 0, or -errno (-EPERM without CAP_SYS_ADMIN)
	 */
	int			foreign_pnet_rc;
	struct chk_foreign_pnet	*foreign_pnets;
	size_t			nforeign_pnets;
	int			sysctl_rc;	/* /proc/sys/net/smc */
	struct chk_sysctl	*sysctls;
	size_t			nsysctls;
	/* IPsec policies of this namespace that protect traffic to or from it (they carry
	 * templates); 0, or -errno (-EPERM: needs CAP_NET_ADMIN)
	 */
	int			ipsec_rc;
	unsigned int		ipsec_protecting;
	int			tfo_rc;
	unsigned int		tcp_fastopen;	/* net.ipv4.tcp_fastopen */
	/* what the host's files say of its kernel, read only when the module, smc_diag or
	 * an SMC socket kind is missing, never under a replay (zeroed: not probed)
	 */
	struct ks_host		host;
};

/* A namespace that the walk for foreign PNET tables entered */
struct chk_netns_visit {
	char		name[64];	/* as chk_foreign_pnet.netns */
	char		path[300];	/* how it was entered: what -n takes to reach it */
};

/* What smc_chk reads outside netlink and libibverbs - socket(), procfs, the namespaces it
 * walks - kept by a recording as the fact NLTRACE_FACT_CHK_HOST (nltrace.h), so that a
 * replay judges the recorded host, not the one it runs on. Layout, native byte order:
 *   s32 af_smc_rc, s32 ipproto_smc_rc, s32 netns_initial, s32 tfo_rc, u32 tcp_fastopen,
 *   s32 sysctl_rc, u32 nsysctls, nsysctls x { name NUL, value NUL },
 *   s32 foreign_pnet_rc, u32 nvisits, nvisits x { name NUL, path NUL }
 * Each result is 0 or an -errno (netns_initial also 1); each string fits its field.
 */
struct chk_host_reads {
	struct chk_netns_visit	*visits;	/* in the order entered */
	size_t			nvisits;
};

/* Encode: *@buf is malloc()ed. Return: 0 or -ENOMEM. */
int chk_host_encode(const struct chk_facts *f, const struct chk_host_reads *r, uint8_t **buf,
		    size_t *len);
/* Decode into @f's fields above and @r (free with chk_host_reads_free(), and @f with
 * chk_facts_free(), whatever the result). Return: 0, -EBADMSG if malformed, or -ENOMEM.
 */
int chk_host_decode(const void *buf, size_t len, struct chk_facts *f,
		    struct chk_host_reads *r);
int chk_host_add_visit(struct chk_host_reads *r, const char *name, const char *path);
void chk_host_reads_free(struct chk_host_reads *r);

/**
 * chk_gather() - collect the facts of the host, as seen from the current namespace
 *
 * Each fact carries its own result code; one that cannot be read is judged as such.
 * Records and replays with @nl's trace, what is read outside netlink included.
 * Return: 0, or -ENOMEM; replaying, -ENODATA if the file holds no smc_chk host reads,
 * -EBADMSG if they are malformed. Free with chk_facts_free() either way.
 */
int chk_gather(struct smc_nl *nl, struct chk_facts *f);
void chk_facts_free(struct chk_facts *f);

/* Helpers for chk_gather() and for tests that build facts: append, -ENOMEM on failure. */
int chk_add_port(struct chk_facts *f, const struct chk_rdma_port *p);
int chk_add_dev_pnet(struct chk_facts *f, const char *dev, uint32_t port, const char *pnetid,
		     bool by_user);
int chk_add_pnet(struct chk_facts *f, const struct smc_pnet_entry *e);
int chk_add_foreign_pnet(struct chk_facts *f, const char *netns, const struct smc_pnet_entry *e);

/* Does @d carry a PNET ID from the PNET table that no interface of this namespace has?
 * (Hardware PNET IDs are not judged: the table does not show the interfaces' ones.)
 */
bool chk_dev_pnet_unmatched(const struct chk_facts *f, const struct chk_dev_pnet *d);
int chk_add_ueid(struct chk_facts *f, const char *eid);
int chk_add_sysctl(struct chk_facts *f, const char *name, const char *value);

/* ---- findings ---------------------------------------------------------------------- */

enum chk_status { CHK_OK, CHK_WARNING, CHK_PROBLEM };

struct chk_finding {
	char		*id;		/* stable: "module.smc", "rdma.rxa.1", "pnet.netdev.va" */
	enum chk_status	status;
	char		*message;	/* what was found and what it means for SMC */
	char		*fix;		/* what to do; NULL for ok findings */
};

struct chk_findings {
	struct chk_finding	*v;
	size_t			n;
	size_t			count[CHK_PROBLEM + 1];	/* per status */
	int			err;			/* -ENOMEM once a finding was lost */
};

const char *chk_status_name(enum chk_status s);	/* "ok", "warning", "problem" */

/**
 * chk_judge() - turn facts into findings (pure: no I/O)
 *
 * Return: 0, or -ENOMEM. Free @out with chk_findings_free() either way.
 */
int chk_judge(const struct chk_facts *f, struct chk_findings *out);
void chk_findings_free(struct chk_findings *out);
/* The finding with @id, or NULL (tests). */
const struct chk_finding *chk_find(const struct chk_findings *fs, const char *id);

/* Bits of net.ipv4.tcp_fastopen (include/net/tcp.h), for the decoder and the tests */
struct chk_tfo_bit {
	unsigned int	bit;
	const char	*name;		/* the kernel's TFO_* name */
	const char	*meaning;
};
/* The known bits, NULL-name terminated. */
const struct chk_tfo_bit *chk_tfo_bits(void);

#endif
