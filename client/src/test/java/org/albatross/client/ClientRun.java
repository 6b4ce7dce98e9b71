package org.albatross.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.albatross.protocol.Wire;
import org.albatross.protocol.codec.WireCodec;

/** One in-process run of the client with its standard output and error captured. */
record ClientRun(int exit, String out, String err) {
    static ClientRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AlbatrossClient.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new ClientRun(exit, out.toString(), err.toString());
    }

    /** The request the client prints with {@code --socket -} for {@code args}, decoded; the run must succeed. */
    static Wire printed(String... args) {
        String[] withSocket = Stream.concat(Stream.of(args), Stream.of("--socket", "-")).toArray(String[]::new);
        ClientRun run = of(withSocket);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        return WireCodec.decode(HexFormat.ofDelimiter(" ").parseHex(run.out().strip()));
    }
}
