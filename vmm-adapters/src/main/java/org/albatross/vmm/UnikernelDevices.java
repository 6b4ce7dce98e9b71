package org.albatross.vmm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.Name;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.UnikernelArguments;

/**
 * A unikernel's requested devices matched with the host's taps and files, in name order (the config holds
 * sets) so that the same config always gives the same command line.
 */
record UnikernelDevices(List<TapDevice> taps, List<BlockFile> blocks) {

    static UnikernelDevices resolve(Name name, UnikernelArguments config, HostResources host) throws LaunchRefused {
        List<TapDevice> taps = new ArrayList<>();
        for (NetworkAttachment network : config.networksInOrder()) {
            String tap = host.tapByNetif().get(network.netif());
            if (tap == null) {
                throw new LaunchRefused("no tap prepared for network interface \"" + network.netif() + "\"");
            }
            taps.add(new TapDevice(network.netif(), tap, network.hostBridge(), DefaultMac.unlessGiven(network, name)));
        }
        return new UnikernelDevices(taps, blockFiles(config, host));
    }

    static List<BlockFile> blockFiles(UnikernelArguments config, HostResources host) throws LaunchRefused {
        List<BlockFile> blocks = new ArrayList<>();
        for (BlockAttachment block : config.blocksInOrder()) {
            Path file = host.fileByBlock().get(block.name());
            if (file == null) {
                throw new LaunchRefused("no file prepared for block device \"" + block.name() + "\"");
            }
            blocks.add(new BlockFile(block.name(), file, block.sectorSize()));
        }
        return blocks;
    }
}
