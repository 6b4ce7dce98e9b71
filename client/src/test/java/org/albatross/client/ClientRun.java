package org.albatross.client;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the client with its standard output and error captured. */
record ClientRun(int exit, String out, String err) {
    static ClientRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AlbatrossClient.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new ClientRun(exit, out.toString(), err.toString());
    }
}
