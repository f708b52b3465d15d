// SPDX-License-Identifier: GPL-2.0
/* view_metrics.c - SMC metrics in the Prometheus text exposition format
 *
 * Every statistics counter has a name (smc_stats_counters(): "smcd.rx.bytes"); the table
 * below turns the shape of that name into a metric family and labels, so a counter a
 * later kernel adds to the table shows up without a line here. Names follow Prometheus'
 * conventions: smc_ prefix, counters end in _total, units in the name (_bytes).
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "array.h"
#include "decode.h"
#include "escape.h"
#include "view_metrics.h"

size_t prom_label_value(char *dst, size_t size, const char *src)
{
	size_t len = 0;

	while (*src) {
		const char *put;
		char one[5];
		uint32_t cp;
		size_t n;
		bool ok = utf8_next(src, &cp, &n);

		if (ok && cp == '\\')
			put = "\\\\";
		else if (ok && cp == '"')
			put = "\\\"";
		else if (ok && cp == '\n')
			put = "\\n";
		else if (!ok || cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			put = "\xef\xbf\xbd";		/* U+FFFD */
		else {
			memcpy(one, src, n);
			one[n] = '\0';
			put = one;
		}
		for (; *put; put++, len++)
			if (len + 1 < size)
				dst[len] = *put;
		src += n;
	}
	if (size)
		dst[len < size ? len : size - 1] = '\0';
	return len;
}

enum family {
	F_CONNECTIONS, F_SPECIAL_CALLS, F_BYTES, F_REQUESTS, F_BUFFER_EVENTS,
	F_BUFFERS_BY_SIZE, F_REQUESTS_BY_SIZE, F_HANDSHAKE_ERRORS, F_FALLBACKS,
	F_FALLBACK_REASONS, F_BUFFER_USAGE, F_SOCKETS, F_COLLECT, F_COUNT
};

static const struct {
	const char	*name;
	const char	*type;
	const char	*help;
} families[F_COUNT] = {
	[F_CONNECTIONS] = { "smc_connections_total", "counter",
		"SMC connections set up, by technology, role and SMC version" },
	[F_SPECIAL_CALLS] = { "smc_special_calls_total", "counter",
		"Socket calls SMC handles specially: cork, nodelay, sendpage, splice, urgent data" },
	[F_BYTES] = { "smc_bytes_total", "counter",
		"Payload bytes received (rx) and sent (tx) over SMC" },
	[F_REQUESTS] = { "smc_requests_total", "counter",
		"Receive (rx) and send (tx) calls on SMC sockets" },
	[F_BUFFER_EVENTS] = { "smc_buffer_events_total", "counter",
		"Buffer events: full, too small, reused, allocated, downgraded; _remote: the peer's buffer" },
	[F_BUFFERS_BY_SIZE] = { "smc_buffers_by_size_total", "counter",
		"Buffers handed out (rx: RMBs or DMBs, tx: send buffers), by size class" },
	[F_REQUESTS_BY_SIZE] = { "smc_requests_by_size_total", "counter",
		"Receive and send calls, by payload size class" },
	[F_HANDSHAKE_ERRORS] = { "smc_handshake_errors_total", "counter",
		"SMC handshakes that failed, by role" },
	[F_FALLBACKS] = { "smc_fallbacks_total", "counter",
		"Connections that fell back to TCP, by role" },
	[F_FALLBACK_REASONS] = { "smc_fallback_reasons_total", "counter",
		"Fallbacks by reason code and name (the kernel counts each in 16 bits: it wraps at 65536)" },
	[F_BUFFER_USAGE] = { "smc_buffer_usage_bytes", "gauge",
		"Bytes of receive (rx) and send (tx) buffers in use now (Linux 6.11+)" },
	[F_SOCKETS] = { "smc_sockets", "gauge",
		"AF_SMC sockets now, by mode (smcr, smcd, tcp: fell back, none: not connected) and state" },
	[F_COLLECT] = { "smc_collect_success", "gauge",
		"1 if smc_metrics could read this part of the namespace's SMC state, else 0" },
};

/* The family and labels of a statistics counter, from the shape of its name */
static bool classify(const char *key, enum family *f, char *labels, size_t size)
{
	char parts[4][32] = { "" };
	int n = sscanf(key, "%31[^.].%31[^.].%31[^.].%31s", parts[0], parts[1], parts[2],
		       parts[3]);
	bool tech = !strcmp(parts[0], "smcd") || !strcmp(parts[0], "smcr");

	if (n == 2 && !tech) {			/* handshake_errors.client, fallbacks.server */
		*f = !strcmp(parts[0], "fallbacks") ? F_FALLBACKS : F_HANDSHAKE_ERRORS;
		snprintf(labels, size, "role=\"%s\"", parts[1]);
		return !strcmp(parts[0], "fallbacks") || !strcmp(parts[0], "handshake_errors");
	}
	if (!tech)
		return false;
	if (n == 2 && (!strncmp(parts[1], "client_v", 8) || !strncmp(parts[1], "server_v", 8))) {
		*f = F_CONNECTIONS;			/* smcd.client_v2 */
		snprintf(labels, size, "technology=\"%s\",role=\"%.*s\",version=\"%s\"",
			 parts[0], (int)(strstr(parts[1], "_v") - parts[1]), parts[1],
			 strstr(parts[1], "_v") + 2);
		return true;
	}
	if (n == 2) {				/* smcd.cork */
		*f = F_SPECIAL_CALLS;
		snprintf(labels, size, "technology=\"%s\",call=\"%s\"", parts[0], parts[1]);
		return true;
	}
	if (n == 3 && (!strcmp(parts[2], "bytes") || !strcmp(parts[2], "requests"))) {
		*f = !strcmp(parts[2], "bytes") ? F_BYTES : F_REQUESTS;
		snprintf(labels, size, "technology=\"%s\",direction=\"%s\"", parts[0], parts[1]);
		return true;
	}
	if (n == 3 && !strncmp(parts[2], "buffer_", 7)) {	/* smcr.tx.buffer_full_remote */
		*f = F_BUFFER_EVENTS;
		snprintf(labels, size, "technology=\"%s\",direction=\"%s\",event=\"%s\"",
			 parts[0], parts[1], parts[2] + 7);
		return true;
	}
	if (n == 4 && (!strcmp(parts[2], "buffer_sizes") || !strcmp(parts[2], "request_sizes"))) {
		*f = !strcmp(parts[2], "buffer_sizes") ? F_BUFFERS_BY_SIZE : F_REQUESTS_BY_SIZE;
		snprintf(labels, size, "technology=\"%s\",direction=\"%s\",size=\"%s\"",
			 parts[0], parts[1], parts[3]);
		return true;
	}
	return false;
}

/* name{netns="..",labels} value; the netns label only for namespaces other than our own */
static void sample(struct out *o, enum family f, const struct smc_metrics_ns *ns,
		   const char *labels, uint64_t v)
{
	char esc[1024], line[2048];
	const char *sep = *labels ? "," : "";

	prom_label_value(esc, sizeof(esc), ns->netns);
	if (ns->netns[0])
		snprintf(line, sizeof(line), "%s{netns=\"%s\"%s%s} %" PRIu64, families[f].name,
			 esc, sep, labels, v);
	else if (*labels)
		snprintf(line, sizeof(line), "%s{%s} %" PRIu64, families[f].name, labels, v);
	else
		snprintf(line, sizeof(line), "%s %" PRIu64, families[f].name, v);
	out_format_line(o, line);
}

static bool tech_sent(const struct smc_stats *st, const char *key)
{
	if (!strncmp(key, "smcd.", 5))
		return st->has & SMC_STATS_HAS_SMCD;
	if (!strncmp(key, "smcr.", 5))
		return st->has & SMC_STATS_HAS_SMCR;
	return true;
}

static void stats_samples(struct out *o, enum family f, const struct smc_metrics_ns *ns,
			  const struct smc_stats_counter *tbl, size_t ntbl)
{
	char labels[256];

	for (size_t i = 0; i < ntbl; i++) {
		enum family kf;

		if (tech_sent(&ns->snap.st, tbl[i].key) &&
		    classify(tbl[i].key, &kf, labels, sizeof(labels)) && kf == f)
			sample(o, f, ns, labels, smc_stats_counter_get(&ns->snap, tbl[i].off));
	}
}

static void reason_samples(struct out *o, const struct smc_metrics_ns *ns)
{
	static const char *const role[] = { "server", "client" };
	const struct smc_fback_side *side[] = { &ns->snap.fb.server, &ns->snap.fb.client };

	for (size_t r = 0; r < 2; r++)
		for (unsigned int i = 0; i < side[r]->n && i < SMC_FBACK_MAX_REASONS; i++) {
			const struct smc_fback_reason *fr = &side[r]->reason[i];
			const char *name = smc_fallback_name(fr->code);
			char labels[128];

			snprintf(labels, sizeof(labels), "role=\"%s\",code=\"0x%08x\",reason=\"%s\"",
				 role[r], fr->code, name ? name : "unknown");
			sample(o, F_FALLBACK_REASONS, ns, labels, fr->count);
		}
}

static void usage_samples(struct out *o, const struct smc_metrics_ns *ns)
{
	static const char *const tech[SMC_STATS_NTECH] = { "smcd", "smcr" };
	static const unsigned int tech_bit[SMC_STATS_NTECH] = { SMC_STATS_HAS_SMCD,
								SMC_STATS_HAS_SMCR };

	for (size_t t = 0; t < SMC_STATS_NTECH; t++) {
		const struct smc_stats_tech *st = &ns->snap.st.tech[t];
		char labels[96];

		if (!(ns->snap.st.has & tech_bit[t]))
			continue;
		snprintf(labels, sizeof(labels), "technology=\"%s\",direction=\"rx\"", tech[t]);
		if (st->has & SMC_STATS_HAS_RX_USAGE)
			sample(o, F_BUFFER_USAGE, ns, labels, st->rx.buf_usage);
		snprintf(labels, sizeof(labels), "technology=\"%s\",direction=\"tx\"", tech[t]);
		if (st->has & SMC_STATS_HAS_TX_USAGE)
			sample(o, F_BUFFER_USAGE, ns, labels, st->tx.buf_usage);
	}
}

static void socket_samples(struct out *o, const struct smc_metrics_ns *ns)
{
	static const char *const mode[SMC_SOCK_NMODE_CLASSES] = {
		[SMC_SOCK_MODE_SMCR] = "smcr", [SMC_SOCK_MODE_SMCD] = "smcd",
		[SMC_SOCK_MODE_TCP] = "tcp", [SMC_SOCK_MODE_NONE] = "none",
		[SMC_SOCK_MODE_OTHER] = "other",
	};

	for (size_t m = 0; m < SMC_SOCK_NMODE_CLASSES; m++)
		for (unsigned int st = 0; st < 256; st++) {
			const char *name = smc_state_name((uint8_t)st);
			char labels[96];

			if (!ns->sockets[m][st])
				continue;
			if (name)
				snprintf(labels, sizeof(labels), "mode=\"%s\",state=\"%s\"", mode[m],
					 name);
			else
				snprintf(labels, sizeof(labels), "mode=\"%s\",state=\"%u\"", mode[m],
					 st);
			sample(o, F_SOCKETS, ns, labels, ns->sockets[m][st]);
		}
}

void view_metrics(struct out *o, const struct smc_metrics_ns *ns, size_t n)
{
	struct smc_stats_counter tbl[SMC_STATS_NCOUNTERS];
	size_t ntbl = smc_stats_counters(tbl);

	for (enum family f = 0; f < F_COUNT; f++) {
		char line[256];

		snprintf(line, sizeof(line), "# HELP %s %s", families[f].name, families[f].help);
		out_format_line(o, line);
		snprintf(line, sizeof(line), "# TYPE %s %s", families[f].name, families[f].type);
		out_format_line(o, line);
		for (size_t i = 0; i < n; i++) {
			if (f == F_COLLECT) {
				sample(o, f, &ns[i], "part=\"statistics\"", !ns[i].stats_rc);
				sample(o, f, &ns[i], "part=\"sockets\"", !ns[i].sockets_rc);
			} else if (f == F_SOCKETS) {
				if (!ns[i].sockets_rc)
					socket_samples(o, &ns[i]);
			} else if (ns[i].stats_rc) {
				continue;
			} else if (f == F_FALLBACK_REASONS) {
				reason_samples(o, &ns[i]);
			} else if (f == F_BUFFER_USAGE) {
				usage_samples(o, &ns[i]);
			} else {
				stats_samples(o, f, &ns[i], tbl, ntbl);
			}
		}
	}
}
