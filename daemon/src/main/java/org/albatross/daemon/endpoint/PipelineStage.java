package org.albatross.daemon.endpoint;

import org.albatross.protocol.netty.FrameDecoder;
import org.albatross.protocol.netty.FrameEncoder;
import org.albatross.protocol.netty.WireMessageCodec;

/** The names of an endpoint's pipeline stages, in order from the socket, so that a stage can be found by name. */
public final class PipelineStage {
    public static final String CONNECTION_LIMITER = "connection-limiter";
    public static final String TLS = "tls";
    public static final String IDLE_TIMEOUT = "idle-timeout";
    public static final String IDLE_GUARD = "idle-guard";
    public static final String FRAME_DECODER = FrameDecoder.NAME;
    public static final String FRAME_CAP = "frame-cap";
    public static final String FRAME_ENCODER = FrameEncoder.NAME;
    public static final String WIRE_CODEC = WireMessageCodec.NAME;
    public static final String IDENTITY = "identity";
    /** Before the command handler once a command is answered without the data its client still streams. */
    public static final String UNREAD_UPLOAD = "unread-upload";
    public static final String COMMAND_HANDLER = "command-handler";

    private PipelineStage() {
    }
}
