package org.albatross.policy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.albatross.protocol.testing.IoFreeRule;
import org.junit.jupiter.api.Test;

/** Policies, the resource tree and certificate chains are decided on values; the daemon and the client do the I/O. */
class PolicyDoesNoIoTest {
    @Test
    void thePolicyModuleDoesNoIo() {
        IoFreeRule.under("org.albatross.policy").check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.albatross.policy"));
    }
}
