/* SPDX-License-Identifier: GPL-2.0 */
/* decode_tables.h - names for kernel-internal SMC values (not in the UAPI)
 *
 * Kept as X-macros so the table, its lookups and the unit test's completeness check
 * stay one list. Sorted by value; tests/unit/test_decode.c checks order and uniqueness,
 * and (when the bench has the kernel source) that every SMC_CLC_DECL_* is listed.
 */
#ifndef SMC_DECODE_TABLES_H
#define SMC_DECODE_TABLES_H

/* SMC_CLC_DECL_* from net/smc/smc_clc.h (Linux 6.12; unchanged through 6.18): the reason a
 * connection fell back to TCP, or the diagnosis the peer sent in its CLC DECLINE.
 * X(code, symbolic name, one-line meaning)
 */
#define SMC_FALLBACK_REASONS(X)								\
	X(0x01010000, "MEM",	     "not enough memory for SMC buffers or structures")	\
	X(0x02010000, "TIMEOUT_CL",  "timed out waiting for the RDMA confirm-link message") \
	X(0x02020000, "TIMEOUT_AL",  "timed out waiting for the RDMA add-link message")	\
	X(0x03000000, "CNFERR",	     "configuration error")				\
	X(0x03010000, "PEERNOSMC",   "the peer did not offer SMC in the TCP handshake")	\
	X(0x03020000, "IPSEC",	     "the connection uses IPsec")			\
	X(0x03030000, "NOSMCDEV",    "no usable SMC device (neither SMC-R nor SMC-D)")	\
	X(0x03030001, "NOSMCDDEV",   "no usable SMC-D (ISM) device")			\
	X(0x03030002, "NOSMCRDEV",   "no usable SMC-R (RDMA) device")			\
	X(0x03030003, "NOISM2SUPP",  "the ISM hardware does not support SMC-Dv2")	\
	X(0x03030004, "NOV2EXT",     "the peer sent no SMCv2 extension")		\
	X(0x03030005, "NOV2DEXT",    "the peer sent no SMC-Dv2 extension")		\
	X(0x03030006, "NOSEID",	     "the peer sent no system EID")			\
	X(0x03030007, "NOSMCD2DEV",  "no SMC-Dv2 device, but one is required")		\
	X(0x03030008, "NOUEID",	     "no common user EID with the peer (SMCv2)")	\
	X(0x03030009, "RELEASEERR",  "SMC release version negotiation failed")		\
	X(0x0303000a, "MAXCONNERR",  "max-connections-per-link-group negotiation failed") \
	X(0x0303000b, "MAXLINKERR",  "max-links-per-link-group negotiation failed")	\
	X(0x03040000, "MODEUNSUPP",  "the peers support no common SMC mode (R or D)")	\
	X(0x03050000, "RMBE_EC",     "the peer's RMB element has an eyecatcher")	\
	X(0x03060000, "OPTUNSUPP",   "a socket option SMC does not support (TCP Fast Open)") \
	X(0x03070000, "DIFFPREFIX",  "the peers are not in the same IP subnet")		\
	X(0x03080000, "GETVLANERR",  "could not get the VLAN id of the IP device")	\
	X(0x03090000, "ISMVLANERR",  "could not register the VLAN id on the ISM device") \
	X(0x030a0000, "NOACTLINK",   "no active SMC-R link in the link group")		\
	X(0x030b0000, "NOSRVLINK",   "the SMC-R link the server chose was not found")	\
	X(0x030c0000, "VERSMISMAT",  "the peers' SMC versions do not match")		\
	X(0x030d0000, "MAX_DMB",     "SMC-D DMB limit reached on the ISM device")	\
	X(0x030e0000, "NOROUTE",     "SMC-Rv2: no route to the peer over RoCE")		\
	X(0x030f0000, "NOINDIRECT",  "SMC-Rv2: peers disagree whether the route is direct") \
	X(0x04000000, "SYNCERR",     "synchronization error during the CLC handshake")	\
	X(0x05000000, "PEERDECL",    "the peer declined SMC (see the peer's code)")	\
	X(0x09990000, "INTERR",	     "internal error")					\
	X(0x09990001, "ERR_RTOK",    "handling the peer's RDMA token failed")		\
	X(0x09990002, "ERR_RDYLNK",  "the RDMA link could not be made ready")		\
	X(0x09990003, "ERR_REGBUF",  "registering RDMA buffers failed")

/* enum smc_state from net/smc/smc.h; the names are the ones smc-tools prints (scripts match
 * them), including its "APPFINCLOSEWAIT1" spelling for SMC_APPFINCLOSEWAIT.
 * X(value, name)
 */
#define SMC_SOCK_STATES(X)		\
	X(1,  "ACTIVE")			\
	X(2,  "INIT")			\
	X(7,  "CLOSED")			\
	X(10, "LISTEN")			\
	X(20, "PEERCLOSEWAIT1")		\
	X(21, "PEERCLOSEWAIT2")		\
	X(22, "APPCLOSEWAIT1")		\
	X(23, "APPCLOSEWAIT2")		\
	X(24, "APPFINCLOSEWAIT1")	\
	X(25, "PEERFINCLOSEWAIT")	\
	X(26, "PEERABORTWAIT")		\
	X(27, "PROCESSABORT")

#endif
