package org.albatross.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.DeflaterOutputStream;
import org.albatross.protocol.AlbatrossState;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Policy;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.protocol.codec.AlbatrossStateCodec;
import org.albatross.protocol.testing.AlbatrossVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** inspect-dump and extract-dump over albatross's own dumps (read in place) and a state of the current form. */
class DumpCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] IMAGE = "a unikernel image".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final Policy ALICE = new Policy(2, Set.of(0), 64, Optional.of(100L), Set.of("service"));

    @TempDir
    Path dir;

    private Path albatrossDump(String file) throws Exception {
        Path copy = dir.resolve(file);
        Files.write(copy, Base64.getMimeDecoder().decode(AlbatrossVectors.text("state/" + file).strip()));
        return copy;
    }

    /** A 2.x state in {@code dir/state}: alice's policy and alice:web with a compressed image, startup 10. */
    private Path currentState() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(compressed)) {
            zlib.write(IMAGE);
        }
        UnikernelConfig web = new UnikernelConfig(UnikernelType.SOLO5, true, Octets.of(compressed.toByteArray()),
                new UnikernelArguments(new FailBehaviour.Restart(Set.of(1, 3)), Optional.of(10), true, Set.of(0), 32,
                        Set.of(new org.albatross.protocol.BlockAttachment("data", Optional.of("alice-data"),
                                Optional.empty())), Set.of(org.albatross.protocol.NetworkAttachment.named("service")),
                        Optional.of(List.of("--hello=Hi")), 1, Optional.empty()));
        Path state = dir.resolve("state");
        Files.write(state, AlbatrossStateCodec.encode(new AlbatrossState(AlbatrossState.Form.V5_WITH_POLICIES,
                List.of(new AlbatrossState.Unikernel(Name.parse("alice:web"), web)),
                Map.of(org.albatross.protocol.Path.of("alice"), ALICE))));
        return state;
    }

    @ParameterizedTest
    @ValueSource(strings = {"wire5_unikernel3.b64", "wire5_unikernel2.b64", "wire5_unikernel1.b64",
        "wire4_unikernel3.b64", "wire4_unikernel2.b64", "wire4_unikernel1.b64", "wire5_unikernel3_path.b64",
        "wire5_unikernel2_path.b64", "wire5_unikernel1_path.b64", "wire5_unikernel3_with_mac.b64"})
    void everyDumpOfAlbatrossInspectsToItsFourUnikernels(String file) throws Exception {
        Path dump = albatrossDump(file);

        ClientRun run = ClientRun.of("inspect-dump", dump.toString(), "--json");

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        List<JsonNode> lines = run.out().lines().map(DumpCommandsTest::json).toList();
        assertThat(lines.get(0).get("kind").asText()).isEqualTo("albatross-state-file");
        List<JsonNode> unikernels = lines.stream().filter(line -> line.get("kind").asText().equals("dumped-unikernel"))
                .toList();
        assertThat(unikernels).hasSize(4);
        assertThat(unikernels).allSatisfy(unikernel -> {
            assertThat(unikernel.get("typ").asText()).isEqualTo("solo5");
            assertThat(unikernel.get("startup").asInt()).isEqualTo(50);
            assertThat(unikernel.get("image_bytes").asLong()).isZero();
            assertThat(unikernel.get("image_digest").asText())
                    .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        });
    }

    @Test
    void theHumanViewNamesEachUnikernelWithItsDevicesAsCreateSpellsThem() throws Exception {
        Path dump = albatrossDump("wire5_unikernel3_with_mac.b64");

        ClientRun run = ClientRun.of("inspect-dump", dump.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains(dump + ": albatross state, form [3] unikernels, v3 configs (albatross 1.x)",
                "bar:hello dumped-unikernel typ=solo5 memory_mb=10 cpu_ids=[2] cpus=1",
                "networks=[\"service:bridge-interface@00:de:ad:be:ef:00\"]",
                "foo:hello dumped-unikernel typ=solo5 memory_mb=1 cpu_ids=[0] cpus=1 "
                        + "block_devices=[\"block\",\"secondblock:second-data\"] "
                        + "networks=[\"other-net:second-bridge\",\"service\"] arguments=[\"-l *:debug\"] "
                        + "fail_behaviour=quit startup=50",
                "4 unikernels, 0 policies");
    }

    @Test
    void theCurrentFormShowsPoliciesAndTheInflatedImagesDigest() throws Exception {
        currentState();

        ClientRun run = ClientRun.of("inspect-dump", "--dbdir", dir.toString(), "--json");

        assertThat(run.exit()).isZero();
        List<JsonNode> lines = run.out().lines().map(DumpCommandsTest::json).toList();
        assertThat(lines.get(0).get("file").asText()).isEqualTo(dir.resolve("state").toString());
        assertThat(lines.get(0).get("form").asText()).isEqualTo("[6] unikernels and policies (albatross 2.x)");
        JsonNode web = lines.get(1);
        assertThat(web.get("name").asText()).isEqualTo("alice:web");
        assertThat(web.get("compressed").asBoolean()).isTrue();
        assertThat(web.get("image_bytes").asLong()).isEqualTo(IMAGE.length);
        assertThat(web.get("image_digest").asText()).isEqualTo(sha256(IMAGE));
        assertThat(web.get("startup").asInt()).isEqualTo(10);
        assertThat(web.get("fail_behaviour").get("restart_on").toString()).isEqualTo("[1,3]");
        assertThat(web.get("block_devices").toString()).isEqualTo("[\"data:alice-data\"]");
        JsonNode policy = lines.get(2);
        assertThat(policy.get("kind").asText()).isEqualTo("policy");
        assertThat(policy.get("name").asText()).isEqualTo("alice:");
        assertThat(policy.get("memory_mb").asLong()).isEqualTo(64);
    }

    @Test
    void extractDumpWritesTheInflatedImageAndShowsItsConfiguration() throws Exception {
        currentState();
        Path image = dir.resolve("web.img");

        ClientRun run = ClientRun.of("extract-dump", "alice:web", "--dbdir", dir.toString(), "-o", image.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(Files.readAllBytes(image)).isEqualTo(IMAGE);
        assertThat(run.out()).contains("dumped image to " + image,
                "alice:web dumped-unikernel typ=solo5 memory_mb=32", "arguments=[\"--hello=Hi\"]");
    }

    @Test
    void extractDumpWritesToTheTemporaryDirectoryAsAlbatrossDoesByDefault() throws Exception {
        Path dump = albatrossDump("wire5_unikernel3_path.b64");

        ClientRun run = ClientRun.of("extract-dump", "foo:hello", dump.toString(), "--json");

        assertThat(run.exit()).isZero();
        JsonNode written = json(run.out().lines().findFirst().orElseThrow());
        Path file = Path.of(written.get("file").asText());
        assertThat(file.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(file.getFileName().toString()).startsWith("foo:hello.20");
        Files.delete(file);
    }

    @Test
    void aUnikernelNotInTheFileIsOneLineNamingWhatIsThere() throws Exception {
        currentState();

        ClientRun run = ClientRun.of("extract-dump", "bob:web", "--dbdir", dir.toString());

        assertThat(run.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(run.err().strip()).isEqualTo("albatross-client: unikernel not found: bob:web is not in "
                + dir.resolve("state") + "; it holds [alice:web]");
    }

    @Test
    void aMissingFileAndAForeignFileAreOneLineEach() throws Exception {
        Path foreign = dir.resolve("foreign");
        Files.writeString(foreign, "ALBSTATE and not albatross's");

        ClientRun missing = ClientRun.of("inspect-dump", "--dbdir", dir.toString());
        ClientRun notAState = ClientRun.of("inspect-dump", foreign.toString());

        assertThat(missing.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(missing.err().strip()).isEqualTo("albatross-client: dump file not found: " + dir.resolve("state"));
        assertThat(notAState.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(notAState.err().strip()).isEqualTo("albatross-client: " + foreign + " is not an albatross state file"
                + " we can read: state: expected a context tag [0]-[6] (albatross's state), got the tag byte 0x41");
    }

    @Test
    void aDumpCutShortIsRefusedAtTheEntryThatIsCut() throws Exception {
        Path dump = albatrossDump("wire5_unikernel3.b64");
        byte[] whole = Files.readAllBytes(dump);
        Files.write(dump, java.util.Arrays.copyOf(whole, whole.length - 10));

        ClientRun run = ClientRun.of("inspect-dump", dump.toString());

        assertThat(run.exit()).isEqualTo(ExitCode.CLI_FAILED.code());
        assertThat(run.err()).contains("is not an albatross state file we can read: state: truncated").doesNotContain(
                "Exception");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
