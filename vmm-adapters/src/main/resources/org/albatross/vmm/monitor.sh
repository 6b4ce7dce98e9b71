# albatross tender monitor: sh monitor.sh RUN_DIRECTORY TENDER [ARGUMENT...]
#
# Runs the tender detached from the daemon, so that it outlives a daemon restart or crash. The daemon made the
# FIFO RUN_DIRECTORY/console. The monitor holds it open read-write on fd 3, so the tender never gets SIGPIPE while
# no daemon reads; once the pipe buffer is full its console writes block until a daemon reads again.
# This shell forks the monitor and ends at once (the daemon does not keep a child per tender). The monitor writes the
# tender's pid to RUN_DIRECTORY/pid, prints it on standard output and lets go of it: the daemon reads the pid until
# the end of the output. Once the tender ends, the monitor writes its status as `wait` reports it (the exit code, or
# 128 + the signal) to RUN_DIRECTORY/exit. Each file is written by one printf, one write(2) of a whole line: a reader
# takes a file without its newline for one not yet written. Only shell builtins run here, no other program.
directory=$1
shift
(
    exec 3<>"$directory/console" </dev/null
    "$@" >&3 2>&3 3>&- &
    tender=$!
    printf '%s\n' "$tender" >"$directory/pid"
    printf '%s\n' "$tender"
    exec >/dev/null 2>&1
    wait "$tender"
    printf '%s\n' "$?" >"$directory/exit"
) &
