/* SPDX-License-Identifier: GPL-2.0 */
/* decode_tables.h - names for kernel-internal SMC values (not in the UAPI)
 *
 * Kept as X-macros so the table, its lookups and the unit test's completeness check
 * stay one list. Sorted by value; tests/unit/test_decode.c checks order and uniqueness.
 * The fallback reason codes (SMC_CLC_DECL_*) are in fallback_kb.c.
 */
#ifndef SMC_DECODE_TABLES_H
#define SMC_DECODE_TABLES_H

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
