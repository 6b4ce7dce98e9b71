# Sourced by bin/albatrossd and bin/albatross-client once they have set ALBATROSS_HOME, PROGRAM, MAIN_CLASS and
# SLF4J_PROVIDER: finds a Java 17 or later, reads conf/PROGRAM.jvm.options and runs MAIN_CLASS in place of the shell.
# Optional: CLASS_PATH (default: every jar in lib/), PROGRAM_PROPERTIES (-D options of the launcher's own, after
# JAVA_OPTS), CLASS_DATA_DIR, a directory for PROGRAM's class-data archive (lib/class-data.sh; albatrossd's is lib/,
# below), and CLASS_DATA_NAME, the archive's name where a program keeps one for each kind of run (default PROGRAM).
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
  # /usr/bin/java is a link into the installation, whose release file says its version. Which installation is looked
  # up among the usual places with the shell's own test of "the same file" (-ef, which follows links): a readlink
  # process would cost every start of either program some 8 ms. readlink only if none of them is it.
  real_java=$java
  if [ -h "$java" ]; then
    real_java=""
    for candidate in /usr/lib/jvm/*/bin/java /usr/local/openjdk*/bin/java; do
      # The installation's own directory, not a link to it (Debian's java-1.17.0-openjdk-amd64): one Java has one
      # name whether reached on PATH or through JAVA_HOME, and lib/class-data.sh keys its archive on that name.
      [ -h "${candidate%/bin/java}" ] && continue
      if [ "$java" -ef "$candidate" ]; then
        real_java=$candidate
        break
      fi
    done
    [ -n "$real_java" ] || real_java=$(readlink -f "$java" 2>/dev/null) || real_java=$java
  fi
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

if [ "$PROGRAM" = albatrossd ]; then
  # glibc serves a large allocation from a thread's arena once one of that size has been freed, and never gives an
  # arena's top back to the system (not even malloc_trim): the 16 MiB buffers of one large create stayed resident for
  # the daemon's life. A fixed threshold keeps every allocation of 128 KiB or more in a mapping of its own, unmapped
  # when freed. (Other C libraries ignore the variable.)
  export MALLOC_MMAP_THRESHOLD_=131072
  # What the JVM freed of the C heap below that threshold (the configuration's parsing, class loading, C1's arenas)
  # stays in glibc's arenas, resident, until malloc_trim gives it back: the JVM trims every 10 s (1.1-1.3 MiB of an
  # idle daemon). An option of Java 17.0.11, 21.0.3 and 22 on; an older Java would refuse to start with it.
  case $feature in
    17) trim_since=11 ;;
    18 | 19 | 20) trim_since=never ;;
    21) trim_since=3 ;;
    *) trim_since=0 ;;
  esac
  update=0
  case $version in
    *.*.*) update=${version#*.*.}; update=${update%%[!0-9]*} ;;
  esac
  if [ "$trim_since" != never ] && [ "${update:-0}" -ge "$trim_since" ]; then
    jvm_options="$jvm_options -XX:TrimNativeHeapInterval=10000"
  fi
  # The start's compiles at the lowest priority, nice 19: a start has C1 compile 130 ms (empty dbdir) to 245 ms (100
  # tenders adopted) of CPU, which on two cores took the main and state threads' time. The daemon puts its compiler
  # threads back to nice 0 a tenth of a second after ready (CompilerPriority). HotSpot sets threads' priorities only
  # under -XX:ThreadPriorityPolicy=1, and warns at every start that it is for root, so a daemon of another user goes
  # without. The policy would also raise the threads of Java priorities above the normal 5 (Netty's event loops have
  # 10) to nice -1..-5: those stay at 0, as no thread of the daemon's may outrank a tenant's.
  effective_uid=""
  if [ -r /proc/self/status ]; then
    while read -r field real_uid uid rest; do
      case $field in
        Uid:) effective_uid=$uid; break ;;
      esac
    done </proc/self/status
  fi
  if [ "$effective_uid" = 0 ]; then
    jvm_options="$jvm_options -XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=19"
    for java_priority in 6 7 8 9 10; do
      jvm_options="$jvm_options -XX:JavaPriority${java_priority}_To_OSPriority=0"
    done
  fi
  # The daemon's class-data archive lives in lib/, beside the jars it is made of, made by a training run
  # (lib/class-data.sh); runs that do not serve use an archive there is, but are not worth a training run.
  CLASS_DATA_DIR="$ALBATROSS_HOME/lib"
  case " $* " in
    *" --help "* | *" -h "* | *" --version "* | *" -V "* | *" --print-config "*) CLASS_DATA_TRAINING=false ;;
    *) CLASS_DATA_TRAINING=true ;;
  esac
fi

CLASS_PATH=${CLASS_PATH:-$ALBATROSS_HOME/lib/*}
# The options are split into words on purpose, but not expanded as file names (-Xlog:gc*).
set -f
# shellcheck disable=SC2086
set -- $jvm_options ${JAVA_OPTS:-} ${PROGRAM_PROPERTIES:-} \
  -Dslf4j.provider="$SLF4J_PROVIDER" -Dslf4j.internal.verbosity=WARN \
  -cp "$CLASS_PATH" "$MAIN_CLASS" "$@"
set +f
if [ -n "${CLASS_DATA_DIR:-}" ]; then
  # shellcheck disable=SC1091 # a file of this installation, checked on its own
  . "$ALBATROSS_HOME/lib/class-data.sh"
fi
exec "$java" "$@"
