#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""metrics-oracle.py - does smc_metrics say what smcd/smcr stats -j and smcss -a -j say?

  metrics-oracle.py METRICS SMCD_STATS_JSON SMCR_STATS_JSON SMCSS_JSON [NETNS]

An oracle for the tests, written apart from the C code: it reads the Prometheus text
(the smc_ samples, of the namespace labelled NETNS, none by default; other
metrics, such as a node_exporter's own, are left out), works out every sample
the JSON outputs imply, and prints each difference; exit 1 if there is one. The
statistics files may be empty (that technology not asked), then only the sockets count.
"""
import collections
import json
import re
import sys

HAVE = {}
# a value as smc_metrics writes it, or as node_exporter passes it on (a float)
SAMPLE = re.compile(r'^([a-z_]+)(?:\{(.*)\})? ([0-9][0-9.e+]*)$')
LABEL = re.compile(r'([a-z_]+)="((?:[^"\\]|\\.)*)"')


def samples(path, netns):
    out = {}
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('#') or not line or not line.startswith('smc_'):
            continue
        m = SAMPLE.match(line)
        if not m:
            sys.exit(f'metrics-oracle: not a sample: {line!r}')
        labels = dict(LABEL.findall(m.group(2) or ''))
        if labels.pop('netns', '') != netns:
            continue
        key = (m.group(1), tuple(sorted(labels.items())))
        if key in out:
            sys.exit(f'metrics-oracle: sample given twice: {line!r}')
        out[key] = int(float(m.group(3))) if not m.group(3).isdigit() else int(m.group(3))
    return out


def want_stats(path, tech, want):
    text = open(path, encoding='utf-8').read().strip()
    if not text:
        return
    st = json.loads(text)

    def put(name, value, **labels):
        want[(name, tuple(sorted(labels.items())))] = value

    c = st['connections']
    for role in ('client', 'server'):
        for v in ('1', '2'):
            put('smc_connections_total', c[f'{role}_v{v}'], technology=tech, role=role,
                version=v)
        put('smc_handshake_errors_total', st['handshake_errors'][role], role=role)
        put('smc_fallbacks_total', st['fallbacks'][role], role=role)
        for r in st['fallbacks'][f'{role}_reasons']:
            put('smc_fallback_reasons_total', r['count'], role=role,
                code='0x%08x' % r['code'], reason=r.get('name', 'unknown'))
    for d in ('rx', 'tx'):
        s = st[d]
        put('smc_bytes_total', s['bytes'], technology=tech, direction=d)
        put('smc_requests_total', s['requests'], technology=tech, direction=d)
        for k, v in s.items():
            if k.startswith('buffer_') and isinstance(v, int) and k != 'buffer_usage':
                put('smc_buffer_events_total', v, technology=tech, direction=d,
                    event=k[len('buffer_'):])
        # a gauge the kernel sends since 6.11: where the metrics have it, it is JSON's
        usage = ('smc_buffer_usage_bytes', (('direction', d), ('technology', tech)))
        if usage in HAVE:
            want[usage] = s['buffer_usage']
        for k, v in s['buffer_sizes'].items():
            put('smc_buffers_by_size_total', v, technology=tech, direction=d, size=k)
        for k, v in s['request_sizes'].items():
            put('smc_requests_by_size_total', v, technology=tech, direction=d, size=k)
    for call in ('cork', 'nodelay', 'sendpage', 'splice', 'urgent_data'):
        put('smc_special_calls_total', st['extras'][call], technology=tech, call=call)


def main():
    metrics, smcd, smcr, socks = sys.argv[1:5]
    netns = sys.argv[5] if len(sys.argv) > 5 else ''
    have = HAVE.update(samples(metrics, netns)) or HAVE
    want = {}
    want_stats(smcd, 'smcd', want)
    want_stats(smcr, 'smcr', want)
    counts = collections.Counter()
    for s in json.load(open(socks, encoding='utf-8')):
        mode = {'SMCR': 'smcr', 'SMCD': 'smcd', 'TCP': 'tcp'}.get(s.get('mode'), 'none')
        counts[(mode, s['state'])] += 1
    for (mode, state), n in counts.items():
        want[('smc_sockets', (('mode', mode), ('state', state)))] = n
    bad = 0
    for key, value in sorted(want.items()):
        if have.get(key) != value:
            print(f'{key}: metrics say {have.get(key)}, JSON says {value}')
            bad += 1
    # every socket sample is one the listing explains
    for key, value in have.items():
        if key[0] == 'smc_sockets' and key not in want:
            print(f'{key}: metrics say {value}, the listing has none')
            bad += 1
    n = sum(1 for k in want if k[0] != 'smc_sockets')
    print(f'metrics-oracle: {len(want) - bad} of {len(want)} samples agree '
          f'({n} statistics, {len(want) - n} socket counts)')
    sys.exit(1 if bad else 0)


main()
