package org.albatross.vmm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.albatross.vmm.solo5.Solo5Target;

/**
 * Finds this host's Solo5 tenders, once at start and again on reload, never per create. A target whose key names
 * a program ({@code adapters.solo5.spt-tender}) has that tender and no other. Otherwise the tender of ABI version N
 * is the first of, in this order, that answers {@code --version} with {@code ABI version N}: in the tender directory
 * {@code solo5-spt.N}, {@code solo5-spt}; then albatross 2.x's order, {@code <dbdir>/solo5-spt.N}, {@code
 * solo5-spt.N} on PATH, {@code <dbdir>/solo5-spt}, {@code solo5-spt} on PATH. Every executable found is asked
 * {@code --version} once; a {@code solo5-spt.N} that reports another version than its name is not used.
 */
public final class TenderLocator {
    private final Optional<Path> tenderDirectory;
    private final Map<Solo5Target, Path> configured;
    private final Path dbdir;
    private final List<Path> searchPath;
    private final HostCommand host;

    /**
     * @param tenderDirectory {@code adapters.solo5.tender-dir}, searched first
     * @param configured the program each target's key names ({@code adapters.solo5.hvt-tender}, {@code
     *     adapters.solo5.spt-tender}): an absolute path, or a bare name looked up on {@code searchPath}
     * @param searchPath the directories of PATH, in order ({@link #directories})
     * @param host runs {@code TENDER --version}
     */
    public TenderLocator(Optional<Path> tenderDirectory, Map<Solo5Target, Path> configured, Path dbdir,
            List<Path> searchPath, HostCommand host) {
        this.tenderDirectory = Objects.requireNonNull(tenderDirectory, "tenderDirectory");
        this.configured = Map.copyOf(configured);
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

    /**
     * The tenders of {@code targets} (the enabled ones) on this host.
     *
     * @param hvtUnusable why solo5-hvt cannot run here at all, if it cannot (see {@link KvmAccess})
     */
    public Solo5Tenders locate(Set<Solo5Target> targets, Optional<String> hvtUnusable) {
        List<Solo5Tenders.Search> searches = new ArrayList<>();
        // each directory listed once for both targets, and once for all its names (Debian's /bin is /usr/bin)
        Map<Path, List<String>> listed = new HashMap<>();
        Function<Path, List<String>> programsIn = directory -> listed.computeIfAbsent(real(directory),
                TenderLocator::programsIn);
        for (Solo5Target target : List.of(Solo5Target.HVT, Solo5Target.SPT)) {
            if (targets.contains(target)) {
                Path program = configured.get(target);
                searches.add(program == null ? search(target, programsIn) : configured(target, program));
            }
        }
        return new Solo5Tenders(searches, hvtUnusable);
    }

    /** A program the configuration names: it is the target's one tender, whatever ABI version it reports. */
    private Solo5Tenders.Search configured(Solo5Target target, Path program) {
        String named = Solo5Tenders.keyOf(target) + " names " + program;
        Optional<Path> binary = program.isAbsolute() ? Optional.of(program)
                : searchPath.stream().map(directory -> directory.resolve(program)).filter(TenderLocator::isProgram)
                        .findFirst();
        String problem;
        if (binary.isEmpty()) {
            problem = named + ", which is not an executable on PATH (" + joined(searchPath) + ")";
        } else if (!Files.exists(binary.get())) {
            problem = named + ", which does not exist";
        } else if (!isProgram(binary.get())) {
            problem = named + ", which is not an executable file";
        } else {
            Answer answer = ask(binary.get());
            if (answer.tender().isPresent()) {
                return new Solo5Tenders.Search(target, Optional.of(program), List.of(),
                        List.of(answer.tender().get()), List.of());
            }
            problem = named + ", which " + answer.problem();
        }
        return new Solo5Tenders.Search(target, Optional.of(program), List.of(), List.of(), List.of(problem));
    }

    private Solo5Tenders.Search search(Solo5Target target, Function<Path, List<String>> programsIn) {
        List<Path> directories = new ArrayList<>(new LinkedHashSet<>(searchedDirectories()));
        List<Tender> answered = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        tenderDirectory.filter(directory -> !Files.isDirectory(directory)).ifPresent(missing -> problems.add(
                "adapters.solo5.tender-dir names " + missing + ", which is not a directory"));
        for (Candidate candidate : candidates(target, tenderDirectory, albatrossDirectories(), programsIn)) {
            Answer answer = ask(candidate.binary());
            if (answer.tender().isEmpty()) {
                problems.add(candidate.binary() + " " + answer.problem() + "; not used");
            } else if (candidate.namedAbi().isPresent()
                    && candidate.namedAbi().getAsInt() != answer.tender().get().abiVersion()) {
                problems.add(candidate.binary() + " speaks ABI version " + answer.tender().get().abiVersion()
                        + ", not the " + candidate.namedAbi().getAsInt() + " of its name; not used");
            } else {
                answered.add(answer.tender().get());
            }
        }
        return new Solo5Tenders.Search(target, Optional.empty(), directories, answered, problems);
    }

    private List<Path> searchedDirectories() {
        List<Path> directories = new ArrayList<>();
        tenderDirectory.ifPresent(directories::add);
        directories.addAll(albatrossDirectories());
        return directories;
    }

    /** albatross's: the database directory, then PATH. */
    private List<Path> albatrossDirectories() {
        List<Path> directories = new ArrayList<>(List.of(dbdir));
        directories.addAll(searchPath);
        return directories;
    }

    /** A program that may be a tender: {@code solo5-spt} or {@code solo5-spt.N}, and the N its name claims. */
    record Candidate(Path binary, OptionalInt namedAbi) {
    }

    /**
     * The programs looked at for {@code target}, in the order that decides between two of one ABI version: in the
     * tender directory those named by ABI version (ascending), then the plain one; then everywhere else those named
     * by ABI version, directory by directory, then the plain ones. Each path once.
     *
     * @param programsIn the names of the executables in a directory (none for a missing directory)
     */
    static List<Candidate> candidates(Solo5Target target, Optional<Path> tenderDirectory, List<Path> directories,
            Function<Path, List<String>> programsIn) {
        Pattern name = Pattern.compile(Pattern.quote("solo5-" + target.label()) + "(?:\\.(\\d{1,9}))?");
        Map<Path, Candidate> ordered = new LinkedHashMap<>();
        if (tenderDirectory.isPresent()) {
            for (Candidate candidate : candidatesIn(tenderDirectory.get(), name, programsIn)) {
                ordered.putIfAbsent(candidate.binary(), candidate);
            }
        }
        for (boolean named : List.of(true, false)) {
            for (Path directory : directories) {
                for (Candidate candidate : candidatesIn(directory, name, programsIn)) {
                    if (candidate.namedAbi().isPresent() == named) {
                        ordered.putIfAbsent(candidate.binary(), candidate);
                    }
                }
            }
        }
        return List.copyOf(ordered.values());
    }

    /**
     * The programs in {@code directory} that {@code name} matches, those named by ABI version first (ascending). Loops,
     * not a stream: this runs at every start, once per directory of PATH, interpreted.
     */
    private static List<Candidate> candidatesIn(Path directory, Pattern name,
            Function<Path, List<String>> programsIn) {
        List<Candidate> found = new ArrayList<>();
        for (String program : programsIn.apply(directory)) {
            Matcher match = name.matcher(program);
            if (match.matches()) {
                found.add(new Candidate(directory.resolve(program), match.group(1) == null ? OptionalInt.empty()
                        : OptionalInt.of(Integer.parseInt(match.group(1)))));
            }
        }
        // written out: Comparator's combinators make serializable lambdas, which no class-data archive holds
        found.sort((a, b) -> Integer.compare(a.namedAbi().orElse(Integer.MAX_VALUE),
                b.namedAbi().orElse(Integer.MAX_VALUE)));
        return found;
    }

    /** The directory itself, its links resolved where it can be (a missing PATH entry stays as it is). */
    private static Path real(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException missing) {
            return directory;
        }
    }

    /**
     * The executables whose names start with {@code solo5-} in {@code directory}; none if it cannot be read (a missing
     * PATH entry, or one this daemon may not read: nothing found there, as for a shell). The names are read as
     * strings ({@link java.io.File#list}), not as a stream of paths matched against a glob: /usr/bin and /bin hold
     * thousands of entries, and a path and a regular expression match for each were a tenth of a cold start.
     */
    private static List<String> programsIn(Path directory) {
        String[] all = directory.toFile().list();
        List<String> names = new ArrayList<>();
        for (String name : all == null ? new String[0] : all) {
            if (name.startsWith("solo5-") && isProgram(directory.resolve(name))) {
                names.add(name);
            }
        }
        return names;
    }

    private static boolean isProgram(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }

    /** What a program answered to {@code --version}: a tender, or why it is not one. */
    private record Answer(Optional<Tender> tender, String problem) {
    }

    private Answer ask(Path binary) {
        String output;
        try {
            output = host.run(List.of(binary.toString(), "--version"));
        } catch (HostCommandFailed e) {
            return new Answer(Optional.empty(), "does not answer --version: " + e.getMessage());
        }
        Optional<Tender> tender = Tender.answering(binary, output);
        return new Answer(tender, tender.isPresent() ? "" : "printed no line 'ABI version N' for --version, but: "
                + output.strip().lines().findFirst().orElse("nothing"));
    }

    private static String joined(List<Path> directories) {
        return String.join(java.io.File.pathSeparator, directories.stream().map(Path::toString).toList());
    }
}
