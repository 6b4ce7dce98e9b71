/*
 * albatross-spawner RUN_ROOT: forks every tender's monitor for one daemon.
 *
 * The daemon starts it once, on its first launch; it leaves the daemon's session at once (setsid), so that the
 * monitors it forks and their tenders outlive a daemon restart or crash. RUN_ROOT is not read: it names the run root
 * in the process's command line, by which a later daemon tells this run root's monitors apart (a monitor is a fork of
 * the spawner and shows the same command line).
 *
 * For each line read on standard input - a run directory, RUN - it forks a monitor, which starts the tender that
 * RUN/tender describes: NUL-terminated strings, the CPUs to pin it to (a list such as 0,2; empty for none), the
 * environment's additions (NAME=VALUE), an empty string, then the tender's argv. The monitor:
 *   - opens the FIFO RUN/console read-write and keeps it open, so the tender never gets SIGPIPE while no daemon
 *     reads; once the pipe buffer is full the tender's console writes block until a daemon reads again;
 *   - pins itself to the CPUs, which the tender inherits (what `taskset -c` or `cpuset -l` would do, without their
 *     exec, which costs as much as a Solo5 guest's run);
 *   - starts the tender (posix_spawnp: a vfork and an exec) with the FIFO as its standard output and error, standard
 *     input /dev/null, default signal dispositions and an empty signal mask; a tender that cannot be started or pinned
 *     becomes a child that writes why to the console and exits 127, as a shell would;
 *   - writes the tender's pid to RUN/pid, answers "PID RUN" on the spawner's standard output, and lets go of it;
 *   - once the tender ends, writes its status to RUN/exit: the exit code, or 128 + the signal that ended it.
 * Each file is written by one write(2) of a whole line: a reader takes a file without its newline for one not yet
 * written. A create thus costs one fork of this small process and the tender's vfork and exec.
 *
 * The spawner ignores SIGCHLD, so the kernel reaps the monitors it forked as they end; it ends when its input ends
 * (the daemon stopped or died), and the monitors go on.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef __FreeBSD__
#include <sys/param.h>
#include <sys/cpuset.h>
#else
#include <sched.h>
#endif
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define MAX_TENDER_FILE (1 << 20)
#define MAX_WORDS 4096

/* Writes the whole of text to fd in one write(2); whether it did. */
static int write_whole(int fd, const char *text, size_t length) {
    ssize_t written;
    do {
        written = write(fd, text, length);
    } while (written < 0 && errno == EINTR);
    return written == (ssize_t) length;
}

/* Replaces (or creates) RUN/name with one line, in one write(2). */
static void write_line_file(const char *run, const char *name, const char *line) {
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", run, name) >= (int) sizeof path) {
        return;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return;
    }
    write_whole(fd, line, strlen(line));
    close(fd);
}

/* Reads RUN/tender into buffer and splits it: the CPU list into cpus, environment additions into env, argv into argv. */
static int read_tender(const char *run, char *buffer, char **cpus, char **env, char **argv) {
    char path[4096];
    if (snprintf(path, sizeof path, "%s/tender", run) >= (int) sizeof path) {
        return -1;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    size_t length = 0;
    for (;;) {
        ssize_t got = read(fd, buffer + length, MAX_TENDER_FILE - length);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            break;
        }
        length += (size_t) got;
        if (length == MAX_TENDER_FILE) {
            close(fd);
            return -1;
        }
    }
    close(fd);
    size_t words = 0, environment = 0, start = 0;
    int in_argv = 0;
    *cpus = NULL;
    for (size_t i = 0; i < length; i++) {
        if (buffer[i] != '\0') {
            continue;
        }
        if (*cpus == NULL) {
            *cpus = buffer + start;
        } else if (!in_argv && i == start) {
            in_argv = 1;
        } else if (in_argv) {
            if (words == MAX_WORDS - 1) {
                return -1;
            }
            argv[words++] = buffer + start;
        } else {
            if (environment == MAX_WORDS - 1) {
                return -1;
            }
            env[environment++] = buffer + start;
        }
        start = i + 1;
    }
    argv[words] = NULL;
    env[environment] = NULL;
    return *cpus != NULL && words > 0 ? 0 : -1;
}

/* Pins this process (and so what it starts) to the CPUs of a list such as 0,2; an empty list pins nothing. */
static int pin(const char *cpus) {
    if (*cpus == '\0') {
        return 0;
    }
#ifdef __FreeBSD__
    cpuset_t set;
#else
    cpu_set_t set;
#endif
    CPU_ZERO(&set);
    for (const char *next = cpus; *next != '\0';) {
        char *end;
        long cpu = strtol(next, &end, 10);
        if (end == next || cpu < 0 || cpu >= CPU_SETSIZE || (*end != ',' && *end != '\0')) {
            errno = EINVAL;
            return -1;
        }
        CPU_SET((int) cpu, &set);
        next = *end == ',' ? end + 1 : end;
    }
#ifdef __FreeBSD__
    return cpuset_setaffinity(CPU_LEVEL_WHICH, CPU_WHICH_PID, -1, sizeof set, &set);
#else
    return sched_setaffinity(0, sizeof set, &set);
#endif
}

/* The spawner's environment with the additions: a NAME given again replaces the inherited one. */
static char **environment_with(char **additions) {
    size_t inherited = 0, added = 0;
    while (environ[inherited] != NULL) {
        inherited++;
    }
    while (additions[added] != NULL) {
        added++;
    }
    char **merged = calloc(inherited + added + 1, sizeof *merged);
    if (merged == NULL) {
        return environ;
    }
    size_t count = 0;
    for (size_t i = 0; i < inherited; i++) {
        size_t name = strcspn(environ[i], "=");
        int replaced = 0;
        for (size_t j = 0; j < added && !replaced; j++) {
            replaced = strncmp(additions[j], environ[i], name) == 0 && additions[j][name] == '=';
        }
        if (!replaced) {
            merged[count++] = environ[i];
        }
    }
    for (size_t j = 0; j < added; j++) {
        merged[count++] = additions[j];
    }
    return merged;
}

/* Starts the tender with console as its standard output and error; its pid, or -1 with errno set. */
static pid_t start_tender(char **argv, char **env, int console) {
    posix_spawn_file_actions_t files;
    posix_spawnattr_t attributes;
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&files, console, 1);
    posix_spawn_file_actions_adddup2(&files, console, 2);
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    pid_t tender;
    int failed = posix_spawnp(&tender, argv[0], &files, &attributes, argv, env);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attributes);
    if (failed != 0) {
        errno = failed;
        return -1;
    }
    return tender;
}

/* A tender that could not start: a child that says why on the console and exits 127, as a shell's would. */
static pid_t not_started(const char *what, int error, int console) {
    pid_t child = fork();
    if (child == 0) {
        char message[4096];
        int length = snprintf(message, sizeof message, "albatross-spawner: %s: %s\n", what, strerror(error));
        if (length > 0) {
            write_whole(console, message, (size_t) length < sizeof message ? (size_t) length : sizeof message - 1);
        }
        _exit(127);
    }
    return child;
}

/* The monitor of RUN: starts its tender, answers the daemon, waits for the tender's end and records its status. */
static void monitor(const char *run) {
    static char tender_file[MAX_TENDER_FILE];
    static char *argv[MAX_WORDS], *additions[MAX_WORDS];
    char *cpus = NULL;
    char path[4096], line[4200];
    /* The tender's end is this process's to collect; a daemon gone must not end it by SIGPIPE before it records. */
    signal(SIGCHLD, SIG_DFL);
    signal(SIGPIPE, SIG_IGN);
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null >= 0) {
        dup2(null, 0); /* let go of the daemon's requests */
    }
    int console = -1;
    if (snprintf(path, sizeof path, "%s/console", run) < (int) sizeof path) {
        console = open(path, O_RDWR | O_CLOEXEC);
    }
    pid_t tender;
    if (console < 0 || read_tender(run, tender_file, &cpus, additions, argv) != 0) {
        int error = errno;
        /* Nothing to run: answered all the same, with a tender that ends at once, so the daemon sees an exit. */
        tender = not_started(argv[0] != NULL ? argv[0] : run, error != 0 ? error : EINVAL,
                console >= 0 ? console : null);
    } else if (pin(cpus) != 0) {
        char what[256];
        snprintf(what, sizeof what, "cannot pin %s to CPUs %s", argv[0], cpus);
        tender = not_started(what, errno, console);
    } else {
        tender = start_tender(argv, environment_with(additions), console);
        if (tender < 0) {
            tender = not_started(argv[0], errno, console);
        }
    }
    if (tender < 0) {
        _exit(1);
    }
    snprintf(line, sizeof line, "%ld\n", (long) tender);
    write_line_file(run, "pid", line);
    snprintf(line, sizeof line, "%ld %s\n", (long) tender, run);
    write_whole(1, line, strlen(line));
    if (null >= 0) {
        dup2(null, 1); /* let go of the daemon's answers: its reader sees their end when the spawner ends */
        dup2(null, 2);
    }
    int status;
    pid_t ended;
    do {
        ended = waitpid(tender, &status, 0);
    } while (ended < 0 && errno == EINTR);
    if (ended != tender) {
        _exit(1);
    }
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;
    snprintf(line, sizeof line, "%d\n", code);
    write_line_file(run, "exit", line);
    _exit(0);
}

int main(void) {
    setsid();
    /* The kernel reaps ended monitors: this process is busy reading the daemon's next request. */
    signal(SIGCHLD, SIG_IGN);
    char *line = NULL;
    size_t capacity = 0;
    ssize_t length;
    while ((length = getline(&line, &capacity, stdin)) > 0) {
        if (line[length - 1] == '\n') {
            line[--length] = '\0';
        }
        if (length == 0) {
            continue;
        }
        fflush(stdout);
        pid_t child = fork();
        if (child == 0) {
            monitor(line);
        }
        if (child < 0) {
            /* No monitor: the daemon's read of the answer fails and it says the launch failed. */
            char answer[64];
            snprintf(answer, sizeof answer, "0 fork failed: %s\n", strerror(errno));
            write_whole(1, answer, strlen(answer));
        }
    }
    return 0;
}
