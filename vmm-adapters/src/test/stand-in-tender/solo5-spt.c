/*
 * A stand-in for Solo5 v0.12.1's solo5-spt, for measuring albatrossd's own launch overhead where no
 * Solo5 is built (docs/vmm-adapters.md, "The stand-in tender"). It answers --version in the real
 * tender's format, with a version that says what it is, and takes the real tender's command line:
 * options up to "--" or the first operand, then KERNEL and the unikernel's arguments. It opens
 * KERNEL as the tender would, prints one console line, and exits 0 without running anything.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define ABI_VERSION 2

int main(int argc, char *argv[])
{
    int i = 1;

    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("solo5-spt tender, version v0.12.1-albatross-stand-in\n");
        printf("ABI version %d\n", ABI_VERSION);
        return 0;
    }
    while (i < argc && strncmp(argv[i], "--", 2) == 0) {
        if (strcmp(argv[i++], "--") == 0)
            break;
    }
    if (i >= argc) {
        fprintf(stderr, "solo5-spt: Missing KERNEL operand\n");
        return 1;
    }
    int kernel = open(argv[i], O_RDONLY);
    if (kernel < 0) {
        fprintf(stderr, "solo5-spt: %s: Could not open: %s\n", argv[i], strerror(errno));
        return 1;
    }
    close(kernel);
    printf("albatross stand-in solo5-spt: %s would run here\n", argv[i]);
    return 0;
}
