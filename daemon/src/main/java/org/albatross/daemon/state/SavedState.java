package org.albatross.daemon.state;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.albatross.daemon.store.AtomicFile;
import org.albatross.daemon.store.CorruptState;
import org.albatross.daemon.store.ImageStore;
import org.albatross.daemon.store.StateStore;
import org.albatross.daemon.store.StoredState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's state in {@code dbdir}: {@link DaemonStateCodec} over the {@link StateStore}, its images in the
 * {@link ImageStore}. A state that earlier daemons wrote with every image inside is converted once, as it is loaded.
 * A damaged or unreadable state stops the start with a message saying what happened, unless the operator said to
 * start without it.
 */
public final class SavedState implements StatePersistence {
    private static final Logger LOG = LoggerFactory.getLogger(SavedState.class);

    private final StateStore store;
    private final ImageStore images;
    private final long maxImageBytes;
    private final Clock clock;
    /**
     * The state the state file holds, as far as this daemon knows (null: not known, e.g. an unreadable file started
     * over); a save of a state that holds the very same entries, or that encodes to the very same bytes, writes
     * nothing. A restore that adopts every saved unikernel unchanged, or a first start with nothing to save, then costs
     * no write and no sync, and the restore not even an encoding (10 ms of a start for 100 unikernels). (Records'
     * equals are not used: the encoding is canonical, and a record's first equals costs a start 25 ms of method handles
     * spun.)
     */
    private volatile OnDisk onDisk;

    private record OnDisk(DaemonState state, byte[] encoded) {
    }

    /** @param maxImageBytes the cap for an image of a converted state, inflated */
    public SavedState(StateStore store, ImageStore images, long maxImageBytes, Clock clock) {
        this.store = store;
        this.images = images;
        this.maxImageBytes = maxImageBytes;
        this.clock = clock;
    }

    /**
     * The saved state, or {@link DaemonState#EMPTY} on a first start.
     *
     * @param startOverDamage start from what is left (the backup, or nothing) when the state is damaged or unreadable,
     *     instead of refusing
     * @throws StateRefused when the state is damaged or unreadable and {@code startOverDamage} is not set
     */
    public DaemonState load(boolean startOverDamage) throws StateRefused, IOException {
        try {
            return decode(store.load(), startOverDamage);
        } catch (CorruptState e) {
            if (!startOverDamage) {
                throw new StateRefused(e.getMessage() + " The damaged state was moved to " + e.movedTo()
                        + ". To start from what is left, start albatrossd with --start-over-damaged-state.");
            }
            LOG.warn("{} Starting from what is left, as --start-over-damaged-state says.", e.getMessage());
            return decode(store.load(), true);
        }
    }

    private DaemonState decode(Optional<StoredState> stored, boolean startOverDamage)
            throws StateRefused, IOException {
        if (stored.isEmpty()) {
            LOG.info("no saved state in {}: starting without unikernels and policies", store.path());
            // no file reads as the empty state, now and next time
            onDisk = new OnDisk(DaemonState.EMPTY, DaemonStateCodec.encode(DaemonState.EMPTY));
            return DaemonState.EMPTY;
        }
        try {
            if (stored.get().holdsImages()) {
                return convert(stored.get());
            }
            byte[] bytes = stored.get().bytes();
            DaemonState decoded = DaemonStateCodec.decode(bytes);
            onDisk = new OnDisk(decoded, bytes);
            return decoded;
        } catch (DaemonStateCodec.UnreadableState e) {
            java.nio.file.Path aside = store.path().resolveSibling("state.unreadable-" + clock.millis());
            AtomicFile.copy(store.path(), aside);
            if (!startOverDamage) {
                throw new StateRefused(store.path() + ": " + e.getMessage() + ". A copy is in " + aside
                        + ". To start without unikernels and policies, start albatrossd with "
                        + "--start-over-damaged-state.");
            }
            LOG.warn("{}: {}; a copy is in {}. Starting without unikernels and policies, as "
                    + "--start-over-damaged-state says.", store.path(), e.getMessage(), aside);
            return DaemonState.EMPTY;
        }
    }

    /**
     * Moves the images of a state that holds them into the image store, one at a time, and saves the state that refers
     * to them; the old file becomes {@code state.bak} (until the next change), so nothing is lost if this stops midway.
     */
    private DaemonState convert(StoredState old) throws IOException, DaemonStateCodec.UnreadableState {
        LOG.info("{} holds every image ({} bytes), as earlier versions of albatrossd wrote it: moving the images to {}",
                old.file(), old.length(), images.directory());
        try (InputStream in = old.stream(); PinnedImages pinned = new PinnedImages(images, maxImageBytes)) {
            DaemonState state = StateWithImages.read(in, pinned);
            save(state);
            LOG.info("converted {}: {} unikernels and {} stopped ones refer to their images by digest now",
                    old.file(), state.unikernels().size(), state.stopped().size());
            return state;
        }
    }

    /**
     * Stages the state; its commit forces the images published since the last commit to disk first, so that no saved
     * state ever refers to an image a crash could take ({@link ImageStore#sync}).
     */
    @Override
    public Staged stage(DaemonState state) throws IOException {
        OnDisk saved = onDisk;
        if (saved != null && state.holdsTheSameAs(saved.state())) {
            return () -> { }; // the file holds it, and every image it refers to was synced before it was saved
        }
        byte[] encoded = DaemonStateCodec.encode(state);
        if (saved != null && Arrays.equals(encoded, saved.encoded())) {
            return () -> { };
        }
        AtomicFile.Staged staged = store.stage(encoded);
        return () -> {
            onDisk = null; // a commit that fails may or may not have replaced the file: not known until one succeeds
            images.sync();
            staged.commit();
            onDisk = new OnDisk(state, encoded);
        };
    }

    /** The daemon must not start over this state; the message says why and what the operator can do. */
    public static final class StateRefused extends Exception {
        public StateRefused(String message) {
            super(message, null, false, false);
        }
    }
}
