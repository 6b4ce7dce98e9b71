package org.albatross.vmm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.albatross.protocol.MacAddress;
import org.albatross.protocol.Name;
import org.albatross.protocol.NetworkAttachment;

/**
 * Albatross's MAC rule for an interface without an explicit one: the prefix 00:80:41 followed by the first
 * three bytes of MD5(netif followed by the unikernel's name in its wire form), so that a unikernel keeps its
 * addresses across restarts and hosts.
 */
public final class DefaultMac {
    private static final byte[] PREFIX = {0x00, (byte) 0x80, 0x41};

    private DefaultMac() {
    }

    /** The MAC {@code network} asks for, else the default for its interface in {@code unikernel}. */
    public static MacAddress unlessGiven(NetworkAttachment network, Name unikernel) {
        return network.mac().orElseGet(() -> of(network.netif(), unikernel));
    }

    public static MacAddress of(String netif, Name unikernel) {
        byte[] digest = md5((netif + unikernel).getBytes(StandardCharsets.UTF_8));
        return MacAddress.of(new byte[] {PREFIX[0], PREFIX[1], PREFIX[2], digest[0], digest[1], digest[2]});
    }

    private static byte[] md5(byte[] input) {
        try {
            return MessageDigest.getInstance("MD5").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks MD5, which every Java platform must provide", e);
        }
    }
}
