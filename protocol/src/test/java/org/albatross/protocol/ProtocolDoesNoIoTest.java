package org.albatross.protocol;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.albatross.protocol.testing.IoFreeRule;
import org.junit.jupiter.api.Test;

/** The wire codec takes bytes and gives values, and back: the endpoints read and write them. */
class ProtocolDoesNoIoTest {
    @Test
    void theProtocolDoesNoIo() {
        IoFreeRule.under("org.albatross.protocol").check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.albatross.protocol"));
    }
}
