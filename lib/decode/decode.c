// SPDX-License-Identifier: GPL-2.0
/* decode.c - table lookups for kernel values that have no UAPI names */

#include <linux/smc_diag.h>

#include "array.h"
#include "decode.h"
#include "decode_tables.h"
#include "fallback_kb.h"

/* by state, every value a u8 can hold (NULL: unknown): asked once per listed socket */
#define STATE_AT(val, name) [val] = name,
static const char *const sock_state_names[256] = {
	SMC_SOCK_STATES(STATE_AT)
};

const char *smc_state_name(uint8_t state)
{
	return sock_state_names[state];
}

const char *smc_mode_name(uint8_t mode)
{
	switch (mode) {
	case SMC_DIAG_MODE_SMCR:	return "SMCR";
	case SMC_DIAG_MODE_SMCD:	return "SMCD";
	case SMC_DIAG_MODE_FALLBACK_TCP: return "TCP";
	}
	return NULL;
}

/* The names and meanings live in the knowledge base (fallback_kb.c), one table for all. */
const char *smc_fallback_name(uint32_t code)
{
	const struct smc_fallback_entry *e = smc_fallback_lookup(code);

	return e ? e->name : NULL;
}

const char *smc_fallback_desc(uint32_t code)
{
	const struct smc_fallback_entry *e = smc_fallback_lookup(code);

	return e ? e->meaning : NULL;
}

/* Small dense enums: a NULL-padded array indexed by value. */
#define NAME_AT(tbl, v) ((size_t)(v) < ARRAY_LEN(tbl) ? (tbl)[v] : NULL)

const char *smc_lgr_role_name(unsigned int role)
{
	/* enum smc_lgr_role in smc_core.h: SMC_CLNT 0, SMC_SERV 1 */
	static const char *const names[] = { "CLNT", "SERV" };

	return NAME_AT(names, role);
}

const char *smc_lgr_type_name(unsigned int type)
{
	/* enum smc_lgr_type: redundancy of an SMC-R link group */
	static const char *const names[] = { "NONE", "SINGLE", "SYM", "ASYMP", "ASYML" };

	return NAME_AT(names, type);
}

const char *smc_link_state_name(unsigned int state)
{
	static const char *const names[] = {
		"LINK_UNUSED", "LINK_INACTIVE", "LINK_ACTIVATING", "LINK_ACTIVE",
	};

	return NAME_AT(names, state);
}

const char *smc_peer_os_name(unsigned int os)
{
	/* SMC_CLC_OS_* in smc_clc.h */
	static const char *const names[] = { NULL, "ZOS", "LINUX", "AIX" };

	return NAME_AT(names, os);
}

const char *smc_buf_type_name(unsigned int type)
{
	/* enum smcr_buf_type: SMCR_PHYS_CONT_BUFS 0, SMCR_VIRT_CONT_BUFS 1 */
	static const char *const names[] = { "physical", "virtual" };

	return NAME_AT(names, type);
}

/* an SMC-R device port's state: the kernel sends 1 for an active port (smc_ib.c) */
const char *smc_dev_port_state_name(unsigned int state)
{
	return state ? "ACTIVE" : "INACTIVE";
}

const char *smc_pci_device_name(uint16_t device)
{
	switch (device) {
	case 0x1004: return "RoCE_Express";
	case 0x1016: return "RoCE_Express2";
	case 0x101e: return "RoCE_Express3";
	case 0x04ed: return "ISM";
	}
	return NULL;
}

const char *smc_rdma_driver_name(uint32_t driver_id)
{
	/* enum rdma_driver_id (include/uapi/rdma/ib_user_ioctl_verbs.h, Linux 6.12), named
	 * as the kernel modules are; 0 is RDMA_DRIVER_UNKNOWN
	 */
	static const char *const names[] = {
		NULL, "mlx5", "mlx4", "cxgb3", "cxgb4", "mthca", "bnxt_re", "ocrdma", "nes",
		"irdma", "vmw_pvrdma", "qedr", "hns", "usnic", "rxe", "hfi1", "qib", "efa",
		"siw", "erdma", "mana",
	};

	return NAME_AT(names, driver_id);
}
