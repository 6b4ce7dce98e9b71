/** Names, the albatross wire message model (records and sealed interfaces), its DER codec and the 4-byte length framing. Pure: no I/O. */
package org.albatross.protocol;
