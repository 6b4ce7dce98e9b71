# Sourced by lib/launch.sh for a program that sets CLASS_DATA_DIR: runs it with a class-data archive (CDS) of exactly
# the classes it uses, the JDK's and its own, made once. Class data mapped from an archive is neither parsed nor
# verified again, which is most of a short-lived JVM's start; and one archive of the classes used, in place of the
# JDK's default archive (some 1,300 classes, 400 of them unused by the daemon) and a dynamic one on top, is 2 MiB
# less of the daemon's resident memory (docs/performance.md, "Footprint").
#
# The archive is a static one, made the same way for both programs: a run with -XX:DumpLoadedClassList writes the
# classes it loads, and once it has succeeded, java -Xshare:dump turns that list into the archive. That run is
#   - albatross-client's first use: the command itself (CLASS_DATA_TRAINING unset);
#   - albatrossd's training run, before the daemon starts (CLASS_DATA_TRAINING=true): the daemon over an empty
#     temporary directory with the defaults (below), which exits 0 only once it has answered an info of its own
#     (-Dalbatross.stop-when-ready), so that the classes of a connection and a command are in the archive too.
#     Runs that do not serve (--help, --version, --print-config) use an archive there is, but make none
#     (CLASS_DATA_TRAINING=false).
# A static archive, unlike one written with -XX:ArchiveClassesAtExit, also keeps class files older than Java 6
# (picocli's).
#
# - Its name holds a checksum of what it depends on: this Java (its installation and version), this installation and its JVM
#   options (the file's and JAVA_OPTS; JDK_JAVA_OPTIONS does not count); it is made again when a jar in lib/ or the
#   Java is newer than it (the daemon's training run then removes every such archive of lib/).
# - Written under a name of its own, synced, then renamed: two first uses at once each make a whole archive and the
#   last rename wins; a JVM that has one open keeps reading the file it opened. A truncated archive would crash
#   Java 17 (SIGBUS in the mapping), so none is ever put in place before it is whole on disk; should one appear
#   anyway, deleting it mends it. So every later start trusts the name and asks only whether a jar or the Java is
#   newer, with the shell's own tests, not a program.
# - The JVM maps it only if it matches (-Xshare:auto) and says nothing either way (-Xlog), so a stale, foreign or
#   damaged archive costs the time it saves and prints nothing.
# - If the directory cannot be made or written, or the run or the dump fails, the program runs without one.
# - Class-sharing options of the operator's own (-Xshare, a SharedArchiveFile, a JDK 25 AOT cache) win: none is
#   added then.
# - On a client's first use the shell stays to finish the archive, so signals meant for the command reach it only
#   through the terminal or the process group; a signal sent to the shell's pid alone waits until it has ended.

# shellcheck disable=SC2154 # java, java_home, version, jvm_options, CLASS_PATH, MAIN_CLASS and SLF4J_PROVIDER are lib/launch.sh's
class_data_key="$java_home|$version|$ALBATROSS_HOME|$jvm_options|${JAVA_OPTS:-}"
# cksum is a process, some 8 ms of every start of either program: the archive last made is named, with its key, in
# NAME.key beside it (NAME: CLASS_DATA_NAME, else PROGRAM; the key on its first line, the checksum on its second;
# renamed into place after the archive), and cksum runs only when the key is another.
class_data_name=${CLASS_DATA_NAME:-$PROGRAM}
class_data_sum=""
if [ -r "$CLASS_DATA_DIR/$class_data_name.key" ]; then
  { IFS= read -r class_data_known && IFS= read -r class_data_sum; } <"$CLASS_DATA_DIR/$class_data_name.key"
  [ "${class_data_known:-}" = "$class_data_key" ] || class_data_sum=""
fi
if [ -z "$class_data_sum" ]; then
  class_data_sum=$(printf '%s\n' "$class_data_key" | cksum)
  class_data_sum=${class_data_sum%% *}
fi
class_data_archive="$CLASS_DATA_DIR/$class_data_name-$class_data_sum.jsa"
class_data_quiet="-Xlog:cds=off -Xlog:cds+dynamic=off -Xlog:class+path=off"

# An archive put in place (see above), no older than any jar and the Java (a link is followed).
class_data_fresh() {
  [ -f "$1" ] || return 1
  for jar in "$ALBATROSS_HOME"/lib/*.jar; do
    # shellcheck disable=SC3013 # -nt: not in POSIX, but in every sh this runs on (dash, bash, FreeBSD's sh, ash)
    [ "$jar" -nt "$1" ] && return 1
  done
  # shellcheck disable=SC3013
  [ ! "$java" -nt "$1" ]
}

# The archive from the class list $1, then the list removed.
class_data_dump() {
  set -f
  # shellcheck disable=SC2086 # the options are words, split on purpose
  "$java" $jvm_options ${JAVA_OPTS:-} -Xshare:dump -XX:SharedClassListFile="$1" \
      -XX:SharedArchiveFile="$class_data_archive.$$" -cp "$CLASS_PATH" >/dev/null 2>&1 \
    && { sync "$class_data_archive.$$" 2>/dev/null || :; } \
    && mv -f "$class_data_archive.$$" "$class_data_archive" \
    && printf '%s\n%s\n' "$class_data_key" "$class_data_sum" 2>/dev/null >"$CLASS_DATA_DIR/$class_data_name.key.$$" \
    && mv -f "$CLASS_DATA_DIR/$class_data_name.key.$$" "$CLASS_DATA_DIR/$class_data_name.key"
  set +f
  rm -f "$1" "$class_data_archive.$$" "$CLASS_DATA_DIR/$class_data_name.key.$$"
}

# A user's cache keeps the archives of each kind made in the last 30 days (10-28 MB each): an archive's name changes
# with the installation, the Java and JAVA_OPTS, so every upgrade made one more, kept for good. One that goes while its
# installation is still used is made again by its next command. (By age, not by number: the archives are never touched
# when used, so "the newest N" would have N+1 installations used in turn make theirs again at every command.)
class_data_prune() {
  # The checksum is digits: albatross-client-[0-9]* is not albatross-client-remote-*.
  find "$CLASS_DATA_DIR" -maxdepth 1 -name "$class_data_name-[0-9]*.jsa" -mtime +30 -exec rm -f {} + 2>/dev/null
}

# The daemon's training run: its class list in $1 if it served. Its configuration sets a key of each kind of value to
# its default, so that reading an operator's configuration needs no class outside the archive: one such class is
# looked for in every jar before it on the class path, and each jar opened keeps its index in the heap (1.4 MB,
# Bouncy Castle's 0.7 of it) for the daemon's life.
# Two daemons run over its dbdir: the first creates a unikernel (the test kernel, under a stand-in for QEMU that sleeps)
# and leaves it running; the listed one adopts it as it starts, as a daemon restarted over running unikernels does,
# then destroys it, which saves the state as a first start does. So the classes of a restore are in the archive too:
# some 190, which a start over a saved state would otherwise load from the jars (docs/performance.md, "Session 7").
# Should the first fail, the second starts over what it left, with nothing to adopt or destroy.
class_data_train() {
  training=$(mktemp -d "${TMPDIR:-/tmp}/$PROGRAM-training.XXXXXX") || return 1
  printf '%s\n' '#!/bin/sh' 'exec sleep 60' >"$training/qemu" && chmod 755 "$training/qemu"
  printf '%s\n' 'shutdown = "stop"' '[socket]' 'mode = "0660"' '[adapters.solo5]' 'hvt = true' \
    '[console]' 'ring-lines = 1024' 'disk-size = "1MiB"' '[restart]' 'initial-backoff = "1s"' '[log]' 'level = "info"' \
    >"$training/albatrossd.toml"
  limit=$(command -v timeout >/dev/null && echo "timeout 60")
  set -f
  # shellcheck disable=SC2086 # the options are words, split on purpose
  if $limit "$java" $jvm_options ${JAVA_OPTS:-} -Dalbatross.stop-when-ready=true -Dalbatross.training-create=training \
      -Dslf4j.provider="$SLF4J_PROVIDER" -cp "$CLASS_PATH" "$MAIN_CLASS" --set adapters.qemu.binary="$training/qemu" \
      --config "$training/albatrossd.toml" --dbdir "$training/db" --tmpdir "$training/run" --socket "$training/run/vmmd.sock" \
      --set shutdown=leave >"$training/log" 2>&1; then
    adopted=-Dalbatross.training-destroy=training
  else
    adopted=-Dalbatross.training-destroy=
  fi
  # shellcheck disable=SC2086
  $limit "$java" $jvm_options ${JAVA_OPTS:-} -XX:DumpLoadedClassList="$1" -Dalbatross.stop-when-ready=true "$adopted" \
      -Dslf4j.provider="$SLF4J_PROVIDER" -cp "$CLASS_PATH" "$MAIN_CLASS" --set adapters.qemu.binary="$training/qemu" \
      --config "$training/albatrossd.toml" --dbdir "$training/db" --tmpdir "$training/run" --socket "$training/run/vmmd.sock" \
      >>"$training/log" 2>&1
  status=$?
  set +f
  rm -rf "$training"
  return "$status"
}

case " $jvm_options ${JAVA_OPTS:-} " in
  *" -Xshare:"* | *" -XX:SharedArchiveFile="* | *" -XX:ArchiveClassesAtExit="* | *" -XX:+AutoCreateSharedArchive"* \
    | *" -XX:AOT"*) exec "$java" "$@" ;;
esac

if ! class_data_fresh "$class_data_archive" && [ "${CLASS_DATA_TRAINING:-}" != false ] \
    && mkdir -p "$CLASS_DATA_DIR" 2>/dev/null && [ -w "$CLASS_DATA_DIR" ]; then
  class_data_list="$class_data_archive.$$.classlist"
  if [ "${CLASS_DATA_TRAINING:-}" = true ]; then
    # lib/ holds this installation's archives only: those older than a jar or the Java go.
    for old in "$CLASS_DATA_DIR/$class_data_name"-*.jsa; do
      [ -f "$old" ] && ! class_data_fresh "$old" && rm -f "$old"
    done
    class_data_train "$class_data_list" && class_data_dump "$class_data_list"
    rm -f "$class_data_list"
  else
    # The command runs as a child, its signals deferred here until it has ended (a trap is reset in the child).
    trap 'class_data_interrupted=true' INT TERM HUP
    class_data_interrupted=false
    "$java" -XX:DumpLoadedClassList="$class_data_list" "$@"
    status=$?
    if [ "$status" -eq 0 ] && ! $class_data_interrupted; then
      class_data_dump "$class_data_list"
      class_data_prune
    fi
    rm -f "$class_data_list"
    exit "$status"
  fi
fi

if class_data_fresh "$class_data_archive"; then
  # shellcheck disable=SC2086 # the options are words, split on purpose
  exec "$java" -XX:SharedArchiveFile="$class_data_archive" -Xshare:auto $class_data_quiet "$@"
fi
exec "$java" "$@"
