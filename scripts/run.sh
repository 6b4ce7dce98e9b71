#!/usr/bin/env bash
# The main job. For now: build the client and show what it offers
# (issue "Operations" turns this into the full quickstart with a local daemon).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mvn -B -ntp -q -DskipTests -pl client -am package
exec java -cp "client/target/classes:$(cat client/target/classpath.txt)" org.albatross.client.AlbatrossClient --help
