package org.albatross.daemon.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.albatross.protocol.Octets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unikernel images, inflated, each stored once under its SHA-256 in {@code dbdir/images}: the state refers to them by
 * digest, so the state file stays small however large the images are, and the daemon's heap holds no image. An image
 * arrives through an {@link Intake} (a temporary file written as the data comes) and is published by a rename once it
 * is on disk; the same image sent again costs no write to disk.
 *
 * <p>Crash safety: an image is published (written, renamed) as soon as it has arrived, so that its unikernel can start
 * at once, and forced to disk ({@link #sync}: the file, then the directory) before any state that refers to it is
 * saved; a crash before that leaves an image no saved state refers to, perhaps cut short, which is removed
 * ({@link #removeAllBut}) at start, as is any image after a change that dropped its last reference. Pins keep an image
 * that a command is about to refer to.
 *
 * <p>The store knows the images in its directory (listed when it is opened, then each one it publishes or removes),
 * so that the removal after each unikernel's end reads no directory: an exit costs the same beside 1 or 100 images.
 * An image file put there by hand is seen at the next start.
 */
public final class ImageStore {
    private static final Logger LOG = LoggerFactory.getLogger(ImageStore.class);
    /** An image's file name: its SHA-256, 32 bytes, in hexadecimal. */
    private static final int IMAGE_NAME_LENGTH = 64;
    private static final String INCOMING_PREFIX = ".incoming-";

    private final Path directory;
    /** How many commands hold each image they are about to refer to. Guarded by this. */
    private final Map<Octets, Integer> pins = new HashMap<>();
    /** Images published and not yet forced to disk. Guarded by this. */
    private final Set<Octets> unsynced = new HashSet<>();
    /** The images in the directory: those there when it was opened, and each one published since. Guarded by this. */
    private final Set<Octets> held;

    private ImageStore(Path directory, Set<Octets> held) {
        this.directory = directory;
        this.held = held;
    }

    /** The store in {@code directory}, made if missing; what unfinished intakes of an earlier daemon left goes. */
    public static ImageStore open(Path directory) throws IOException {
        PrivateFiles.directory(directory);
        Set<Octets> held = new HashSet<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (isImageName(name)) {
                    held.add(Octets.ofHex(name));
                } else if (name.startsWith(INCOMING_PREFIX)) {
                    Files.delete(file);
                    LOG.info("removed {}: an image that was still arriving when the daemon stopped", file);
                }
            }
        }
        return new ImageStore(directory, held);
    }

    public Path directory() {
        return directory;
    }

    /**
     * Whether {@code fileName} names an image: its SHA-256 in lower-case hexadecimal, as {@link #file} writes it.
     * Checked by hand, not by a regular expression, which every start would compile.
     */
    public static boolean isImageName(String fileName) {
        if (fileName.length() != IMAGE_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < IMAGE_NAME_LENGTH; i++) {
            char c = fileName.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The file of the image with this SHA-256 (which may be missing). */
    public Path file(Octets digest) {
        return directory.resolve(HexFormat.of().formatHex(digest.toByteArray()));
    }

    /**
     * Starts receiving an image.
     *
     * @param maxBytes the most the image may have, inflated
     * @param tooLarge the refusal of a larger image, in words
     */
    public Intake receive(boolean compressed, long maxBytes, String tooLarge) throws IOException {
        return new Intake(IncomingFile.digested(incomingFile(), compressed, maxBytes, tooLarge));
    }

    /**
     * Stores an image that came whole and uncompressed in its command, to be forced to disk by the next {@link #sync}:
     * hashed first, so that an image the store holds already costs no file at all (a unikernel created again), and
     * written once otherwise. Returned pinned, to be {@link #release}d by the caller.
     */
    public StoredImage store(Octets image) throws IOException {
        Octets digest = Sha256.of(image.asReadOnlyBuffer());
        synchronized (this) {
            // Pinned with the look, so that no removal comes between.
            if (Files.exists(file(digest))) {
                held.add(digest);
                pins.merge(digest, 1, Integer::sum);
                return new StoredImage(digest, image.size(), file(digest));
            }
        }
        Path staged = incomingFile();
        try (FileChannel file = PrivateFiles.open(staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            IncomingFile.writeAll(file, image.asReadOnlyBuffer());
        } catch (IOException e) {
            Files.deleteIfExists(staged);
            throw e;
        }
        return publish(staged, digest, image.size());
    }

    private Path incomingFile() {
        return directory.resolve(INCOMING_PREFIX + UUID.randomUUID());
    }

    /** Lets go of an image a command no longer needs kept (it refers to it in the state now, or it failed). */
    public synchronized void release(StoredImage image) {
        pins.computeIfPresent(image.digest(), (digest, count) -> count == 1 ? null : count - 1);
    }

    /**
     * Removes every image that is not in {@code used} and that no command holds; returns the digests removed.
     * Intakes under way are not touched.
     */
    public synchronized List<Octets> removeAllBut(Set<Octets> used) throws IOException {
        List<Octets> removed = new ArrayList<>();
        for (Iterator<Octets> images = held.iterator(); images.hasNext();) {
            Octets digest = images.next();
            if (!used.contains(digest) && !pins.containsKey(digest)) {
                // Gone already if removed by hand: it is gone as asked.
                Files.deleteIfExists(file(digest));
                images.remove();
                unsynced.remove(digest);
                removed.add(digest);
            }
        }
        return removed;
    }

    /**
     * Forces every image published since the last sync to disk, then the directory that names them: a state saved
     * after this may refer to them. Costs nothing when every image is on disk already.
     */
    public void sync() throws IOException {
        Set<Octets> forcing;
        synchronized (this) {
            if (unsynced.isEmpty()) {
                return;
            }
            forcing = Set.copyOf(unsynced);
        }
        for (Octets digest : forcing) {
            try (FileChannel image = FileChannel.open(file(digest), StandardOpenOption.READ)) {
                image.force(true);
            } catch (NoSuchFileException removed) {
                // No unikernel refers to it any more: no state will.
            }
        }
        AtomicFile.syncDirectory(directory);
        synchronized (this) {
            unsynced.removeAll(forcing);
        }
    }

    private synchronized StoredImage publish(Path staged, Octets digest, long size) throws IOException {
        Path target = file(digest);
        if (Files.exists(target)) {
            Files.delete(staged);
        } else {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            unsynced.add(digest);
        }
        held.add(digest);
        pins.merge(digest, 1, Integer::sum);
        return new StoredImage(digest, size, target);
    }

    /** An image arriving: written to a temporary file in the store as its chunks come, then {@link #store}d. */
    public final class Intake implements AutoCloseable {
        private final IncomingFile incoming;
        private boolean stored;

        private Intake(IncomingFile incoming) {
            this.incoming = incoming;
        }

        public void write(byte[] chunk, int offset, int length) throws IOException, IncomingFile.Refused {
            incoming.write(chunk, offset, length);
        }

        /** An image that came whole in its command, written without a copy. */
        public void write(Octets image) throws IOException, IncomingFile.Refused {
            incoming.write(image.asReadOnlyBuffer());
        }

        /**
         * The whole image has arrived: it is published (unless the same image is stored already), to be forced to disk
         * by the next {@link ImageStore#sync}, and returned pinned, to be {@link ImageStore#release}d by the caller.
         */
        public StoredImage store() throws IOException, IncomingFile.Refused {
            Octets digest = incoming.finish().orElseThrow();
            incoming.close();
            StoredImage image = publish(incoming.file(), digest, incoming.size());
            stored = true;
            return image;
        }

        /** Ends the intake; an image not stored is deleted. */
        @Override
        public void close() {
            try {
                incoming.close();
                if (!stored) {
                    Files.deleteIfExists(incoming.file());
                }
            } catch (IOException e) {
                LOG.warn("could not remove the incoming image {}: {}", incoming.file(), e.getMessage());
            }
        }
    }
}
