package org.albatross.vmm;

import java.lang.reflect.Field;
import java.nio.MappedByteBuffer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a file mapping at once instead of at some later garbage collection. A mapping the heap no longer refers to
 * still holds its file: a removed image's disk space stays taken, and the file system it lies on cannot be unmounted
 * ("target is busy"), until a collection happens to run. Java 17 has no public way to unmap (the foreign memory API
 * came with Java 22); {@code sun.misc.Unsafe.invokeCleaner}, in the JDK's {@code jdk.unsupported} module, is the one
 * Lucene and Netty use. Where it is missing, the mapping ends with its collection, as before.
 */
final class FileMappings {
    private static final Logger LOG = LoggerFactory.getLogger(FileMappings.class);
    private static final Optional<sun.misc.Unsafe> UNSAFE = unsafe();

    private FileMappings() {
    }

    /** Unmaps {@code mapping}; nothing may read it (or a view of it) afterwards. */
    static void release(MappedByteBuffer mapping) {
        UNSAFE.ifPresent(unsafe -> unsafe.invokeCleaner(mapping));
    }

    private static Optional<sun.misc.Unsafe> unsafe() {
        try {
            Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return Optional.of((sun.misc.Unsafe) field.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("file mappings end with their collection: {}", e.toString());
            return Optional.empty();
        }
    }
}
