/**
 * The DER codec: one class per message family maps records to Bouncy Castle ASN.1 values and back. Decoding
 * untrusted bytes raises only {@link org.albatross.protocol.ProtocolError}, located by a dotted path.
 */
package org.albatross.protocol.codec;
