#!/usr/bin/env bash
# make demo: boot the live-kernel bench and show the tools on real SMC sockets.
# BENCH_KERNEL=6.1 make demo shows Debian 12's own 6.1 kernel instead of 6.12.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "demo: booting Debian's ${BENCH_KERNEL:-6.12} kernel under qemu (TCG); the first run downloads it" >&2
exec tests/vm/run tests/demo-guest.sh
