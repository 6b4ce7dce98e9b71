# Sourced by lib/launch.sh for a program that sets CLASS_DATA_CACHE: runs it with a class-data archive (CDS) of the
# classes it loads, made on its first use. Class data mapped from an archive is neither parsed nor verified again,
# which is most of a short-lived JVM's start.
#
# The archive is a static one: on first use the command runs with -XX:DumpLoadedClassList, and once it has
# succeeded, java -Xshare:dump turns that list into the archive. A static archive, unlike one written with
# -XX:ArchiveClassesAtExit, keeps class files older than Java 6 (picocli's).
#
# - Its name holds a checksum of what it depends on: this Java (path and version), this installation and its JVM
#   options; it is made again when a jar in lib/ is newer than it.
# - Written under a name of its own, synced, then renamed: two first uses at once each make a whole archive and the
#   last rename wins; a JVM that has one open keeps reading the file it opened. A truncated archive would crash
#   Java 17 (SIGBUS in the mapping), so none is ever put in place before it is whole on disk; should one appear
#   anyway, deleting the cache directory mends it.
# - The JVM maps it only if it matches (-Xshare:auto) and says nothing either way (-Xlog), so a stale, foreign or
#   damaged archive costs the time it saves and prints nothing.
# - If the cache directory cannot be made or written, the command runs without an archive.
# - On first use the shell stays to finish the archive, so signals meant for the command reach it only through the
#   terminal or the process group; a signal sent to the shell's pid alone waits until the command has ended.

# shellcheck disable=SC2154 # java, version and jvm_options are lib/launch.sh's, which sources this file
class_data_key=$(printf '%s\n' "$java" "$version" "$ALBATROSS_HOME" "$jvm_options" | cksum)
class_data_archive="$CLASS_DATA_CACHE/$PROGRAM-${class_data_key%% *}.jsa"
class_data_quiet="-Xlog:cds=off -Xlog:cds+dynamic=off -Xlog:class+path=off"

class_data_fresh=true
for jar in "$ALBATROSS_HOME"/lib/*.jar; do
  # shellcheck disable=SC3013 # -nt: not in POSIX, but in every sh this runs on (dash, bash, FreeBSD's sh, ash)
  if [ ! "$class_data_archive" -nt "$jar" ]; then
    class_data_fresh=false
    break
  fi
done

if $class_data_fresh; then
  # shellcheck disable=SC2086 # the options are words, split on purpose
  exec "$java" -XX:SharedArchiveFile="$class_data_archive" -Xshare:auto $class_data_quiet "$@"
fi

if mkdir -p "$CLASS_DATA_CACHE" 2>/dev/null && [ -w "$CLASS_DATA_CACHE" ]; then
  class_data_list="$class_data_archive.$$.classlist"
  # The command runs as a child, its signals deferred here until it has ended (a trap is reset in the child).
  trap 'class_data_interrupted=true' INT TERM HUP
  class_data_interrupted=false
  "$java" -XX:DumpLoadedClassList="$class_data_list" "$@"
  status=$?
  if [ "$status" -eq 0 ] && ! $class_data_interrupted; then
    set -f
    # shellcheck disable=SC2086 # the options are words, split on purpose
    "$java" $jvm_options -Xshare:dump -XX:SharedClassListFile="$class_data_list" \
        -XX:SharedArchiveFile="$class_data_archive.$$" -cp "$CLASS_PATH" >/dev/null 2>&1 \
      && { sync "$class_data_archive.$$" 2>/dev/null || :; } \
      && mv -f "$class_data_archive.$$" "$class_data_archive"
    set +f
  fi
  rm -f "$class_data_list" "$class_data_archive.$$"
  exit "$status"
fi
