package org.albatross.vmm;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A solo5 tender binary found on this host, the first line of its {@code --version} (e.g. {@code solo5-spt tender,
 * version v0.12.1}) and the Solo5 ABI version it reports there.
 */
public record Tender(Path binary, String version, int abiVersion) {
    /** Solo5's tenders print one line {@code ABI version N} among others; albatross looks for exactly that. */
    private static final Pattern ABI_LINE = Pattern.compile("(?m)^ABI version (\\d{1,9})\\s*$");

    public Tender {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(version, "version");
    }

    /** The tender that printed {@code output} for {@code --version}, unless it names no ABI version. */
    public static Optional<Tender> answering(Path binary, String output) {
        Matcher abi = ABI_LINE.matcher(output);
        if (!abi.find()) {
            return Optional.empty();
        }
        String first = output.strip().lines().findFirst().orElse("").strip();
        return Optional.of(new Tender(binary, first, Integer.parseInt(abi.group(1))));
    }

    @Override
    public String toString() {
        return binary + " (" + version + ")";
    }
}
