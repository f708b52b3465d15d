# tests/helpers/outside-bats.bash - source from a plain script (run from the top of the
# tree) to use the bats helpers: gives them what they expect of bats, then loads smcr.
# shellcheck shell=bash
load() { case $1 in /*) . "$1" ;; *) . "tests/helpers/$(basename "$1").bash" ;; esac; }
bats_require_minimum_version() { :; }
BATS_TEST_DIRNAME=$PWD/tests/live
BATS_TEST_TMPDIR=$(mktemp -d)
load smcr
