package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.albatross.client.transport.LocalTransport;
import org.albatross.client.transport.Answer;
import org.albatross.client.transport.Session;
import org.albatross.client.transport.Stream;
import org.albatross.protocol.ConsoleCommand;
import org.albatross.protocol.Event;
import org.albatross.protocol.EventLogCommand;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.vmm.StandInTender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: the tender keys of docs/configuration.md honoured by a real albatrossd, with the build's stand-in
 * solo5-spt ({@link StandInTender}) at odd paths, so that this runs everywhere; real tenders are Solo5IT's. Tenders
 * are looked up at start and on SIGHUP, never per create.
 */
class TenderConfigurationIT {
    private static final String STAND_IN_VERSION = "solo5-spt tender, version v0.12.1-albatross-stand-in";
    /**
     * Runs the daemon's JVM with SIGHUP at its default whatever this JVM's is: a process started ignoring it (a suite
     * run under nohup) passes that on, and the daemon's JVM then never sees the signal.
     */
    private static final List<String> SIGHUP_AT_ITS_DEFAULT = List.of("env", "--default-signal=HUP");
    private static final List<String> SIGHUP_IGNORED = List.of("nohup");
    private static final Octets IMAGE = Octets.of(StandInTender.image());

    @TempDir
    Path root;
    private DaemonProcess daemon;

    @RegisterExtension
    final DaemonLogOnFailure log = new DaemonLogOnFailure(() -> daemon);

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void aTenderInstalledAtTheConfiguredPathAfterStartIsFoundOnSighupNotOnACreate() throws Exception {
        Path odd = root.resolve("odd place/bin.d/my spt");
        DaemonFiles files = DaemonFiles.withSolo5(root.resolve("daemon"), """
                hvt = false
                spt-tender = "%s"
                """.formatted(odd));
        daemon = DaemonProcess.start(files, SIGHUP_AT_ITS_DEFAULT, DaemonProcess.TEST_JVM_OPTIONS,
                System.getProperty("java.class.path"));
        String missing = "no solo5-spt tender for Solo5 ABI version 2: adapters.solo5.spt-tender names " + odd
                + ", which does not exist; put a tender for ABI version 2 there and send albatrossd SIGHUP, or set"
                + " adapters.solo5.spt-tender to one and restart albatrossd";
        assertThat(create(files, "early")).isEqualTo(new Answer.Failed(missing));

        Files.createDirectories(odd.getParent());
        StandInTender.writeTo(odd);

        assertThat(create(files, "not-yet")).as("a create looks up no tender").isEqualTo(new Answer.Failed(missing));
        try (Session session = LocalTransport.connect(files.socket());
                Stream events = session.open(new EventLogCommand.SubscribeCount(0), Name.ROOT)) {
            events.reply().success();
            hangUp(daemon);
            Streams.readUntil(events, "the hang-up, recorded once the tenders are found again",
                    Streams.event(new Event.Hup()));
        }
        runsToItsExit(files, "found");
        assertThat(daemon.log()).contains("tenders: solo5-spt for Solo5 ABI version 2: " + odd + " ("
                + STAND_IN_VERSION + ")");
    }

    @Test
    void aTenderNamedByItsAbiVersionInTheTenderDirectoryRunsImagesOfThatVersion() throws Exception {
        Path tenders = Files.createDirectories(root.resolve("tenders"));
        Path named = StandInTender.writeTo(tenders.resolve("solo5-spt.2"));
        DaemonFiles files = DaemonFiles.withSolo5(root.resolve("daemon"), """
                hvt = false
                tender-dir = "%s"
                """.formatted(tenders));
        daemon = DaemonProcess.start(files);

        runsToItsExit(files, "first");
        runsToItsExit(files, "second");

        String found = "tenders: solo5-spt for Solo5 ABI version 2: " + named + " (" + STAND_IN_VERSION + ")";
        assertThat(daemon.log().split(Pattern.quote(found), -1)).as("times the tender was logged")
                .hasSize(2);
    }

    @Test
    void aDaemonStartedWithSighupIgnoredSaysThatItCannotBeReloaded() throws Exception {
        DaemonFiles files = DaemonFiles.withSolo5(root.resolve("daemon"), "hvt = false\n");

        daemon = DaemonProcess.start(files, SIGHUP_IGNORED, DaemonProcess.TEST_JVM_OPTIONS,
                System.getProperty("java.class.path"));

        assertThat(daemon.log()).contains("SIGHUP is ignored in this process (albatrossd was started under nohup, or"
                + " by a parent that ignores it)");
    }

    /** Creates {@code name} with the stand-in's image and follows it to its console line and its exit with 0. */
    private static void runsToItsExit(DaemonFiles files, String name) {
        try (Session events = LocalTransport.connect(files.socket());
                Session consoles = LocalTransport.connect(files.socket());
                Stream exits = events.open(new EventLogCommand.SubscribeCount(0), Name.ROOT);
                Stream console = consoles.open(new ConsoleCommand.SubscribeCount(10), Name.parse(name))) {
            exits.reply().success();
            console.reply().success();
            create(files, name).success();
            Streams.readUntil(console, "the stand-in's console line", Streams.consoleLine("would run here"));
            Streams.readUntil(exits, "the exit of " + name + " with 0", Streams.exited(name, 0));
        }
    }

    private static Answer create(DaemonFiles files, String name) {
        UnikernelConfig config = TestUnikernel.withArguments().config(IMAGE);
        try (Session session = LocalTransport.connect(files.socket())) {
            return session.request(new UnikernelCommand.Create(config), Name.parse(name));
        }
    }

    private static void hangUp(DaemonProcess daemon) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(daemon.handle().pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -HUP's exit status").isZero();
    }
}
