#!/usr/bin/env bash
# make demo: boot the live-kernel bench and show the tools on real SMC sockets.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "demo: booting Debian's 6.12 kernel under qemu (TCG); the first run downloads it" >&2
exec tests/vm/run tests/demo-guest.sh
