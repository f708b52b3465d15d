/* SPDX-License-Identifier: GPL-2.0 */
/* view_metrics.h - network namespaces' SMC statistics and socket counts in the Prometheus
 * text exposition format (version 0.0.4), for node_exporter's textfile collector
 */
#ifndef SMC_VIEW_METRICS_H
#define SMC_VIEW_METRICS_H

#include <stddef.h>

#include "out.h"
#include "smc_metrics.h"

/**
 * prom_label_value() - @src as a Prometheus label value, as snprintf() would write it
 *
 * Backslash, double quote and line feed are escaped as the format says (\\, \", \n);
 * other control characters and ill-formed UTF-8, which the format has no escape for,
 * become U+FFFD. Return: the length of the whole result (without its NUL).
 */
size_t prom_label_value(char *dst, size_t size, const char *src);

/* Every metric family, each with the samples of all @n namespaces under its one HELP and
 * TYPE line (the format wants a family's samples together).
 */
void view_metrics(struct out *o, const struct smc_metrics_ns *ns, size_t n);

#endif
