#!/bin/sh
# Assembles and links the test kernel into OUTPUT (run by the Maven build at generate-resources).
set -eu
here=$(dirname "$0")
output=$1
mkdir -p "$(dirname "$output")"
as --32 -o "$output.o" "$here/test-kernel.s"
ld -m elf_i386 -n --build-id=none --no-warn-rwx-segments -T "$here/test-kernel.ld" -o "$output" "$output.o"
rm -f "$output.o"
