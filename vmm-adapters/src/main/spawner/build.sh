#!/bin/sh
# Compiles the monitor spawner (albatross-spawner.c) into OUTPUT (run by the Maven build at generate-resources): a
# classpath resource, which bin/albatrossd runs from libexec/ and a daemon run from the build's classes from there.
set -eu
here=$(dirname "$0")
output=$1
mkdir -p "$(dirname "$output")"
gcc -std=c11 -O2 -Wall -Wextra -Werror -D_FORTIFY_SOURCE=2 -fstack-protector-strong -o "$output" "$here/albatross-spawner.c"
