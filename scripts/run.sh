#!/usr/bin/env bash
# The quickstart: builds albatrossd and albatross-client (the distribution), then in ./demo/ (kept between runs,
# ignored by git) makes a root CA and the daemon's certificate, writes a configuration (QEMU, the local socket
# demo/run/util/vmmd.sock, the TLS endpoint on 127.0.0.1), starts albatrossd, deploys the demo unikernel "hello"
# (the project's test kernel, with a heartbeat) through the client and follows its console.
# Ctrl-C destroys the unikernel and stops the daemon. See README.md for what to type next, in a second terminal.
#
# Environment: ALBATROSS_DEMO_DIR (default ./demo), ALBATROSS_DEMO_PORT (the TLS port, default 1025).
# ALBATROSS_DIST=DIR runs an already built distribution instead of building one (the integration test does).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd -P)
demo=${ALBATROSS_DEMO_DIR:-$root/demo}
port=${ALBATROSS_DEMO_PORT:-1025}
dist=${ALBATROSS_DIST:-}

say() { echo "albatross demo: $*" >&2; }

if [ -z "$dist" ]; then
  "$root/scripts/setup.sh" --run
  say "building (mvn package, no tests)"
  build=(mvn -B -ntp -q -f "$root/pom.xml" -DskipTests -pl distribution -am package)
  # Offline when every dependency is already in ~/.m2, which saves asking the repositories.
  "${build[@]}" -o >/dev/null 2>&1 || "${build[@]}"
  dist=$(ls -td "$root"/distribution/target/albatross-*/albatross-*/ | head -n 1)
fi
dist=${dist%/}

mkdir -p "$demo/bin" "$demo/pki" "$demo/db" "$demo/run"
demo=$(cd "$demo" && pwd -P)
ln -sfn "$dist/bin/albatrossd" "$demo/bin/albatrossd"
ln -sfn "$dist/bin/albatross-client" "$demo/bin/albatross-client"
ln -sfn "$dist/share/test-kernel.elf" "$demo/test-kernel.elf"
client=("$demo/bin/albatross-client" --socket "$demo/run/util/vmmd.sock")

if [ ! -f "$demo/pki/root.pem" ]; then
  say "making a root CA and the daemon's certificate in $demo/pki"
  "${client[@]}" generate root "$demo/pki" >/dev/null
fi
# The client writes keys 0600 and the daemon refuses a looser one; a demo/ from before that rule has 0644 keys.
chmod 600 "$demo"/pki/*.key
cat > "$demo/albatrossd.toml" <<TOML
# Written by scripts/run.sh on every run.
dbdir = "$demo/db"
tmpdir = "$demo/run"

[tls]
listen = "127.0.0.1:$port"
ca-cert = "$demo/pki/root.pem"
server-cert = "$demo/pki/server.pem"
server-key = "$demo/pki/server.key"
TOML

daemon=""
stop() {
  trap - EXIT INT TERM
  if [ -n "$daemon" ] && kill -0 "$daemon" 2>/dev/null; then
    say "stopping"
    "${client[@]}" destroy hello >/dev/null 2>&1 || true
    kill -TERM "$daemon"
    wait "$daemon" || true
    say "stopped (the daemon's log: $demo/albatrossd.log)"
  fi
}
trap stop EXIT
trap 'exit 130' INT TERM

# Emptied here, not by the redirection, which the background child may do after the wait below has begun.
: >"$demo/albatrossd.log"
# A session of its own keeps the daemon and its unikernels out of the terminal's reach: Ctrl-C interrupts this
# script and the console, and stop() destroys the unikernel and stops the daemon in order.
setsid "$demo/bin/albatrossd" --config "$demo/albatrossd.toml" >>"$demo/albatrossd.log" 2>&1 &
daemon=$!
deadline=$((SECONDS + 60))
until grep -q "albatrossd ready on" "$demo/albatrossd.log"; do
  if ! kill -0 "$daemon" 2>/dev/null; then
    daemon=""
    say "albatrossd did not start:"
    cat "$demo/albatrossd.log" >&2
    exit 1
  fi
  [ $SECONDS -lt $deadline ] || { say "albatrossd is not ready after 60 s; see $demo/albatrossd.log"; exit 1; }
  sleep 0.2
done
say "albatrossd runs in $demo (socket run/util/vmmd.sock, TLS on 127.0.0.1:$port)"

"${client[@]}" create "$demo/test-kernel.elf" --name hello --force --arg heartbeat=1000 >/dev/null
say "unikernel hello created; its console follows. Ctrl-C stops it and the daemon."
"${client[@]}" console hello
