package org.albatross.daemon.state;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.albatross.daemon.store.AsideName;
import org.albatross.daemon.store.AtomicFile;
import org.albatross.daemon.store.ImageStore;
import org.albatross.protocol.AlbatrossState;
import org.albatross.protocol.Event;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Policy;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.codec.AlbatrossStateCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moving in: a dbdir whose {@code state} is robur albatross's (any form it has written, {@link AlbatrossStateCodec})
 * becomes this daemon's. The file is read entry by entry, each image put in the image store as it comes; the block
 * devices are albatross's files in {@code dbdir/block}; then albatross's file is copied, byte for byte, to
 * {@code state.albatross-TIME} and this daemon's state saved in its place. A file that cannot be read stops the start
 * with one line naming the file and the fault, and changes nothing: the images it had stored are removed again and
 * neither the state nor the block files are touched. docs/runbook.md, "Moving from albatross".
 *
 * <p>A daemon killed during an import finds albatross's file still in place (it is replaced last, atomically) and
 * imports again; the images are stored once, the block files already renamed are recognised.
 */
public final class AlbatrossStateImport {
    private static final Logger LOG = LoggerFactory.getLogger(AlbatrossStateImport.class);

    /** albatross's block devices, found as files: renamed to this daemon's names, with their sizes in MB. */
    @FunctionalInterface
    public interface BlockFiles {
        Map<Name, Long> adopt() throws IOException;
    }

    private AlbatrossStateImport() {
    }

    /** Whether {@code state} is albatross's state file rather than this daemon's (or absent). */
    public static boolean holdsAlbatrossState(Path state) throws IOException {
        if (!Files.isRegularFile(state) || Files.size(state) == 0) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(state, StandardOpenOption.READ)) {
            java.nio.ByteBuffer first = java.nio.ByteBuffer.allocate(1);
            channel.read(first, 0);
            return AlbatrossStateCodec.startsLikeAlbatrossState(first.get(0));
        }
    }

    /**
     * Imports albatross's state in {@code dbdir/state} when that is what lies there; nothing otherwise.
     *
     * @return the import, for the event log
     * @throws SavedState.StateRefused when the file is albatross's but cannot be imported; nothing was changed
     */
    public static Optional<Event.StateImported> ifAlbatross(Path dbdir, ImageStore images, long maxImageBytes,
            BlockFiles blocks, SavedState saved, Clock clock) throws IOException, SavedState.StateRefused {
        Path state = dbdir.resolve("state");
        if (!holdsAlbatrossState(state)) {
            return Optional.empty();
        }
        LOG.info("{} is robur albatross's state: importing its unikernels, policies and block devices", state);
        Set<Octets> storedBefore = storedImages(images);
        DaemonState imported;
        AlbatrossState.Form form;
        try (FileChannel channel = FileChannel.open(state, StandardOpenOption.READ);
                PinnedImages pinned = new PinnedImages(images, maxImageBytes)) {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            try {
                AlbatrossStateCodec.Entries entries = AlbatrossStateCodec.entries(mapped);
                form = entries.form();
                imported = read(entries, pinned);
            } catch (ProtocolError | DaemonStateCodec.UnreadableState e) {
                pinned.close();
                images.removeAllBut(storedBefore);
                throw new SavedState.StateRefused(state + " is robur albatross's state but cannot be imported: "
                        + e.getMessage() + ". Nothing was changed; inspect it with `albatross-client inspect-dump "
                        + state + "`, or move it away to start without it.");
            }
            Map<Name, Long> blockDevices = blocks.adopt();
            Path kept = AsideName.beside(state, "albatross", clock.instant());
            AtomicFile.copy(state, kept);
            saved.save(new DaemonState(imported.policies(), blockDevices, imported.unikernels(), Map.of()));
            LOG.info("imported {} (form {}): {} unikernels, {} policies, {} block devices; albatross's file is kept"
                    + " as {}", state, form, imported.unikernels().size(), imported.policies().size(),
                    blockDevices.size(), kept);
            return Optional.of(new Event.StateImported(state.toString(), kept.toString(), form.toString(),
                    imported.unikernels().size(), imported.policies().size(), blockDevices.size()));
        }
    }

    /** The unikernels and policies of the state, each image stored through {@code images} as it is read. */
    static DaemonState read(AlbatrossStateCodec.Entries entries, StateWithImages.ImageSink images)
            throws IOException, DaemonStateCodec.UnreadableState {
        Map<org.albatross.protocol.Path, Policy> policies = new HashMap<>();
        Map<Name, UnikernelSpec> unikernels = new HashMap<>();
        while (entries.hasNext()) {
            AlbatrossState.Entry entry = entries.next();
            if (entry instanceof AlbatrossState.Unikernel unikernel) {
                unikernels.put(unikernel.name(), DaemonStateCodec.spec(unikernel.config(),
                        images.store(unikernel.name(), unikernel.config())));
            } else if (entry instanceof AlbatrossState.PolicyAt policy) {
                policies.put(policy.path(), policy.policy());
            }
        }
        return new DaemonState(policies, Map.of(), unikernels, Map.of());
    }

    /** What the image store held before the import: a refused import removes only what it added. */
    private static Set<Octets> storedImages(ImageStore images) throws IOException {
        Set<Octets> stored = new HashSet<>();
        try (Stream<Path> files = Files.list(images.directory())) {
            files.map(file -> file.getFileName().toString()).filter(ImageStore::isImageName)
                    .forEach(name -> stored.add(Octets.ofHex(name)));
        }
        return stored;
    }

}
