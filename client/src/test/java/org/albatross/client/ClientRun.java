package org.albatross.client;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the client with its standard output and error captured. */
record ClientRun(int exit, String out, String err) {
    static ClientRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AlbatrossClient.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new ClientRun(exit, out.toString(), err.toString());
    }
}
