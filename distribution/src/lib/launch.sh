# Sourced by bin/albatrossd and bin/albatross-client once they have set ALBATROSS_HOME, PROGRAM, MAIN_CLASS and
# SLF4J_PROVIDER: finds a Java 17 or later, reads conf/PROGRAM.jvm.options and runs MAIN_CLASS in place of the shell.
# Optional: CLASS_PATH (default: every jar in lib/), and CLASS_DATA_CACHE, a directory for a class-data archive of
# PROGRAM made on its first use (lib/class-data.sh). albatrossd keeps an archive of its own in lib/ (below).
#
# Shell built-ins only where a program would otherwise be started: the client runs this for every command, and each
# sed or dirname costs it milliseconds.

fail() {
  echo "$PROGRAM: $*" >&2
  exit 1
}

if [ -n "${JAVA_HOME:-}" ]; then
  java="$JAVA_HOME/bin/java"
  [ -x "$java" ] || fail "JAVA_HOME is $JAVA_HOME, but $java is not an executable: set JAVA_HOME to a Java 17 (or later) installation"
  java_home=$JAVA_HOME
else
  java=""
  saved_ifs=$IFS
  IFS=:
  for directory in $PATH; do
    if [ -x "${directory:-.}/java" ] && [ ! -d "${directory:-.}/java" ]; then
      java="${directory:-.}/java"
      break
    fi
  done
  IFS=$saved_ifs
  [ -n "$java" ] || fail "no java on PATH: install Java 17 or later (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; FreeBSD: pkg install openjdk17) or set JAVA_HOME"
  # /usr/bin/java is a link into the installation, whose release file says its version
  real_java=$(readlink -f "$java" 2>/dev/null) || real_java=$java
  java_home=${real_java%/bin/java}
fi

# The feature release: 17 from "17.0.15" or "17", 8 from "1.8.0_392". Read from the installation's release file when
# there is one, which costs no JVM start.
version=""
if [ -r "$java_home/release" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      JAVA_VERSION=*) version=${line#JAVA_VERSION=\"}; version=${version%%\"*}; break ;;
    esac
  done < "$java_home/release"
else
  version=$("$java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p')
fi
case $version in
  1.*) feature=${version#1.} ;;
  *) feature=$version ;;
esac
feature=${feature%%[!0-9]*}
[ -n "$feature" ] || fail "cannot tell the version of $java; Java 17 or later is needed"
[ "$feature" -ge 17 ] || fail "$java is Java $version; Java 17 or later is needed (set JAVA_HOME to one)"

# One option a line; blank lines and lines starting with # are skipped. ALBATROSS_HOME in a line is replaced.
options_file="$ALBATROSS_HOME/conf/$PROGRAM.jvm.options"
jvm_options=""
if [ -r "$options_file" ]; then
  while read -r line || [ -n "$line" ]; do
    case $line in
      '' | '#'*) continue ;;
    esac
    while :; do
      case $line in
        *ALBATROSS_HOME*) line="${line%%ALBATROSS_HOME*}$ALBATROSS_HOME${line#*ALBATROSS_HOME}" ;;
        *) break ;;
      esac
    done
    jvm_options="$jvm_options $line"
  done < "$options_file"
fi

# The daemon's class-data archive (AppCDS): the classes a daemon loads until it is ready, which every start then maps
# ready-made from the file instead of reading and parsing them. Made on the first start (and after a new jar or Java)
# by a training run: the daemon started over an empty temporary directory with the defaults, stopping once ready, the
# JVM writing the archive as it exits. It lives in lib/ beside the jars it is made of, named after the Java and the
# options (another Java, other options: another archive). The training run writes it under a name of its own, and
# only a whole archive (its magic, 0xf00baba8, is written last) of a run that served (the training run exits 0 only
# after its daemon answered a command) is renamed into place: so every start after it trusts the name and asks only
# whether a jar or the Java is newer, with the shell's own tests, not a program. Where lib/ is not writable, or the
# training run fails, there is none and nothing else changes. Class-sharing options of the operator's own (-Xshare,
# a SharedArchiveFile, a JDK 25 AOT cache) win: the launcher then adds none.
class_archive() {
  train=$1
  case " $jvm_options ${JAVA_OPTS:-} " in
    *" -Xshare:"* | *" -XX:SharedArchiveFile="* | *" -XX:ArchiveClassesAtExit="* | *" -XX:+AutoCreateSharedArchive"* \
      | *" -XX:AOT"*) return ;;
  esac
  lib="$ALBATROSS_HOME/lib"
  key=$(printf '%s %s %s' "$java" "$jvm_options" "${JAVA_OPTS:-}" | cksum)
  archive="$lib/$PROGRAM-${key%% *}.jsa"
  if [ "$train" = train ] && ! fresh_archive "$archive" && [ -w "$lib" ] \
      && training=$(mktemp -d "${TMPDIR:-/tmp}/$PROGRAM-training.XXXXXX"); then
    for old in "$lib/$PROGRAM"-*.jsa "$lib/$PROGRAM"-*.jsa.*; do
      [ -e "$old" ] && ! fresh_archive "$old" && rm -f "$old"
    done
    limit=$(command -v timeout >/dev/null && echo "timeout 60")
    # shellcheck disable=SC2086 # the options are words, split on purpose
    if $limit "$java" $jvm_options ${JAVA_OPTS:-} -XX:ArchiveClassesAtExit="$archive.$$" -Xlog:cds=error \
        -Dalbatross.stop-when-ready=true -Dslf4j.provider="$SLF4J_PROVIDER" -cp "$lib/*" "$MAIN_CLASS" \
        --config /dev/null --dbdir "$training/db" --tmpdir "$training/run" --socket "$training/run/vmmd.sock" \
        >"$training/log" 2>&1 && [ "$(od -An -tx4 -N4 "$archive.$$" 2>/dev/null | tr -d ' ')" = f00baba8 ]; then
      mv -f "$archive.$$" "$archive"
    fi
    rm -rf "$training" "$archive.$$"
  fi
  if fresh_archive "$archive"; then
    echo "-XX:SharedArchiveFile=$archive"
  fi
}

# An archive the training run put in place (see above), no older than any jar and the Java (a link is followed).
fresh_archive() {
  [ -f "$1" ] || return 1
  for jar in "$lib"/*.jar; do
    # shellcheck disable=SC3013 # -nt: not in POSIX, but in every sh this runs on (dash, bash, FreeBSD's sh, ash)
    [ "$jar" -nt "$1" ] && return 1
  done
  # shellcheck disable=SC3013
  [ ! "$java" -nt "$1" ]
}

class_archive_options=""
if [ "$PROGRAM" = albatrossd ]; then
  # glibc serves a large allocation from a thread's arena once one of that size has been freed, and never gives an
  # arena's top back to the system (not even malloc_trim): the 16 MiB buffers of one large create stayed resident for
  # the daemon's life. A fixed threshold keeps every allocation of 128 KiB or more in a mapping of its own, unmapped
  # when freed. (Other C libraries ignore the variable.)
  export MALLOC_MMAP_THRESHOLD_=131072
  case " $* " in
    # Runs that do not serve use an archive there is, but are not worth a training run.
    *" --help "* | *" -h "* | *" --version "* | *" -V "* | *" --print-config "*) class_archive_options=$(class_archive) ;;
    *) class_archive_options=$(class_archive train) ;;
  esac
fi

CLASS_PATH=${CLASS_PATH:-$ALBATROSS_HOME/lib/*}
# The options are split into words on purpose, but not expanded as file names (-Xlog:gc*).
set -f
# shellcheck disable=SC2086
set -- $jvm_options ${JAVA_OPTS:-} $class_archive_options \
  -Dslf4j.provider="$SLF4J_PROVIDER" -Dslf4j.internal.verbosity=WARN \
  -cp "$CLASS_PATH" "$MAIN_CLASS" "$@"
set +f
if [ -n "${CLASS_DATA_CACHE:-}" ]; then
  # shellcheck disable=SC1091 # a file of this installation, checked on its own
  . "$ALBATROSS_HOME/lib/class-data.sh"
fi
exec "$java" "$@"
