#!/usr/bin/env bash
# make demo: boot the live-kernel bench and show the tools on real SMC sockets.
# BENCH_KERNEL=6.1 make demo shows Debian 12's own 6.1 kernel instead of 6.12, and
# BENCH_KERNEL=7.3 the bench's own 7.3 (built once, about 13 minutes; tests/vm/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${BENCH_KERNEL:-6.12}" = 7.3 ]; then
	echo "demo: booting the bench's 7.3 kernel under qemu (TCG); the first run downloads and builds it" >&2
else
	echo "demo: booting Debian's ${BENCH_KERNEL:-6.12} kernel under qemu (TCG); the first run downloads it" >&2
fi
exec tests/vm/run tests/demo-guest.sh
