#!/usr/bin/env bash
# Installs what is missing from the system, non-interactively; safe to run again. Needs root (or sudo) only when
# something is missing.
#   scripts/setup.sh        what the build and the whole test suite need (scripts/test.sh)
#   scripts/setup.sh --run  what the build and the quickstart need (scripts/run.sh): no Docker, no InfluxDB
# The services it starts (Docker, and InfluxDB where installing it starts it) are recorded for the caller to stop
# (started-services.sh; scripts/test.sh stops them when the suite ends).
set -euo pipefail
# shellcheck source=scripts/started-services.sh
. "$(dirname "$0")/started-services.sh"

# command -> Debian package providing it
declare -A wanted=(
  [java]=openjdk-17-jdk-headless
  [mvn]=maven
  [as]=binutils
  [ld]=binutils
  [gcc]=gcc
  [qemu-system-x86_64]=qemu-system-x86
)
tests=true
if [ "${1:-}" = --run ]; then
  tests=false
else
  wanted+=(
    [ip]=iproute2
    [ss]=iproute2
    [systemd-socket-activate]=systemd
    [dockerd]=docker.io
    [influxd]=influxdb
  )
fi

missing=()
for cmd in "${!wanted[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${wanted[$cmd]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  echo "setup: installing $packages" >&2
  # Where systemd runs, installing docker.io or influxdb starts their units: those that were not active before are
  # started for this run.
  units="docker.socket docker.service containerd.service influxdb.service"
  inactive=()
  if [ -d /run/systemd/system ]; then
    for unit in $units; do
      systemctl is-active --quiet "$unit" || inactive+=("$unit")
    done
  fi
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  # shellcheck disable=SC2086
  as_root apt-get install -y -qq --no-install-recommends $packages
  for unit in "${inactive[@]}"; do
    if systemctl is-active --quiet "$unit"; then
      started_service unit "$unit"
    fi
  done
fi

if $tests; then
  # The metrics tests run Debian's influxd in a container (no image can be pulled here): an engine without a bridge
  # or iptables, and a local image holding just influxd and the libraries it links.
  "$(dirname "$0")/influxdb-image.sh" || echo "setup: no Docker engine; the InfluxDB tests run influxd as a process" >&2
fi
