package org.albatross.vmm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.albatross.vmm.solo5.Solo5Target;

/**
 * Finds the solo5 tender for an image: first in the configured tender directory, then albatross's order,
 * {@code <dbdir>/solo5-hvt.<abi>}, {@code solo5-hvt.<abi>} on PATH, {@code <dbdir>/solo5-hvt},
 * {@code solo5-hvt} on PATH; the first executable one must report the image's ABI version.
 */
public final class TenderLocator {
    private static final Pattern ABI_LINE = Pattern.compile("(?m)^ABI version (\\d+)\\s*$");

    private final Optional<Path> tenderDirectory;
    private final Path dbdir;
    private final List<Path> searchPath;
    private final HostCommand host;

    public TenderLocator(Optional<Path> tenderDirectory, Path dbdir, List<Path> searchPath, HostCommand host) {
        this.tenderDirectory = Objects.requireNonNull(tenderDirectory, "tenderDirectory");
        this.dbdir = Objects.requireNonNull(dbdir, "dbdir");
        this.searchPath = List.copyOf(searchPath);
        this.host = Objects.requireNonNull(host, "host");
    }

    /** The directories of a PATH-style variable, e.g. {@code System.getenv("PATH")}. */
    public static List<Path> directories(String pathVariable) {
        List<Path> directories = new ArrayList<>();
        for (String entry : pathVariable.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                directories.add(Path.of(entry));
            }
        }
        return directories;
    }

    /** Where the tender for {@code target} and {@code abiVersion} is looked for, in order. */
    public List<Path> candidates(Solo5Target target, int abiVersion) {
        String base = "solo5-" + target.label();
        Set<Path> candidates = new LinkedHashSet<>();
        for (String name : List.of(base + "." + abiVersion, base)) {
            tenderDirectory.ifPresent(directory -> candidates.add(directory.resolve(name)));
        }
        for (String name : List.of(base + "." + abiVersion, base)) {
            candidates.add(dbdir.resolve(name));
            searchPath.forEach(directory -> candidates.add(directory.resolve(name)));
        }
        return new ArrayList<>(candidates);
    }

    public Tender locate(Solo5Target target, int abiVersion) throws ImageRejected {
        List<Path> candidates = candidates(target, abiVersion);
        Path binary = candidates.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new ImageRejected("no solo5-" + target.label() + " tender on this host; looked for "
                        + candidates + ". Install Solo5's tenders or set the tender directory"));
        String version;
        try {
            version = host.run(List.of(binary.toString(), "--version"));
        } catch (HostCommandFailed e) {
            throw new ImageRejected("the tender " + binary + " does not answer --version: " + e.getMessage());
        }
        Matcher abi = ABI_LINE.matcher(version);
        if (!abi.find()) {
            throw new ImageRejected("unexpected output of " + binary + " --version, expected a line 'ABI version "
                    + abiVersion + "', got: " + version.strip());
        }
        int reported = Integer.parseInt(abi.group(1));
        if (reported != abiVersion) {
            throw new ImageRejected("the image needs Solo5 ABI version " + abiVersion + " but the tender " + binary
                    + " speaks ABI version " + reported + "; install a matching tender as solo5-" + target.label()
                    + "." + abiVersion);
        }
        return new Tender(binary, reported);
    }
}
