// SPDX-License-Identifier: GPL-2.0
/* smcss - list SMC sockets (AF_SMC sock_diag), compatible with smc-tools' smcss */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "array.h"
#include "cli.h"
#include "decode.h"
#include "err.h"
#include "host_probe.h"
#include "out.h"
#include "parse_num.h"
#include "smc_lgr.h"
#include "sock_filter.h"
#include "sock_owners.h"
#include "sockdiag.h"
#include "tool.h"
#include "view_fallback.h"
#include "view_sock.h"
#include "view_summary.h"

struct smcss_opts {
	bool		all;
	bool		listening;
	bool		debug;
	bool		smcd;
	bool		smcr;
	bool		wide;
	bool		explain;
	bool		summary;
	bool		processes;
	unsigned int	interval_ms;	/* -i; 0: list once */
	char *const	*filter_words;	/* the arguments after the options (FILTER) */
	size_t		n_filter_words;
	struct tool_common_opts	common;		/* -j, -p, -n */
};

static const char usage_text[] =
	"Usage: smcss [OPTIONS] [FILTER]\n"
	"List SMC sockets. Without options: connected sockets (not LISTEN or INIT).\n"
	"  -a, --all         show all sockets, listening and initializing ones too\n"
	"  -l, --listening   show only listening sockets\n"
	"  -d, --debug       show buffers and cursors, and fallback reason names\n"
	"  -D, --smcd        show only SMC-D sockets, with their DMB and GIDs\n"
	"  -R, --smcr        show only SMC-R sockets, with their RDMA link\n"
	"  -W, --wide        do not shorten addresses\n"
	"  -e, --explain     after the list, explain each fallback reason it shows\n"
	"  -s, --summary     totals instead of the list: by state, mode, family, and the\n"
	"                    fallback reasons, most frequent first\n"
	"  -P, --processes   show the processes that hold each socket (from /proc)\n"
	"  -i, --interval SEC  list again every SEC seconds until interrupted; with -j\n"
	"                    one JSON document per line\n"
	"  -n, --netns NS    list the sockets of network namespace NS (name, path, PID)\n"
	"  -j, --json        JSON output (every field)\n"
	"  -p, --pretty      indented JSON output (implies -j)\n"
	"  -v, --version     show the version\n"
	"  -h, --help        show this help\n"
	"\n"
	"FILTER, as in ss(8): [state STATE | exclude STATE]... [EXPRESSION], see smcss(8)\n"
	"Filter terms:\n"
	"  state STATE       only sockets in STATE (repeatable, first; replaces -a and -l)\n"
	"  exclude STATE     every socket but those in STATE (repeatable, first)\n"
	"  src ADDR[/BITS][:PORT]  local address, prefix, port (also :PORT, [IPV6]:PORT)\n"
	"  dst ADDR[/BITS][:PORT]  peer address\n"
	"  sport [OP] PORT   local port; OP: = != < <= > >= (or eq ne lt le gt ge)\n"
	"  dport [OP] PORT   peer port\n"
	"  mode MODE         smcr, smcd, smc (either), tcp (fell back) or none\n"
	"  fallback CODE     a local or peer fallback code or name (smcr explain all)\n"
	"  lgr ID            the link group, as smcr/smcd linkgroup show its id\n"
	"  not TERM          also TERM and TERM, TERM or TERM, ( ... ); and is implied";

static const struct option long_opts[] = {
	{ "all",	no_argument, NULL, 'a' },
	{ "listening",	no_argument, NULL, 'l' },
	{ "debug",	no_argument, NULL, 'd' },
	{ "smcd",	no_argument, NULL, 'D' },
	{ "smcr",	no_argument, NULL, 'R' },
	{ "wide",	no_argument, NULL, 'W' },
	{ "explain",	no_argument, NULL, 'e' },
	{ "summary",	no_argument, NULL, 's' },
	{ "interval",	required_argument, NULL, 'i' },
	{ "processes",	no_argument, NULL, 'P' },
	{ "netns",	required_argument, NULL, 'n' },
	{ "net",	required_argument, NULL, 'n' },
	{ "json",	no_argument, NULL, 'j' },
	{ "pretty",	no_argument, NULL, 'p' },
	{ "version",	no_argument, NULL, 'v' },
	{ "help",	no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* -i: seconds with at most 3 decimals, from 0.1 s (the kernel's dump of 100,000 sockets
 * takes longer) to a day
 */
#define INTERVAL_MIN_MS 100
#define INTERVAL_MAX_MS (24u * 3600 * 1000)

static bool parse_interval(const char *s, unsigned int *ms)
{
	uint64_t v;

	if (parse_dec_scaled(s, 3, INTERVAL_MAX_MS, &v) || v < INTERVAL_MIN_MS) {
		pr_err("invalid interval \"%s\" (seconds, 0.1-86400, at most 3 decimals)", s);
		return false;
	}
	*ms = (unsigned int)v;
	return true;
}

/* the words "state" and "mode" take, from the filter's own tables */
static void help_words(struct out *help_out, const char *label,
		       const char *(*word)(size_t i))
{
	char line[512];
	size_t len = snprintf(line, sizeof(line), "%s", label);

	for (size_t i = 0; word(i) && len < sizeof(line); i++)
		len += snprintf(line + len, sizeof(line) - len, " %s", word(i));
	out_help(help_out, line);
}

static enum parse_result parse_opts(int argc, char **argv, void *opts, struct out *help_out)
{
	struct smcss_opts *o = opts;
	int c;

	while ((c = cli_getopt(argc, argv, ":aldDRWesPi:n:jpvh", long_opts, "smcss --help")) != -1) {
		switch (c) {
		case 'a': o->all = true; break;
		case 'l': o->listening = true; break;
		case 'd': o->debug = true; break;
		case 'D': o->smcd = true; break;
		case 'R': o->smcr = true; break;
		case 'W': o->wide = true; break;
		case 'e': o->explain = true; break;
		case 's': o->summary = true; break;
		case 'P': o->processes = true; break;
		case 'h':
			out_help(help_out, usage_text);
			help_words(help_out, "States:", sock_filter_state_word);
			help_words(help_out, "Modes:", sock_filter_mode_word);
			return PARSE_DONE;
		case 'i':
			if (!parse_interval(optarg, &o->interval_ms))
				return PARSE_USAGE_ERROR;
			break;
		default: {
			enum parse_result pr = tool_common_opt(c, 'p', &o->common, "smcss",
							       help_out, usage_text);

			if (pr != PARSE_RUN)
				return pr == PARSE_NOT_COMMON ? PARSE_USAGE_ERROR : pr;
		}
		}
	}
	o->filter_words = argv + optind;	/* compiled by smcss_run() */
	o->n_filter_words = (size_t)(argc - optind);
	/* the same combinations smc-tools refuses, for the same reasons */
	if (o->smcd && o->smcr) {
		pr_err("--smcd and --smcr cannot be combined");
		return PARSE_USAGE_ERROR;
	}
	/* the summary selects sockets as the list would, but shows none of them */
	if (o->summary && (o->debug || o->wide || o->explain || o->processes)) {
		pr_err("--summary cannot be combined with --%s",
		       o->debug ? "debug" : o->wide ? "wide" : o->explain ? "explain" :
		       "processes");
		return PARSE_USAGE_ERROR;
	}
	if (o->interval_ms && o->common.pretty) {
		pr_err("--interval prints one JSON document per line: use --json, not --pretty");
		return PARSE_USAGE_ERROR;
	}
	if (o->listening && (o->all || o->debug || o->smcd || o->smcr)) {
		pr_err("--listening cannot be combined with --%s",
		       o->all ? "all" : o->debug ? "debug" : o->smcd ? "smcd" : "smcr");
		return PARSE_USAGE_ERROR;
	}
	return PARSE_RUN;
}

/* What the options select; the filter's states, if it names any (@filter_states), replace
 * -a and -l.
 */
static bool sock_selected(const struct smcss_opts *o, bool filter_states,
			  const struct smc_sock *s)
{
	if (!filter_states && o->listening)
		return s->state == SMC_SOCK_STATE_LISTEN;
	if (!filter_states && !o->all &&
	    (s->state == SMC_SOCK_STATE_LISTEN || s->state == SMC_SOCK_STATE_INIT))
		return false;
	/* as in smc-tools: the kernel reports mode SMCR for every socket that is neither
	 * SMC-D nor a fallback, unconnected ones included
	 */
	if (o->smcr && s->mode != SMC_DIAG_MODE_SMCR)
		return false;
	if (o->smcd && s->mode != SMC_DIAG_MODE_SMCD)
		return false;
	return true;
}

struct sock_walk {
	const struct smcss_opts		*opts;
	const struct sock_filter	*filter;	/* NULL: none (asked once per socket) */
	bool				filter_states;	/* it selects states */
	struct sock_filter_links	links;		/* SMC-R links, for "lgr" terms */
	const struct view_sock_opts	*view;
	struct out			*out;
	struct smc_nl			*nl;		/* the SMC dump's handle */
	struct smc_nl			*home_nl;	/* -n: one in smcss's own namespace */
	struct fb_tally			reasons;	/* -e: codes of the listed sockets */
	uint64_t			fell_back;	/* -e: listed sockets that fell back */
	struct sock_summary		*summary;	/* -s: the totals, no rows */
	/* TCP endpoints for IPPROTO_SMC sockets, read at the first one (own sockets: the
	 * SMC dump is still being read)
	 */
	bool				tcp_loaded;
	struct smc_nl			*tcp_nl;
	struct smc_tcp_eps		tcp;
};

/* The kernel reports no addresses for IPPROTO_SMC sockets; take them from the TCP
 * socket behind each (see smc_sock_addr_from_tcp()). Without that table they stay "*".
 */
static const struct smc_sock *with_addresses(struct sock_walk *w, const struct smc_sock *s,
					     struct smc_sock *copy)
{
	if (s->addr_known || !s->sport)
		return s;
	if (!w->tcp_loaded) {
		w->tcp_loaded = true;
		if (!smc_nl_open_sibling(&w->tcp_nl, w->nl) && smc_tcp_eps_load(w->tcp_nl, &w->tcp))
			w->tcp.n = 0;
	}
	*copy = *s;
	return smc_sock_addr_from_tcp(&w->tcp, copy) ? copy : s;
}

static int sock_row(const struct smc_sock *s, void *arg)
{
	struct sock_walk *w = arg;
	struct smc_sock copy;

	if (!sock_selected(w->opts, w->filter_states, s))
		return 0;
	s = with_addresses(w, s, &copy);
	if (w->filter && !sock_filter_match(w->filter, s, &w->links))
		return 0;
	if (w->summary)
		return sock_summary_add(w->summary, s);
	view_sock_row(w->out, w->view, s);
	if (w->opts->explain && !out_is_json(w->out)) {
		int rc = fb_tally_add_sock(&w->reasons, &w->fell_back, s);

		if (rc)
			return rc;
	}
	/* a failed write stops the dump: nothing more can be shown */
	return out_error(w->out);
}

/* -e in text: one block per distinct code after the list (JSON has them in each row) */
static void explain_reasons(struct sock_walk *w)
{
	fb_tally_sort(&w->reasons);
	if (!w->fell_back) {
		out_separator(w->out);
		out_note(w->out, "No listed socket fell back to TCP.");
	} else {
		char heading[80];

		snprintf(heading, sizeof(heading), "Fallback reasons (%llu socket%s fell back):",
			 (unsigned long long)w->fell_back, w->fell_back == 1 ? "" : "s");
		out_heading(w->out, heading);
	}
	for (size_t i = 0; i < w->reasons.n; i++)
		view_fallback_entry(w->out, w->reasons.codes[i].code, &w->reasons.codes[i]);
}

static int add_link(const struct smc_lgr *lgr, const struct smc_link *lnk, void *arg)
{
	struct sock_filter_links *links = arg;
	struct sock_filter_link *k = array_push(&links->v, &links->n, sizeof(*k));

	if (!k)
		return -ENOMEM;
	k->lgr_id = lgr->id;
	k->link_id = lnk->id;
	k->ib_port = lnk->ib_port;
	snprintf(k->ib_dev, sizeof(k->ib_dev), "%s", lnk->ib_dev);
	snprintf(k->gid, sizeof(k->gid), "%s", lnk->gid);
	snprintf(k->peer_gid, sizeof(k->peer_gid), "%s", lnk->peer_gid);
	return 0;
}

/*
 * "lgr" terms: the SMC-R links of this moment, which name the link group of a socket's
 * link. The kernel lists a link group in the namespace of its RDMA device, which need not
 * be the sockets' one: with -n, smcss's own namespace is asked too. Without any (no SMC
 * netlink family: Linux < 5.11) such a term matches no SMC-R socket, which is said.
 */
static void load_links(struct sock_walk *w)
{
	int rc = smc_link_dump(w->nl, add_link, &w->links);

	if (!rc && w->home_nl)
		rc = smc_link_dump(w->home_nl, add_link, &w->links);
	if (rc) {
		pr_warn("cannot list SMC-R links (%s): \"lgr\" matches no SMC-R socket",
			strerror(-rc));
		w->links.n = 0;
	}
}

static int ignore_link(const struct smc_lgr *lgr, const struct smc_link *lnk, void *arg)
{
	(void)lgr;
	(void)lnk;
	(void)arg;
	return 0;
}

/* -n with an lgr term: a handle that stays in this namespace. A netlink socket belongs to
 * the namespace it was made in, and the handle makes its socket at the first request:
 * one is sent before the process moves. NULL when not needed or not possible.
 */
static struct smc_nl *open_home_links(const struct smcss_opts *o,
				      const struct sock_filter *filter)
{
	struct smc_nl *home = NULL;

	if (!o->common.netns || !sock_filter_needs_links(filter) || smc_nl_open(&home))
		return NULL;
	if (smc_link_dump(home, ignore_link, NULL)) {
		smc_nl_close(home);
		return NULL;
	}
	return home;
}

/* One listing, or summary, of the sockets as they are now, into @out.
 * Return: EXIT_OK, or EXIT_RUNTIME with the error printed.
 */
static int smcss_show(const struct smcss_opts *o, const struct sock_filter *filter,
		      const struct view_sock_opts *vo_in, unsigned int want, struct smc_nl *nl,
		      struct smc_nl *home_nl, struct out *out)
{
	struct view_sock_opts vo = *vo_in;
	struct sock_walk w = { .opts = o, .filter = filter, .view = &vo, .out = out, .nl = nl,
			       .home_nl = home_nl,
			       .filter_states = sock_filter_selects_states(filter) };
	struct sock_owners owners = { 0 };
	int rc;

	if (sock_filter_needs_links(filter)) {
		load_links(&w);
		/* a socket's SMC-R link is worth asking for only if a link group has links */
		if (w.links.n)
			want |= SMC_SOCK_HAS_LGRINFO;
	}

	/* -P: the processes of this moment, read once for the whole listing. A replay's
	 * sockets are another host's: no process here holds them.
	 */
	if (o->processes && !smc_nl_replaying(nl)) {
		int proc = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (proc >= 0 && !sock_owners_load(proc, &owners))
			vo.owners = &owners;
		else
			pr_warn("cannot read /proc: no processes are shown");
		if (proc >= 0)
			close(proc);
	}

	if (o->summary) {
		/* 4 KiB of counters, not on the stack; the totals are printed whole, once
		 * every socket is counted
		 */
		w.summary = calloc(1, sizeof(*w.summary));
		rc = w.summary ? smc_sock_dump(nl, want, sock_row, &w) : -ENOMEM;
		if (!rc)
			rc = view_sock_summary(out, w.summary);
		if (w.summary)
			sock_summary_free(w.summary);
		free(w.summary);
	} else {
		view_sock_begin(out, &vo);
		rc = smc_sock_dump(nl, want, sock_row, &w);
		if (rc) {
			out_table_abort(out);
		} else {
			view_sock_end(out);
			if (o->explain && !out_is_json(out))
				explain_reasons(&w);
		}
	}
	fb_tally_free(&w.reasons);
	free(w.links.v);
	sock_owners_free(&owners);
	smc_tcp_eps_free(&w.tcp);
	smc_nl_close(w.tcp_nl);
	if (rc && !out_error(out))	/* a write error is tool_finish_output()'s to report */
		tool_report_sock_dump_error(nl, rc);
	else if (!rc && smc_nl_status(nl)->dump_intr)
		pr_warn("the socket list changed while it was read; it may be inconsistent");
	return rc ? EXIT_RUNTIME : EXIT_OK;
}

static struct timespec ms_after(struct timespec t, unsigned int ms)
{
	t.tv_sec += ms / 1000;
	t.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	return t;
}

/*
 * -i: wait until @deadline (CLOCK_MONOTONIC) for one of the signals in @stop, which are
 * blocked: they are taken only here, so a listing is never cut short, and no handler
 * (nor a flag it would set) is needed. Return: true if one came (time to end).
 */
static bool stop_requested(const sigset_t *stop, struct timespec deadline)
{
	for (;;) {
		struct timespec now, left;

		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > deadline.tv_sec ||
		    (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec))
			return false;
		left.tv_sec = deadline.tv_sec - now.tv_sec;
		left.tv_nsec = deadline.tv_nsec - now.tv_nsec;
		if (left.tv_nsec < 0) {
			left.tv_sec--;
			left.tv_nsec += 1000000000L;
		}
		if (sigtimedwait(stop, NULL, &left) >= 0)
			return true;
		if (errno != EINTR && errno != EAGAIN)
			return true;	/* cannot wait: end rather than list in a loop */
	}
}

static int smcss_run(const struct smcss_opts *o)
{
	struct out_opts oo = tool_out_opts(&o->common);
	struct view_sock_opts vo = { .wide = o->wide };
	struct sock_filter *filter;
	struct sock_filter_error err;
	struct smc_nl *nl, *home_nl;
	struct out *out;
	unsigned int want = 0;
	sigset_t stop;
	int rc;

	rc = sock_filter_parse(o->filter_words, o->n_filter_words, &filter, &err);
	if (rc == -EINVAL) {
		pr_err("invalid filter at column %zu: %s (see smcss(8), FILTER)", err.column,
		       err.msg);
		return EXIT_USAGE;
	} else if (rc) {
		pr_err("%s", strerror(-rc));
		return EXIT_RUNTIME;
	}
	want |= sock_filter_wants(filter);

	if (o->debug) {
		vo.groups |= VIEW_SOCK_DEBUG;
		want |= SMC_SOCK_HAS_CONNINFO;
	}
	if (o->smcr) {
		vo.groups |= VIEW_SOCK_SMCR;
		want |= SMC_SOCK_HAS_LGRINFO;
	}
	if (o->explain)
		vo.groups |= VIEW_SOCK_EXPLAIN;
	if (o->processes)
		vo.groups |= VIEW_SOCK_PROCS;
	if (o->smcd) {
		vo.groups |= VIEW_SOCK_SMCD;
		want |= SMC_SOCK_HAS_DMBINFO;
	}
	home_nl = open_home_links(o, filter);
	/* the kernel lists the sockets of the namespace the netlink socket lives in */
	rc = tool_open(o->common.netns, &oo, &nl, &out);
	if (rc) {
		smc_nl_close(home_nl);
		sock_filter_free(filter);
		return rc;
	}
	sigemptyset(&stop);
	if (o->interval_ms) {
		sigaddset(&stop, SIGINT);
		sigaddset(&stop, SIGTERM);
		sigaddset(&stop, SIGHUP);
		sigprocmask(SIG_BLOCK, &stop, NULL);
	}
	for (;;) {
		struct timespec start;

		clock_gettime(CLOCK_MONOTONIC, &start);
		/* each listing is a document of its own: JSON lines with -j */
		rc = tool_finish_output(out, smcss_show(o, filter, &vo, want, nl, home_nl, out));
		if (rc != EXIT_OK || !o->interval_ms ||
		    stop_requested(&stop, ms_after(start, o->interval_ms)))
			break;
		if (out_new(&out, &oo)) {
			pr_err("out of memory");
			rc = EXIT_RUNTIME;
			break;
		}
		out_note(out, "%s", "");	/* text: a blank line between two listings */
	}
	smc_nl_close(nl);
	smc_nl_close(home_nl);
	sock_filter_free(filter);
	return rc;
}

int main(int argc, char **argv)
{
	struct smcss_opts opts = { 0 };
	int rc = tool_parse(argc, argv, parse_opts, &opts);

	return rc >= 0 ? rc : smcss_run(&opts);
}
