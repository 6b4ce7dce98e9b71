/**
 * What a command's handling answers, below everything that answers: the {@link org.albatross.daemon.reply.Reply} the
 * endpoint writes, the {@link org.albatross.daemon.reply.CommandFailed} a command is refused with, and the streams a
 * command reads ({@link org.albatross.daemon.reply.InboundStream}) or writes
 * ({@link org.albatross.daemon.reply.OutboundStream}). The supervisor, the statistics and the dispatcher use it; it
 * uses none of them, so that none of them uses another through it (no package cycle: {@code PackageCyclesTest}).
 */
package org.albatross.daemon.reply;
