package org.albatross.daemon.endpoint;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.albatross.daemon.dispatch.Caller;
import org.albatross.daemon.dispatch.Dispatcher;
import org.albatross.daemon.reply.InboundStream;
import org.albatross.daemon.reply.OutboundStream;
import org.albatross.daemon.reply.Reply;
import org.albatross.protocol.Command;
import org.albatross.protocol.Data;
import org.albatross.protocol.Failure;
import org.albatross.protocol.Header;
import org.albatross.protocol.Name;
import org.albatross.protocol.Payload;
import org.albatross.protocol.ProtocolError;
import org.albatross.protocol.Success;
import org.albatross.protocol.Wire;
import org.albatross.protocol.netty.EndOfStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of an endpoint's pipeline: hands each command to the {@link Dispatcher} and writes its reply with the
 * request's header. One command at a time per connection; after a failure, and after a final reply, the connection
 * is closed (albatross). A stream is drained while the channel is writable, so a slow client only slows itself.
 * Every field is touched on the channel's event loop only.
 */
public final class CommandHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);
    private static final int BATCH = 64;
    /** A malformed message has no header to echo: the reply gets this one. */
    static final Header UNKNOWN_REQUEST = new Header(0, Name.ROOT);
    /** The answer to an empty frame (length 0 or less) that ends no stream: albatross's end-of-data marker alone. */
    static final String NO_STREAM = "malformed message: an empty frame (length 0 or less) ends the data of a block set"
            + " or a streamed image, and no such command came before it";

    private final Dispatcher dispatcher;
    private final Caller caller;
    private boolean busy;
    private OutboundStream stream;
    private Header streamHeader;
    private Header inboundHeader;
    private boolean draining;
    private boolean drainAgain;
    /** Chunks the client streams after a command that takes a stream, until the dispatcher's reply says where. */
    private List<byte[]> early;
    private InboundStream inbound;
    private boolean inboundEnded;

    /** A handler for {@code caller}: {@link Caller#LOCAL} for the local endpoint, the tenant's session remotely. */
    public CommandHandler(Dispatcher dispatcher, Caller caller) {
        this.dispatcher = dispatcher;
        this.caller = caller;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (message instanceof Wire wire) {
            request(context, wire);
        } else if (message instanceof ByteBuf chunk) {
            received(context, ByteBufUtil.getBytes(chunk));
            chunk.release();
        } else if (message == EndOfStream.INSTANCE) {
            endOfStream(context);
        } else {
            ReferenceCountUtil.release(message);
        }
    }

    private void received(ChannelHandlerContext context, byte[] chunk) {
        if (inbound != null) {
            if (!inbound.accept(chunk)) {
                context.channel().config().setAutoRead(false);
            }
        } else if (early != null) {
            early.add(chunk);
        }
    }

    private void endOfStream(ChannelHandlerContext context) {
        if (early == null && inbound == null) {
            fail(context, UNKNOWN_REQUEST, NO_STREAM);
            return;
        }
        inboundEnded = true;
        if (inbound != null) {
            finishInbound(context);
        }
    }

    private void finishInbound(ChannelHandlerContext context) {
        InboundStream finished = inbound;
        inbound = null;
        Header header = inboundHeader;
        finished.end().whenComplete((payload, error) -> context.executor().execute(() -> {
            if (error != null && isFatal(error)) {
                abandon(context, header, error);
                return;
            }
            Payload reply = error == null ? payload : new Failure("internal error of the daemon: " + error.getMessage());
            context.writeAndFlush(new Wire(header, reply)).addListener(ChannelFutureListener.CLOSE);
        }));
    }

    private void request(ChannelHandlerContext context, Wire wire) {
        Header header = wire.header();
        if (busy) {
            fail(context, header, "one command at a time: this connection is still answering the previous one");
            return;
        }
        if (!(wire.payload() instanceof Command command)) {
            fail(context, header, "expected a command, got a " + kind(wire.payload()) + " message");
            return;
        }
        busy = true;
        if (Dispatcher.isFollowedByStream(command)) {
            // Switch now: the client streams its chunks right after the command, before the reply is ready.
            early = new ArrayList<>();
            inboundHeader = header;
            // Until the reply says where the chunks go, read no more than what has arrived already.
            context.channel().config().setAutoRead(false);
            context.pipeline().replace(PipelineStage.WIRE_CODEC, PipelineStage.WIRE_CODEC, WireEncoder.INSTANCE);
        }
        LOG.debug("{} from {}: {}", header.name(), context.channel().remoteAddress(), command);
        dispatcher.dispatch(caller, header, command, () -> context.executor().execute(() -> wakeUp(context)))
                .whenComplete((reply, error) -> context.executor().execute(() -> answer(context, header, reply,
                        error)));
    }

    private void answer(ChannelHandlerContext context, Header header, Reply reply, Throwable error) {
        if (error != null) {
            if (isFatal(error)) {
                abandon(context, header, error);
                return;
            }
            LOG.error("the daemon failed on a command for {}", header.name(), error);
            fail(context, header, "internal error of the daemon: " + error.getMessage());
            return;
        }
        if (!context.channel().isActive()) {
            if (reply instanceof Reply.Streaming streaming) {
                streaming.stream().close();
            } else if (reply instanceof Reply.Receiving receiving) {
                receiving.stream().abort();
            }
            return;
        }
        ChannelFuture answered = reply instanceof Reply.Receiving ? context.newSucceededFuture()
                : context.writeAndFlush(new Wire(header, reply.answer()));
        if (reply instanceof Reply.KeepOpen) {
            busy = false;
        } else if (reply instanceof Reply.Streaming streaming) {
            stream = streaming.stream();
            streamHeader = streaming.dataName().map(name -> new Header(header.sequence(), name)).orElse(header);
            drain(context);
        } else if (reply instanceof Reply.Receiving receiving) {
            inbound = receiving.stream();
            boolean readMore = true;
            for (byte[] chunk : early) {
                readMore &= inbound.accept(chunk);
            }
            early = null;
            context.channel().config().setAutoRead(readMore);
            if (inboundEnded) {
                finishInbound(context);
            }
        } else {
            closeAfter(context, answered);
        }
    }

    /** The stream a reply opened has more to send, or the stream the client sends may be read again. */
    private void wakeUp(ChannelHandlerContext context) {
        drain(context);
        if (inbound != null) {
            context.channel().config().setAutoRead(true);
        }
    }

    private void drain(ChannelHandlerContext context) {
        // A write or flush below can change writability and call back into drain: the outer call goes round again.
        if (draining) {
            drainAgain = true;
            return;
        }
        draining = true;
        try {
            do {
                drainAgain = false;
                drainWhileWritable(context);
            } while (drainAgain);
        } finally {
            draining = false;
        }
    }

    private void drainWhileWritable(ChannelHandlerContext context) {
        while (stream != null && context.channel().isWritable()) {
            OutboundStream.Batch batch = stream.poll(BATCH);
            ChannelFuture written = context.newSucceededFuture();
            for (Data data : batch.data()) {
                written = context.write(new Wire(streamHeader, data));
            }
            if (batch.ended()) {
                closeStream();
                context.flush();
                written.addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (batch.data().isEmpty()) {
                break;
            }
        }
        context.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        drain(context);
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        closeStream();
        if (inbound != null) {
            inbound.abort();
            inbound = null;
        }
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof ProtocolError error) {
            fail(context, UNKNOWN_REQUEST, "malformed message: " + error.getMessage());
        } else if (cause instanceof IOException) {
            LOG.debug("connection from {} failed: {}", context.channel().remoteAddress(), cause.getMessage());
            context.close();
        } else {
            LOG.error("unexpected failure on a connection; closing it", cause);
            fail(context, UNKNOWN_REQUEST, "internal error of the daemon: " + cause.getMessage());
        }
    }

    /**
     * The JVM itself failed (out of memory, a stack overflow): nothing it does now can be trusted, so the client gets
     * no answer that would read as an ordinary refusal, only a closed connection. The shipped launcher ends the daemon
     * on an OutOfMemoryError; its successor adopts the tenders.
     */
    private static boolean isFatal(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof VirtualMachineError) {
                return true;
            }
        }
        return false;
    }

    private void abandon(ChannelHandlerContext context, Header header, Throwable error) {
        LOG.error("the JVM failed while answering a command for {}; closing the connection unanswered",
                header.name(), error);
        closeStream();
        context.close();
    }

    private void fail(ChannelHandlerContext context, Header header, String message) {
        LOG.info("refused a command for {}: {}", header.name(), message);
        closeStream();
        if (context.channel().isActive()) {
            closeAfter(context, context.writeAndFlush(new Wire(header, new Failure(message))));
        }
    }

    /** The command is answered: close once the answer is written, unless its client is still streaming data for it. */
    private void closeAfter(ChannelHandlerContext context, ChannelFuture answered) {
        if (early != null && !inboundEnded) {
            early = null;
            context.pipeline().addBefore(context.name(), PipelineStage.UNREAD_UPLOAD, new UnreadUpload());
        } else {
            answered.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void closeStream() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    private static String kind(Payload payload) {
        if (payload instanceof Success) {
            return "success";
        }
        return payload instanceof Failure ? "failure" : "data";
    }
}
