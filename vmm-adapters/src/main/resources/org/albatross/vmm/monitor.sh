# albatross tender monitor: sh monitor.sh RUN_DIRECTORY TENDER [ARGUMENT...]
#
# Runs the tender detached from the daemon, so that it outlives a daemon restart or crash. The daemon made the
# FIFO RUN_DIRECTORY/console. This shell holds it open read-write on fd 3, so the tender never gets SIGPIPE while
# no daemon reads; once the pipe buffer is full its console writes block until a daemon reads again.
# Prints the tender's pid on standard output and ends; the monitor goes on in the background. The pid goes through
# a command substitution, so it is printed before this shell ends: Java keeps only what a child printed before it
# ended. RUN_DIRECTORY/pid and RUN_DIRECTORY/exit (the status as `wait` reports it: the exit
# code, or 128 + the signal) are written through a rename, so a reader never sees half a file.
directory=$1
shift
tender=$( (
    exec 3<>"$directory/console" </dev/null
    "$@" >&3 2>&3 3>&- &
    tender=$!
    printf '%s\n' "$tender" >"$directory/pid.tmp" && mv -f "$directory/pid.tmp" "$directory/pid"
    printf '%s\n' "$tender"
    exec >/dev/null 2>&1
    wait "$tender"
    status=$?
    printf '%s\n' "$status" >"$directory/exit.tmp" && mv -f "$directory/exit.tmp" "$directory/exit"
) & )
printf '%s\n' "$tender"
