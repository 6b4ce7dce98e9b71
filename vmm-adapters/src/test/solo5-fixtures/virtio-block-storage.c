/* Converted to ELF32 by build.sh, as Solo5 does for QEMU's multiboot loader. */
#include "solo5-notes.h"
SOLO5_NOTES(TARGET_VIRTIO, 1, BLOCK("storage"))
