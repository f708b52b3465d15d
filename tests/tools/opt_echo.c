// SPDX-License-Identifier: GPL-2.0
/* opt_echo - a TCP "server" that echoes the options of every SYN in its SYN-ACK, as the
 * servers and middleboxes do that smc_chk --replay-check looks for
 *
 * usage: opt_echo IFACE ADDR PORT   (IPv4; needs CAP_NET_RAW; prints "ready")
 *
 * It works below the kernel's TCP: ADDR is configured on no interface of its namespace
 * (the sender reaches IFACE through a static neighbour entry), so the kernel drops the
 * SYN silently instead of answering it with a RST, and this program, reading IFACE with a
 * packet socket, answers each SYN to ADDR:PORT with a SYN-ACK that carries the SYN's
 * options. A test tool: it reads whatever arrives and answers only well-formed SYNs.
 */
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static uint32_t sum16(const uint8_t *p, size_t len, uint32_t sum)
{
	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)(p[len - 1] << 8);
	return sum;
}

static uint16_t fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

int main(int argc, char **argv)
{
	struct in_addr addr;
	uint8_t pkt[2048], reply[20 + 60];
	int fd, port, ifindex;

	if (argc != 4 || !(ifindex = (int)if_nametoindex(argv[1])) ||
	    inet_pton(AF_INET, argv[2], &addr) != 1 || (port = atoi(argv[3])) < 1 || port > 65535) {
		fprintf(stderr, "usage: opt_echo IFACE IPV4-ADDR PORT\n");
		return 2;
	}
	fd = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP));
	if (fd < 0) {
		perror("opt_echo: socket");
		return 1;
	}
	{
		struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IP),
					   .sll_ifindex = ifindex };

		if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
			perror("opt_echo: bind");
			return 1;
		}
	}
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		struct sockaddr_ll from;
		socklen_t flen = sizeof(from);
		ssize_t n = recvfrom(fd, pkt, sizeof(pkt), 0, (struct sockaddr *)&from, &flen);
		const struct tcphdr *th;
		struct tcphdr *rh = (struct tcphdr *)(reply + 20);
		size_t ihl, thl, olen;
		uint32_t sum;

		if (n < 20 || (pkt[0] >> 4) != 4 || pkt[9] != IPPROTO_TCP ||
		    from.sll_pkttype == PACKET_OUTGOING)
			continue;
		ihl = (size_t)(pkt[0] & 0x0f) * 4;
		if (ihl < 20 || (size_t)n < ihl + sizeof(*th) || memcmp(pkt + 16, &addr, 4))
			continue;
		th = (const struct tcphdr *)(pkt + ihl);
		thl = (size_t)th->th_off * 4;
		if (ntohs(th->th_dport) != port || (th->th_flags & (TH_SYN | TH_ACK)) != TH_SYN ||
		    thl < sizeof(*th) || thl > 60 || (size_t)n < ihl + thl)
			continue;
		olen = thl - sizeof(*th);
		memset(reply, 0, sizeof(reply));
		/* IPv4 header: from ADDR back to the sender */
		reply[0] = 0x45;
		reply[2] = (uint8_t)((20 + thl) >> 8);
		reply[3] = (uint8_t)(20 + thl);
		reply[6] = 0x40;		/* don't fragment */
		reply[8] = 64;
		reply[9] = IPPROTO_TCP;
		memcpy(reply + 12, &addr, 4);
		memcpy(reply + 16, pkt + 12, 4);
		memcpy(reply + 10, &(uint16_t){ fold(sum16(reply, 20, 0)) }, 2);
		/* TCP: SYN-ACK with the SYN's options, the echo */
		rh->th_sport = th->th_dport;
		rh->th_dport = th->th_sport;
		rh->th_seq = htonl(0x5eed0000u);
		rh->th_ack = htonl(ntohl(th->th_seq) + 1);
		rh->th_flags = TH_SYN | TH_ACK;
		rh->th_win = htons(65535);
		rh->th_off = (uint8_t)(thl / 4);
		memcpy(reply + 20 + sizeof(*rh), pkt + ihl + sizeof(*th), olen);
		sum = sum16(reply + 12, 8, 0) + IPPROTO_TCP + (uint32_t)thl;
		rh->th_sum = fold(sum16(reply + 20, thl, sum));
		if (sendto(fd, reply, 20 + thl, 0, (struct sockaddr *)&from, flen) < 0)
			perror("opt_echo: sendto");
	}
}
