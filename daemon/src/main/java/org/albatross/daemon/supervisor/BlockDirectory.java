package org.albatross.daemon.supervisor;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.albatross.daemon.store.AtomicFile;
import org.albatross.daemon.store.NameOnDisk;
import org.albatross.daemon.store.PrivateFiles;
import org.albatross.protocol.InvalidName;
import org.albatross.protocol.Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The block devices' files: one file per device under {@code dbdir/block}, named after the device. */
public record BlockDirectory(Path directory) {
    private static final Logger LOG = LoggerFactory.getLogger(BlockDirectory.class);
    private static final long MB = 1024L * 1024L;

    public Path file(Name device) {
        return directory.resolve(NameOnDisk.of(device));
    }

    /** The device's size in whole MB as its file says; 0 when the file is missing. */
    public long sizeMb(Name device) throws IOException {
        Path file = file(device);
        return Files.exists(file) ? Files.size(file) / MB : 0;
    }

    /** Creates the device's file, {@code sizeMb} of zeros (sparse where the file system allows). */
    public void create(Name device, long sizeMb) throws IOException {
        PrivateFiles.directory(directory);
        try (RandomAccessFile file = new RandomAccessFile(PrivateFiles.createFile(file(device)).toFile(), "rw")) {
            file.setLength(sizeMb * MB);
        }
    }

    public void delete(Name device) throws IOException {
        Files.deleteIfExists(file(device));
    }

    /**
     * The block devices of an albatross host whose dbdir this daemon takes over: albatross keeps each as a file named
     * after the device's wire name ({@code :disk}, {@code foo:disk}); each is renamed to this daemon's name for it
     * (already renamed ones, by an import that was stopped, are recognised) and its size read. A file named after no
     * device is left alone, with a warning, as albatross leaves it.
     */
    public Map<Name, Long> adoptAlbatrossFiles() throws IOException {
        Map<Name, Long> devices = new HashMap<>();
        if (!Files.isDirectory(directory)) {
            return devices;
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(directory)) {
            files = listed.filter(Files::isRegularFile).toList();
        }
        for (Path found : files) {
            Name device;
            try {
                device = NameOnDisk.parse(found.getFileName().toString());
            } catch (InvalidName e) {
                LOG.warn("{} is no block device: {}", found, e.getMessage());
                continue;
            }
            if (device.label().isEmpty()) {
                LOG.warn("{} is no block device: {} names a path", found, device);
                continue;
            }
            if (!found.equals(file(device))) {
                Files.move(found, file(device), StandardCopyOption.ATOMIC_MOVE);
            }
            devices.put(device, sizeMb(device));
        }
        AtomicFile.syncDirectory(directory);
        return devices;
    }

    /**
     * Deletes every file here that is not the file of one of {@code devices}, and returns them: what a daemon killed
     * in the middle of a command left behind, never acknowledged - the file of a device added but not saved, the
     * data of a block set not finished ({@code NAME.incoming}), the file of a device whose removal was saved.
     */
    public List<Path> removeAllBut(Set<Name> devices) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        Set<Path> kept = devices.stream().map(this::file).collect(Collectors.toSet());
        List<Path> leftovers;
        try (Stream<Path> files = Files.list(directory)) {
            leftovers = files.filter(file -> !kept.contains(file) && Files.isRegularFile(file)).toList();
        }
        for (Path leftover : leftovers) {
            Files.delete(leftover);
        }
        return leftovers;
    }
}
