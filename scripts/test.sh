#!/usr/bin/env bash
# The whole test suite on a fresh machine: system prerequisites, then every module's tests. The services set-up
# starts for the suite (a Docker engine, InfluxDB) are stopped when it ends, also on failure or Ctrl-C; those that
# were running before are left running.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/started-services.sh
. scripts/started-services.sh

ALBATROSS_STARTED_SERVICES=$(mktemp)
export ALBATROSS_STARTED_SERVICES
trap 'stop_started_services; rm -f "$ALBATROSS_STARTED_SERVICES"' EXIT
# A signal ends the script through its EXIT trap (bash runs it once Maven, which got the signal too, has ended).
trap 'exit 130' INT
trap 'exit 143' TERM

scripts/setup.sh
mvn -B -ntp verify "$@"
