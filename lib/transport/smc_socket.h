/* SPDX-License-Identifier: GPL-2.0 */
/* smc_socket.h - the socket API constants of SMC that glibc 2.36's headers lack
 *
 * Header-only and dependency-free: the tools, the LD_PRELOAD library and the standalone
 * test helpers all take them from here.
 */
#ifndef SMC_SOCKET_H
#define SMC_SOCKET_H

#include <sys/socket.h>

#ifndef AF_SMC
#define AF_SMC		43
#endif
#ifndef IPPROTO_SMC
/* Linux 6.11+: socket(AF_INET[6], SOCK_STREAM, IPPROTO_SMC) is an SMC socket that keeps
 * its address family
 */
#define IPPROTO_SMC	256
#endif
/* The protocol of an AF_SMC socket says which IP version its TCP side uses
 * (include/net/smc.h, not in the UAPI).
 */
#define SMCPROTO_SMC	0
#define SMCPROTO_SMC6	1

#endif
