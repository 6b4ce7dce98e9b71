/*
 * albatross-spawner RUN_ROOT: starts every tender of one daemon, and records how each ended.
 *
 * The daemon starts it once, on its first launch; it leaves the daemon's session at once (setsid), so that it and the
 * tenders it starts outlive a daemon restart or crash. RUN_ROOT is not read: it names the run root in the process's
 * command line, by which a later daemon (and the tests) know this run root's spawner.
 *
 * For each line read on standard input - a run directory, RUN - it starts the tender that RUN/tender describes:
 * NUL-terminated strings, the CPUs to pin it to (a list such as 0,2; empty for none), the environment's additions
 * (NAME=VALUE), an empty string, then the tender's argv. The tender:
 *   - runs pinned to the CPUs (what `taskset -c` or `cpuset -l` would do, without their exec, which costs as much as a
 *     Solo5 guest's run): the spawner pins itself for the instant of the spawn, and the tender inherits it;
 *   - is started by posix_spawnp (a vfork and an exec: no copy of this process's memory), with the FIFO RUN/console
 *     opened read-write as its standard output and error, so that it never gets SIGPIPE while no daemon reads (once
 *     the pipe buffer is full its console writes block until a daemon reads again), standard input /dev/null,
 *     default signal dispositions and an empty signal mask;
 *   - if it cannot be started or pinned, is replaced by a child that writes why to the console and exits 127, as a
 *     shell would.
 * The spawner answers "PID RUN" on its standard output, then writes the tender's pid to RUN/pid. It is the tender's
 * parent: once a tender ends, it writes its status to RUN/exit, the exit code or 128 + the signal that ended it, then
 * tells the daemon on its standard output: "exited PID STATUS" (after the answer for that tender, always). The exit file
 * is the record a later daemon adopts by; the line saves the daemon that started the tender a watch of its files
 * (inotify, then the JDK's file-watching thread, then the daemon's own: three wake-ups on an exit's way). The exit file
 * is written in RUN/staging/ (which the daemon makes with RUN, before it watches RUN) and renamed into place, so that
 * a daemon's watch of RUN (inotify) wakes once, to a whole file. Each file is written by one write(2) of a whole line:
 * a reader takes a file without its newline for one not yet written.
 *
 * When its input ends (the daemon stopped or died) it reads no more requests and closes its output (nobody reads it
 * now), but goes on until the last of its tenders has ended and its exit is recorded; the next daemon starts a spawner
 * of its own and adopts these tenders by their files. A spawner killed leaves its tenders running, their exits
 * unrecorded: the daemon's liveness check reports each as lost.
 *
 * A create thus costs a vfork and the tender's exec: a monitor process per tender, forked from a shell and later
 * from this program, cost 3-4 ms more on this project's 2-core VMs, where a fork's copy-on-write page faults are dear.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __FreeBSD__
#include <sys/param.h>
#include <sys/cpuset.h>
typedef cpuset_t cpu_set;
#else
#include <sched.h>
typedef cpu_set_t cpu_set;
#endif

extern char **environ;

#define MAX_TENDER_FILE (1 << 20)
#define MAX_WORDS 4096
#define MAX_PATH 4096

/* A tender this spawner started and has not yet seen end: its pid and run directory. */
struct tender {
    pid_t pid;
    char *run;
};

static struct tender *tenders;
static size_t tender_count, tender_capacity;
static cpu_set own_cpus;
static int own_cpus_known;
/* Whether the daemon still reads this spawner's output: its answers, and the exits it is told. */
static int daemon_reads = 1;

static void on_child(int signal_number) {
    (void) signal_number; /* only ends the wait in ppoll; the main loop reaps */
}

/* Writes the whole of text to fd in one write(2); whether it did. */
static int write_whole(int fd, const char *text, size_t length) {
    ssize_t written;
    do {
        written = write(fd, text, length);
    } while (written < 0 && errno == EINTR);
    return written == (ssize_t) length;
}

/* Replaces (or creates) the file at path with one line, in one write(2); whether it did. */
static int write_line_file(const char *path, const char *line) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return 0;
    }
    int written = write_whole(fd, line, strlen(line));
    return close(fd) == 0 && written;
}

/* Writes RUN/name whole, by a rename from RUN/staging/name (the daemon made RUN/staging); directly if that fails. */
static void publish_line_file(const char *run, const char *name, const char *line) {
    char staged[MAX_PATH], path[MAX_PATH];
    if (snprintf(staged, sizeof staged, "%s/staging/%s", run, name) >= (int) sizeof staged
            || snprintf(path, sizeof path, "%s/%s", run, name) >= (int) sizeof path) {
        return;
    }
    if (write_line_file(staged, line) && rename(staged, path) == 0) {
        return;
    }
    write_line_file(path, line);
}

/* Reads RUN/tender into buffer and splits it: the CPU list into cpus, the environment's additions into env, the rest
 * into argv. */
static int read_tender(const char *run, char *buffer, char **cpus, char **env, char **argv) {
    char path[MAX_PATH];
    if (snprintf(path, sizeof path, "%s/tender", run) >= (int) sizeof path) {
        errno = ENAMETOOLONG;
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
            errno = EFBIG;
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
                errno = E2BIG;
                return -1;
            }
            argv[words++] = buffer + start;
        } else {
            if (environment == MAX_WORDS - 1) {
                errno = E2BIG;
                return -1;
            }
            env[environment++] = buffer + start;
        }
        start = i + 1;
    }
    argv[words] = NULL;
    env[environment] = NULL;
    if (*cpus == NULL || words == 0) {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

/* Sets this process's CPUs to set; whether it could. */
static int set_cpus(const cpu_set *set) {
#ifdef __FreeBSD__
    return cpuset_setaffinity(CPU_LEVEL_WHICH, CPU_WHICH_PID, -1, sizeof *set, set) == 0;
#else
    return sched_setaffinity(0, sizeof *set, set) == 0;
#endif
}

/* Pins this process to the CPUs of a list such as 0,2 (an empty list pins nothing); whether it could. */
static int pin(const char *cpus) {
    cpu_set set;
    CPU_ZERO(&set);
    for (const char *next = cpus; *next != '\0';) {
        char *end;
        long cpu = strtol(next, &end, 10);
        if (end == next || cpu < 0 || cpu >= CPU_SETSIZE || (*end != ',' && *end != '\0')) {
            errno = EINVAL;
            return 0;
        }
        CPU_SET((int) cpu, &set);
        next = *end == ',' ? end + 1 : end;
    }
    return *cpus == '\0' || set_cpus(&set);
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
        return NULL;
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

/* Starts the tender, its console the FIFO at console; its pid, or -1 with errno set. */
static pid_t start_tender(char **argv, char **env, const char *console) {
    posix_spawn_file_actions_t files;
    posix_spawnattr_t attributes;
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&files, 1, console, O_RDWR, 0);
    posix_spawn_file_actions_adddup2(&files, 1, 2);
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
static pid_t not_started(const char *what, int error, const char *console) {
    pid_t child = fork();
    if (child == 0) {
        char message[MAX_PATH + 256];
        int length = snprintf(message, sizeof message, "albatross-spawner: %s: %s\n", what, strerror(error));
        int fd = open(console, O_RDWR | O_CLOEXEC);
        if (fd >= 0 && length > 0) {
            write_whole(fd, message, (size_t) length < sizeof message ? (size_t) length : sizeof message - 1);
        }
        _exit(127);
    }
    return child;
}

/* Room in the table for one more tender; whether there is. */
static int reserve_slot(void) {
    if (tender_count < tender_capacity) {
        return 1;
    }
    size_t capacity = tender_capacity * 2 + 16;
    struct tender *grown = realloc(tenders, capacity * sizeof *grown);
    if (grown == NULL) {
        return 0;
    }
    tenders = grown;
    tender_capacity = capacity;
    return 1;
}

/* Starts the tender of RUN and answers the daemon with its pid ("0 REASON" when there is no process at all). */
static void launch(const char *run) {
    static char tender_file[MAX_TENDER_FILE];
    static char *argv[MAX_WORDS], *additions[MAX_WORDS];
    char console[MAX_PATH], line[MAX_PATH + 64];
    char *cpus = NULL;
    argv[0] = NULL;
    pid_t tender = -1;
    if (snprintf(console, sizeof console, "%s/console", run) >= (int) sizeof console || !reserve_slot()) {
        snprintf(line, sizeof line, "0 run directory path too long, or no memory\n");
        write_whole(1, line, strlen(line));
        return;
    }
    if (read_tender(run, tender_file, &cpus, additions, argv) != 0) {
        tender = not_started(argv[0] != NULL ? argv[0] : "the tender file", errno, console);
    } else if (!pin(cpus)) {
        char what[512];
        snprintf(what, sizeof what, "cannot pin %s to CPUs %s", argv[0], cpus);
        tender = not_started(what, errno, console);
    } else {
        char **env = environment_with(additions);
        tender = env == NULL ? -1 : start_tender(argv, env, console);
        int error = errno;
        free(env);
        if (*cpus != '\0' && own_cpus_known) {
            set_cpus(&own_cpus); /* the spawner's own CPUs again, for the next tender */
        }
        if (tender < 0) {
            tender = not_started(argv[0], error, console);
        }
    }
    if (tender < 0) {
        snprintf(line, sizeof line, "0 cannot start a process: %s\n", strerror(errno));
        write_whole(1, line, strlen(line));
        return;
    }
    tenders[tender_count].pid = tender;
    tenders[tender_count++].run = strdup(run);
    /* The answer first: the daemon's launch waits for it. The pid file is for a daemon killed before it recorded the
     * pid, whose successor reads it; it is written before anything else of this tender (its exit) is. */
    snprintf(line, sizeof line, "%ld %s\n", (long) tender, run);
    write_whole(1, line, strlen(line));
    snprintf(line, sizeof line, "%ld\n", (long) tender);
    if (snprintf(console, sizeof console, "%s/pid", run) < (int) sizeof console) {
        write_line_file(console, line);
    }
}

/* Writes the exit file of the tender that ended as process ended, and forgets it. */
static void record_end(pid_t ended, int status) {
    for (size_t i = 0; i < tender_count; i++) {
        if (tenders[i].pid != ended) {
            continue;
        }
        int code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 1;
        char line[32];
        snprintf(line, sizeof line, "%d\n", code);
        if (tenders[i].run != NULL) {
            publish_line_file(tenders[i].run, "exit", line);
        }
        if (daemon_reads) {
            char told[64];
            snprintf(told, sizeof told, "exited %ld %d\n", (long) ended, code);
            write_whole(1, told, strlen(told));
        }
        free(tenders[i].run);
        tenders[i] = tenders[--tender_count];
        return;
    }
}

/* Records the end of every tender that has ended, first waiting for one when asked to; whether any still runs. */
static int reap(int wait) {
    for (;;) {
        int status;
        pid_t ended = waitpid(-1, &status, wait ? 0 : WNOHANG);
        if (ended < 0 && errno == EINTR) {
            continue;
        }
        if (ended <= 0) {
            return ended == 0; /* 0: some still run; -1 (ECHILD): none is left */
        }
        record_end(ended, status);
        wait = 0;
    }
}

int main(void) {
    setsid();
    /* A daemon gone must not end this process by SIGPIPE while its tenders run. */
    signal(SIGPIPE, SIG_IGN);
#ifdef __FreeBSD__
    own_cpus_known = cpuset_getaffinity(CPU_LEVEL_WHICH, CPU_WHICH_PID, -1, sizeof own_cpus, &own_cpus) == 0;
#else
    own_cpus_known = sched_getaffinity(0, sizeof own_cpus, &own_cpus) == 0;
#endif
    /* SIGCHLD is blocked but while waiting for input, so a tender's end wakes the wait and is never missed. */
    sigset_t child, waiting;
    sigemptyset(&child);
    sigaddset(&child, SIGCHLD);
    sigprocmask(SIG_BLOCK, &child, &waiting);
    sigdelset(&waiting, SIGCHLD);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_child;
    sigaction(SIGCHLD, &action, NULL);

    static char input[MAX_PATH + 1];
    size_t buffered = 0;
    for (;;) {
        reap(0);
        struct pollfd requests = {.fd = 0, .events = POLLIN};
        if (ppoll(&requests, 1, NULL, &waiting) < 0) {
            continue;
        }
        ssize_t got = read(0, input + buffered, sizeof input - 1 - buffered);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            break;
        }
        buffered += (size_t) got;
        char *end;
        while ((end = memchr(input, '\n', buffered)) != NULL) {
            *end = '\0';
            if (end != input) {
                launch(input);
            }
            buffered -= (size_t) (end + 1 - input);
            memmove(input, end + 1, buffered);
        }
        if (buffered == sizeof input - 1) {
            buffered = 0; /* a line longer than any path: dropped, and the daemon's read of its answer fails */
        }
    }
    /* The daemon is gone: record the end of each tender still running, then end. */
    daemon_reads = 0;
    close(1);
    while (reap(1)) {
        continue;
    }
    return 0;
}
