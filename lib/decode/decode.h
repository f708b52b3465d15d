/* SPDX-License-Identifier: GPL-2.0 */
/* decode.h - names for SMC states, modes and fallback reason codes
 *
 * Every lookup returns NULL for a value it does not know; callers then print the raw
 * value, so a code added by a newer kernel is never lost.
 */
#ifndef SMC_DECODE_H
#define SMC_DECODE_H

#include <stddef.h>
#include <stdint.h>

/* SMC_SOCK_STATE_* values the tools test for (enum smc_state, net/smc/smc.h) */
enum {
	SMC_SOCK_STATE_ACTIVE = 1,
	SMC_SOCK_STATE_INIT = 2,
	SMC_SOCK_STATE_CLOSED = 7,
	SMC_SOCK_STATE_LISTEN = 10,
};

const char *smc_state_name(uint8_t state);
/* "SMCR", "SMCD" or "TCP" (the words smc-tools prints), NULL if unknown */
const char *smc_mode_name(uint8_t mode);
/* A code's symbolic name and one-line meaning (from fallback_kb.h); NULL if unknown */
const char *smc_fallback_name(uint32_t code);
const char *smc_fallback_desc(uint32_t code);

/* The CHID the kernel gives loopback-ism (SMC_LO_RESERVED_CHID, net/smc/smc_loopback.h,
 * Linux 6.10+); ISM hardware has the CHID of its PCHID, never this one. Since 6.10 the
 * kernel leaves loopback-ism out of the SMC-D device list, so a link group's CHID is
 * the one place the tools can tell that it is in use.
 */
#define SMC_LO_RESERVED_CHID 0xffff

/* Link groups and links (values from net/smc/smc_core.h and smc_clc.h); NULL if unknown */
const char *smc_lgr_role_name(unsigned int role);		/* "CLNT", "SERV" */
const char *smc_lgr_type_name(unsigned int type);		/* "NONE", "SINGLE", "SYM", "ASYMP", "ASYML" */
const char *smc_link_state_name(unsigned int state);	/* "LINK_ACTIVE", ... */
const char *smc_peer_os_name(unsigned int os);		/* "ZOS", "LINUX", "AIX" */
const char *smc_buf_type_name(unsigned int type);		/* "physical", "virtual" */
const char *smc_dev_port_state_name(unsigned int state);	/* "ACTIVE", "INACTIVE" */
/* The kernel module name of an RDMA device's verbs driver ("rxe", "mlx5", "erdma" ...)
 * from its enum rdma_driver_id; NULL if unknown
 */
const char *smc_rdma_driver_name(uint32_t driver_id);
/* IBM's names for its PCI device ids (RoCE Express, ISM); NULL for any other device */
const char *smc_pci_device_name(uint16_t device);

#endif
