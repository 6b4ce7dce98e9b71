# Sourced by bin/albatrossd and bin/albatross-client once they have set ALBATROSS_HOME, PROGRAM, MAIN_CLASS and
# SLF4J_PROVIDER: finds a Java 17 or later, reads conf/PROGRAM.jvm.options and runs MAIN_CLASS in place of the shell.

fail() {
  echo "$PROGRAM: $*" >&2
  exit 1
}

if [ -n "${JAVA_HOME:-}" ]; then
  java="$JAVA_HOME/bin/java"
  [ -x "$java" ] || fail "JAVA_HOME is $JAVA_HOME, but $java is not an executable: set JAVA_HOME to a Java 17 (or later) installation"
else
  java=$(command -v java) || fail "no java on PATH: install Java 17 or later (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; FreeBSD: pkg install openjdk17) or set JAVA_HOME"
fi

# The feature release: 17 from "17.0.15" or "17", 8 from "1.8.0_392". Read from the installation's release file when
# there is one, which costs no JVM start.
java_version() {
  release="$(dirname "$(dirname "$(readlink -f "$java" 2>/dev/null || echo "$java")")")/release"
  if [ -r "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$release"
  else
    "$java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p'
  fi
}
version=$(java_version)
case $version in
  1.*) feature=$(echo "$version" | cut -d. -f2) ;;
  *) feature=$(echo "$version" | sed 's/[^0-9].*//') ;;
esac
[ -n "$feature" ] || fail "cannot tell the version of $java; Java 17 or later is needed"
[ "$feature" -ge 17 ] || fail "$java is Java $version; Java 17 or later is needed (set JAVA_HOME to one)"

# One option a line; blank lines and lines starting with # are skipped. ALBATROSS_HOME in a line is replaced.
options_file="$ALBATROSS_HOME/conf/$PROGRAM.jvm.options"
jvm_options=""
if [ -r "$options_file" ]; then
  jvm_options=$(sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' -e "s|ALBATROSS_HOME|$ALBATROSS_HOME|g" "$options_file" | tr '\n' ' ')
fi

# shellcheck disable=SC2086 # the options are words, split on purpose
exec "$java" $jvm_options ${JAVA_OPTS:-} \
  -Dslf4j.provider="$SLF4J_PROVIDER" -Dslf4j.internal.verbosity=WARN \
  -Dlogback.configurationFile="$ALBATROSS_HOME/conf/logback.xml" \
  -cp "$ALBATROSS_HOME/lib/*" "$MAIN_CLASS" "$@"
