#!/bin/sh
# Compiles libalbatross-sha256 (albatross-sha256.c) into OUTPUT against the JNI headers of the JDK at JAVA_HOME (run by
# the Maven build at generate-resources): a classpath resource, which a daemon run from the build's classes loads from
# there and the distribution ships in lib/native.
set -eu
here=$(dirname "$0")
output=$1
java_home=$2
mkdir -p "$(dirname "$output")"
gcc -std=c11 -O2 -Wall -Wextra -Werror -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIC -shared \
  -fvisibility=hidden -I"$java_home/include" -I"$java_home/include/linux" -o "$output" "$here/albatross-sha256.c" -ldl
