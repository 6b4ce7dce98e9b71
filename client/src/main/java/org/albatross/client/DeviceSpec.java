package org.albatross.client;

import java.util.Optional;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.MacAddress;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.StatsCommand;

/**
 * The device arguments of {@code create} and {@code restart}, in albatross's syntax: {@code --block
 * NAME[:DEVICE][@SECTOR-SIZE]} and {@code --net NAME[:BRIDGE][@MAC]}. The part before the colon is the name the
 * unikernel knows the device by; the part after it, when given, the host's block device or bridge. And the taps of
 * {@code stats-add}: {@code --bridge BRIDGE:TAP}.
 */
final class DeviceSpec {
    private static final int SMALLEST_SECTOR = 512;

    private DeviceSpec() {
    }

    static BlockAttachment block(String spec) {
        String[] sized = atMostOne(spec, '@', "a block device is NAME[:DEVICE][@SECTOR-SIZE]");
        String[] named = atMostOne(sized[0], ':', "a block device is NAME[:DEVICE][@SECTOR-SIZE]");
        Optional<Integer> sectorSize = sized.length == 2 ? Optional.of(sectorSize(spec, sized[1])) : Optional.empty();
        return new BlockAttachment(nonEmpty(named[0], spec), device(named, spec), sectorSize);
    }

    static NetworkAttachment network(String spec) {
        String[] withMac = atMostOne(spec, '@', "a network interface is NAME[:BRIDGE][@MAC]");
        String[] named = atMostOne(withMac[0], ':', "a network interface is NAME[:BRIDGE][@MAC]");
        Optional<MacAddress> mac = withMac.length == 2 ? Optional.of(mac(spec, withMac[1])) : Optional.empty();
        return new NetworkAttachment(nonEmpty(named[0], spec), device(named, spec), mac);
    }

    static StatsCommand.Tap tap(String spec) {
        String[] parts = atMostOne(spec, ':', "a tap is BRIDGE:TAP");
        if (parts.length != 2) {
            throw new IllegalArgumentException("\"" + spec + "\" names no tap: a tap is BRIDGE:TAP");
        }
        return new StatsCommand.Tap(nonEmpty(parts[0], spec), nonEmpty(parts[1], spec));
    }

    /** A block device as {@code --block} spells it, the inverse of {@link #block}. */
    static String of(BlockAttachment block) {
        return block.name() + block.hostDevice().map(device -> ":" + device).orElse("")
                + block.sectorSize().map(size -> "@" + size).orElse("");
    }

    /** A network interface as {@code --net} spells it, the inverse of {@link #network}. */
    static String of(NetworkAttachment network) {
        return network.netif() + network.bridge().map(bridge -> ":" + bridge).orElse("")
                + network.mac().map(mac -> "@" + mac).orElse("");
    }

    private static String[] atMostOne(String text, char separator, String format) {
        int at = text.indexOf(separator);
        if (at < 0) {
            return new String[] {text};
        }
        if (text.indexOf(separator, at + 1) >= 0) {
            throw new IllegalArgumentException("\"" + text + "\" has more than one '" + separator + "': " + format);
        }
        return new String[] {text.substring(0, at), text.substring(at + 1)};
    }

    private static Optional<String> device(String[] named, String spec) {
        return named.length == 2 ? Optional.of(nonEmpty(named[1], spec)) : Optional.empty();
    }

    private static String nonEmpty(String part, String spec) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("\"" + spec + "\" has an empty name or device");
        }
        return part;
    }

    private static int sectorSize(String spec, String text) {
        int size;
        try {
            size = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the sector size in \"" + spec + "\" must be a number");
        }
        if (size < SMALLEST_SECTOR || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("the sector size in \"" + spec
                    + "\" must be a power of two of at least " + SMALLEST_SECTOR);
        }
        return size;
    }

    private static MacAddress mac(String spec, String text) {
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("in \"" + spec + "\": " + e.getMessage());
        }
    }
}
