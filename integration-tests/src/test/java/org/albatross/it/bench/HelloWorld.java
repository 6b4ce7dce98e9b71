package org.albatross.it.bench;

import java.io.IOException;

/**
 * The floor: a JVM that prints "ready" and does nothing more until its standard input ends, run with the daemon's
 * JVM options beside the daemon (see {@link HelloWorldJvm}).
 */
public final class HelloWorld {
    static final String READY = "ready";

    private HelloWorld() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println(READY);
        while (System.in.read() >= 0) {
            // until the end of standard input
        }
    }
}
