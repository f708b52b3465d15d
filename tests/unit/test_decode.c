// SPDX-License-Identifier: GPL-2.0
/* test_decode.c - decode tables: complete, unknown values stay NULL */
#include <stdbool.h>
#include <stdlib.h>

#include <linux/smc_diag.h>
#include <rdma/ib_user_ioctl_verbs.h>

#include "decode.h"
#include "fallback_kb.h"
#include "tap.h"

/* Every value of enum smc_state in the kernel's net/smc/smc.h has a name here. */
static void check_states_against_kernel(const char *smc_h)
{
	FILE *f = fopen(smc_h, "r");
	char line[256];
	int seen = 0, missing = 0;
	bool in_enum = false;

	if (!f) {
		printf("ok %d - # SKIP no kernel source at %s\n", ++tap_count, smc_h);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char name[64];
		unsigned int val;

		if (!strncmp(line, "enum smc_state {", 16))
			in_enum = true;
		else if (in_enum && line[0] == '}')
			break;
		else if (in_enum && sscanf(line, " SMC_%63[A-Z0-9_] = %u", name, &val) == 2) {
			seen++;
			if (!smc_state_name((uint8_t)val)) {
				printf("#   kernel state SMC_%s = %u has no name here\n", name, val);
				missing++;
			}
		}
	}
	fclose(f);
	ok(seen > 0 && missing == 0, "every enum smc_state value of %s has a name (%d)", smc_h,
	   seen);
}

int main(void)
{
	/* driver names by the UAPI's own enum values (the host's header may lack newer
	 * ones, such as MANA: those are checked by number)
	 */
	is_str(smc_rdma_driver_name(RDMA_DRIVER_RXE), "rxe", "rxe by enum rdma_driver_id");
	is_str(smc_rdma_driver_name(RDMA_DRIVER_MLX5), "mlx5", "mlx5");
	is_str(smc_rdma_driver_name(RDMA_DRIVER_IRDMA), "irdma", "irdma (was i40iw)");
	is_str(smc_rdma_driver_name(RDMA_DRIVER_SIW), "siw", "siw");
	is_str(smc_rdma_driver_name(RDMA_DRIVER_ERDMA), "erdma", "erdma");
	is_str(smc_rdma_driver_name(RDMA_DRIVER_ERDMA + 1), "mana", "mana, after erdma (6.2+)");
	ok(smc_rdma_driver_name(RDMA_DRIVER_UNKNOWN) == NULL, "RDMA_DRIVER_UNKNOWN: no name");
	ok(smc_rdma_driver_name(999) == NULL, "an id this version does not know: no name");

	/* the fallback codes themselves are tested in test_fallback_kb.c */
	is_str(smc_fallback_name(0x03010000), "PEERNOSMC", "PEERNOSMC by code");
	is_str(smc_fallback_desc(0x05000000), smc_fallback_lookup(0x05000000)->meaning,
	       "description comes from the knowledge base");
	ok(smc_fallback_name(0x03030010) == NULL, "unknown code gives NULL");
	ok(smc_fallback_name(0) == NULL, "code 0 is no reason");
	ok(smc_fallback_desc(0x7fffffff) == NULL, "unknown code has no description");

	is_str(smc_state_name(1), "ACTIVE", "state 1");
	is_str(smc_state_name(24), "APPFINCLOSEWAIT1", "state 24 spelled as smc-tools does");
	ok(smc_state_name(5) == NULL, "unknown state gives NULL");
	is_str(smc_mode_name(SMC_DIAG_MODE_SMCR), "SMCR", "mode SMCR");
	is_str(smc_mode_name(SMC_DIAG_MODE_SMCD), "SMCD", "mode SMCD");
	is_str(smc_mode_name(SMC_DIAG_MODE_FALLBACK_TCP), "TCP", "mode fallback");
	ok(smc_mode_name(9) == NULL, "unknown mode gives NULL");

	check_states_against_kernel("build/bench/6.12/smc-lo/src/net/smc/smc.h");
	return tap_done();
}
