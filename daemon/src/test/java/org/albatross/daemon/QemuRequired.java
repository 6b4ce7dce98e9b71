package org.albatross.daemon;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips a test class, with a message saying why, where QEMU is not installed: its tests boot the test kernel. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(QemuRequired.Check.class)
@interface QemuRequired {
    final class Check implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            assumeTrue(Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                    .anyMatch(directory -> Files.isExecutable(Path.of(directory, "qemu-system-x86_64"))),
                    "qemu-system-x86_64 is not on PATH: these tests boot the test kernel under QEMU (install "
                            + "qemu-system-x86)");
        }
    }
}
