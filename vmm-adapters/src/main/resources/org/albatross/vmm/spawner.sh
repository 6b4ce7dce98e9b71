# albatross monitor spawner: sh spawner.sh
#
# Started once by the daemon, in a session of its own (setsid), so that the monitors it forks and their tenders
# outlive a daemon restart or crash. For each line it reads - a run directory - it forks a monitor for the tender that
# RUN_DIRECTORY/tender describes (a fragment the daemon wrote: `export NAME=VALUE` lines, then `set -- TENDER ARG...`).
# Each monitor is forked from a subshell that ends at once, so that it is an orphan from its start: init (or the
# nearest subreaper) reaps it when it ends, and no ended monitor lingers as this shell's zombie. It ends when the
# daemon closes its input (the daemon stopped or died); the monitors it started go on. So a create costs three forks
# (the subshell, the monitor, the tender) and the tender's exec, no other program.
#
# A monitor holds the FIFO RUN_DIRECTORY/console open read-write on fd 3, so the tender never gets SIGPIPE while no
# daemon reads; once the pipe buffer is full its console writes block until a daemon reads again. It writes the
# tender's pid to RUN_DIRECTORY/pid, prints "PID RUN_DIRECTORY" for the daemon, lets go of the daemon's pipe, and once
# the tender ends writes its status as `wait` reports it (the exit code, or 128 + the signal) to RUN_DIRECTORY/exit.
# Each file is written by one printf, one write(2) of a whole line: a reader takes a file without its newline for
# one not yet written. Only shell builtins run here.
monitor() {
    directory=$1
    . "$directory/tender"
    exec 3<>"$directory/console" </dev/null
    "$@" >&3 2>&3 3>&- &
    tender=$!
    printf '%s\n' "$tender" >"$directory/pid"
    printf '%s %s\n' "$tender" "$directory"
    exec >/dev/null 2>&1
    wait "$tender"
    printf '%s\n' "$?" >"$directory/exit"
}
while IFS= read -r directory; do
    ( monitor "$directory" & )
done
