// SPDX-License-Identifier: GPL-2.0
/* fallback_kb.c - the knowledge base of SMC fallback / decline codes (see fallback_kb.h)
 *
 * Facts come from where the kernel sets each code (net/smc/af_smc.c, smc_clc.c,
 * smc_core.c; Linux 6.12, the codes are unchanged through 6.18) and, for the vendor
 * codes, from Alibaba Cloud Linux's documentation. "Client" and "server" are the TCP
 * roles. Remedies name commands in `backquotes` so front ends can set them apart.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "fallback_kb.h"
#include "parse_num.h"

/* A NULL-terminated list of sentences (a file-scope compound literal: static storage). */
#define LINES(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* Checks shared by the "no device" codes */
#define CHECK_RDMA_PORTS \
	"Check the RoCE ports: `rdma link show` (state ACTIVE, the right netdev) and " \
	"`ibv_devinfo -v`"
#define CHECK_SMCR_DEVICES \
	"`smcr device -d`: a device whose port is ACTIVE, whose netdev or PNET ID fits the " \
	"connection's interface, and (SMC-Rv2) a RoCE v2 GID carrying the source IPv4 address"
#define CHECK_PNET \
	"`smc_pnet -s` in the socket's namespace: device port and interface need the same " \
	"PNET ID, or neither may have one"
#define CHECK_UEID \
	"`smcr ueid show` on both hosts; give both the same one: `smcr ueid add EID`"
#define CHECK_RDMA_NETNS \
	"`rdma system show`: in exclusive mode move the device to the socket's namespace with " \
	"`rdma dev set DEV netns NS` (and its netdev too)"
#define RUN_SMC_CHK "Run `smc_chk` on both hosts for the host-side checks"
#define OTHER_STACK \
	"Linux defines this code but never sets it; a peer that sends it runs another SMC " \
	"implementation"

static const struct smc_fallback_entry fallback_kb[] = {
{
	.code = 0x01010000, .name = "MEM", .origin = SMC_FB_EITHER,
	.meaning = "not enough memory for SMC buffers or structures",
	.causes = LINES(
		"An allocation for the handshake, the link group, or the connection's send "
		"buffer and RMB (SMC-D: DMB) failed on either host",
		"SMC-R buffers are physically contiguous by default: with fragmented memory the "
		"larger sizes fail although memory is free"),
	.remedies = LINES(
		"Check free memory and fragmentation: `free -m`, `cat /proc/buddyinfo`",
		"Allow virtually contiguous SMC-R buffers when physical ones fail: "
		"`sysctl -w net.smc.smcr_buf_type=2` (0 physical, 1 virtual, 2 mixed)",
		"Use smaller buffers: `sysctl net.smc.wmem net.smc.rmem` (per network namespace)",
		"See the buffer sizes in use: `smcr stats -d`"),
},
{
	.code = 0x02010000, .name = "TIMEOUT_CL", .origin = SMC_FB_EITHER,
	.meaning = "the new RDMA link was not confirmed in time (CONFIRM LINK)",
	.causes = LINES(
		"At first contact the server sends CONFIRM LINK over the new RoCE link and waits; "
		"the client waits twice as long. A timeout means RDMA traffic between the two "
		"RoCE ports does not get through; the side that times out first declines, so the "
		"other usually shows PEERDECL with this code",
		"RoCE v2 is UDP port 4791: a firewall, a missing route or a GID bound to the "
		"wrong address drops it",
		"Soft-RoCE (rdma_rxe) on an interface inside a non-initial network namespace, "
		"where rdma_rxe has one UDP socket for all namespaces (6.12 and older; 7.x has one "
		"per namespace): its socket and route lookups are the initial namespace's, so it "
		"sends nothing (`rdma statistic show` counts no sent_pkts)",
		"Soft-RoCE whose GID for the address belongs to a netdev in another namespace "
		"(the same address on an upper device, such as a macvlan moved elsewhere, is a "
		"second GID of the port, and SMC may pick it): the peer's RoCE packets land in "
		"that namespace, where no rdma_rxe socket may listen (`nstat -az UdpNoPorts` "
		"there counts them)",
		"Sending CONFIRM LINK failed locally (link already down)"),
	.remedies = LINES(
		CHECK_RDMA_PORTS " on both hosts",
		"`smcr device -d`: the GID of the connection's address must be in both GID tables",
		"Test RDMA without SMC: `rping -s -a SERVER_IP` on the server, "
		"`rping -c -a SERVER_IP -C 3 -v` on the client",
		"Let UDP port 4791 pass every firewall on the path (`nft list ruleset`)",
		RUN_SMC_CHK),
},
{
	.code = 0x02020000, .name = "TIMEOUT_AL", .origin = SMC_FB_EITHER, .unused = true,
	.meaning = "timed out adding a link to the link group (ADD LINK)",
	.causes = LINES(
		OTHER_STACK "; a failed ADD LINK leaves a Linux link group with one link, "
		"connections stay on SMC-R",
		"Vendor documentation (Alibaba Cloud Linux) lists it as reserved and unused"),
	.remedies = LINES(
		"Check the second RoCE port pair: `smcr linkgroup link-show`, `rdma link show`",
		"If the peer sent it, look the code up in the peer stack's documentation"),
},
{
	.code = 0x03000000, .name = "CNFERR", .origin = SMC_FB_EITHER,
	.meaning = "configuration error: the client could not describe its IP subnet",
	.causes = LINES(
		"Client: building the CLC proposal, it could not read the IPv4/IPv6 prefix of the "
		"interface the TCP connection uses, and SMCv2 was not possible (v2 needs none)",
		"Client: releasing the VLAN ID it had registered on the ISM device for the "
		"handshake failed"),
	.remedies = LINES(
		"Check route and address: `ip route get PEER_IP`, `ip addr show dev IFACE`",
		"Make SMCv2 usable, which needs no prefix: " CHECK_UEID),
},
{
	.code = 0x03010000, .name = "PEERNOSMC", .origin = SMC_FB_EITHER,
	.meaning = "the peer did not offer SMC in the TCP handshake",
	.causes = LINES(
		"The peer's socket is plain TCP: the application there does not use AF_SMC, or "
		"the SMC preload is not active in it",
		"The SMC marker (TCP option 254 with SMC's magic number) in the SYN or SYN-ACK "
		"was stripped on the way: firewalls, load balancers, NAT or proxies",
		"Server side: the connection was accepted through a SYN cookie (listen queue "
		"overflow), which drops the SMC marker, or the handshake limitation judged SMC "
		"handshakes congested and let it go without SMC",
		"Kernels with SMC handshake control (CONFIG_SMC_HS_CTRL_BPF, 7.x): a BPF program "
		"named in net.smc.hs_ctrl kept the SMC marker out of this side's SYN or the "
		"peer's SYN-ACK",
		"Rare: a server declines with it when the client's proposal offers no SMC type"),
	.remedies = LINES(
		"On the peer: `smcss -a` must list the connection (plain TCP sockets are not "
		"listed); start the application with `smc_run` or make it use AF_SMC",
		"Look for option 254 in the SYN and the SYN-ACK on both hosts: "
		"`tcpdump -ni IFACE -vv 'tcp[tcpflags] & tcp-syn != 0'`",
		"SYN cookies on the server: `nstat -az TcpExtSyncookiesSent`; raise the listen "
		"backlog",
		"Handshake limitation: `smcr hslimit`",
		"Handshake control: `sysctl net.smc.hs_ctrl` on both hosts (empty: none); "
		"`smc_chk` reports it"),
},
{
	.code = 0x03010001, .name = "SOCKOPT", .origin = SMC_FB_LOCAL, .vendor = true,
	.meaning = "Alibaba Cloud Linux: a socket option SMC does not support",
	.causes = LINES(
		"Alibaba Cloud Linux falls back with this code or OPTUNSUPP when an application "
		"sets an option its SMC marks unsupported, e.g. SO_BINDTODEVICE, SO_BINDTOIFINDEX, "
		"SO_ZEROCOPY, SO_PEEK_OFF, SO_ATTACH_REUSEPORT_EBPF, TCP_ULP, TCP_ZEROCOPY_RECEIVE "
		"or a TCP_FASTOPEN* option",
		"Not a Linux code: a Linux host never sets it"),
	.remedies = LINES(
		"Find the option: `strace -f -e trace=setsockopt APP`",
		"Remove the option from sockets that should use SMC, or keep them on TCP"),
},
{
	.code = 0x03020000, .name = "IPSEC", .origin = SMC_FB_EITHER,
	.meaning = "the TCP connection has an IPsec socket policy",
	.causes = LINES(
		"The TCP socket carries a per-socket xfrm policy (IP_XFRM_POLICY or "
		"IPV6_XFRM_POLICY); SMC data would bypass IPsec, so it declines. The client "
		"checks before proposing, the server after the proposal",
		"System-wide policies (`ip xfrm policy`) are not checked, only the socket's own"),
	.remedies = LINES(
		"Find where the application sets the policy: "
		"`strace -f -e trace=setsockopt APP` (IP_XFRM_POLICY)",
		"If the traffic must be encrypted, keep it on TCP; otherwise drop the socket policy"),
},
{
	.code = 0x03030000, .name = "NOSMCDEV", .origin = SMC_FB_EITHER,
	.meaning = "no usable SMC device (neither SMC-R nor SMC-D)",
	.causes = LINES(
		"Client: no ISM or RoCE device fits the connection for any SMC version, so it "
		"proposes nothing",
		"Devices are chosen by PNET ID: device port and TCP interface must carry the same "
		"one (firmware or `smc_pnet`); without any, SMC-R needs the port's own netdev",
		"SMC-Rv2 needs IPv4, a user EID on this host and a RoCE v2 GID for the source "
		"address (cloud RDMA such as eRDMA supports only v2, so IPv6 falls back; newer "
		"kernels such as 7.x also take an IPv6 socket whose addresses are IPv4-mapped); "
		"SMC-Rv1 needs a RoCE v1 GID and one subnet",
		"Server: nothing here fits what the client offered, or no EID is common to both "
		"(a UEID mismatch shows as this code, not as NOUEID)",
		"The RDMA device is in another network namespace (exclusive mode)"),
	.remedies = LINES(
		CHECK_SMCR_DEVICES "; `smcd device` and `smcd info` for SMC-D",
		CHECK_PNET,
		CHECK_UEID,
		CHECK_RDMA_NETNS,
		RUN_SMC_CHK),
},
{
	.code = 0x03030001, .name = "NOSMCDDEV", .origin = SMC_FB_EITHER,
	.meaning = "no usable SMC-D (ISM) device",
	.causes = LINES(
		"No ISM device shares the PNET ID of the connection's interface (SMC-Dv1), or "
		"none matches the GIDs and CHIDs the client listed (SMC-Dv2)",
		"Server: the client offered only SMC-D and no ISM device here fits",
		"loopback-ism connects only sockets of one host, and exists only in a kernel "
		"built with CONFIG_SMC_LO (6.9 on) or, where SMC-D runs over the DIBS layer, "
		"CONFIG_DIBS_LO (the DIBS device lo)"),
	.remedies = LINES(
		"`smcd info` (SMC-D features) and `smcd device`; the kernel does not list "
		"loopback-ism as a device from 6.10 on",
		CHECK_PNET,
		"loopback-ism: `grep -E 'SMC_LO|DIBS_LO' /boot/config-$(uname -r)`; with DIBS, "
		"`ls /sys/class/dibs` shows lo",
		RUN_SMC_CHK),
},
{
	.code = 0x03030002, .name = "NOSMCRDEV", .origin = SMC_FB_EITHER,
	.meaning = "no usable SMC-R (RoCE) device",
	.causes = LINES(
		"No ACTIVE RoCE port fits the connection's interface by PNET ID, or (without PNET "
		"IDs) by netdev",
		"SMC-Rv2: no RoCE v2 GID carries the connection's source IPv4 address",
		"Server: the client offered only SMC-R and nothing here fits; the client then "
		"shows PEERDECL with this code",
		"The device chosen during the handshake went away, or sits in another network "
		"namespace (exclusive mode)"),
	.remedies = LINES(
		CHECK_SMCR_DEVICES,
		CHECK_RDMA_PORTS,
		CHECK_PNET,
		CHECK_RDMA_NETNS,
		RUN_SMC_CHK),
},
{
	.code = 0x03030003, .name = "NOISM2SUPP", .origin = SMC_FB_EITHER,
	.meaning = "this host's ISM devices do not support SMC-Dv2",
	.causes = LINES(
		"Server: the client offered SMC-Dv2, but no ISM device here is v2-capable (ISMv1 "
		"hardware only, no loopback-ism)"),
	.remedies = LINES(
		"`smcd info` (SMC-D features, ISM) and `smcd device`",
		"Use SMC-Dv1 (same subnet, common PNET ID) or SMC-R"),
},
{
	.code = 0x03030004, .name = "NOV2EXT", .origin = SMC_FB_EITHER,
	.meaning = "the peer's SMCv2 proposal lacked the v2 extension",
	.causes = LINES(
		"Server: the client's proposal announced SMCv2 but carried no SMCv2 extension "
		"(also checked again for SMCv2.1 features); a v1-only peer does not cause it",
		"The client runs another or a faulty SMC implementation"),
	.remedies = LINES(
		"Compare `smcr info` (SMC version, features) on both hosts",
		"Update the peer's SMC stack"),
},
{
	.code = 0x03030005, .name = "NOV2DEXT", .origin = SMC_FB_EITHER,
	.meaning = "the peer's SMC-Dv2 proposal lacked the SMC-Dv2 extension",
	.causes = LINES(
		"Server: the client's proposal announced SMC-Dv2 but carried no SMC-Dv2 extension "
		"(its ISM GIDs); another or a faulty SMC implementation"),
	.remedies = LINES(
		"Compare `smcd info` on both hosts",
		"Update the peer's SMC stack"),
},
{
	.code = 0x03030006, .name = "NOSEID", .origin = SMC_FB_EITHER, .unused = true,
	.meaning = "the peer sent no system EID",
	.causes = LINES(
		OTHER_STACK "; Linux treats a proposal without system EID under NOUEID",
		"Vendor documentation (Alibaba Cloud Linux) lists it as reserved and unused"),
	.remedies = LINES(
		"`smcd seid show` and `smcd ueid show` on both hosts",
		"If the peer sent it, look the code up in the peer stack's documentation"),
},
{
	.code = 0x03030007, .name = "NOSMCD2DEV", .origin = SMC_FB_EITHER,
	.meaning = "no SMC-Dv2 device here matches the peer's",
	.causes = LINES(
		"Server: the client offered SMC-Dv2, but none of this host's v2 ISM devices "
		"matches the client's GIDs and CHIDs: the hosts do not share an ISM network "
		"(loopback-ism matches only its own host)"),
	.remedies = LINES(
		"`smcd device` and `smcd linkgroup -d` (GID, CHID) on both hosts",
		"Use SMC-R between different machines"),
},
{
	.code = 0x03030008, .name = "NOUEID", .origin = SMC_FB_EITHER,
	.meaning = "the peer's SMCv2 proposal carried no Enterprise ID",
	.causes = LINES(
		"Server: the client offered SMC-Rv2 without a user EID, or SMC-Dv2 with neither "
		"a user EID nor a system EID",
		"Typical on x86 with loopback-ism: there is no system EID, so a user EID is "
		"required",
		"Both hosts with EIDs but none in common is reported as NOSMCDEV or NOSMCDDEV"),
	.remedies = LINES(
		"`smcd ueid show` on both hosts; add the same one on both: `smcd ueid add EID`",
		"`smcd seid show` for the system EID"),
},
{
	.code = 0x03030009, .name = "RELEASEERR", .origin = SMC_FB_EITHER,
	.meaning = "the SMCv2 release level changed during the handshake",
	.causes = LINES(
		"Server: the client's CONFIRM names another SMCv2 release (2.0 or 2.1) than the "
		"one agreed in PROPOSAL and ACCEPT; a peer implementation error"),
	.remedies = LINES(
		"Compare `smcr info` (SMC version) on both hosts",
		"Update the peer's SMC stack"),
},
{
	.code = 0x0303000a, .name = "MAXCONNERR", .origin = SMC_FB_EITHER,
	.meaning = "SMC-Rv2.1: no acceptable connections-per-link-group limit",
	.causes = LINES(
		"Server: the smaller of the client's offer and `net.smc.smcr_max_conns_per_lgr` "
		"is below 16, or the client's CONFIRM echoes another value",
		"Client: the server's ACCEPT offers fewer than 16",
		"The sysctl's range (16-255) prevents it between Linux hosts: expect a modified "
		"or non-Linux peer"),
	.remedies = LINES(
		"`sysctl net.smc.smcr_max_conns_per_lgr` on both hosts",
		"`smcr linkgroup -d` shows what existing link groups negotiated"),
},
{
	.code = 0x0303000b, .name = "MAXLINKERR", .origin = SMC_FB_EITHER,
	.meaning = "SMC-Rv2.1: no acceptable links-per-link-group limit",
	.causes = LINES(
		"Server: the smaller of the client's offer and `net.smc.smcr_max_links_per_lgr` "
		"is below 1, or the client's CONFIRM echoes another value",
		"Client: the server's ACCEPT offers no link or more than 2",
		"The sysctl's range (1-2) prevents it between Linux hosts: expect a modified or "
		"non-Linux peer"),
	.remedies = LINES(
		"`sysctl net.smc.smcr_max_links_per_lgr` on both hosts",
		"`smcr linkgroup -d` shows what existing link groups negotiated"),
},
{
	.code = 0x0303000c, .name = "VENDOR_FEAT", .origin = SMC_FB_EITHER, .vendor = true,
	.meaning = "Alibaba Cloud Linux: vendor feature negotiation failed",
	.causes = LINES(
		"The vendor features both hosts agreed on changed during the CLC handshake: "
		"`net.smc.experiment_vendor_options` (`net.smc.vendor_exp_options` on kernel "
		"5.10.134-015) was changed while connections were being set up, or the hosts run "
		"different releases",
		"Not a Linux code; out-of-tree patch sets have used the number for other meanings"),
	.remedies = LINES(
		"Compare `uname -r` on both hosts and run the same release",
		"Leave `net.smc.experiment_vendor_options` alone while connections are opened"),
},
{
	.code = 0x03040000, .name = "MODEUNSUPP", .origin = SMC_FB_EITHER,
	.meaning = "the server chose an SMC mode the client had not offered",
	.causes = LINES(
		"Client: the server's ACCEPT picked SMC-R or SMC-D (v1 or v2) which the client's "
		"proposal did not indicate; an incompatible peer implementation"),
	.remedies = LINES(
		"Compare `smcr info` and `smcd info` on both hosts",
		"`smcss -a -d` on the server shows its side"),
},
{
	.code = 0x03050000, .name = "RMBE_EC", .origin = SMC_FB_EITHER,
	.meaning = "the peer wants eyecatchers in RMB elements, which Linux does not use",
	.causes = LINES(
		"SMC-R first contact: the peer's CONFIRM LINK lacks the no-eyecatcher flag",
		"Vendor documentation (Alibaba Cloud Linux) calls the code unused; Linux does set "
		"it, in this one case"),
	.remedies = LINES(
		"Such a peer cannot use SMC-R with Linux; check its SMC configuration"),
},
{
	.code = 0x03060000, .name = "OPTUNSUPP", .origin = SMC_FB_LOCAL,
	.meaning = "the socket uses TCP Fast Open, which SMC does not support",
	.causes = LINES(
		"Before connect() the application set TCP_FASTOPEN, TCP_FASTOPEN_CONNECT, "
		"TCP_FASTOPEN_KEY or TCP_FASTOPEN_NO_COOKIE, or sent with MSG_FASTOPEN; the socket "
		"falls back at once and an SMC peer shows PEERNOSMC",
		"A listening socket set up that way hands its reason to every connection it "
		"accepts",
		"Alibaba Cloud Linux uses it for further unsupported options as well (see "
		"SOCKOPT)"),
	.remedies = LINES(
		"Find the option: `strace -f -e trace=setsockopt,sendto,sendmsg APP`",
		"Do not use Fast Open on SMC sockets. `sysctl net.ipv4.tcp_fastopen` only allows "
		"it (0x1 client, 0x2 server, 0x400 every listener); the fallback comes from the "
		"application's option or flag"),
},
{
	.code = 0x03070000, .name = "DIFFPREFIX", .origin = SMC_FB_EITHER,
	.meaning = "SMCv1: the peers are not in the same IP subnet",
	.causes = LINES(
		"Server: no IP prefix in the client's proposal equals the prefix and prefix length "
		"of the server's interface; SMC-Rv1 and SMC-Dv1 need one subnet",
		"Same subnet, different prefix lengths (e.g. /24 and /16) counts as different"),
	.remedies = LINES(
		"`ip -br addr` on both hosts: same subnet, same prefix length",
		"Use SMCv2, which crosses subnets (RoCE v2 or ISMv2): " CHECK_UEID),
},
{
	.code = 0x03080000, .name = "GETVLANERR", .origin = SMC_FB_EITHER,
	.meaning = "could not determine the VLAN of the connection's interface",
	.causes = LINES(
		"Server: the accepted TCP socket had no cached route or device any more (route "
		"or interface changed during the handshake)",
		"A client in the same situation proposes SMCv2 only instead of falling back"),
	.remedies = LINES(
		"`ip route get CLIENT_IP` on the server, `ip -d link show IFACE` for the VLAN",
		"Watch for route changes: `ip monitor route`"),
},
{
	.code = 0x03090000, .name = "ISMVLANERR", .origin = SMC_FB_EITHER,
	.meaning = "the ISM device could not register the connection's VLAN ID",
	.causes = LINES(
		"The TCP connection runs over a VLAN and the ISM device refused the VLAN ID: "
		"the device does not do VLANs, or has no room for another"),
	.remedies = LINES(
		"`ip -d link show IFACE`: is the interface a VLAN?",
		"Use an interface without VLAN for SMC-D, or SMC-R"),
},
{
	.code = 0x030a0000, .name = "NOACTLINK", .origin = SMC_FB_EITHER,
	.meaning = "the link group has no active link for the new connection",
	.causes = LINES(
		"The connection joined an existing SMC-R link group whose links are all down or "
		"not yet up, e.g. right after a RoCE port failure"),
	.remedies = LINES(
		"`smcr linkgroup link-show`: link states",
		CHECK_RDMA_PORTS,
		"Kernel log: `dmesg | grep -i smc`"),
},
{
	.code = 0x030b0000, .name = "NOSRVLINK", .origin = SMC_FB_EITHER,
	.meaning = "the client has no link matching the one the server chose",
	.causes = LINES(
		"Client: joining an existing link group, no link has the QP number and GID (v1: "
		"also the MAC) of the server's ACCEPT; the hosts' views of the link group differ, "
		"e.g. a link was just removed or re-created"),
	.remedies = LINES(
		"`smcr linkgroup link-show` on both hosts: compare peer GIDs and QPs",
		"Transient; if it repeats, look for link flaps: `dmesg | grep -i smc`"),
},
{
	.code = 0x030c0000, .name = "VERSMISMAT", .origin = SMC_FB_EITHER, .unused = true,
	.meaning = "the peers' SMC versions do not match",
	.causes = LINES(
		OTHER_STACK "; Linux negotiates the highest common version, and a mismatch shows "
		"as PEERNOSMC, NOV2EXT or RELEASEERR"),
	.remedies = LINES(
		"Compare `smcr info` (SMC version) on both hosts",
		"If the peer sent it, look the code up in the peer stack's documentation"),
},
{
	.code = 0x030d0000, .name = "MAX_DMB", .origin = SMC_FB_EITHER,
	.meaning = "the ISM device has no free DMB for the connection",
	.causes = LINES(
		"SMC-D: registering the connection's DMB failed with ENOSPC, the device's DMB "
		"table is full (loopback-ism: 5000 DMBs)"),
	.remedies = LINES(
		"`smcd linkgroup` (#Conns) and `smcd stats`",
		"Fewer concurrent SMC-D connections, or more ISM devices"),
},
{
	.code = 0x030e0000, .name = "NOROUTE", .origin = SMC_FB_EITHER,
	.meaning = "SMC-Rv2: no route to the server's RoCE address",
	.causes = LINES(
		"Client, first contact: the server said its RoCE address is not directly "
		"reachable, and the client has no route from its source address to it"),
	.remedies = LINES(
		"`ip route get SERVER_IP from CLIENT_IP` on the client",
		"`smcr device -d` on the server for its GIDs; add the missing route"),
},
{
	.code = 0x030f0000, .name = "NOINDIRECT", .origin = SMC_FB_EITHER,
	.meaning = "SMC-Rv2: server says routed, client reaches it directly",
	.causes = LINES(
		"Client, first contact: the server marked the path as indirect (via a gateway), "
		"but the client's route to the server's RoCE address has no gateway: asymmetric "
		"routing"),
	.remedies = LINES(
		"`ip route get` in both directions; make both direct or both via a gateway"),
},
{
	.code = 0x04000000, .name = "SYNCERR", .origin = SMC_FB_EITHER,
	.meaning = "the peers disagree whether the link group is new (out of sync)",
	.causes = LINES(
		"Client: the server reused an existing link group while the client created a new "
		"one; its DECLINE carries the out-of-sync flag and the server ends that link group"),
	.remedies = LINES(
		"Usually transient after a link group ended on one side only: `smcr linkgroup` "
		"on both hosts",
		"If it repeats: `dmesg | grep -i smc`"),
},
{
	.code = 0x05000000, .name = "PEERDECL", .origin = SMC_FB_PEER,
	.meaning = "the peer declined SMC; its own code says why",
	.causes = LINES(
		"The peer sent a CLC DECLINE; smcss shows 0x05000000/CODE, the second code being "
		"the peer's diagnosis"),
	.remedies = LINES(
		"`smcss -a -d` shows both codes; explain the second one: `smcr explain CODE`",
		"Run that code's checks on the peer host"),
},
{
	.code = 0x09990000, .name = "INTERR", .origin = SMC_FB_EITHER,
	.meaning = "internal error while creating the link group",
	.causes = LINES(
		"Creating the link group failed with an error other than out-of-memory, e.g. "
		"setting up the RDMA link (PD, CQ, QP) or the ISM side"),
	.remedies = LINES(
		"Kernel log: `dmesg | grep -iE 'smc|rdma|mlx|erdma|rxe'`",
		"RDMA resources in use against the limits: `rdma resource show`, "
		"`ibv_devinfo -v` (max_qp, max_cq, max_mr); for Alibaba eRDMA `eadm stat`",
		RUN_SMC_CHK),
},
{
	.code = 0x09990001, .name = "ERR_RTOK", .origin = SMC_FB_EITHER,
	.meaning = "could not store the peer's RDMA token for its buffer",
	.causes = LINES(
		"SMC-R: the link group's table of peer buffers (255) is full, or the peer's "
		"token names a link that is gone"),
	.remedies = LINES(
		"`smcr linkgroup -d`: connections per link group",
		"Cap them: `sysctl net.smc.smcr_max_conns_per_lgr`"),
},
{
	.code = 0x09990002, .name = "ERR_RDYLNK", .origin = SMC_FB_EITHER,
	.meaning = "could not bring the new RDMA link's queue pair to ready",
	.causes = LINES(
		"SMC-R first contact: moving the QP to RTR/RTS failed (GID or path attributes the "
		"device rejects, or a device error)"),
	.remedies = LINES(
		CHECK_RDMA_PORTS,
		"`smcr device -d` for the GID table",
		"Kernel log: `dmesg | grep -iE 'smc|rdma'`"),
},
{
	.code = 0x09990003, .name = "ERR_REGBUF", .origin = SMC_FB_EITHER,
	.meaning = "could not register a connection buffer with the RDMA device",
	.causes = LINES(
		"Registering the RMB (or a virtually contiguous send buffer) as a memory region "
		"failed: the device's limit on the number or size of MRs is reached"),
	.remedies = LINES(
		"`ibv_devinfo -v -d DEV | grep max_mr` against `rdma resource show mr`",
		"Fewer connections or smaller buffers: `sysctl net.smc.rmem net.smc.wmem`"),
},
{
	.code = 0x09990004, .name = "CREDITSERR", .origin = SMC_FB_EITHER, .vendor = true,
	.meaning = "Alibaba Cloud Linux: announcing flow-control credits failed",
	.causes = LINES(
		"The initial credit announcement over the RDMA link could not be sent: RDMA "
		"device or link failure",
		"Not a Linux code"),
	.remedies = LINES(
		CHECK_RDMA_PORTS,
		"For Alibaba eRDMA: `eadm stat`"),
},
};


static int entry_cmp(const void *key, const void *elem)
{
	uint32_t k = *(const uint32_t *)key;
	uint32_t e = ((const struct smc_fallback_entry *)elem)->code;

	return k < e ? -1 : k > e;
}

const struct smc_fallback_entry *smc_fallback_lookup(uint32_t code)
{
	return bsearch(&code, fallback_kb, ARRAY_LEN(fallback_kb), sizeof(fallback_kb[0]),
		       entry_cmp);
}

const struct smc_fallback_entry *smc_fallback_entries(size_t *n)
{
	*n = ARRAY_LEN(fallback_kb);
	return fallback_kb;
}

/*
 * Codes are hexadecimal, in the two forms the tools print: "0x" and 8 digits, or the 8
 * digits alone. Alone, 8 digits that are all decimal and do not start with 0 are refused:
 * 50528256 may be the decimal number JSON output shows for 0x03030000 as well as
 * 0x50528256, and every code Linux defines starts with 0 (its class byte is below 0x10).
 */
static int parse_code_number(const char *text, uint32_t *code)
{
	static const char hex_digits[] = "0123456789abcdefABCDEF";
	bool prefixed = !strncasecmp(text, "0x", 2);
	const char *digits = prefixed ? text + 2 : text;
	uint64_t v;

	if (strlen(digits) != 8 || strspn(digits, hex_digits) != 8)
		return -EINVAL;
	if (!prefixed && digits[0] != '0' && strspn(digits, "0123456789") == 8)
		return -EINVAL;
	if (parse_hex(digits, UINT32_MAX, &v))
		return -EINVAL;
	*code = (uint32_t)v;
	return 0;
}

int smc_fallback_parse(const char *text, uint32_t *code)
{
	static const char prefix[] = "SMC_CLC_DECL_";
	size_t i;

	if (!parse_code_number(text, code))
		return 0;
	if (!strncasecmp(text, "0x", 2))
		return -EINVAL;
	if (!strncasecmp(text, prefix, sizeof(prefix) - 1))
		text += sizeof(prefix) - 1;
	for (i = 0; i < ARRAY_LEN(fallback_kb); i++) {
		if (!strcasecmp(text, fallback_kb[i].name)) {
			*code = fallback_kb[i].code;
			return 0;
		}
	}
	return -EINVAL;
}

const char *smc_fallback_class(uint32_t code)
{
	switch (code >> 24) {
	case 0x01: return "resources";
	case 0x02: return "timeout";
	case 0x03: return "configuration";
	case 0x04: return "synchronization";
	case 0x05: return "peer decline";
	case 0x09: return "internal";
	}
	return "unknown class";
}

const char *smc_fb_origin_name(enum smc_fb_origin origin)
{
	switch (origin) {
	case SMC_FB_LOCAL:	return "local";
	case SMC_FB_PEER:	return "peer";
	case SMC_FB_EITHER:	return "either";
	}
	return "either";
}
