package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.albatross.client.transport.Answer;
import org.albatross.client.transport.Stream;
import org.albatross.protocol.Data;
import org.albatross.protocol.Event;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.Policy;
import org.albatross.protocol.PolicyCommand;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5: policy refusals for count, memory, CPU and bridge, with their messages; a refusal changes nothing. The
 * tenant may use no bridge at all: a test host has none to delegate.
 */
class PolicyIT {
    private static final String TENANT = "limited:";
    private static final Policy LIMIT = new Policy(1, Set.of(0), 64, Optional.empty(), Set.of());

    @RegisterExtension
    static final DaemonExtension albatrossd = new DaemonExtension();

    @BeforeAll
    static void limitTheTenant() {
        assertThat(albatrossd.request(new PolicyCommand.Add(LIMIT), TENANT))
                .isEqualTo(new Answer.Succeeded(new Success.Message("added policy")));
    }

    @Test
    void policyInfoShowsTheTenantsPolicy() {
        assertThat(albatrossd.request(new PolicyCommand.Info(), TENANT).success())
                .isEqualTo(new Success.Policies(List.of(new Success.NamedPolicy(Name.parse(TENANT), LIMIT))));
    }

    @Test
    void aCreateBeyondTheUnikernelCountIsRefused() {
        create("first", TestUnikernel.withArguments("forever").onCpus(0)).success();
        try {
            Answer second = create("second", TestUnikernel.withArguments("forever").onCpus(0));

            assertRefused(second, "maximum amount of unikernels reached");
            assertThat(names()).containsExactly(Name.parse("limited:first"));
        } finally {
            albatrossd.request(new UnikernelCommand.Destroy(), "limited:first").success();
        }
    }

    @Test
    void aCreateBeyondTheMemoryIsRefused() {
        assertRefused(create("big", TestUnikernel.withArguments("forever").onCpus(0).withMemory(128)),
                "too much memory");
        assertThat(names()).isEmpty();
    }

    @Test
    void aCreateOnACpuOutsideThePolicyIsRefused() {
        assertRefused(create("elsewhere", TestUnikernel.withArguments("forever").onCpus(1)), "cpuid not allowed");
        assertThat(names()).isEmpty();
    }

    @Test
    void aCreateOnABridgeOutsideThePolicyIsRefused() {
        assertRefused(create("bridged", TestUnikernel.withArguments("forever").onCpus(0).onBridge("forbidden")),
                "wrong bridge");
        assertThat(names()).isEmpty();
    }

    @Test
    void aRefusalIsRecordedInTheEventLogWithItsReason() {
        assertRefused(create("greedy", TestUnikernel.withArguments("forever").onCpus(0).withMemory(100)),
                "too much memory");

        try (Stream events = albatrossd.connect().open(new EventLogCommand.SubscribeCount(100), Name.ROOT)) {
            Streams.readUntil(events, "the refusal of greedy", data -> data instanceof Data.EventEntry entry
                    && entry.event() instanceof Event.CommandRefused refused && refused.what().contains("greedy")
                    && refused.why().contains("too much memory"));
        }
    }

    private static Answer create(String label, TestUnikernel kernel) {
        return albatrossd.request(new UnikernelCommand.Create(kernel.config()), TENANT + label);
    }

    private static void assertRefused(Answer reply, String why) {
        assertThat(reply).isInstanceOfSatisfying(Answer.Failed.class,
                failed -> assertThat(failed.message()).contains(why));
    }

    private static List<Name> names() {
        return ((Success.UnikernelInfos) albatrossd.request(new UnikernelCommand.Info(), TENANT).success())
                .unikernels().stream().map(Success.NamedUnikernelInfo::name).toList();
    }
}
