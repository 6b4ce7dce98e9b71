package org.albatross.daemon.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.albatross.console.ConsoleLimits;
import org.albatross.console.Consoles;
import org.albatross.daemon.reply.Reply;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Name;
import org.junit.jupiter.api.Test;

class ConsoleServiceTest {
    private final ConsoleService service = new ConsoleService(new Consoles(ConsoleLimits.DEFAULTS,
            Clock.systemUTC()), Clock.systemUTC());

    @Test
    void openStreamsAreCountedAsSubscribersAndACloseCountsOnce() throws Exception {
        Reply.Streaming first = (Reply.Streaming) service.handle(Name.parse("web"),
                new ConsoleCommand.SubscribeCount(5), () -> { });
        service.handle(Name.parse("db"), new ConsoleCommand.SubscribeCount(5), () -> { });
        assertThat(service.subscribers()).isEqualTo(2);

        first.stream().close();
        first.stream().close();

        assertThat(service.subscribers()).isEqualTo(1);
    }
}
