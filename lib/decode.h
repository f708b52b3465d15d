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

struct smc_code_name {
	uint32_t	code;
	const char	*name;
	const char	*desc;
};

const char *smc_state_name(uint8_t state);
/* "SMCR", "SMCD" or "TCP" (the words smc-tools prints), NULL if unknown */
const char *smc_mode_name(uint8_t mode);
const char *smc_fallback_name(uint32_t code);
const char *smc_fallback_desc(uint32_t code);

/* The whole fallback table, sorted by code; for tests and "explain all" listings. */
const struct smc_code_name *smc_fallback_table(size_t *n);

#endif
