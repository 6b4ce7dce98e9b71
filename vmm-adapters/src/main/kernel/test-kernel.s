/*
 * The albatross test kernel: a 32-bit multiboot ELF that writes to COM1 and obeys the words
 * of its command line (documented in docs/test-kernel.md). It needs nothing but a PC: COM1,
 * the PIT for timing, and optionally QEMU's isa-debug-exit device to end with a chosen code.
 */
        .set MULTIBOOT_MAGIC,   0x1BADB002
        .set MULTIBOOT_FLAGS,   0
        .set MULTIBOOT_LOADER,  0x2BADB002
        .set MBI_HAS_CMDLINE,   1 << 2
        .set MBI_CMDLINE,       16
        .set COM1,              0x3f8
        .set DEBUG_EXIT_PORT,   0xf4
        .set PIT_CHANNEL0,      0x40
        .set PIT_COMMAND,       0x43
        /* The PIT counts at 1.193182 MHz whatever the accelerator, so TCG and KVM agree. */
        .set PIT_TICKS_PER_MS,  1193

        .code32

        /* Linked first in .text: QEMU looks for the header in the first 8 KiB of the file. */
        .section .multiboot, "a"
        .balign 4
        .long MULTIBOOT_MAGIC, MULTIBOOT_FLAGS, -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

        .text
        .globl _start
_start:
        cli
        cld
        mov     $stack_top, %esp
        mov     $no_arguments, %esi
        cmp     $MULTIBOOT_LOADER, %eax
        jne     1f
        testl   $MBI_HAS_CMDLINE, (%ebx)
        jz      1f
        mov     MBI_CMDLINE(%ebx), %esi
1:      mov     %esi, command_line

        call    serial_init
        mov     $banner, %esi
        call    print
        mov     $command_line_label, %esi
        call    print
        mov     command_line, %esi
        call    print
        call    newline

        call    parse_arguments
        call    print_lines
        call    heartbeats

        cmpb    $0, exit_requested
        je      run_until_stopped
        mov     $exit_label, %esi
        call    print
        mov     exit_code, %eax
        call    print_decimal
        call    newline
        mov     exit_code, %eax
        mov     $DEBUG_EXIT_PORT, %dx
        outl    %eax, %dx
        /* Still here: there is no isa-debug-exit device, so behave as "forever". */
run_until_stopped:
        mov     $forever_label, %esi
        call    print
halt:
        hlt
        jmp     halt

/* COM1 at 115200 baud, 8N1, no interrupts, FIFO enabled and cleared. */
serial_init:
        mov     $COM1 + 1, %dx
        xor     %al, %al
        out     %al, %dx
        mov     $COM1 + 3, %dx
        mov     $0x80, %al
        out     %al, %dx
        mov     $COM1, %dx
        mov     $1, %al
        out     %al, %dx
        mov     $COM1 + 1, %dx
        xor     %al, %al
        out     %al, %dx
        mov     $COM1 + 3, %dx
        mov     $0x03, %al
        out     %al, %dx
        mov     $COM1 + 2, %dx
        mov     $0xc7, %al
        out     %al, %dx
        ret

/* Writes %al once the transmitter holding register is empty. */
putc:
        push    %edx
        push    %eax
        mov     $COM1 + 5, %dx
1:      in      %dx, %al
        test    $0x20, %al
        jz      1b
        pop     %eax
        mov     $COM1, %dx
        out     %al, %dx
        pop     %edx
        ret

/* Writes the NUL-terminated string at %esi. */
print:
        push    %esi
        push    %eax
1:      lodsb
        test    %al, %al
        jz      2f
        call    putc
        jmp     1b
2:      pop     %eax
        pop     %esi
        ret

newline:
        push    %eax
        mov     $'\n', %al
        call    putc
        pop     %eax
        ret

/* Writes %eax as an unsigned decimal number. */
print_decimal:
        pusha
        mov     $10, %ecx
        xor     %ebx, %ebx
1:      xor     %edx, %edx
        div     %ecx
        push    %edx
        inc     %ebx
        test    %eax, %eax
        jnz     1b
2:      pop     %eax
        add     $'0', %al
        call    putc
        dec     %ebx
        jnz     2b
        popa
        ret

/*
 * Reads the words of the command line. Unknown words are ignored: the multiboot loader puts
 * the image's path first, and a later value of the same word wins.
 */
parse_arguments:
        mov     command_line, %esi
next_word:
        cmpb    $' ', (%esi)
        jne     1f
        inc     %esi
        jmp     next_word
1:      cmpb    $0, (%esi)
        je      3f
        mov     $word_lines, %edi
        call    match_word
        jne     2f
        call    parse_decimal
        mov     %eax, line_count
        jmp     skip_word
2:      mov     $word_heartbeat, %edi
        call    match_word
        jne     2f
        call    parse_decimal
        mov     %eax, heartbeat_ms
        jmp     skip_word
2:      mov     $word_beats, %edi
        call    match_word
        jne     2f
        call    parse_decimal
        mov     %eax, beat_limit
        jmp     skip_word
2:      mov     $word_exit, %edi
        call    match_word
        jne     2f
        call    parse_decimal
        mov     %eax, exit_code
        movb    $1, exit_requested
        jmp     skip_word
2:      mov     $word_forever, %edi
        call    match_word
        jne     skip_word
        movb    $0, exit_requested
skip_word:
        cmpb    $0, (%esi)
        je      3f
        cmpb    $' ', (%esi)
        je      next_word
        inc     %esi
        jmp     skip_word
3:      ret

/* ZF set and %esi moved past the word when the text at %esi starts with the word at %edi. */
match_word:
        push    %esi
        push    %edi
1:      mov     (%edi), %al
        test    %al, %al
        jz      2f
        cmp     (%esi), %al
        jne     3f
        inc     %esi
        inc     %edi
        jmp     1b
2:      pop     %edi
        add     $4, %esp
        xor     %eax, %eax
        ret
3:      pop     %edi
        pop     %esi
        ret

/* The decimal number at %esi into %eax; %esi stops at the first non-digit. */
parse_decimal:
        push    %ebx
        xor     %eax, %eax
1:      movzbl  (%esi), %ebx
        sub     $'0', %ebx
        cmp     $9, %ebx
        ja      2f
        imul    $10, %eax, %eax
        add     %ebx, %eax
        inc     %esi
        jmp     1b
2:      pop     %ebx
        ret

print_lines:
        mov     $1, %ecx
1:      cmp     line_count, %ecx
        ja      2f
        mov     $line_label, %esi
        call    print
        mov     %ecx, %eax
        call    print_decimal
        call    newline
        inc     %ecx
        jmp     1b
2:      ret

/*
 * One line every heartbeat_ms, beat_limit times (0: for ever). The PIT free-runs over 65536
 * ticks (55 ms); summing the differences between readings keeps time as long as one round
 * of the loop, printing included, takes less than that.
 */
heartbeats:
        mov     heartbeat_ms, %edi
        test    %edi, %edi
        jz      3f
        imul    $PIT_TICKS_PER_MS, %edi, %edi
        mov     $0x34, %al              /* channel 0, low then high byte, rate generator */
        out     %al, $PIT_COMMAND
        xor     %al, %al                /* reload value 0 means 65536 */
        out     %al, $PIT_CHANNEL0
        out     %al, $PIT_CHANNEL0
        call    pit_read
        mov     %ax, %bx
        xor     %ebp, %ebp
        mov     $1, %ecx
1:      call    pit_read
        mov     %bx, %dx
        sub     %ax, %dx
        movzwl  %dx, %edx
        add     %edx, %ebp
        mov     %ax, %bx
        cmp     %edi, %ebp
        jb      1b
        sub     %edi, %ebp
        mov     $heartbeat_label, %esi
        call    print
        mov     %ecx, %eax
        call    print_decimal
        call    newline
        mov     beat_limit, %eax
        test    %eax, %eax
        jz      2f
        cmp     %eax, %ecx
        jae     3f
2:      inc     %ecx
        jmp     1b
3:      ret

/* The current count of PIT channel 0 into %ax. */
pit_read:
        xor     %al, %al                /* latch channel 0 */
        out     %al, $PIT_COMMAND
        in      $PIT_CHANNEL0, %al
        mov     %al, %ah
        in      $PIT_CHANNEL0, %al
        xchg    %al, %ah
        ret

        .section .rodata
banner:             .asciz "albatross test kernel\n"
command_line_label: .asciz "command line: "
line_label:         .asciz "line "
heartbeat_label:    .asciz "heartbeat "
exit_label:         .asciz "exit "
forever_label:      .asciz "running until stopped\n"
word_lines:         .asciz "lines="
word_heartbeat:     .asciz "heartbeat="
word_beats:         .asciz "beats="
word_exit:          .asciz "exit="
word_forever:       .asciz "forever"
no_arguments:       .asciz ""

        /* Initialised explicitly: not every loader clears .bss. */
        .data
        .balign 4
command_line:       .long 0
line_count:         .long 0
heartbeat_ms:       .long 0
beat_limit:         .long 0
exit_code:          .long 0
exit_requested:     .byte 0

        .bss
        .balign 16
        .skip 4096
stack_top:

        .section .note.GNU-stack, "", @progbits
