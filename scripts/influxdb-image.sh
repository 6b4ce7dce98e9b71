#!/usr/bin/env bash
# Starts a Docker engine if none answers, and builds the local image albatross-test/influxdb:1.6 from the host's
# influxd (Debian's InfluxDB 1.6) if it is missing. Idempotent and non-interactive; fails (status 1) within about
# 30 s when no engine can run, so that callers fall back to running influxd as a process. An engine it starts is
# recorded as started for the run (started-services.sh), for scripts/test.sh to stop when the suite ends.
set -euo pipefail
# shellcheck source=scripts/started-services.sh
. "$(dirname "$0")/started-services.sh"

IMAGE=albatross-test/influxdb:1.6

engine_answers() { timeout 5 docker info >/dev/null 2>&1; }

if ! engine_answers; then
  command -v dockerd >/dev/null || { echo "influxdb-image: dockerd is not installed" >&2; exit 1; }
  # An engine that is still stopping holds the pid file: wait for it to go rather than fail to start.
  for _ in $(seq 1 15); do
    pgrep -x dockerd >/dev/null || break
    sleep 1
  done
  # No docker0 and no iptables rules: the containers use the host's network, so no private range is claimed.
  dockerd=$(as_root sh -c 'nohup dockerd --bridge=none --iptables=false >/tmp/albatross-dockerd.log 2>&1 & echo $!')
  started_service pid "$dockerd" dockerd
  deadline=$((SECONDS + 30))
  until engine_answers; do
    if [ $SECONDS -ge $deadline ]; then
      echo "influxdb-image: dockerd did not answer within 30 s; see /tmp/albatross-dockerd.log" >&2
      exit 1
    fi
    sleep 1
  done
fi

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  exit 0
fi

influxd=$(command -v influxd) || { echo "influxdb-image: influxd is not installed" >&2; exit 1; }
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/usr/bin" "$root/etc/influxdb" "$root/var/lib/influxdb" "$root/tmp"
cp "$influxd" "$root/usr/bin/influxd"
# Whatever the dynamic loader says it needs (Debian's build: libc and the loader itself), at the same paths.
for lib in $(ldd "$influxd" | grep -o '/[^ ]*'); do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done
chmod 1777 "$root/tmp" "$root/var/lib/influxdb"
cp "$(dirname "$0")/influxdb.conf" "$root/etc/influxdb/influxdb.conf"
tar -C "$root" -c . | docker import \
  --change 'ENTRYPOINT ["/usr/bin/influxd"]' \
  --change 'CMD ["run", "-config", "/etc/influxdb/influxdb.conf"]' \
  - "$IMAGE" >/dev/null
echo "influxdb-image: built $IMAGE" >&2
