package org.albatross.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Solo5 build outside the repository, named by the environment variable {@code SOLO5_DIR} (DEVELOPERS.md says how
 * to make one): its tenders and its test unikernels. As a class's extension, it skips the class with a message
 * where there is none.
 */
final class Solo5Build implements ExecutionCondition {
    static final String VARIABLE = "SOLO5_DIR";
    /** Where no build is named: paths under it exist nowhere. */
    private static final Path NONE = Path.of("/nonexistent/solo5");

    static Path directory() {
        String named = System.getenv(VARIABLE);
        return named == null || named.isBlank() ? NONE : Path.of(named);
    }

    /** The tender of {@code target} (hvt, spt) as Solo5's build leaves it. */
    static Path tender(String target) {
        return directory().resolve("tenders/" + target + "/solo5-" + target);
    }

    /** Solo5's test unikernel {@code test} (e.g. test_hello) built for {@code target}. */
    static Path test(String test, String target) {
        return directory().resolve("tests/" + test + "/" + test + "." + target);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(tender("spt")) && Files.isReadable(test("test_hello", "spt"))) {
            return ConditionEvaluationResult.enabled("Solo5 build in " + directory());
        }
        return ConditionEvaluationResult.disabled("skipped: no Solo5 build; set " + VARIABLE + " to a built Solo5"
                + " v0.12.1 tree (tenders/spt/solo5-spt, tests/test_hello/test_hello.spt), see DEVELOPERS.md"
                + (directory() == NONE ? "" : "; " + directory() + " is not one"));
    }
}
