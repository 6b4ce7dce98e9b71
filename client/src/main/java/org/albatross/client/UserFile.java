package org.albatross.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.albatross.policy.provision.Pem;
import org.albatross.policy.provision.Pem.PemException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A file the user named, in the role it plays for the command ({@code "the image"}, {@code "the tenant CA's key
 * (--ca-key)"}): read or written with one line on failure that names the file, says what is wrong with it and what to
 * do, and albatross's exit code for a command line that cannot be used (124, as cmdliner's file arguments).
 */
record UserFile(Path path, String role) {
    UserFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(role, "role");
    }

    byte[] bytes() {
        return read(Files::readAllBytes);
    }

    String text() {
        return read(Files::readString);
    }

    /** The file opened for reading, for data sent as a stream. */
    InputStream open() {
        return read(Files::newInputStream);
    }

    /** One way of reading a file, which may fail as the file system says. */
    @FunctionalInterface
    private interface Reading<T> {
        T from(Path path) throws IOException;
    }

    private <T> T read(Reading<T> reading) {
        requireNotADirectory();
        try {
            return reading.from(path);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    long size() {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** The file created (or emptied) for writing. */
    OutputStream create() {
        try {
            return Files.newOutputStream(path);
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    /** This file as a directory, made with its parents if missing, with {@code attributes} if made. */
    Path directory(FileAttribute<?>... attributes) {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw problem(" is a file; name a directory", null);
        }
        try {
            return Files.createDirectories(path, attributes);
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    void write(String content) {
        try {
            Files.writeString(path, content);
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    List<X509Certificate> certificates() {
        return parsed(Pem::certificates);
    }

    PrivateKey privateKey() {
        return parsed(Pem::privateKey);
    }

    PKCS10CertificationRequest signingRequest() {
        return parsed(Pem::certificationRequest);
    }

    X509CRL revocationList() {
        return parsed(Pem::revocationList);
    }

    /** A failure to read this file, in words: whether it is missing, a directory or not readable by this user. */
    ClientFailure unreadable(IOException failure) {
        if (failure instanceof NoSuchFileException) {
            return problem(" does not exist; check the path", failure);
        }
        if (failure instanceof AccessDeniedException) {
            return problem(" cannot be read: permission denied; run as a user who may read it", failure);
        }
        if (Files.isDirectory(path)) {
            return problem(" is a directory; name the file itself", failure);
        }
        return problem(" cannot be read: " + reason(failure), failure);
    }

    /** A failure to write this file, in words. */
    ClientFailure unwritable(IOException failure) {
        if (Files.isDirectory(path)) {
            return problem(" is a directory; name a file to write", failure);
        }
        Path directory = path.toAbsolutePath().getParent();
        if (failure instanceof NoSuchFileException && directory != null && !Files.isDirectory(directory)) {
            return problem(" cannot be written: the directory " + directory + " does not exist; create it first",
                    failure);
        }
        if (failure instanceof AccessDeniedException) {
            return problem(" cannot be written: permission denied; run as a user who may write there", failure);
        }
        return problem(" cannot be written: " + reason(failure), failure);
    }

    /**
     * What the user sees of a file problem no command anticipated (a {@link FileSystemException} names its file):
     * the file and the system's reason.
     */
    static String lineOf(FileSystemException failure) {
        return failure.getFile() + ": " + reason(failure);
    }

    private <T> T parsed(Function<String, T> parser) {
        String text = text();
        try {
            return parser.apply(text);
        } catch (PemException e) {
            throw problem(": " + e.getMessage(), e);
        }
    }

    /** Reading a directory fails with the system's "Is a directory" only once the read starts, if at all. */
    private void requireNotADirectory() {
        if (Files.isDirectory(path)) {
            throw problem(" is a directory; name the file itself", null);
        }
    }

    private ClientFailure problem(String what, Exception cause) {
        return new ClientFailure(ExitCode.CLI_FAILED, role + " " + path + what, cause);
    }

    /** The system's reason alone: a {@link FileSystemException}'s message repeats the file's name before it. */
    private static String reason(IOException failure) {
        if (failure instanceof FileSystemException system && system.getReason() != null) {
            return system.getReason();
        }
        return String.valueOf(failure.getMessage());
    }
}
