# The orphan reaper of a test JVM: sh orphan-reaper.sh JVM_PID HOME LOG
#
# Started by OrphanReaper in a session of its own, so that a signal to the JVM's process group (a timeout killing
# Maven) spares it. Waits for the JVM to end, however it ends, then SIGKILLs every process whose command line names
# a directory listed in HOME/watched (one absolute path with a trailing slash per line) and removes every container
# listed in HOME/containers. A process in a session other than the JVM's (a daemon, monitor or script started with
# setsid) loses its whole process group: a VMM that exec'd away from its command line goes with its monitor. What it
# killed is appended to LOG; HOME is removed at the end.
jvm=$1
home=$2
log=$3

# "pid (comm) state ppid pgrp session ...": the fields after the command name, which may hold spaces.
fields_of() {
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    printf '%s\n' "${stat##*) }"
}

jvm_session=$(fields_of "$jvm" | cut -d' ' -f4)
while kill -0 "$jvm" 2>/dev/null; do
    sleep 1
done

# A killed daemon may have been about to start a tender: sweep until a pass finds nothing.
for _pass in 1 2 3 4 5; do
    found=$(grep -l -F -f "$home/watched" /proc/[0-9]*/cmdline 2>/dev/null)
    [ -n "$found" ] || break
    for file in $found; do
        pid=${file#/proc/}
        pid=${pid%/cmdline}
        [ "$pid" != "$$" ] || continue
        # Gone already, with the process group of one killed before it: nothing to say.
        command=$(tr '\0' ' ' <"$file" 2>/dev/null | cut -c1-200)
        [ -n "$command" ] || continue
        fields=$(fields_of "$pid") || continue
        # shellcheck disable=SC2086
        set -- $fields
        printf 'JVM %s ended; killing %s: %s\n' "$jvm" "$pid" "$command" >>"$log"
        if [ -n "$jvm_session" ] && [ "$4" != "$jvm_session" ]; then
            kill -KILL "-$3" 2>/dev/null
        fi
        kill -KILL "$pid" 2>/dev/null
    done
    sleep 1
done

if [ -s "$home/containers" ] && command -v docker >/dev/null 2>&1; then
    while read -r container; do
        if docker container inspect "$container" >/dev/null 2>&1; then
            printf 'JVM %s ended; removing container %s\n' "$jvm" "$container" >>"$log"
            docker rm -f "$container" >/dev/null 2>&1
        fi
    done <"$home/containers"
fi
rm -rf "$home"
