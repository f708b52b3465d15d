// SPDX-License-Identifier: GPL-2.0
/* chk_host.c - smc_chk's reads outside netlink as one recorded fact (smc_chk.h) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "fact_codec.h"
#include "smc_chk.h"

int chk_host_encode(const struct chk_facts *f, const struct chk_host_reads *r, uint8_t **buf,
		    size_t *len)
{
	struct fact_writer w = { 0 };

	fact_put_s32(&w, f->af_smc_rc);
	fact_put_s32(&w, f->ipproto_smc_rc);
	fact_put_s32(&w, f->netns_initial);
	fact_put_s32(&w, f->tfo_rc);
	fact_put_u32(&w, f->tcp_fastopen);
	fact_put_s32(&w, f->sysctl_rc);
	fact_put_u32(&w, (uint32_t)f->nsysctls);
	for (size_t i = 0; i < f->nsysctls; i++) {
		fact_put_str(&w, f->sysctls[i].name);
		fact_put_str(&w, f->sysctls[i].value);
	}
	fact_put_s32(&w, f->foreign_pnet_rc);
	fact_put_u32(&w, (uint32_t)r->nvisits);
	for (size_t i = 0; i < r->nvisits; i++) {
		fact_put_str(&w, r->visits[i].name);
		fact_put_str(&w, r->visits[i].path);
	}
	return fact_writer_finish(&w, buf, len);
}

int chk_host_add_visit(struct chk_host_reads *r, const char *name, const char *path)
{
	struct chk_netns_visit *v;

	if (strlen(name) >= sizeof(v->name) || strlen(path) >= sizeof(v->path))
		return -ENAMETOOLONG;
	v = array_push(&r->visits, &r->nvisits, sizeof(*v));
	if (!v)
		return -ENOMEM;
	snprintf(v->name, sizeof(v->name), "%s", name);
	snprintf(v->path, sizeof(v->path), "%s", path);
	return 0;
}

void chk_host_reads_free(struct chk_host_reads *r)
{
	free(r->visits);
	r->visits = NULL;
	r->nvisits = 0;
}

int chk_host_decode(const void *buf, size_t len, struct chk_facts *f,
		    struct chk_host_reads *r)
{
	struct fact_reader d = fact_reader(buf, len);
	uint32_t n;
	int rc;

	f->af_smc_rc = fact_get_result(&d, 0);
	f->ipproto_smc_rc = fact_get_result(&d, 0);
	f->netns_initial = fact_get_result(&d, 1);
	f->tfo_rc = fact_get_result(&d, 0);
	f->tcp_fastopen = fact_get_u32(&d);
	f->sysctl_rc = fact_get_result(&d, 0);
	n = fact_get_u32(&d);
	/* each entry takes two bytes at least: a count beyond what is left is a lie */
	if (n > d.left / 2)
		d.bad = true;
	for (uint32_t i = 0; !d.bad && i < n; i++) {
		struct chk_sysctl s;

		fact_get_str(&d, s.name, sizeof(s.name));
		fact_get_str(&d, s.value, sizeof(s.value));
		if (!d.bad && (rc = chk_add_sysctl(f, s.name, s.value)))
			return rc;
	}
	f->foreign_pnet_rc = fact_get_result(&d, 0);
	n = fact_get_u32(&d);
	if (n > d.left / 2)
		d.bad = true;
	for (uint32_t i = 0; !d.bad && i < n; i++) {
		struct chk_netns_visit v;

		fact_get_str(&d, v.name, sizeof(v.name));
		fact_get_str(&d, v.path, sizeof(v.path));
		if (!d.bad && (rc = chk_host_add_visit(r, v.name, v.path)))
			return rc;
	}
	return fact_reader_end(&d);
}
