package org.albatross.protocol.netty;

/**
 * A frame whose length is zero or negative: the peer's end of a stream (albatross ends a streamed image that
 * way). Passed down the pipeline in place of a frame.
 */
public enum EndOfStream {
    INSTANCE
}
