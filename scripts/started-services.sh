# shellcheck shell=bash
# Sourced by setup.sh, influxdb-image.sh and test.sh: the services a run starts are its own to stop, and those that
# were running before it are left alone. When ALBATROSS_STARTED_SERVICES names a file (test.sh makes one), each
# service started for the run is appended to it as "unit NAME" (a systemd unit that installing its package started)
# or "pid PID COMMAND" (a daemon started by hand, such as influxdb-image.sh's dockerd); test.sh stops them all when
# the suite ends. Without the variable (setup.sh run alone) nothing is recorded and what was started keeps running.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo "$@"
  fi
}

# started_service unit NAME | started_service pid PID COMMAND
started_service() {
  if [ -n "${ALBATROSS_STARTED_SERVICES:-}" ]; then
    echo "$*" >>"$ALBATROSS_STARTED_SERVICES"
  fi
}

# Stops what was recorded, the last started first, and forgets it.
stop_started_services() {
  local list=${ALBATROSS_STARTED_SERVICES:-} kind id command
  if [ -z "$list" ] || [ ! -s "$list" ]; then
    return 0
  fi
  tac "$list" | while read -r kind id command; do
    case $kind in
      unit)
        echo "test: stopping $id, started for the suite" >&2
        as_root systemctl stop "$id" || true
        ;;
      pid)
        # Only the process that was started: a pid of an ended daemon may belong to another process by now.
        [ "$(ps -o comm= -p "$id")" = "$command" ] || continue
        echo "test: stopping $command (pid $id), started for the suite" >&2
        as_root kill -TERM "$id" || true
        for _ in $(seq 1 30); do
          ps -p "$id" >/dev/null || break
          sleep 1
        done
        ;;
    esac
  done
  : >"$list"
}
