/**
 * The DER codec: one class per message family maps records to {@link org.albatross.protocol.codec.DerValue}s
 * and back; {@code Der} writes them and {@code DerReader} reads them, holding untrusted bytes to DER. Decoding
 * raises only {@link org.albatross.protocol.ProtocolError}, located by a dotted path.
 */
package org.albatross.protocol.codec;
