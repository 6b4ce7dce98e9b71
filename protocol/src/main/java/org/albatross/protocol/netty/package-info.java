/**
 * Netty handlers shared by the daemon and the client: the 4-byte length framing ({@link
 * org.albatross.protocol.netty.FrameDecoder}, {@link org.albatross.protocol.netty.FrameEncoder}) and the frame to
 * message codec ({@link org.albatross.protocol.netty.WireMessageCodec}). They only move bytes; the DER work is in
 * {@link org.albatross.protocol.codec.WireCodec}.
 */
package org.albatross.protocol.netty;
