package org.albatross.daemon.endpoint.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Supplier;
import org.albatross.policy.cert.IdentityReader;
import org.albatross.policy.cert.Revocations;
import org.albatross.policy.provision.Pem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity reader in force and the revocation list file ({@code tls.crl}) it checks chains against: read at
 * start, again on SIGHUP ({@link #reload}), and again by the first chain read after the file changed, so that
 * {@code albatross-client revoke} takes effect at the next connection without a signal. Telling a change costs one
 * {@code stat} per connection (modification time, size and file key: a list renamed into place is another file
 * even within the file system's time granularity); the list is read only when one of them differs. A list that
 * cannot be read leaves the one in force, until the file changes again. Public only as a part of
 * {@link TlsEndpoint.Credentials}.
 */
public final class RevocationListFile implements Supplier<IdentityReader> {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationListFile.class);

    /** What tells one version of the file from another; none when it cannot be read. */
    private record Stamp(FileTime modified, long size, Object fileKey) {
        static Optional<Stamp> of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return Optional.of(new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey()));
            } catch (IOException missing) {
                return Optional.empty();
            }
        }
    }

    private final X509Certificate root;
    private final Optional<Path> file;
    private volatile IdentityReader reader;
    /** The version of the file {@link #reader} was made from, or last failed to read. */
    private volatile Optional<Stamp> seen;

    private RevocationListFile(X509Certificate root, Optional<Path> file, IdentityReader reader,
            Optional<Stamp> seen) {
        this.root = root;
        this.file = file;
        this.reader = reader;
        this.seen = seen;
    }

    /**
     * Reads the list of {@code root} in {@code file}, if one is configured.
     *
     * @throws IOException if the list cannot be read or is not the root's: the daemon does not start without it
     */
    static RevocationListFile read(X509Certificate root, Optional<Path> file) throws IOException {
        Optional<Stamp> stamp = file.flatMap(Stamp::of);
        return new RevocationListFile(root, file, new IdentityReader(revocations(root, file)), stamp);
    }

    /** The reader in force, after reading the list again if its file changed since it was last read. */
    @Override
    public IdentityReader get() {
        if (file.isPresent() && !Stamp.of(file.get()).equals(seen)) {
            reloadIfChanged();
        }
        return reader;
    }

    /** Reads the list again whether or not its file changed (SIGHUP). */
    synchronized void reload() {
        load("reloaded");
    }

    /** Once for a change, however many connections see it at the same time. */
    private synchronized void reloadIfChanged() {
        if (!Stamp.of(file.orElseThrow()).equals(seen)) {
            load("reloaded, its file changed");
        }
    }

    private void load(String how) {
        seen = file.flatMap(Stamp::of);
        try {
            reader = new IdentityReader(revocations(root, file));
            LOG.info("revocation list {}{}", how, file.map(path -> ": " + path).orElse(" (none configured)"));
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("the revocation list was not reloaded, the previous one stays in force: {}", e.getMessage());
        }
    }

    private static Revocations revocations(X509Certificate root, Optional<Path> file) throws IOException {
        if (file.isEmpty()) {
            return Revocations.NONE;
        }
        try {
            return Revocations.NONE.with(Pem.revocationList(Files.readString(file.get())), root);
        } catch (IOException e) {
            throw new IOException("cannot read " + file.get() + ": " + e.getMessage(), e);
        }
    }
}
