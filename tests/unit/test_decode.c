// SPDX-License-Identifier: GPL-2.0
/* test_decode.c - decode tables: complete, sorted, unique, unknown values stay NULL */
#include <stdbool.h>
#include <stdlib.h>

#include <linux/smc_diag.h>

#include "decode.h"
#include "tap.h"

/* Optional cross-check against the kernel source the bench builds smc.ko from. */
static void check_against_kernel(const char *clc_h)
{
	FILE *f = fopen(clc_h, "r");
	char line[256];
	int seen = 0, missing = 0;

	if (!f) {
		printf("ok %d - # SKIP no kernel source at %s\n", ++tap_count, clc_h);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char name[64];
		unsigned int code;

		if (sscanf(line, "#define SMC_CLC_DECL_%63s %x", name, &code) != 2)
			continue;
		seen++;
		if (!smc_fallback_name(code) || strcmp(smc_fallback_name(code), name)) {
			printf("#   kernel has SMC_CLC_DECL_%s 0x%08x, table has %s\n", name, code,
			       smc_fallback_name(code) ? smc_fallback_name(code) : "nothing");
			missing++;
		}
	}
	fclose(f);
	ok(seen > 0 && missing == 0, "every SMC_CLC_DECL_* of %s is in the table (%d)", clc_h,
	   seen);
}

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

int main(int argc, char **argv)
{
	size_t n;
	const struct smc_code_name *t = smc_fallback_table(&n);
	int sorted = 1, described = 1;

	ok(n == 36, "36 fallback reason codes (got %zu)", n);
	for (size_t i = 0; i < n; i++) {
		if (i && t[i - 1].code >= t[i].code)
			sorted = 0;
		if (!t[i].name || !t[i].desc || !t[i].desc[0])
			described = 0;
	}
	ok(sorted, "fallback table sorted by code, no duplicates");
	ok(described, "every code has a name and a description");
	for (size_t i = 0; i < n; i++)
		if (smc_fallback_name(t[i].code) != t[i].name)
			ok(0, "lookup finds 0x%08x", t[i].code);
	is_str(smc_fallback_name(0x03010000), "PEERNOSMC", "PEERNOSMC by code");
	is_str(smc_fallback_name(0x03030008), "NOUEID", "NOUEID by code");
	is_str(smc_fallback_name(0x05000000), "PEERDECL", "PEERDECL by code");
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

	check_against_kernel(argc > 1 ? argv[1] : "build/bench/smc-lo/src/net/smc/smc_clc.h");
	check_states_against_kernel("build/bench/smc-lo/src/net/smc/smc.h");
	return tap_done();
}
