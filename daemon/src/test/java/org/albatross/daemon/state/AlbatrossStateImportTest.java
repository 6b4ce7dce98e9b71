package org.albatross.daemon.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.albatross.daemon.store.ImageStore;
import org.albatross.daemon.store.StateStore;
import org.albatross.daemon.supervisor.BlockDirectory;
import org.albatross.protocol.AlbatrossState;
import org.albatross.protocol.Event;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.Name;
import org.albatross.protocol.Octets;
import org.albatross.protocol.Policy;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;
import org.albatross.protocol.codec.AlbatrossStateCodec;
import org.albatross.protocol.testing.AlbatrossVectors;
import org.albatross.vmm.solo5.ZlibImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A dbdir of robur's albatrossd becomes this daemon's; one it cannot read refuses the start and changes nothing. */
class AlbatrossStateImportTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final Policy ALICE = new Policy(2, Set.of(0), 64, Optional.of(100L), Set.of("service"));
    private static final UnikernelArguments ARGUMENTS = new UnikernelArguments(new FailBehaviour.Quit(),
            Optional.of(10), true, Set.of(0), 32, Set.of(), Set.of(), Optional.of(List.of("--hello")), 1,
            Optional.empty());

    @TempDir
    Path dbdir;

    private ImageStore images() throws Exception {
        return ImageStore.open(dbdir.resolve("images"));
    }

    private SavedState saved(ImageStore images) throws Exception {
        return new SavedState(StateStore.open(dbdir), images, 1 << 20, CLOCK);
    }

    private Optional<Event.StateImported> importInto(ImageStore images) throws Exception {
        return AlbatrossStateImport.ifAlbatross(dbdir, images, 1 << 20,
                new BlockDirectory(dbdir.resolve("block"))::adoptAlbatrossFiles, saved(images), CLOCK);
    }

    @Test
    void anAlbatross2StateBecomesOursWithItsPoliciesImagesAndBlockFiles() throws Exception {
        byte[] web = "web's image".getBytes(StandardCharsets.US_ASCII);
        byte[] dns = "dns's image".getBytes(StandardCharsets.US_ASCII);
        byte[] albatross = AlbatrossStateCodec.encode(new AlbatrossState(AlbatrossState.Form.V5_WITH_POLICIES,
                List.of(new AlbatrossState.Unikernel(Name.parse("alice:web"), config(web, false)),
                        new AlbatrossState.Unikernel(Name.parse("dns"), config(ZlibImage.deflate(dns, 6), true))),
                Map.of(org.albatross.protocol.Path.of("alice"), ALICE)));
        Files.write(dbdir.resolve("state"), albatross);
        Files.createDirectories(dbdir.resolve("block"));
        Files.write(dbdir.resolve("block").resolve("alice:data"), new byte[2 << 20]);
        Files.write(dbdir.resolve("block").resolve(":scratch"), new byte[1 << 20]);
        ImageStore images = images();

        Optional<Event.StateImported> imported = importInto(images);
        DaemonState state = saved(images).load(false);

        assertThat(imported).contains(new Event.StateImported(dbdir.resolve("state").toString(),
                dbdir.resolve("state.albatross-20260102T030405.000Z").toString(),
                "[6] unikernels and policies (albatross 2.x)", 2, 1, 2));
        assertThat(Files.readAllBytes(dbdir.resolve("state.albatross-20260102T030405.000Z"))).isEqualTo(albatross);
        assertThat(state.policies()).containsExactly(Map.entry(org.albatross.protocol.Path.of("alice"), ALICE));
        assertThat(state.unikernels()).containsOnly(
                Map.entry(Name.parse("alice:web"), new UnikernelSpec(UnikernelType.SOLO5, sha256(web), ARGUMENTS)),
                Map.entry(Name.parse("dns"), new UnikernelSpec(UnikernelType.SOLO5, sha256(dns), ARGUMENTS)));
        assertThat(state.blockDevices()).containsOnly(Map.entry(Name.parse("alice:data"), 2L),
                Map.entry(Name.parse("scratch"), 1L));
        assertThat(Files.readAllBytes(images.file(sha256(dns)))).as("inflated").isEqualTo(dns);
        assertThat(dbdir.resolve("block").resolve("alice_data")).exists();
        assertThat(dbdir.resolve("block").resolve("scratch")).exists();
        assertThat(importInto(images)).as("the next start finds its own state").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"wire5_unikernel3_with_mac.b64", "wire5_unikernel2.b64", "wire4_unikernel1.b64"})
    void albatrossOwnDumpsOfEarlierFormsImport(String dump) throws Exception {
        Files.write(dbdir.resolve("state"), Base64.getMimeDecoder().decode(
                AlbatrossVectors.text("state/" + dump).strip()));

        Optional<Event.StateImported> imported = importInto(images());

        assertThat(imported).isPresent();
        assertThat(imported.get().unikernels()).isEqualTo(4);
        assertThat(saved(images()).load(false).unikernels()).hasSize(4);
    }

    @Test
    void aStateItCannotReadRefusesTheStartNamingTheFileAndChangesNothing() throws Exception {
        byte[] good = AlbatrossStateCodec.encode(new AlbatrossState(AlbatrossState.Form.V5_WITH_POLICIES,
                List.of(new AlbatrossState.Unikernel(Name.parse("web"), config(new byte[] {1, 2, 3}, false)),
                        new AlbatrossState.Unikernel(Name.parse("zzz"), config(new byte[] {4, 5, 6}, false))),
                Map.of()));
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 2);
        Files.write(dbdir.resolve("state"), cut);
        Files.createDirectories(dbdir.resolve("block"));
        Files.write(dbdir.resolve("block").resolve(":data"), new byte[1 << 20]);
        ImageStore images = images();

        assertThatThrownBy(() -> importInto(images)).isInstanceOf(SavedState.StateRefused.class)
                .hasMessageStartingWith(dbdir.resolve("state") + " is robur albatross's state but cannot be imported: "
                        + "state: truncated")
                .hasMessageContaining("Nothing was changed");

        assertThat(Files.readAllBytes(dbdir.resolve("state"))).isEqualTo(cut);
        assertThat(dbdir.resolve("block").resolve(":data")).exists();
        try (Stream<Path> files = Files.list(dbdir)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsOnly("state", "block", "images");
        }
        try (Stream<Path> stored = Files.list(images.directory())) {
            assertThat(stored).as("the image of web, stored before the fault, is gone").isEmpty();
        }
    }

    @Test
    void ourOwnStateIsNotAlbatrosss() throws Exception {
        ImageStore images = images();
        saved(images).save(DaemonState.EMPTY);

        assertThat(importInto(images)).isEmpty();
        assertThat(AlbatrossStateImport.holdsAlbatrossState(dbdir.resolve("absent"))).isFalse();
    }

    private static UnikernelConfig config(byte[] image, boolean compressed) {
        return new UnikernelConfig(UnikernelType.SOLO5, compressed, Octets.of(image), ARGUMENTS);
    }

    private static Octets sha256(byte[] bytes) throws Exception {
        return Octets.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
