#!/bin/sh
# Compiles every fixture here into OUTPUT_DIR/NAME.elf (run by the Maven build at
# generate-test-resources). They are x86-64 executables holding nothing but the notes; virtio ones
# are converted to ELF32 like Solo5's virtio images.
set -eu
here=$(dirname "$0")
output=$1
mkdir -p "$output"
for source in "$here"/*.c; do
    name=$(basename "$source" .c)
    gcc -std=c11 -Wall -Werror -O0 -nostdlib -static -no-pie -Wl,--build-id=none \
        -o "$output/$name.elf" "$source"
    case $name in
    virtio-*) objcopy -O elf32-i386 "$output/$name.elf" "$output/$name.elf" ;;
    esac
done
