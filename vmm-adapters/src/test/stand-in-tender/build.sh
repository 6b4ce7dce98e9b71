#!/bin/sh
# Compiles the stand-in solo5-spt into OUTPUT_DIR/solo5-spt (run by the Maven build at
# generate-test-resources, like the Solo5 ELF fixtures).
set -eu
here=$(dirname "$0")
output=$1
mkdir -p "$output"
gcc -std=c11 -Wall -Werror -O2 -o "$output/solo5-spt" "$here/solo5-spt.c"
