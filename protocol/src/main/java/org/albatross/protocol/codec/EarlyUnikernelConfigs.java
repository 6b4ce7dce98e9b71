package org.albatross.protocol.codec;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.Octets;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelType;

/**
 * The unikernel configs of albatross 1.x that survive only in its state files ({@code v0_unikernel_config} to
 * {@code v2_unikernel_config} in vmm_asn.ml), read into the current model as albatross reads them: no startup
 * priority, the name added to the arguments, one cpu, block devices and network interfaces without a host device
 * unless the layout names one. Never written.
 */
final class EarlyUnikernelConfigs {
    private static final int ONE_CPU = 1;

    private EarlyUnikernelConfigs() {
    }

    /**
     * {@code SEQUENCE { cpu, memory, block UTF8String OPTIONAL, network-interfaces SEQUENCE OF UTF8String OPTIONAL,
     * image CHOICE { [0] hvt-amd64, [1] hvt-arm64, [2] hvt-amd64-compressed }, arguments SEQUENCE OF OPTIONAL }}:
     * a Solo5 unikernel that quits when it exits.
     */
    static UnikernelConfig v0(Node node) {
        Fields fields = node.sequence();
        int cpuId = fields.required("cpu").nonNegativeInt();
        long memory = fields.required("memory").nonNegativeLong();
        Set<BlockAttachment> blocks = fields.optional("block", DerValue.UTF8_STRING)
                .map(block -> Set.of(BlockAttachment.named(block.utf8()))).orElse(Set.of());
        Set<NetworkAttachment> bridges = fields.optional("network-interfaces", DerValue.SEQUENCE)
                .map(list -> Set.copyOf(list.sequenceOf(netif -> NetworkAttachment.named(netif.utf8()))))
                .orElse(Set.of());
        Choice image = fields.required("image").choice();
        boolean compressed = switch (image.tag()) {
            case 0, 1 -> false;
            case 2 -> true;
            default -> throw image.unknown("image kind (hvt-amd64, hvt-arm64, hvt-amd64-compressed)");
        };
        Octets bytes = image.node("image").octetString();
        Optional<List<String>> argv = fields.optional("arguments", DerValue.SEQUENCE)
                .map(list -> list.sequenceOf(Node::utf8));
        fields.end();
        return new UnikernelConfig(UnikernelType.SOLO5, compressed, bytes,
                arguments(new FailBehaviour.Quit(), cpuId, memory, blocks, bridges, argv));
    }

    /**
     * {@code SEQUENCE { typ, compressed, image, fail-behaviour, cpuid, memory, [0] blocks SET OF UTF8String OPTIONAL,
     * [1] bridges SET OF UTF8String OPTIONAL, [2] arguments OPTIONAL }}.
     */
    static UnikernelConfig v1(Node node) {
        return early(node, list -> Set.copyOf(list.setOf(netif -> NetworkAttachment.named(netif.utf8()))));
    }

    /** As {@link #v1}, but each bridge is {@code SEQUENCE { netif UTF8String, bridge UTF8String OPTIONAL }}. */
    static UnikernelConfig v2(Node node) {
        return early(node, list -> Set.copyOf(list.sequenceOf(EarlyUnikernelConfigs::netifAndBridge)));
    }

    private static UnikernelConfig early(Node node, Function<Node, Set<NetworkAttachment>> bridgesOf) {
        Fields fields = node.sequence();
        UnikernelType typ = UnikernelCodec.decodeType(fields.required("typ"));
        boolean compressed = fields.required("compressed").bool();
        Octets image = fields.required("image").octetString();
        FailBehaviour failBehaviour = UnikernelCodec.decodeFailBehaviour(fields.required("fail-behaviour"));
        int cpuId = fields.required("cpuid").nonNegativeInt();
        long memory = fields.required("memory").nonNegativeLong();
        Set<BlockAttachment> blocks = fields.optionalExplicit("blocks", 0)
                .map(set -> Set.copyOf(set.setOf(block -> BlockAttachment.named(block.utf8())))).orElse(Set.of());
        Set<NetworkAttachment> bridges = fields.optionalExplicit("bridges", 1).map(bridgesOf).orElse(Set.of());
        Optional<List<String>> argv = fields.optionalExplicit("arguments", 2).map(list -> list.sequenceOf(Node::utf8));
        fields.end();
        return new UnikernelConfig(typ, compressed, image,
                arguments(failBehaviour, cpuId, memory, blocks, bridges, argv));
    }

    private static NetworkAttachment netifAndBridge(Node node) {
        Fields fields = node.sequence();
        NetworkAttachment network = new NetworkAttachment(fields.required("netif").utf8(),
                fields.optional("bridge", DerValue.UTF8_STRING).map(Node::utf8), Optional.empty());
        fields.end();
        return network;
    }

    private static UnikernelArguments arguments(FailBehaviour failBehaviour, int cpuId, long memory,
            Set<BlockAttachment> blocks, Set<NetworkAttachment> bridges, Optional<List<String>> argv) {
        return new UnikernelArguments(failBehaviour, Optional.empty(), true, Set.of(cpuId), memory, blocks, bridges,
                argv, ONE_CPU, Optional.empty());
    }
}
