package org.albatross.console;

import org.albatross.protocol.Name;

/**
 * Where consoles are kept beyond the daemon's memory and life: the daemon's console files. {@link Consoles} and
 * {@link ConsoleWriter} tell it what happens, in order; it keeps each unikernel's lines until told to forget them.
 *
 * <p>No call may block: {@link #append} runs on the one thread that reads every unikernel's output, the others under
 * the lock of {@link Consoles}. An implementation hands the work to a thread of its own, and may drop lines it cannot
 * keep up with (never the calls that open, close or forget).
 */
public interface ConsoleJournal {
    /** Keeps nothing: the consoles live in memory only. */
    ConsoleJournal NONE = new ConsoleJournal() {
        @Override
        public void opened(Name name) {
        }

        @Override
        public void append(Name name, ConsoleLine line) {
        }

        @Override
        public void closed(Name name) {
        }

        @Override
        public void forget(Name name) {
        }
    };

    /** A unikernel of this name started: its lines follow those already kept for the name. */
    void opened(Name name);

    /** A line of the running unikernel {@code name}, which is {@linkplain #opened open}. */
    void append(Name name, ConsoleLine line);

    /** The unikernel's output ended: no line follows until it is opened again. */
    void closed(Name name);

    /**
     * Drops every line kept for the name: a new unikernel took it, or its console was dropped. Called only while the
     * name is not open.
     */
    void forget(Name name);
}
