package org.albatross.it.bench;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes a JVM has loaded, as {@code jstat -class} counts them (its PerfData counters: loaded minus unloaded,
 * from the class-data archives or not), and the hidden classes beside them (lambdas' and method handles' classes,
 * which {@code jcmd VM.classloader_stats} counts and jstat does not).
 *
 * @param loaded what jstat calls loaded
 * @param shared of those, mapped from a class-data archive
 * @param hidden hidden classes, not in {@code loaded}
 */
record ClassCount(long loaded, long shared, long hidden) {
    private static final Pattern HIDDEN = Pattern.compile("^\\s+(\\d+)\\s+\\d+\\s+\\d+\\s+\\+ hidden classes",
            Pattern.MULTILINE);

    static ClassCount of(ProcessHandle jvm) throws IOException, InterruptedException {
        String counters = Jcmd.run(jvm, "PerfCounter.print");
        long shared = counter(counters, "java.cls.sharedLoadedClasses") - counter(counters,
                "java.cls.sharedUnloadedClasses");
        long loaded = counter(counters, "java.cls.loadedClasses") - counter(counters, "java.cls.unloadedClasses")
                + shared;
        long hidden = 0;
        Matcher rows = HIDDEN.matcher(Jcmd.run(jvm, "VM.classloader_stats"));
        while (rows.find()) {
            hidden += Long.parseLong(rows.group(1));
        }
        return new ClassCount(loaded, shared, hidden);
    }

    private static long counter(String counters, String name) {
        Matcher value = Pattern.compile("^" + Pattern.quote(name) + "=(\\d+)$", Pattern.MULTILINE).matcher(counters);
        if (!value.find()) {
            throw new IllegalStateException("no PerfData counter " + name + " in:\n" + counters);
        }
        return Long.parseLong(value.group(1));
    }

    @Override
    public String toString() {
        return "%,d classes (%,d of them from class-data archives), and %,d hidden classes".formatted(loaded, shared,
                hidden);
    }
}
