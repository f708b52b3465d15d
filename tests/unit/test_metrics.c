// SPDX-License-Identifier: GPL-2.0
/* test_metrics.c - Prometheus label values from hostile names, and the families a
 * namespace whose parts failed still shows
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "view_metrics.h"

static void labels(void)
{
	char buf[64];

	ok(prom_label_value(buf, sizeof(buf), "plain-ns_1") == 10 && !strcmp(buf, "plain-ns_1"),
	   "a plain name passes");
	prom_label_value(buf, sizeof(buf), "a\"b\\c\nd");
	is_str(buf, "a\\\"b\\\\c\\nd", "quote, backslash and line feed are escaped");
	prom_label_value(buf, sizeof(buf), "x\x01\x1b[1m\x7f");
	is_str(buf, "x\xef\xbf\xbd\xef\xbf\xbd[1m\xef\xbf\xbd", "other controls become U+FFFD");
	prom_label_value(buf, sizeof(buf), "\xff\xe2\x82\xac\xc3");
	is_str(buf, "\xef\xbf\xbd\xe2\x82\xac\xef\xbf\xbd", "ill-formed UTF-8 becomes U+FFFD, € stays");
	ok(prom_label_value(buf, 4, "\"\"\"") == 6 && !strcmp(buf, "\\\"\\"),
	   "cut to the buffer, the full length returned");
	ok(prom_label_value(NULL, 0, "ab") == 2, "a length without a buffer");
}

static void failed_parts(void)
{
	struct smc_metrics_ns *ns = calloc(2, sizeof(*ns));
	struct memout m;
	struct out *o;
	struct out_opts oo = { .fp = memout_open(&m) };
	char *text;

	ns[0].stats_rc = -ENOENT;
	ns[0].sockets_rc = -ENOENT;
	strcpy(ns[1].netns, "b\"x");
	ns[1].stats_rc = -ENOENT;
	ns[1].sockets[SMC_SOCK_MODE_SMCD][1] = 3;
	out_new(&o, &oo);
	view_metrics(o, ns, 2);
	out_free(o);
	text = memout_close(&m);
	ok(strstr(text, "\nsmc_collect_success{part=\"statistics\"} 0\n") &&
	   strstr(text, "\nsmc_collect_success{netns=\"b\\\"x\",part=\"sockets\"} 1\n"),
	   "each namespace says which part it could read, its name escaped");
	ok(strstr(text, "\nsmc_sockets{netns=\"b\\\"x\",mode=\"smcd\",state=\"ACTIVE\"} 3\n") &&
	   !strstr(text, "smc_connections_total{"), "no statistics where they failed");
	free(text);
	free(ns);
}

int main(void)
{
	labels();
	failed_parts();
	return tap_done();
}
