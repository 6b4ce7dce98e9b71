package org.albatross.daemon;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The daemon's packages depend on each other one way only: a vocabulary below its users (the replies in
 * {@code reply}), never a package that uses another which uses it back. Each package, the root one too, is a slice.
 */
class PackageCyclesTest {
    @Test
    void theDaemonsPackagesFormNoCycle() {
        JavaClasses daemon = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.albatross.daemon");
        slices().matching("org.albatross.(**)").should().beFreeOfCycles().check(daemon);
    }
}
