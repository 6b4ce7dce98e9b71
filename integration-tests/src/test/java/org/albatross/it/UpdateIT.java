package org.albatross.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.albatross.client.BuilderWebRepository;
import org.albatross.protocol.Success;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Moving on: {@code albatross-client update} against a real albatrossd running the test kernel and a builder-web
 * repository on loopback whose latest build of the job is the test kernel with a build stamp appended (another
 * SHA-256, the same kernel). The update replaces the image; an image that is not what the repository states changes
 * nothing.
 */
class UpdateIT {
    private static final String OLD_UUID = "1b0a4b8e-0000-4000-8000-00000000000a";
    private static final String NEW_UUID = "1b0a4b8e-0000-4000-8000-00000000000b";
    private static final byte[] RUNNING = TestUnikernel.IMAGE.toByteArray();
    private static final byte[] LATEST = stamped(RUNNING, "build 2");

    @RegisterExtension
    static final DaemonExtension albatrossd = new DaemonExtension();

    private BuilderWebRepository repository;

    @BeforeEach
    void deploy() throws Exception {
        repository = BuilderWebRepository.start().build("hello", OLD_UUID, RUNNING).build("hello", NEW_UUID, LATEST);
        albatrossd.request(new UnikernelCommand.ForceCreate(TestUnikernel.withArguments("lines=1", "forever")
                .config()), "hello").success();
    }

    @AfterEach
    void stop() {
        repository.close();
    }

    @Test
    void theLatestBuildReplacesTheRunningImage() {
        ClientCli.Run run = update();

        assertThat(run.exit()).as(run.err()).isZero();
        UnikernelInfo info = info();
        assertThat(info.digest().toHex()).isEqualTo(BuilderWebRepository.hex(LATEST));
        assertThat(info.running()).isTrue();
        assertThat(info.arguments()).hasValueSatisfying(argv -> assertThat(argv).containsSubsequence("lines=1",
                "forever"));
    }

    @Test
    void anImageThatIsNotWhatTheRepositoryStatesChangesNothing() {
        repository.fault(BuilderWebRepository.Fault.WRONG_BYTES);
        Instant started = info().started();

        ClientCli.Run run = update();

        assertThat(run.exit()).isEqualTo(118);
        assertThat(run.err()).contains("nothing was changed");
        UnikernelInfo info = info();
        assertThat(info.digest()).isEqualTo(TestUnikernel.digest());
        assertThat(info.started()).as("not restarted").isEqualTo(started);
    }

    private ClientCli.Run update() {
        return ClientCli.inProcess("update", "hello", "--repository", repository.uri().toString(), "--socket",
                albatrossd.files().socket().toString(), "--http-timeout", "30");
    }

    private static UnikernelInfo info() {
        return ((Success.UnikernelInfos) albatrossd.request(new UnikernelCommand.Info(), "hello").success())
                .unikernels().get(0).info();
    }

    private static byte[] stamped(byte[] kernel, String stamp) {
        byte[] extra = stamp.getBytes(StandardCharsets.US_ASCII);
        byte[] image = java.util.Arrays.copyOf(kernel, kernel.length + extra.length);
        System.arraycopy(extra, 0, image, kernel.length, extra.length);
        return image;
    }

}
