#!/usr/bin/env bash
# The whole test suite on a fresh machine: system prerequisites, then every module's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec mvn -B -ntp verify "$@"
