// SPDX-License-Identifier: GPL-2.0
/* test_rnics.c - s390 PNET IDs out of util_string, and reading sysfs without a device */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rnics.h"
#include "tap.h"

/* "NET1" in code page 1047, blank-padded to 16 */
static void ebcdic_id(unsigned char *slot, const unsigned char *id, size_t len)
{
	memset(slot, 0x40, RNIC_PNETID_LEN);
	memcpy(slot, id, len);
}

static void check_util(void)
{
	static const unsigned char net1[] = { 0xd5, 0xc5, 0xe3, 0xf1 };
	static const unsigned char az09[] = { 0xc1, 0xe9, 0x81, 0xa9, 0xf0, 0xf9, 0xc9, 0xd1,
					      0xd9, 0xe2 };
	unsigned char util[RNIC_UTIL_STR_LEN];
	char id[RNIC_PNETID_LEN + 1];

	memset(util, 0, sizeof(util));
	ebcdic_id(util, net1, sizeof(net1));
	ebcdic_id(util + 16, az09, sizeof(az09));
	memset(util + 32, 0xc1, 16);		/* all 16 used: no blank at the end */
	util[48] = 0x4b;			/* '.' in EBCDIC: no PNET ID character */
	rnics_pnetid_from_util(util, sizeof(util), 0, id);
	is_str(id, "NET1", "port 0: NET1, its blanks removed");
	rnics_pnetid_from_util(util, sizeof(util), 1, id);
	is_str(id, "AZaz09IJRS", "letters of each EBCDIC run and digits");
	rnics_pnetid_from_util(util, sizeof(util), 2, id);
	is_str(id, "AAAAAAAAAAAAAAAA", "a full slice of 16");
	rnics_pnetid_from_util(util, sizeof(util), 3, id);
	is_str(id, "?", "a byte no PNET ID character encodes, then NULs: '?'");
	rnics_pnetid_from_util(util, sizeof(util), 4, id);
	is_str(id, "", "a fifth port: none");
	rnics_pnetid_from_util(util, 20, 1, id);
	is_str(id, "", "a slice the attribute does not hold whole: none");
	rnics_pnetid_from_util(util, 0, 0, id);
	is_str(id, "", "no util_string: none");
	memset(util, 0x40, 16);
	rnics_pnetid_from_util(util, sizeof(util), 0, id);
	is_str(id, "", "all blanks: none");
}

static void check_empty_root(void)
{
	char dir[] = "/tmp/test_rnics.XXXXXX";
	struct rnic_list l;

	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return;
	}
	ok(!rnics_load(dir, NULL, true, &l) && l.n == 0 && !l.v, "an empty root: no rows");
	rnics_free(&l);
	ok(rnics_load("/nonexistent/smc-utils", NULL, false, &l) < 0 && l.n == 0,
	   "a root that is not there: -errno, nothing");
	ok(rnics_power(dir, 0x11, 1) == -ENOENT, "no slot: -ENOENT, nothing written");
	rmdir(dir);
}

int main(void)
{
	check_util();
	check_empty_root();
	return tap_done();
}
