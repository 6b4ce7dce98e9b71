package org.albatross.vmm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.albatross.vmm.solo5.Solo5Abi;
import org.albatross.vmm.solo5.Solo5Target;

/**
 * The Solo5 tenders this host can run, by target and ABI version, as {@link TenderLocator} found them at start or
 * on reload, and why solo5-hvt images cannot run when the KVM device is not usable. Immutable: looking a tender up
 * does no I/O, and a refusal names what was looked for and the key that names a tender outright. What every start
 * logs ({@link #found}, {@link #problems}) is written as loops, not streams, as {@link TenderLocator}'s search is: it
 * runs once, interpreted, where each pipeline and lambda costs its linking.
 */
public final class Solo5Tenders {
    private final Map<Solo5Target, Search> searches;
    private final Optional<String> hvtUnusable;

    /**
     * How the tenders of one target were looked for, and what answered.
     *
     * @param configured the program the target's key names, if it is set (then nothing else is looked at)
     * @param directories the directories searched, in order, when the key is not set
     * @param answered the tenders that answered {@code --version} with an ABI version, in the order they were found:
     *     the first of an ABI version runs that version's images
     * @param problems the programs that were found but cannot be used, each with its reason
     */
    public record Search(Solo5Target target, Optional<Path> configured, List<Path> directories, List<Tender> answered,
            List<String> problems) {
        public Search {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(configured, "configured");
            directories = List.copyOf(directories);
            answered = List.copyOf(answered);
            problems = List.copyOf(problems);
        }

        /** The tender for ABI version {@code abi}: the first that answered with it. */
        Optional<Tender> tenderFor(int abi) {
            return answered.stream().filter(tender -> tender.abiVersion() == abi).findFirst();
        }

        /** The tender of each ABI version found, in the order found. */
        Map<Integer, Tender> byAbi() {
            Map<Integer, Tender> byAbi = new LinkedHashMap<>();
            for (Tender tender : answered) {
                byAbi.putIfAbsent(tender.abiVersion(), tender);
            }
            return byAbi;
        }

        String program() {
            return "solo5-" + target.label();
        }

        /** The key that names this target's tender outright. */
        String key() {
            return keyOf(target);
        }

        /** Why no tender runs images of ABI version {@code abi}, and what to do: the rest of a refusal's line. */
        String missing(int abi) {
            List<String> found = new ArrayList<>();
            byAbi().values().forEach(other -> found.add((configured.isPresent() ? key() + " names " : "")
                    + other.binary() + (configured.isPresent() ? ", which" : "") + " speaks ABI version "
                    + other.abiVersion()));
            found.addAll(problems);
            if (configured.isPresent()) {
                return String.join("; ", found) + "; put a tender for ABI version " + abi + " there and send"
                        + " albatrossd SIGHUP, or set " + key() + " to one and restart albatrossd";
            }
            return lookedAt(String.valueOf(abi)) + (found.isEmpty() ? "" : "; " + String.join("; ", found))
                    + "; install " + program() + " (or " + program() + "." + abi + ") there and send albatrossd"
                    + " SIGHUP, or set " + key();
        }

        /** What was looked at for ABI version {@code abi} (a number, or a placeholder), for a refusal or the log. */
        String lookedAt(String abi) {
            if (configured.isPresent()) {
                return key() + " names " + configured.get();
            }
            StringJoiner in = new StringJoiner(", ");
            for (Path directory : directories) {
                in.add(directory.toString());
            }
            return "looked for " + program() + "." + abi + " and " + program() + " in " + in;
        }
    }

    /**
     * @param searches how each enabled target's tenders were looked for; a target without one is disabled
     * @param hvtUnusable why solo5-hvt cannot run on this host at all (no usable /dev/kvm), if it cannot
     */
    public Solo5Tenders(List<Search> searches, Optional<String> hvtUnusable) {
        Map<Solo5Target, Search> byTarget = new EnumMap<>(Solo5Target.class);
        for (Search search : searches) {
            if (byTarget.put(search.target(), search) != null) {
                throw new IllegalArgumentException("two searches for the " + search.target().label() + " tender");
            }
        }
        this.searches = Collections.unmodifiableMap(byTarget);
        this.hvtUnusable = Objects.requireNonNull(hvtUnusable, "hvtUnusable");
    }

    /** The key that names the tender of {@code target} outright: {@code adapters.solo5.spt-tender}. */
    public static String keyOf(Solo5Target target) {
        return "adapters.solo5." + target.label() + "-tender";
    }

    /**
     * The tender that runs images of {@code abi}; refused with one line when solo5-hvt cannot run here or no
     * tender speaks that ABI version.
     */
    public Tender tenderFor(Solo5Abi abi) throws ImageRejected {
        String program = "solo5-" + abi.target().label();
        if (abi.target() == Solo5Target.HVT && hvtUnusable.isPresent()) {
            throw new ImageRejected(program + " cannot run here: it needs a usable KVM device, and "
                    + hvtUnusable.get() + "; build the unikernel for spt, or run it on a host with KVM");
        }
        Search search = searches.get(abi.target());
        if (search == null) {
            throw new ImageRejected("no " + program + " tender was looked for: adapters.solo5."
                    + abi.target().label() + " is false");
        }
        Optional<Tender> tender = search.tenderFor(abi.version());
        if (tender.isPresent()) {
            return tender.get();
        }
        throw new ImageRejected("no " + program + " tender for Solo5 ABI version " + abi.version() + ": "
                + search.missing(abi.version()));
    }

    /** What was found, one line per target and ABI version (or per target without a tender), for the log. */
    public List<String> found() {
        List<String> lines = new ArrayList<>();
        for (Solo5Target target : List.of(Solo5Target.HVT, Solo5Target.SPT)) {
            Search search = searches.get(target);
            if (search == null) {
                continue;
            }
            Map<Integer, Tender> byAbi = search.byAbi();
            for (Map.Entry<Integer, Tender> tender : byAbi.entrySet()) {
                lines.add(search.program() + " for Solo5 ABI version " + tender.getKey() + ": " + tender.getValue());
            }
            if (byAbi.isEmpty()) {
                lines.add("no " + search.program() + " tender: " + search.lookedAt("<ABI>"));
            }
        }
        return lines;
    }

    /**
     * What an operator should hear about: programs found that cannot be used, and solo5-hvt tenders that cannot run
     * for want of KVM.
     */
    public List<String> problems() {
        Set<String> lines = new LinkedHashSet<>();
        for (Search search : searches.values()) {
            lines.addAll(search.problems());
        }
        Search hvt = searches.get(Solo5Target.HVT);
        if (hvt != null && !hvt.answered().isEmpty() && hvtUnusable.isPresent()) {
            lines.add("solo5-hvt images will be refused: " + hvtUnusable.get());
        }
        return List.copyOf(lines);
    }
}
