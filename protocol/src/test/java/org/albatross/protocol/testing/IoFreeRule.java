package org.albatross.protocol.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The pure cores do no I/O: the wire codec (protocol/) and the policies and certificate chains (policy/) take and
 * give values; files, sockets, channels and processes belong to the edges that call them. A rule for ArchUnit over a
 * module's own classes; {@code java.net.URI} and {@code java.nio.file.attribute} are values, not I/O.
 */
public final class IoFreeRule {
    private static final Set<String> IO_PACKAGES = Set.of("java.nio.channels", "java.net.http");
    private static final Set<String> IO_CLASSES = Set.of("java.io.File", "java.io.FileInputStream",
            "java.io.FileOutputStream", "java.io.RandomAccessFile", "java.io.FileReader", "java.io.FileWriter",
            "java.nio.file.Files", "java.nio.file.Paths", "java.nio.file.Path", "java.nio.file.FileSystems",
            "java.net.Socket", "java.net.ServerSocket", "java.net.DatagramSocket", "java.net.URL",
            "java.net.URLConnection", "java.lang.ProcessBuilder", "java.lang.Runtime");

    private static final DescribedPredicate<JavaClass> DOING_IO = DescribedPredicate.describe(
            "read or write files, sockets, channels or processes",
            type -> IO_CLASSES.contains(type.getName()) || IO_PACKAGES.contains(type.getPackageName()));

    private IoFreeRule() {
    }

    /** No class under {@code rootPackage} uses one that does I/O. */
    public static ArchRule under(String rootPackage) {
        return noClasses().that().resideInAPackage(rootPackage + "..").should().dependOnClassesThat(DOING_IO);
    }
}
