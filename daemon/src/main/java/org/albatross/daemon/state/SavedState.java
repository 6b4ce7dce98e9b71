package org.albatross.daemon.state;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.albatross.daemon.store.CorruptState;
import org.albatross.daemon.store.PrivateFiles;
import org.albatross.daemon.store.StateStore;
import org.albatross.daemon.supervisor.StatePersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's state in {@code dbdir}: {@link DaemonStateCodec} over the {@link StateStore}. A damaged or unreadable
 * state stops the start with a message saying what happened, unless the operator said to start without it.
 */
public final class SavedState implements StatePersistence {
    private static final Logger LOG = LoggerFactory.getLogger(SavedState.class);

    private final StateStore store;
    private final Clock clock;

    public SavedState(StateStore store, Clock clock) {
        this.store = store;
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

    private DaemonState decode(Optional<byte[]> bytes, boolean startOverDamage) throws StateRefused, IOException {
        if (bytes.isEmpty()) {
            LOG.info("no saved state in {}: starting without unikernels and policies", store.path());
            return DaemonState.EMPTY;
        }
        try {
            return DaemonStateCodec.decode(bytes.get());
        } catch (DaemonStateCodec.UnreadableState e) {
            java.nio.file.Path aside = store.path().resolveSibling("state.unreadable-" + clock.millis());
            PrivateFiles.copy(store.path(), aside);
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

    @Override
    public void save(DaemonState state) throws IOException {
        store.save(DaemonStateCodec.encode(state));
    }

    /** The daemon must not start over this state; the message says why and what the operator can do. */
    public static final class StateRefused extends Exception {
        public StateRefused(String message) {
            super(message, null, false, false);
        }
    }
}
