package org.albatross.vmm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.albatross.protocol.Name;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.vmm.solo5.Solo5Image;
import org.albatross.vmm.solo5.Solo5Target;

/**
 * solo5-hvt and solo5-spt: {@code TENDER --mem=MB --net:NETIF=TAP... --net-mac:NETIF=MAC...
 * --block:NAME=FILE... --block-sector-size:NAME=N... -- IMAGE [--name=LABEL] ARGS...}, as albatross runs them.
 */
public final class Solo5Adapter implements VmmAdapter {
    private final Solo5Target target;
    private final Tender tender;

    public Solo5Adapter(Solo5Target target, Tender tender) {
        if (target != Solo5Target.HVT && target != Solo5Target.SPT) {
            throw new IllegalArgumentException("solo5 tenders exist for hvt and spt, not " + target.label());
        }
        this.target = target;
        this.tender = Objects.requireNonNull(tender, "tender");
    }

    /** The ABI version needs no check here: {@link Solo5Tenders} chose the tender by the image's. */
    @Override
    public void admit(UnikernelImage image, UnikernelArguments config) throws ImageRejected {
        Solo5Image solo5 = image.requireSolo5();
        if (solo5.abi().target() != target) {
            throw new ImageRejected("the image is built for Solo5's " + solo5.abi().target().label() + " target, "
                    + "this adapter runs " + target.label() + " images");
        }
        ManifestMatch.require(solo5.manifest(), config);
    }

    @Override
    public LaunchPlan plan(Name name, UnikernelArguments config, HostResources host) throws LaunchRefused {
        UnikernelDevices devices = UnikernelDevices.resolve(name, config, host);
        List<String> command = new ArrayList<>();
        command.add(tender.binary().toString());
        command.add("--mem=" + config.memoryMb());
        devices.taps().forEach(tap -> command.add("--net:" + tap.netif() + "=" + tap.tap()));
        devices.taps().forEach(tap -> command.add("--net-mac:" + tap.netif() + "=" + tap.mac()));
        devices.blocks().forEach(block -> command.add("--block:" + block.name() + "=" + block.file()));
        devices.blocks().forEach(block -> block.sectorSize()
                .ifPresent(size -> command.add("--block-sector-size:" + block.name() + "=" + size)));
        command.add("--");
        command.add(host.image().toString());
        command.addAll(UnikernelArgv.of(name, config));
        return new LaunchPlan(command, Map.of(), devices.taps(), devices.blocks(), config.cpuIds(), Optional.empty(),
                List.of(), List.of(), ExitEncoding.DIRECT);
    }
}
