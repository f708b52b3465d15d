// SPDX-License-Identifier: GPL-2.0
/* smc_metrics - SMC statistics and socket counts in the Prometheus text format, for the
 * node_exporter textfile collector
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/smc.h>

#include "array.h"
#include "cli.h"
#include "err.h"
#include "netns.h"
#include "out.h"
#include "smc_metrics.h"
#include "tool.h"
#include "view_metrics.h"

struct metrics_opts {
	bool		all_netns;	/* -A */
	const char	*output;	/* -o FILE; NULL: stdout */
	struct tool_common_opts	common;		/* -n */
};

static const char usage_text[] =
	"Usage: smc_metrics [OPTIONS]\n"
	"Print SMC statistics and socket counts in the Prometheus text format, for the\n"
	"node_exporter textfile collector.\n"
	"  -o, --output FILE   write FILE atomically (a temporary file, then rename)\n"
	"  -n, --netns NS      the network namespace NS (name, path, PID) instead of ours\n"
	"  -A, --all-netns     ours and every other named one (netns label)\n"
	"  -v, --version       show the version\n"
	"  -h, --help          show this help";

static const struct option long_opts[] = {
	{ "output",	required_argument, NULL, 'o' },
	{ "netns",	required_argument, NULL, 'n' },
	{ "net",	required_argument, NULL, 'n' },
	{ "all-netns",	no_argument,	   NULL, 'A' },
	{ "version",	no_argument,	   NULL, 'v' },
	{ "help",	no_argument,	   NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static enum parse_result parse_opts(int argc, char **argv, void *opts, struct out *help_out)
{
	struct metrics_opts *o = opts;
	int c;

	while ((c = cli_getopt(argc, argv, ":o:n:Avh", long_opts, "smc_metrics --help")) != -1) {
		switch (c) {
		case 'o':
			if (!*optarg) {
				pr_err("--output needs a file name");
				return PARSE_USAGE_ERROR;
			}
			o->output = optarg;
			break;
		case 'A': o->all_netns = true; break;
		default: {
			enum parse_result pr = tool_common_opt(c, 0, &o->common, "smc_metrics",
							       help_out, usage_text);

			if (pr != PARSE_RUN)
				return pr == PARSE_NOT_COMMON ? PARSE_USAGE_ERROR : pr;
		}
		}
	}
	if (optind < argc) {
		pr_err("unexpected argument '%s' (try: smc_metrics --help)", argv[optind]);
		return PARSE_USAGE_ERROR;
	}
	if (o->all_netns && o->common.netns) {
		pr_err("--all-netns and --netns cannot be combined");
		return PARSE_USAGE_ERROR;
	}
	return PARSE_RUN;
}

struct gather {
	struct smc_metrics_ns	*ns;
	size_t			n;
	bool			reported;	/* a failure was said: one line is enough */
	int			rc;		/* EXIT_OK or EXIT_RUNTIME */
};

/* One namespace through @nl (in it already), labelled @label. The first failure is said;
 * those of later namespaces are mostly the same (a module is host-wide) and only show as
 * smc_collect_success 0.
 */
static int gather_one(struct gather *g, struct smc_nl *nl, const char *label)
{
	struct smc_metrics_ns *m = array_push(&g->ns, &g->n, sizeof(*m));
	bool stats;

	if (!m)
		return -ENOMEM;
	snprintf(m->netns, sizeof(m->netns), "%s", label);
	stats = !smc_genl_check(nl, SMC_GENL_GEN, SMC_NETLINK_GET_STATS);
	if (!stats && !g->reported) {
		/* it tells a module not loaded from a kernel without SMC or too old */
		genl_require(nl, SMC_GENL_GEN, SMC_NETLINK_GET_STATS, "SMC statistics");
		g->reported = true;
	}
	smc_metrics_gather(nl, stats, m);
	if (stats && m->stats_rc && !g->reported) {
		pr_err_nl(nl, m->stats_rc, "cannot read the SMC statistics");
		g->reported = true;
	}
	if (m->sockets_rc && !g->reported) {
		tool_report_sock_dump_error(nl, m->sockets_rc);
		g->reported = true;
	}
	if (m->stats_rc || m->sockets_rc)
		g->rc = EXIT_RUNTIME;
	return 0;
}

static int gather_other(const char *name, const char *path, void *arg)
{
	struct smc_nl *nl;
	int rc;

	(void)path;
	if (smc_nl_open(&nl))
		return -ENOMEM;
	rc = gather_one(arg, nl, name);
	smc_nl_close(nl);
	return rc;
}

/* -o: a temporary file beside @path, renamed over it when complete, so that the
 * collector never reads half a file. Return: its stream, or NULL with the error said.
 */
static FILE *open_temp(const char *path, char **tmp)
{
	FILE *fp;
	int fd;

	if (asprintf(tmp, "%s.XXXXXX", path) < 0) {
		*tmp = NULL;
		pr_err("%s", strerror(ENOMEM));
		return NULL;
	}
	fd = mkostemp(*tmp, O_CLOEXEC);
	if (fd < 0) {
		pr_err("cannot create a file beside %s: %s", path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	/* readable by the collector, whatever our umask; mkstemp() makes it 0600 */
	fchmod(fd, 0644);
	fp = fdopen(fd, "w");
	if (!fp) {
		pr_err("%s: %s", *tmp, strerror(errno));
		close(fd);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
	}
	return fp;
}

/* The metrics into @fp (NULL: stdout); with -o, @tmp is renamed over the output when
 * complete, else removed. Return: EXIT_OK or EXIT_RUNTIME with the error said.
 */
static int write_metrics(const struct metrics_opts *o, const struct gather *g, FILE *fp,
			 const char *tmp)
{
	struct out_opts oo = { .fp = fp };
	struct out *out;
	int rc;

	if (out_new(&out, &oo)) {
		pr_err("%s", strerror(ENOMEM));
		rc = EXIT_RUNTIME;
	} else {
		view_metrics(out, g->ns, g->n);
		rc = tool_finish_output(out, EXIT_OK);
	}
	if (!fp)
		return rc;
	if (rc == EXIT_OK && (fflush(fp) || fsync(fileno(fp)))) {
		pr_err("cannot write %s: %s", tmp, strerror(errno));
		rc = EXIT_RUNTIME;
	}
	if (fclose(fp) && rc == EXIT_OK) {
		pr_err("cannot write %s: %s", tmp, strerror(errno));
		rc = EXIT_RUNTIME;
	}
	if (rc == EXIT_OK && rename(tmp, o->output)) {
		pr_err("cannot rename %s to %s: %s", tmp, o->output, strerror(errno));
		rc = EXIT_RUNTIME;
	}
	if (rc != EXIT_OK)
		unlink(tmp);
	return rc;
}

/* Every namespace asked for, into @g. Return: EXIT_OK, or the status of a failure that
 * leaves nothing to write (said already).
 */
static int gather_all(const struct metrics_opts *o, struct gather *g)
{
	struct smc_nl *nl;
	int rc;

	if (smc_nl_open(&nl)) {
		pr_err("%s", strerror(ENOMEM));
		return EXIT_RUNTIME;
	}
	if (o->all_netns && smc_nl_replaying(nl)) {
		pr_err("--all-netns reads this host's namespaces: a replay cannot answer it");
		smc_nl_close(nl);
		return EXIT_USAGE;
	}
	if (o->common.netns) {
		rc = smc_nl_enter_netns(nl, o->common.netns);
		if (rc) {
			pr_err_netns(o->common.netns, rc);
			smc_nl_close(nl);
			return netns_err_is_usage(rc) ? EXIT_USAGE : EXIT_RUNTIME;
		}
	}
	rc = gather_one(g, nl, o->common.netns ? o->common.netns : "");
	smc_nl_close(nl);
	if (!rc && o->all_netns) {
		rc = netns_each_other(gather_other, g);
		if (rc && rc != -ENOMEM) {
			if (!g->reported)
				pr_err("cannot visit the other network namespaces: %s",
				       strerror(-rc));
			g->reported = true;
			g->rc = EXIT_RUNTIME;
			rc = 0;
		}
	}
	if (rc) {
		pr_err("%s", strerror(-rc));
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

static int metrics_run(const struct metrics_opts *o)
{
	struct gather g = { .rc = EXIT_OK };
	char *tmp = NULL;
	FILE *fp = NULL;
	int rc;

	/* the file first: a place we cannot write to is worth no kernel request */
	if (o->output && !(fp = open_temp(o->output, &tmp)))
		return EXIT_RUNTIME;
	rc = gather_all(o, &g);
	if (rc != EXIT_OK) {
		if (fp) {
			fclose(fp);
			unlink(tmp);
		}
	} else {
		/* what could be read is written even when a part failed: smc_collect_success
		 * says which, and the status says that something did
		 */
		rc = write_metrics(o, &g, fp, tmp);
		if (rc == EXIT_OK)
			rc = g.rc;
	}
	free(tmp);
	free(g.ns);
	return rc;
}

int main(int argc, char **argv)
{
	struct metrics_opts opts = { 0 };
	int rc = tool_parse(argc, argv, parse_opts, &opts);

	return rc >= 0 ? rc : metrics_run(&opts);
}
