package org.albatross.it.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * {@link HelloWorld} in a JVM of its own, from a jar (a class-data archive takes no directory on its class path),
 * with the daemon's JVM options and a class-data archive of its own made the way the launcher makes the daemon's:
 * what a JVM start with these options costs before the daemon does anything.
 */
final class HelloWorldJvm {
    private final List<String> options;
    private final Path jar;
    private final Path archive;

    private HelloWorldJvm(List<String> options, Path jar, Path archive) {
        this.options = options;
        this.jar = jar;
        this.archive = archive;
    }

    /** Writes the jar into {@code directory}, then runs it once to write its class-data archive. */
    static HelloWorldJvm withClassArchive(List<String> options, Path directory)
            throws IOException, InterruptedException {
        Path jar = directory.resolve("hello-world.jar");
        String entry = HelloWorld.class.getName().replace('.', '/') + ".class";
        try (InputStream in = HelloWorld.class.getClassLoader().getResourceAsStream(entry);
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
        HelloWorldJvm hello = new HelloWorldJvm(options, jar, directory.resolve("hello-world.jsa"));
        Process dumping = hello.start(List.of("-XX:ArchiveClassesAtExit=" + hello.archive, "-Xlog:cds=error"));
        hello.awaitReady(dumping);
        dumping.getOutputStream().close();
        if (!dumping.waitFor(1, TimeUnit.MINUTES) || dumping.exitValue() != 0 || !Files.exists(hello.archive)) {
            throw new IllegalStateException("the hello world did not write its class-data archive "
                    + hello.archive);
        }
        return hello;
    }

    /** Starts it with the archive, {@code more} options added; it runs until its standard input is closed. */
    Process start(String... more) throws IOException {
        List<String> extra = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive));
        extra.addAll(List.of(more));
        return start(extra);
    }

    private Process start(List<String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(options);
        command.addAll(extra);
        command.addAll(List.of("-cp", jar.toString(), HelloWorld.class.getName()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Blocks until the JVM has printed {@link HelloWorld#READY}. */
    void awaitReady(Process hello) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(hello.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.equals(HelloWorld.READY)) {
                return;
            }
        }
        throw new IllegalStateException("the hello world ended without printing " + HelloWorld.READY);
    }

    /** Closes its standard input and waits for it to end. */
    static void stop(Process hello) throws IOException, InterruptedException {
        hello.getOutputStream().close();
        if (!hello.waitFor(1, TimeUnit.MINUTES)) {
            hello.destroyForcibly();
        }
    }
}
