package org.albatross.daemon.endpoint;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * The buffers of the daemon's endpoints: unpooled, and on the Java heap wherever Netty lets the allocator choose (a
 * frame being put together, a reply being encoded). A daemon with a handful of connections gains nothing from
 * Netty's pooled arenas, and they keep what they once held: the 16 MiB frame of one large create stayed in native
 * memory for the daemon's life. On the heap it is garbage once the frame is decoded, and the heap gives it back
 * (see the daemon's HeapReturn). Socket reads still use short-lived direct buffers, freed as soon as they are read.
 */
public final class HeapBuffers {
    public static final ByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(false);

    private HeapBuffers() {
    }
}
