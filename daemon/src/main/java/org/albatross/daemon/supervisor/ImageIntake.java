package org.albatross.daemon.supervisor;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.albatross.daemon.reply.CommandFailed;
import org.albatross.daemon.state.UnikernelSpec;
import org.albatross.daemon.store.ImageStore;
import org.albatross.daemon.store.IncomingFile;
import org.albatross.daemon.store.StoredImage;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.vmm.ImageRejected;
import org.albatross.vmm.UnikernelImage;

/**
 * Takes a create's image into the {@link ImageStore} and decides it ({@link UnikernelImage}), off the state thread:
 * inflated as it is written, never beyond what the unikernel can hold. A Solo5 or multiboot image is loaded into the
 * unikernel's memory, so it cannot be larger than that memory, which the tenant's policy bounds; a bhyve disk image is
 * bounded by the daemon's cap for any image. So a small compressed image that inflates without end is refused once it
 * passes that bound, having cost at most that much disk, and no heap.
 */
public final class ImageIntake implements AutoCloseable {
    private static final long MB = 1024L * 1024L;

    private final ImageStore images;
    private final long maxImageBytes;
    /** Writes inline images: blocking I/O, kept off the event loops and the state thread. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "albatross-images");
        thread.setDaemon(true);
        return thread;
    });

    /** @param maxImageBytes the cap for any image, inflated */
    public ImageIntake(ImageStore images, long maxImageBytes) {
        this.images = images;
        this.maxImageBytes = maxImageBytes;
    }

    /** An intake for the image {@code config} announces, to be fed as it streams in. */
    public ImageStore.Intake open(UnikernelConfig config) throws CommandFailed {
        try {
            return images.receive(config.compressed(), cap(config), tooLarge(config));
        } catch (IOException e) {
            throw new CommandFailed("cannot store the image: " + e.getMessage());
        }
    }

    /** The most an image of {@code config} may have, inflated. */
    private long cap(UnikernelConfig config) {
        return loadedIntoMemory(config) ? Math.min(config.memoryMb() * MB, maxImageBytes) : maxImageBytes;
    }

    /** The refusal of an image over {@link #cap}, in words. */
    private String tooLarge(UnikernelConfig config) {
        return loadedIntoMemory(config) && config.memoryMb() * MB <= maxImageBytes
                ? "the image is larger than the unikernel's memory (" + config.memoryMb() + " MB), which it must fit "
                        + "in; give the unikernel more memory or send a smaller image"
                : "the image is larger than " + maxImageBytes / MB + " MB, the largest image the daemon takes";
    }

    private static boolean loadedIntoMemory(UnikernelConfig config) {
        return config.typ() != UnikernelType.BHYVE;
    }

    /**
     * Stores and decides the image carried inside {@code config}; the result is pinned until {@link #release}. An
     * uncompressed image is stored from the bytes received (no file at all when the store holds it already) and
     * decided from them, not read back from the store.
     */
    public CompletableFuture<ReceivedImage> receive(UnikernelConfig config) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return config.compressed() ? inflate(config) : storeWhole(config);
            } catch (CommandFailed e) {
                throw new CompletionException(e);
            }
        }, writer);
    }

    private ReceivedImage storeWhole(UnikernelConfig config) throws CommandFailed {
        if (config.image().size() > cap(config)) {
            throw new CommandFailed(tooLarge(config));
        }
        StoredImage stored;
        try {
            stored = images.store(config.image());
        } catch (IOException e) {
            throw new CommandFailed("cannot store the image: " + e.getMessage());
        }
        return decide(stored, () -> UnikernelImage.decide(config.typ(), config.image().asReadOnlyBuffer(),
                stored.file()));
    }

    /** A compressed image: inflated into the store as it is written, then decided from its file. */
    private ReceivedImage inflate(UnikernelConfig config) throws CommandFailed {
        try (ImageStore.Intake intake = open(config)) {
            intake.write(config.image());
            return decide(config.typ(), store(intake));
        } catch (IOException e) {
            throw new CommandFailed("cannot store the image: " + e.getMessage());
        } catch (IncomingFile.Refused e) {
            throw refused(e);
        }
    }

    /** The whole image has arrived through {@code intake}: stored and decided, pinned until {@link #release}. */
    public ReceivedImage received(UnikernelType type, ImageStore.Intake intake) throws CommandFailed {
        try {
            return decide(type, store(intake));
        } catch (IOException e) {
            throw new CommandFailed("cannot store the image: " + e.getMessage());
        } catch (IncomingFile.Refused e) {
            throw refused(e);
        }
    }

    /** The image of a unikernel the daemon knows already (a restart, a restore), decided again from the store. */
    public UnikernelImage stored(UnikernelSpec spec) throws CommandFailed {
        try {
            return UnikernelImage.read(spec.typ(), images.file(spec.imageDigest()));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CommandFailed("its image (SHA-256 " + spec.imageDigest().toHex() + ") is missing from "
                    + images.directory());
        } catch (IOException e) {
            throw new CommandFailed("its image cannot be read: " + e.getMessage());
        } catch (ImageRejected e) {
            throw new CommandFailed(e.getMessage());
        }
    }

    /** Lets the store forget a received image unless a saved unikernel refers to it. */
    public void release(ReceivedImage image) {
        images.release(image.stored());
    }

    private static StoredImage store(ImageStore.Intake intake) throws IOException, IncomingFile.Refused {
        return intake.store();
    }

    /** Decides the image in the store (read from its file, mapped). */
    private ReceivedImage decide(UnikernelType type, StoredImage stored) throws CommandFailed {
        return decide(stored, () -> UnikernelImage.read(type, stored.file()));
    }

    /** The image {@code stored} as {@code decision} decides it; a refused one is released. */
    private ReceivedImage decide(StoredImage stored, Decision decision) throws CommandFailed {
        try {
            return new ReceivedImage(stored, decision.decide());
        } catch (ImageRejected e) {
            images.release(stored);
            throw new CommandFailed(e.getMessage());
        } catch (IOException e) {
            images.release(stored);
            throw new CommandFailed("cannot read the stored image: " + e.getMessage());
        }
    }

    /** Reads an image's kind, from its file or from its bytes. */
    @FunctionalInterface
    private interface Decision {
        UnikernelImage decide() throws ImageRejected, IOException;
    }

    private static CommandFailed refused(IncomingFile.Refused e) {
        return new CommandFailed(e.getMessage());
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
