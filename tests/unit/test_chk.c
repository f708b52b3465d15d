// SPDX-License-Identifier: GPL-2.0
/* test_chk.c - smc_chk's rules (chk_judge) on synthesized facts, and its text/JSON views */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "out.h"
#include "smc_ibv.h"
#include "smc_chk.h"
#include "tap.h"
#include "view_chk.h"

/* A healthy SMC host: module, smc_diag, both socket kinds, a UEID, no RDMA devices */
static void healthy(struct chk_facts *f)
{
	memset(f, 0, sizeof(*f));
	f->sys.has = SMC_SYS_HAS_VER;
	f->sys.ver = 2;
	f->sys.rel = 1;
	f->sys.ism_v2 = true;	/* loopback-ism */
	f->netns_initial = 1;
	f->tcp_fastopen = 1;
	chk_add_ueid(f, "SMC-BENCH");
}

static enum chk_status status_of(const struct chk_findings *fs, const char *id)
{
	const struct chk_finding *x = chk_find(fs, id);

	return x ? x->status : (enum chk_status)-1;
}

static bool message_has(const struct chk_findings *fs, const char *id, const char *text)
{
	const struct chk_finding *x = chk_find(fs, id);

	return x && strstr(x->message, text);
}

static bool fix_has(const struct chk_findings *fs, const char *id, const char *text)
{
	const struct chk_finding *x = chk_find(fs, id);

	return x && x->fix && strstr(x->fix, text);
}

static void judge(const struct chk_facts *f, struct chk_findings *fs)
{
	ok(chk_judge(f, fs) == 0, "chk_judge succeeds");
}

static void test_healthy(void)
{
	struct chk_facts f;
	struct chk_findings fs;

	healthy(&f);
	judge(&f, &fs);
	ok(fs.count[CHK_PROBLEM] == 0 && fs.count[CHK_WARNING] == 0, "healthy host: all ok");
	ok(message_has(&fs, "module.smc", "SMC version 2.1"), "module.smc names the version");
	ok(message_has(&fs, "eid.ueid", "SMC-BENCH"), "eid.ueid lists the UEID");
	ok(status_of(&fs, "rdma") == CHK_OK, "no RDMA devices is ok");
	ok(status_of(&fs, "pnet") == CHK_OK, "no PNET IDs is ok");
	for (size_t i = 0; i < fs.n; i++)
		ok(fs.v[i].status != CHK_OK || !fs.v[i].fix, "ok finding %s has no fix", fs.v[i].id);
	chk_findings_free(&fs);
	chk_facts_free(&f);
}

/* SMC-D: ISM devices, loopback-ism (unlisted, seen as SMC-Dv2), or nothing (6.1) */
static void test_smcd(void)
{
	struct chk_facts f;
	struct chk_findings fs;

	healthy(&f);
	judge(&f, &fs);
	ok(status_of(&fs, "smcd") == CHK_OK && message_has(&fs, "smcd", "loopback-ism") &&
	   message_has(&fs, "rdma", "SMC-D is") &&
	   message_has(&fs, "pnet", "loopback-ism serves every interface"),
	   "no ISM, SMC-Dv2: loopback-ism, SMC-D possible");
	chk_findings_free(&fs);
	f.sys.ism_v2 = false;
	judge(&f, &fs);
	ok(status_of(&fs, "smcd") == CHK_WARNING && message_has(&fs, "smcd", "no SMC-D device") &&
	   fix_has(&fs, "smcd", "CONFIG_SMC_LO") && !message_has(&fs, "rdma", "SMC-D is") &&
	   !message_has(&fs, "pnet", "loopback-ism"),
	   "no ISM, no SMC-Dv2 (6.1): no SMC-D device, a warning, nothing says SMC-D is possible");
	chk_findings_free(&fs);
	f.nism = 2;
	judge(&f, &fs);
	ok(status_of(&fs, "smcd") == CHK_OK && message_has(&fs, "smcd", "2 ISM devices"),
	   "ISM devices: counted");
	chk_findings_free(&fs);
	f.ism_rc = -EIO;
	judge(&f, &fs);
	ok(status_of(&fs, "smcd") == CHK_WARNING && message_has(&fs, "smcd", "cannot list"),
	   "the SMC-D list fails: a warning");
	chk_findings_free(&fs);
	chk_facts_free(&f);
}

static void test_no_module(void)
{
	struct chk_facts f;
	struct chk_findings fs;

	healthy(&f);
	f.genl_rc = -ENOENT;
	f.diag_rc = -ENOENT;
	f.af_smc_rc = -EAFNOSUPPORT;
	f.ipproto_smc_rc = -EPROTONOSUPPORT;
	judge(&f, &fs);
	ok(status_of(&fs, "module.smc") == CHK_PROBLEM && fix_has(&fs, "module.smc", "modprobe smc"),
	   "no module: problem, fix modprobe smc");
	ok(status_of(&fs, "module.smc_diag") == CHK_PROBLEM &&
	   fix_has(&fs, "module.smc_diag", "modprobe smc_diag"), "no smc_diag: problem with fix");
	ok(status_of(&fs, "socket.af_smc") == CHK_PROBLEM, "no AF_SMC: problem");
	ok(status_of(&fs, "socket.ipproto_smc") == CHK_WARNING, "no IPPROTO_SMC: warning");
	ok(!chk_find(&fs, "eid.ueid") && !chk_find(&fs, "pnet"),
	   "no module: no checks that need it");
	chk_findings_free(&fs);
	chk_facts_free(&f);
}

/* A fixture host of tests/unit/fixtures/kernel_support (tests run from the top of the tree) */
static void fixture_host(struct ks_host *h, const char *name, const char *release)
{
	const char *slash = strrchr(__FILE__, '/');
	char root[256];

	snprintf(root, sizeof(root), "%.*sfixtures/kernel_support/%s",
		 slash ? (int)(slash - __FILE__ + 1) : 0, __FILE__, name);
	ks_probe(h, root, release);
}

/* What the host's files say decides the words: module, not built, unknown, release */
static void test_no_module_host(void)
{
	struct chk_facts f;
	struct chk_findings fs;

	healthy(&f);
	f.genl_rc = -ENOENT;
	f.diag_rc = -ENOENT;
	f.af_smc_rc = -EAFNOSUPPORT;
	f.ipproto_smc_rc = -EPROTONOSUPPORT;

	fixture_host(&f.host, "module", "6.12.0-test");
	judge(&f, &fs);
	ok(message_has(&fs, "module.smc", "SMC module not loaded") &&
	   fix_has(&fs, "module.smc", "modprobe smc") &&
	   fix_has(&fs, "module.smc_diag", "modprobe smc_diag") &&
	   fix_has(&fs, "socket.af_smc", "modprobe smc") &&
	   fix_has(&fs, "socket.ipproto_smc", "modprobe smc"),
	   "module installed, not loaded: modprobe everywhere");
	chk_findings_free(&fs);

	fixture_host(&f.host, "nomodules", "6.18.44-fc-v669");
	judge(&f, &fs);
	ok(status_of(&fs, "module.smc") == CHK_PROBLEM &&
	   message_has(&fs, "module.smc", "this kernel was built without SMC (CONFIG_SMC is not "
		       "set in /proc/config.gz") &&
	   fix_has(&fs, "module.smc", "boot a kernel built with CONFIG_SMC"),
	   "kernel without SMC: module.smc says so, with the fix");
	ok(message_has(&fs, "module.smc_diag", "built without SMC") &&
	   message_has(&fs, "socket.af_smc", "built without SMC") &&
	   message_has(&fs, "socket.ipproto_smc", "built without SMC"),
	   "kernel without SMC: smc_diag, AF_SMC, IPPROTO_SMC say so too");
	ok(!fix_has(&fs, "module.smc", "modprobe") && !fix_has(&fs, "module.smc_diag", "modprobe") &&
	   !fix_has(&fs, "socket.af_smc", "modprobe") &&
	   !fix_has(&fs, "socket.ipproto_smc", "modprobe"), "kernel without SMC: no modprobe");
	ok(!message_has(&fs, "socket.ipproto_smc", "6.11") &&
	   !fix_has(&fs, "socket.ipproto_smc", "6.11"), "6.18: no \"needs Linux 6.11\"");
	chk_findings_free(&fs);

	fixture_host(&f.host, "unknown", "6.12.0-test");
	judge(&f, &fs);
	ok(message_has(&fs, "module.smc", "SMC module not loaded, or this kernel was built without "
		       "SMC") && fix_has(&fs, "module.smc", "modprobe smc; if that fails"),
	   "no evidence: both possibilities, modprobe first");
	chk_findings_free(&fs);

	/* 6.1: SMC loaded, only IPPROTO_SMC refused (EINVAL: protocol out of range) */
	chk_facts_free(&f);
	healthy(&f);
	f.ipproto_smc_rc = -EINVAL;
	fixture_host(&f.host, "old", "6.1.0-28-amd64");
	judge(&f, &fs);
	ok(status_of(&fs, "socket.ipproto_smc") == CHK_WARNING &&
	   message_has(&fs, "socket.ipproto_smc", "IPPROTO_SMC needs Linux 6.11 or later, this "
		       "is 6.1.0-28-amd64") && fix_has(&fs, "socket.ipproto_smc", "AF_SMC"),
	   "6.1: IPPROTO_SMC needs 6.11, where it is true");
	chk_findings_free(&fs);
	chk_facts_free(&f);
}

static void test_eid(void)
{
	struct chk_facts f;
	struct chk_findings fs;

	healthy(&f);
	f.nueids = 0;
	judge(&f, &fs);
	ok(status_of(&fs, "eid.ueid") == CHK_WARNING && message_has(&fs, "eid.ueid", "0x03030008") &&
	   fix_has(&fs, "eid.ueid", "smcd ueid add"), "no UEID, no SEID: warning, NOUEID, fix");
	ok(message_has(&fs, "eid.seid", "no system EID"), "eid.seid: none");
	chk_findings_free(&fs);

	f.seid.present = f.seid.enabled = true;
	strcpy(f.seid.seid, "IBM-SYSZ-ISMSEID00000000ABCD");
	judge(&f, &fs);
	ok(status_of(&fs, "eid.ueid") == CHK_OK && message_has(&fs, "eid.ueid", "system EID"),
	   "no UEID but an enabled SEID: ok");
	ok(message_has(&fs, "eid.seid", "enabled"), "eid.seid: enabled");
	chk_findings_free(&fs);
	chk_facts_free(&f);
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The UEID list is one message: it must be built in linear time (with strcat() it took
 * 9.4 s for 60,000 UEIDs, the kernel accepting as many as memory holds)
 */
static void test_many_ueids(void)
{
	enum { N = 200000 };
	const struct chk_finding *x;
	struct chk_findings fs;
	struct chk_facts f;
	struct timespec t0;
	char eid[32];
	double took;
	bool added = true;

	healthy(&f);
	for (unsigned int i = 1; i < N && added; i++) {
		snprintf(eid, sizeof(eid), "UEID-%06u", i);
		added = !chk_add_ueid(&f, eid);
	}
	ok(added && f.nueids == N, "%d UEIDs gathered", N);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	judge(&f, &fs);
	took = seconds_since(&t0);
	ok(took < 1.0, "%d UEIDs judged in %.3f s (less than 1 s)", N, took);
	x = chk_find(&fs, "eid.ueid");
	/* "SMC-BENCH, UEID-000001, ..., UEID-199999": 9 + (N - 1) * (2 + 11) characters */
	ok(x && !strncmp(x->message, "user EIDs SMC-BENCH, UEID-000001, UEID-000002, ", 47) &&
	   strstr(x->message, ", UEID-199998, UEID-199999: SMCv2 peers") &&
	   strlen(x->message) == strlen("user EIDs ") + 9 + (N - 1) * 13 +
				 strlen(": SMCv2 peers must share one of them"),
	   "every UEID is in the list, in order, comma-separated");
	chk_findings_free(&fs);
	chk_facts_free(&f);
}

static struct chk_rdma_port good_port(const char *dev)
{
	struct chk_rdma_port p = {
		.port = 1, .soft = true, .has_netdev = true, .state = "ACTIVE",
		.link_layer = "Ethernet", .mtu = 1024, .gids_roce_v2 = 2, .gids_roce_v2_ipv4 = 1,
		.netdev_here = true, .pnet_by_user = true,
	};

	snprintf(p.dev, sizeof(p.dev), "%s", dev);
	strcpy(p.netdev, "ra");
	strcpy(p.pnetid, "PNETA");
	return p;
}

static void test_rdma_port(void)
{
	struct chk_rdma_port p = good_port("rxa");
	struct chk_facts f;
	struct chk_findings fs;

	healthy(&f);
	chk_add_port(&f, &p);
	p = good_port("rxb");
	p.state = "DOWN";
	chk_add_port(&f, &p);
	p = good_port("mlx0");
	p.soft = false;
	p.link_layer = "InfiniBand";
	chk_add_port(&f, &p);
	p = good_port("rxc");
	p.gids_roce_v2 = p.gids_roce_v2_ipv4 = 0;
	chk_add_port(&f, &p);
	p = good_port("rxd");
	p.gids_roce_v2_ipv4 = 0;
	chk_add_port(&f, &p);
	p = good_port("rxe0");
	p.gids_roce_v2 = p.gids_roce_v2_ipv4 = 0;
	p.gids_roce_v1 = 1;
	chk_add_port(&f, &p);
	p = good_port("rxf");
	p.ibv_rc = -ENODEV;
	chk_add_port(&f, &p);
	judge(&f, &fs);
	ok(status_of(&fs, "rdma.rxa.1") == CHK_OK && message_has(&fs, "rdma.rxa.1", "netdev ra") &&
	   message_has(&fs, "rdma.rxa.1", "PNET ID PNETA"), "a good port is ok, with details");
	ok(status_of(&fs, "rdma.rxb.1") == CHK_PROBLEM && fix_has(&fs, "rdma.rxb.1", "ip link set ra up"),
	   "a DOWN port is a problem, fix: link up");
	ok(status_of(&fs, "rdma.mlx0.1") == CHK_PROBLEM && message_has(&fs, "rdma.mlx0.1", "InfiniBand"),
	   "an InfiniBand port is a problem");
	ok(status_of(&fs, "rdma.rxc.1") == CHK_PROBLEM && fix_has(&fs, "rdma.rxc.1", "ip address add"),
	   "no RoCE GIDs: problem, fix: an address");
	ok(status_of(&fs, "rdma.rxd.1") == CHK_WARNING && message_has(&fs, "rdma.rxd.1", "IPv4"),
	   "RoCE v2 without IPv4: warning");
	ok(status_of(&fs, "rdma.rxe0.1") == CHK_WARNING && message_has(&fs, "rdma.rxe0.1", "RoCE v1"),
	   "RoCE v1 only: warning");
	ok(status_of(&fs, "rdma.rxf.1") == CHK_WARNING && fix_has(&fs, "rdma.rxf.1", "ib_uverbs"),
	   "libibverbs failure: warning with fix");
	ok(status_of(&fs, "rdma.rxa.1.netns") == CHK_OK, "soft device on a netdev of the initial netns");
	ok(!chk_find(&fs, "rdma.mlx0.1.netns"), "hardware devices have no netns check");
	chk_findings_free(&fs);
	chk_facts_free(&f);
}

static void test_soft_netns(void)
{
	struct chk_rdma_port p = good_port("rxva");
	struct chk_facts f;
	struct chk_findings fs;

	/* seen from the namespace that holds the netdev */
	healthy(&f);
	f.netns_initial = 0;
	strcpy(p.netdev, "va");
	chk_add_port(&f, &p);
	judge(&f, &fs);
	ok(status_of(&fs, "rdma.rxva.1.netns") == CHK_PROBLEM &&
	   message_has(&fs, "rdma.rxva.1.netns", "0x02010000") &&
	   fix_has(&fs, "rdma.rxva.1.netns", "macvlan"), "rxe in a namespace, seen from there");
	chk_findings_free(&fs);
	chk_facts_free(&f);

	/* seen from the initial namespace: its netdev is elsewhere */
	healthy(&f);
	p.netdev_here = false;
	p.netdev[0] = '\0';
	chk_add_port(&f, &p);
	judge(&f, &fs);
	ok(status_of(&fs, "rdma.rxva.1.netns") == CHK_PROBLEM, "rxe in a namespace, seen from the host");
	chk_findings_free(&fs);
	chk_facts_free(&f);

	/* from another namespace, the usual bench: the netdev is in the initial one */
	healthy(&f);
	f.netns_initial = 0;
	chk_add_port(&f, &p);
	judge(&f, &fs);
	ok(status_of(&fs, "rdma.rxva.1.netns") == CHK_OK, "netdev not here, not initial: ok");
	ok(message_has(&fs, "rdma.rxva.1", "another namespace"), "the port names where its netdev is");
	chk_findings_free(&fs);
	chk_facts_free(&f);

	/* 7.x: rdma_rxe has a socket per namespace, the device works from anywhere */
	healthy(&f);
	f.netns_initial = 0;
	f.rxe_netns = 1;
	p.netdev_here = true;
	strcpy(p.netdev, "va");
	chk_add_port(&f, &p);
	judge(&f, &fs);
	ok(status_of(&fs, "rdma.rxva.1.netns") == CHK_OK &&
	   message_has(&fs, "rdma.rxva.1.netns", "UDP socket in each network namespace"),
	   "rxe in a namespace on a kernel with per-namespace rxe sockets: ok");
	chk_findings_free(&fs);
	chk_facts_free(&f);

	/* the same without libibverbs' view: RoCE or iWARP is not known, so the old rule */
	healthy(&f);
	f.netns_initial = 0;
	f.rxe_netns = 1;
	p.ibv_rc = -ENODATA;
	chk_add_port(&f, &p);
	judge(&f, &fs);
	ok(status_of(&fs, "rdma.rxva.1.netns") == CHK_PROBLEM &&
	   message_has(&fs, "rdma.rxva.1.netns", "only through the initial one"),
	   "a soft device not known to be rxe keeps the problem");
	chk_findings_free(&fs);
	chk_facts_free(&f);
}

static void test_pnet(void)
{
	struct smc_pnet_entry va = { .pnetid = "PNETA", .netdev = "va" };
	struct smc_pnet_entry vb = { .pnetid = "PNETB", .netdev = "vb" };
	struct chk_facts f;
	struct chk_findings fs;

	healthy(&f);
	chk_add_pnet(&f, &va);
	chk_add_pnet(&f, &vb);
	chk_add_dev_pnet(&f, "rxa", 1, "PNETA", true);
	chk_add_dev_pnet(&f, "rxa", 1, "PNETA", true);
	chk_add_dev_pnet(&f, "loopback-ism", 255, "PNETLO", true);
	chk_add_dev_pnet(&f, "ism0", 0, "HWPNET", false);
	ok(f.ndev_pnets == 3, "device PNET IDs are not repeated");
	judge(&f, &fs);
	ok(status_of(&fs, "pnet.netdev.va") == CHK_OK, "va and rxa share PNETA: ok");
	ok(status_of(&fs, "pnet.netdev.vb") == CHK_PROBLEM &&
	   message_has(&fs, "pnet.netdev.vb", "0x03030000") &&
	   fix_has(&fs, "pnet.netdev.vb", "smc_pnet -a PNETB -D"), "vb without device: problem");
	ok(status_of(&fs, "pnet.dev.loopback-ism") == CHK_WARNING &&
	   fix_has(&fs, "pnet.dev.loopback-ism", "smc_pnet -a PNETLO -I"),
	   "device PNET ID without interface: warning (no port for port 255)");
	ok(!chk_find(&fs, "pnet.dev.ism0") && !chk_find(&fs, "pnet.dev.rxa.1"),
	   "hardware PNET IDs and matched devices: no finding");
	ok(!chk_find(&fs, "pnet"), "no summary finding when PNET IDs exist");
	chk_findings_free(&fs);

	/* a device that serves an interface of another namespace is fine */
	{
		struct smc_pnet_entry vlo = { .pnetid = "PNETLO", .netdev = "vl" };

		chk_add_foreign_pnet(&f, "b", &vlo);
	}
	judge(&f, &fs);
	ok(status_of(&fs, "pnet.dev.loopback-ism") == CHK_OK &&
	   message_has(&fs, "pnet.dev.loopback-ism", "interface vl in network namespace b"),
	   "device PNET ID on an interface of another namespace: ok, naming it");
	chk_findings_free(&fs);
	f.nforeign_pnets = 0;
	f.foreign_pnet_rc = -EPERM;
	judge(&f, &fs);
	ok(status_of(&fs, "pnet.dev.loopback-ism") == CHK_WARNING &&
	   message_has(&fs, "pnet.dev.loopback-ism", "need root"),
	   "other namespaces unreadable: still a warning, saying why it may be wrong");
	chk_findings_free(&fs);

	f.pnet_rc = -EIO;
	judge(&f, &fs);
	ok(status_of(&fs, "pnet") == CHK_WARNING, "unreadable table: warning");
	chk_findings_free(&fs);
	chk_facts_free(&f);
}

static void test_sysctls(void)
{
	struct chk_facts f;
	struct chk_findings fs;

	healthy(&f);
	chk_add_sysctl(&f, "wmem", "65536");
	chk_add_sysctl(&f, "smcr_testlink_time", "0");
	chk_add_sysctl(&f, "limit_smc_hs", "1");
	chk_add_sysctl(&f, "future_knob", "7");
	f.hslimit = true;
	judge(&f, &fs);
	ok(status_of(&fs, "sysctl.net.smc.wmem") == CHK_OK &&
	   message_has(&fs, "sysctl.net.smc.wmem", "65536: send buffer"), "wmem: value and meaning");
	ok(status_of(&fs, "sysctl.net.smc.smcr_testlink_time") == CHK_WARNING,
	   "testlink time 0: warning");
	ok(!chk_find(&fs, "sysctl.net.smc.limit_smc_hs"), "limit_smc_hs is reported as hslimit");
	ok(message_has(&fs, "hslimit", "on") && message_has(&fs, "hslimit", "0x03010000"),
	   "hslimit on: explained");
	ok(status_of(&fs, "sysctl.net.smc.future_knob") == CHK_OK &&
	   !strcmp(chk_find(&fs, "sysctl.net.smc.future_knob")->message, "7"),
	   "an unknown sysctl is listed with its value");
	chk_findings_free(&fs);
	chk_facts_free(&f);
}

/* 7.x: the work request limits, and a BPF handshake control program */
static void test_sysctls_7(void)
{
	struct chk_facts f;
	struct chk_findings fs;

	healthy(&f);
	chk_add_sysctl(&f, "smcr_max_send_wr", "16");
	chk_add_sysctl(&f, "hs_ctrl", "");
	judge(&f, &fs);
	ok(message_has(&fs, "sysctl.net.smc.smcr_max_send_wr", "16: send work requests"),
	   "smcr_max_send_wr: value and meaning");
	ok(status_of(&fs, "sysctl.net.smc.hs_ctrl") == CHK_OK &&
	   message_has(&fs, "sysctl.net.smc.hs_ctrl", "none: no BPF handshake control"),
	   "hs_ctrl empty: ok, said as none");
	chk_findings_free(&fs);
	chk_facts_free(&f);
	healthy(&f);
	chk_add_sysctl(&f, "hs_ctrl", "smc_hs_ctrl");
	judge(&f, &fs);
	ok(status_of(&fs, "sysctl.net.smc.hs_ctrl") == CHK_WARNING &&
	   message_has(&fs, "sysctl.net.smc.hs_ctrl", "smc_hs_ctrl: this BPF") &&
	   message_has(&fs, "sysctl.net.smc.hs_ctrl", "0x03010000") &&
	   fix_has(&fs, "sysctl.net.smc.hs_ctrl", "sysctl -w net.smc.hs_ctrl="),
	   "hs_ctrl set: a warning with the fallback it causes and the fix");
	chk_findings_free(&fs);
	chk_facts_free(&f);
}

static void test_tfo(void)
{
	static const struct { unsigned int v; enum chk_status st; const char *text; } cases[] = {
		{ 0x0, CHK_OK, "fast open off" },
		{ 0x1, CHK_OK, "the default" },
		{ 0x3, CHK_WARNING, "TFO_CLIENT_ENABLE TFO_SERVER_ENABLE)" },
		{ 0x405, CHK_WARNING, "TFO_CLIENT_NO_COOKIE TFO_SERVER_WO_SOCKOPT1" },
		{ 0x2003, CHK_WARNING, "and unknown bits" },
		{ 0x10001, CHK_OK, "the default" },	/* upper half: only a queue length */
	};
	const char *id = "sysctl.net.ipv4.tcp_fastopen";

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct chk_facts f;
		struct chk_findings fs;

		healthy(&f);
		f.tcp_fastopen = cases[i].v;
		judge(&f, &fs);
		ok(status_of(&fs, id) == cases[i].st && message_has(&fs, id, cases[i].text),
		   "tcp_fastopen 0x%x", cases[i].v);
		chk_findings_free(&fs);
		chk_facts_free(&f);
	}
	for (const struct chk_tfo_bit *b = chk_tfo_bits(); b->name; b++)
		ok(b->bit && !(b->bit & (b->bit - 1)) && b->meaning[0], "bit %s is one bit", b->name);
}

static char *render(const struct chk_findings *fs, bool json, bool quiet)
{
	struct memout m;
	struct out_opts oo = { .json = json, .fp = memout_open(&m) };
	struct out *o;

	if (out_new(&o, &oo))
		return NULL;
	view_chk_findings(o, fs, quiet);
	out_free(o);
	return memout_close(&m);
}

/* The line starting with @line is followed by one whose @fix starts in the message column */
static bool fix_aligned(const char *text, const char *line, const char *fix)
{
	const char *l = strstr(text, line), *msg, *next, *f;

	if (!l)
		return false;
	msg = l + strlen(line);
	while (*msg == ' ')
		msg++;
	next = strchr(l, '\n');
	if (!next)
		return false;
	next++;
	f = strstr(next, fix);
	if (!f || strspn(next, " ") != (size_t)(f - next))
		return false;
	return f - next == msg - l;
}

static void test_ipsec(void)
{
	struct chk_facts f;
	struct chk_findings fs;

	healthy(&f);
	judge(&f, &fs);
	ok(status_of(&fs, "ipsec") == CHK_OK, "no protecting policy: ok");
	chk_findings_free(&fs);

	f.ipsec_protecting = 2;
	judge(&f, &fs);
	ok(status_of(&fs, "ipsec") == CHK_WARNING &&
	   message_has(&fs, "ipsec", "2 IPsec policies protect traffic") &&
	   message_has(&fs, "ipsec", "outside IPsec") && fix_has(&fs, "ipsec", "0x03020000"),
	   "protecting policies: warning that SMC bypasses them, with the fix");
	chk_findings_free(&fs);

	f.ipsec_rc = -EPERM;
	judge(&f, &fs);
	ok(status_of(&fs, "ipsec") == CHK_OK && message_has(&fs, "ipsec", "CAP_NET_ADMIN"),
	   "not allowed to read them: said, not judged");
	chk_findings_free(&fs);
	chk_facts_free(&f);
}

static void test_view(void)
{
	struct chk_facts f;
	struct chk_findings fs;
	char *text;

	healthy(&f);
	f.diag_rc = -ENOENT;
	judge(&f, &fs);
	text = render(&fs, false, false);
	ok(text && fix_aligned(text, "problem  module.smc_diag ", "fix: modprobe smc_diag\n"),
	   "text: status first, fix indented under the message");
	ok(text && strstr(text, "ok       module.smc       "), "text: ids aligned");
	ok(text && strstr(text, " ok, 0 warnings, 1 problem\n"), "text: summary line");
	free(text);
	text = render(&fs, false, true);
	ok(text && !strstr(text, "\nok ") && strncmp(text, "ok ", 3) && strstr(text, "problem "),
	   "quiet: no ok lines");
	free(text);
	text = render(&fs, true, false);
	ok(text && !strncmp(text, "{\"findings\":[{\"id\":\"module.smc\",\"status\":\"ok\",", 46) &&
	   strstr(text, "\"fix\":\"modprobe smc_diag\"") &&
	   strstr(text, "\"summary\":{\"ok\":") && strstr(text, "\"problem\":1}}"),
	   "JSON: findings and summary");
	free(text);
	chk_findings_free(&fs);
	chk_facts_free(&f);
}

/* The reads outside netlink survive a recording, and a malformed one is refused whole */
static void test_host_reads_codec(void)
{
	struct chk_facts f, g;
	struct chk_host_reads r = { 0 }, q = { 0 };
	uint8_t *buf;
	size_t len;

	memset(&f, 0, sizeof(f));
	memset(&g, 0, sizeof(g));
	f.af_smc_rc = 0;
	f.ipproto_smc_rc = -EPROTONOSUPPORT;
	f.netns_initial = 1;
	f.tfo_rc = 0;
	f.tcp_fastopen = 3;
	f.sysctl_rc = 0;
	chk_add_sysctl(&f, "autocorking_size", "65536");
	chk_add_sysctl(&f, "smcr_buf_type", "0");
	f.foreign_pnet_rc = -EPERM;
	chk_host_add_visit(&r, "initial", "/proc/1/ns/net");
	chk_host_add_visit(&r, "b", "/run/netns/b");
	ok(!chk_host_encode(&f, &r, &buf, &len), "host reads: encoded");
	ok(!chk_host_decode(buf, len, &g, &q), "host reads: decoded");
	ok(g.ipproto_smc_rc == -EPROTONOSUPPORT && g.netns_initial == 1 && g.tcp_fastopen == 3 &&
	   g.foreign_pnet_rc == -EPERM, "host reads: results and values round-trip");
	ok(g.nsysctls == 2 && !strcmp(g.sysctls[1].name, "smcr_buf_type") &&
	   !strcmp(g.sysctls[0].value, "65536"), "host reads: sysctls round-trip in order");
	ok(q.nvisits == 2 && !strcmp(q.visits[1].path, "/run/netns/b") &&
	   !strcmp(q.visits[0].name, "initial"), "host reads: the namespaces walked round-trip");
	chk_facts_free(&g);
	chk_host_reads_free(&q);
	/* every cut is refused: no prefix of a valid encoding is one */
	bool all_cut_refused = true;
	for (size_t cut = 0; cut < len; cut++) {
		if (chk_host_decode(buf, cut, &g, &q) != -EBADMSG)
			all_cut_refused = false;
		chk_facts_free(&g);
		chk_host_reads_free(&q);
	}
	ok(all_cut_refused, "host reads: each of the %zu cut-short encodings is refused", len);
	/* trailing bytes, a positive result, a string without its NUL */
	uint8_t *longer = malloc(len + 1);
	memcpy(longer, buf, len);
	longer[len] = 0;
	ok(chk_host_decode(longer, len + 1, &g, &q) == -EBADMSG, "host reads: trailing bytes refused");
	chk_facts_free(&g);
	chk_host_reads_free(&q);
	int32_t positive = 5;
	memcpy(longer, &positive, sizeof(positive));
	ok(chk_host_decode(longer, len, &g, &q) == -EBADMSG, "host reads: a positive result refused");
	chk_facts_free(&g);
	chk_host_reads_free(&q);
	memcpy(longer, buf, len);
	memset(longer + 7 * 4, 'x', len - 7 * 4);	/* the sysctl strings lose their NULs */
	ok(chk_host_decode(longer, len, &g, &q) == -EBADMSG, "host reads: an unterminated string refused");
	chk_facts_free(&g);
	chk_host_reads_free(&q);
	free(longer);
	free(buf);
	chk_facts_free(&f);
	chk_host_reads_free(&r);
}

/* libibverbs' answer for one device survives a recording, names re-derived from codes */
static void test_ibv_codec(void)
{
	struct smc_ibv_gid gids[2] = {
		{ .port = 1, .index = 0, .raw = { 0xfe, 0x80 }, .type_code = 1, .ifindex = 3 },
		{ .port = 1, .index = 1, .raw = { [10] = 0xff, [11] = 0xff, 198, 18, 0, 1 },
		  .type_code = 2, .ifindex = 3 },
	};
	struct smc_ibv_dev d = {
		.node_guid = 0x0123456789abcdefull, .nports = 1,
		.port = { { .num = 1, .state_code = 4, .link_layer_code = 2, .active_mtu = 1024 } },
		.gids = gids, .ngids = 2,
	}, e;
	uint8_t *buf;
	size_t len;

	ok(!smc_ibv_encode(0, &d, &buf, &len), "ibv: encoded");
	ok(!smc_ibv_decode(buf, len, &e), "ibv: decoded");
	ok(e.node_guid == d.node_guid && e.nports == 1 && e.port[0].active_mtu == 1024 &&
	   e.ngids == 2 && e.gids[1].raw[12] == 198 && e.gids[1].ifindex == 3,
	   "ibv: values round-trip");
	is_str(e.port[0].state, "ACTIVE", "ibv: the port state is named from its code");
	is_str(e.port[0].link_layer, "Ethernet", "ibv: the link layer is named from its code");
	is_str(e.gids[1].type, "RoCE v2", "ibv: the GID type is named from its code");
	smc_ibv_free(&e);
	bool all_cut_refused = true;
	for (size_t cut = 0; cut < len; cut++)
		if (smc_ibv_decode(buf, cut, &e) != -EBADMSG)
			all_cut_refused = false;
	ok(all_cut_refused, "ibv: each of the %zu cut-short encodings is refused", len);
	uint32_t nports = 3;	/* more ports than a query gives */
	memcpy(buf + 4 + 8, &nports, 4);
	ok(smc_ibv_decode(buf, len, &e) == -EBADMSG, "ibv: an impossible port count is refused");
	free(buf);
	ok(!smc_ibv_encode(-ENODEV, NULL, &buf, &len) && len == 4 &&
	   smc_ibv_decode(buf, len, &e) == -ENODEV, "ibv: a failed query round-trips as its errno");
	free(buf);
}

int main(void)
{
	test_healthy();
	test_smcd();
	test_no_module();
	test_no_module_host();
	test_eid();
	test_many_ueids();
	test_rdma_port();
	test_soft_netns();
	test_pnet();
	test_sysctls();
	test_sysctls_7();
	test_tfo();
	test_ipsec();
	test_view();
	test_host_reads_codec();
	test_ibv_codec();
	return tap_done();
}
