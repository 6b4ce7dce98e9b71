package org.albatross.it.bench;

/** The least a JVM can be started for: the floor under albatross-client's start ({@link ClientStartBench}). */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
