/*
 * The two Solo5 ELF notes with the C layout of Solo5 v0.12.1's ABI (written from the layout
 * described in docs/vmm-adapters.md, not taken from Solo5): an ABI note and a manifest note
 * whose descriptor is padded so that the manifest sits 8-byte aligned after the note header.
 * Each fixture declares its notes with SOLO5_NOTES(target, user entries, entries...).
 */
#include <stdbool.h>
#include <stdint.h>

#define NOTE_NAME "Solo5"
#define ABI_NOTE_TYPE 0x31494241      /* "ABI1" */
#define MANIFEST_NOTE_TYPE 0x3154464d /* "MFT1" */
#define ABI_VERSION 2
#define TARGET_HVT 1
#define TARGET_SPT 2
#define TARGET_VIRTIO 3
#define TARGET_XEN 6
#define BLOCK_BASIC 1
#define NET_BASIC 2
#define RESERVED_FIRST (1U << 30)

struct note_header {
    uint32_t name_size;
    uint32_t descriptor_size;
    uint32_t type;
    char name[8];
};

struct abi_info {
    uint32_t target;
    uint32_t version;
    uint32_t reserved0;
    uint32_t reserved1;
};

struct device {
    char name[68];
    uint32_t type;
    union {
        struct { uint64_t capacity; uint16_t block_size; } block;
        struct { uint8_t mac[6]; uint16_t mtu; } net;
    } u;
    union {
        int hostfd;
        void *data;
    } b;
    bool attached;
};

#define BLOCK(device_name) { .name = device_name, .type = BLOCK_BASIC }
#define NET(device_name) { .name = device_name, .type = NET_BASIC }

#define SOLO5_NOTES(target, user_entries, ...)                                            \
    const struct {                                                                         \
        struct note_header h;                                                              \
        struct abi_info i;                                                                 \
    } solo5_abi __attribute__((section(".note.solo5.abi"), aligned(4), used)) = {          \
        {sizeof NOTE_NAME, sizeof(struct abi_info), ABI_NOTE_TYPE, NOTE_NAME},            \
        {target, ABI_VERSION, 0, 0}};                                                      \
    typedef struct {                                                                       \
        struct note_header h;                                                              \
        struct {                                                                           \
            uint32_t version;                                                              \
            uint32_t entries;                                                              \
            struct device e[(user_entries) + 1];                                           \
        } m;                                                                               \
    } manifest_note;                                                                       \
    const manifest_note solo5_manifest                                                     \
        __attribute__((section(".note.solo5.manifest"), aligned(4), used)) = {             \
        {sizeof NOTE_NAME, sizeof(manifest_note) - sizeof(struct note_header),             \
         MANIFEST_NOTE_TYPE, NOTE_NAME},                                                   \
        {1, (user_entries) + 1, {{.name = "", .type = RESERVED_FIRST}, __VA_ARGS__}}};    \
    void _start(void)                                                                      \
    {                                                                                      \
        for (;;)                                                                           \
            ;                                                                              \
    }
