package org.albatross.protocol.codec;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.albatross.protocol.BlockAttachment;
import org.albatross.protocol.FailBehaviour;
import org.albatross.protocol.HealthCheck;
import org.albatross.protocol.HealthWatch;
import org.albatross.protocol.MacAddress;
import org.albatross.protocol.NetworkAttachment;
import org.albatross.protocol.Octets;
import org.albatross.protocol.UnikernelArguments;
import org.albatross.protocol.UnikernelCommand;
import org.albatross.protocol.UnikernelConfig;
import org.albatross.protocol.UnikernelInfo;
import org.albatross.protocol.UnikernelType;

/**
 * Unikernel commands, configs, restart arguments and infos, after albatross's vmm_asn.ml. A config is its type,
 * compressed flag and image, then {@code startup INTEGER OPTIONAL, add-name BOOLEAN, fail-behaviour}, then
 * {@code cpuids SET OF INTEGER, memory, [0] blocks, [1] bridges, [2] argv, [3] cpus, [4] linux-boot-partition}.
 * Restart arguments have the same fields but start with the fail behaviour: {@code fail-behaviour, startup,
 * add-name, cpuids, ...} (PROTOCOL.md's "same order" is wrong here; the vectors agree with vmm_asn.ml).
 */
final class UnikernelCodec {
    /**
     * Our extension's tags (docs/protocol.md "Updates"): albatross has used 0-21 and grows upwards, so we take the
     * highest tags a single-byte identifier holds.
     */
    private static final int ROLLBACK = 29;
    private static final int UPDATE = 30;
    /** Cpus when a config or info leaves the field out (albatross's default). */
    private static final int DEFAULT_CPUS = 1;

    private UnikernelCodec() {
    }

    /** Where the fail behaviour sits: after startup and add-name in a config, first in restart arguments. */
    private enum Layout {
        CONFIG,
        ARGUMENTS
    }

    /**
     * The layouts albatross has used for the argument fields. Older ones lack startup and add-name (V3), or have a
     * single cpuid and no cpus or boot partition (V3, V4); we read them into the current model and never write them.
     * Older still (v0-v2) are only in albatross's state files: {@link EarlyUnikernelConfigs}.
     */
    enum Form {
        V3(false, false),
        V4(true, false),
        CURRENT(true, true);

        final boolean startupAndAddName;
        final boolean cpuSetAndExtras;

        Form(boolean startupAndAddName, boolean cpuSetAndExtras) {
            this.startupAndAddName = startupAndAddName;
            this.cpuSetAndExtras = cpuSetAndExtras;
        }
    }

    static DerValue encode(UnikernelCommand command) {
        if (command instanceof UnikernelCommand.Destroy) {
            return Der.explicitNull(3);
        }
        if (command instanceof UnikernelCommand.Get get) {
            return Der.explicit(11, Der.integer(get.compressionLevel()));
        }
        if (command instanceof UnikernelCommand.Restart restart) {
            return Der.explicit(14, restart.arguments()
                    .map(arguments -> Der.explicit(3, Der.sequenceOfPresent(argumentFields(arguments, Layout.ARGUMENTS))))
                    .orElseGet(() -> Der.explicitNull(0)));
        }
        if (command instanceof UnikernelCommand.Info) {
            return Der.explicitNull(19);
        }
        if (command instanceof UnikernelCommand.Create create) {
            return Der.explicit(20, encode(create.config()));
        }
        if (command instanceof UnikernelCommand.ForceCreate force) {
            return Der.explicit(21, encode(force.config()));
        }
        if (command instanceof UnikernelCommand.Update update) {
            return Der.explicit(UPDATE, Der.sequenceOfPresent(Optional.of(encode(update.config())),
                    update.watch().map(watch -> Der.explicit(0, encode(watch)))));
        }
        if (command instanceof UnikernelCommand.Rollback) {
            return Der.explicitNull(ROLLBACK);
        }
        throw Der.unencodable(command);
    }

    static UnikernelCommand decode(Node node) {
        Choice choice = node.choice();
        return switch (choice.tag()) {
            case 3 -> choice.empty("destroy", new UnikernelCommand.Destroy());
            case 9 -> new UnikernelCommand.Create(decodeConfig(choice.node("create"), Form.V3));
            case 10 -> new UnikernelCommand.ForceCreate(decodeConfig(choice.node("force-create"), Form.V3));
            case 11 -> new UnikernelCommand.Get(choice.node("get").nonNegativeInt());
            case 14 -> new UnikernelCommand.Restart(decodeRestart(choice.node("restart")));
            case 15, 18 -> throw choice.obsolete("unikernel info of albatross 1.x");
            case 16 -> new UnikernelCommand.Create(decodeConfig(choice.node("create"), Form.V4));
            case 17 -> new UnikernelCommand.ForceCreate(decodeConfig(choice.node("force-create"), Form.V4));
            case 19 -> choice.empty("info", new UnikernelCommand.Info());
            case 20 -> new UnikernelCommand.Create(decodeConfig(choice.node("create"), Form.CURRENT));
            case 21 -> new UnikernelCommand.ForceCreate(decodeConfig(choice.node("force-create"), Form.CURRENT));
            case ROLLBACK -> choice.empty("rollback", new UnikernelCommand.Rollback());
            case UPDATE -> decodeUpdate(choice.node("update"));
            default -> throw choice.unknown("unikernel command");
        };
    }

    private static UnikernelCommand.Update decodeUpdate(Node node) {
        Fields fields = node.sequence();
        UnikernelConfig config = decodeConfig(fields.required("config"), Form.CURRENT);
        Optional<HealthWatch> watch = fields.optionalExplicit("watch", 0).map(UnikernelCodec::decodeWatch);
        fields.end();
        return new UnikernelCommand.Update(config, watch);
    }

    private static DerValue encode(HealthWatch watch) {
        HealthCheck check = watch.check();
        DerValue encoded;
        if (check instanceof HealthCheck.StillRunning) {
            encoded = Der.explicitNull(0);
        } else if (check instanceof HealthCheck.TcpConnect tcp) {
            encoded = Der.explicit(1, Der.sequence(Der.utf8(tcp.host()), Der.integer(tcp.port())));
        } else if (check instanceof HealthCheck.HttpGet http) {
            encoded = Der.explicit(2, Der.utf8(http.url().toString()));
        } else {
            throw Der.unencodable(check);
        }
        return Der.sequence(encoded, Der.integer(watch.seconds()));
    }

    private static HealthWatch decodeWatch(Node node) {
        Fields fields = node.sequence();
        HealthCheck check = decodeCheck(fields.required("check"));
        int seconds = (int) fields.required("seconds").integer(1, HealthWatch.MAX_SECONDS);
        fields.end();
        return new HealthWatch(check, seconds);
    }

    private static HealthCheck decodeCheck(Node node) {
        Choice choice = node.choice();
        return switch (choice.tag()) {
            case 0 -> choice.empty("exit", new HealthCheck.StillRunning());
            case 1 -> {
                Fields fields = choice.node("tcp").sequence();
                String host = fields.required("host").utf8();
                int port = (int) fields.required("port").integer(1, 65535);
                fields.end();
                yield checked(choice.node("tcp"), () -> new HealthCheck.TcpConnect(host, port));
            }
            case 2 -> {
                Node url = choice.node("http");
                yield checked(url, () -> {
                    try {
                        return new HealthCheck.HttpGet(new URI(url.utf8()));
                    } catch (URISyntaxException e) {
                        throw new IllegalArgumentException("not a URL: " + e.getMessage());
                    }
                });
            }
            default -> throw choice.unknown("health check");
        };
    }

    /** A record's own refusal of what was read, at the place it was read. */
    private static <T> T checked(Node node, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static Optional<UnikernelArguments> decodeRestart(Node node) {
        Choice choice = node.choice();
        return switch (choice.tag()) {
            case 0 -> choice.empty("default-arguments", Optional.empty());
            case 1 -> Optional.of(decodeArguments(choice.node("arguments"), Form.V3));
            case 2 -> Optional.of(decodeArguments(choice.node("arguments"), Form.V4));
            case 3 -> Optional.of(decodeArguments(choice.node("arguments"), Form.CURRENT));
            default -> throw choice.unknown("restart");
        };
    }

    private static UnikernelArguments decodeArguments(Node node, Form form) {
        Fields fields = node.sequence();
        UnikernelArguments arguments = decodeArguments(fields, form, Layout.ARGUMENTS);
        fields.end();
        return arguments;
    }

    static DerValue encode(UnikernelConfig config) {
        List<Optional<DerValue>> fields = new ArrayList<>();
        fields.add(Optional.of(encode(config.typ())));
        fields.add(Optional.of(Der.bool(config.compressed())));
        fields.add(Optional.of(Der.octets(config.image())));
        fields.addAll(argumentFields(config.runArguments(), Layout.CONFIG));
        return Der.sequenceOfPresent(fields);
    }

    static UnikernelConfig decodeConfig(Node node, Form form) {
        Fields fields = node.sequence();
        UnikernelType typ = decodeType(fields.required("typ"));
        boolean compressed = fields.required("compressed").bool();
        Octets image = fields.required("image").octetString();
        UnikernelArguments arguments = decodeArguments(fields, form, Layout.CONFIG);
        fields.end();
        return new UnikernelConfig(typ, compressed, image, arguments);
    }

    /** Albatross leaves empty block and bridge lists out, and always writes cpus. */
    private static List<Optional<DerValue>> argumentFields(UnikernelArguments arguments, Layout layout) {
        List<Optional<DerValue>> fields = new ArrayList<>();
        Optional<DerValue> failBehaviour = Optional.of(encode(arguments.failBehaviour()));
        if (layout == Layout.ARGUMENTS) {
            fields.add(failBehaviour);
        }
        fields.add(arguments.startup().map(Der::integer));
        fields.add(Optional.of(Der.bool(arguments.addName())));
        if (layout == Layout.CONFIG) {
            fields.add(failBehaviour);
        }
        fields.addAll(List.of(
                Optional.of(Der.setOf(arguments.cpuIds(), Der::integer)),
                Optional.of(Der.integer(arguments.memoryMb())),
                nonEmpty(arguments.blockDevices()).map(blocks -> Der.explicit(0, Der.setOf(blocks, UnikernelCodec::encode))),
                nonEmpty(arguments.bridges()).map(bridges -> Der.explicit(1, Der.setOf(bridges, UnikernelCodec::encode))),
                arguments.arguments().map(argv -> Der.explicit(2, Der.sequenceOf(argv, Der::utf8))),
                Optional.of(Der.explicit(3, Der.integer(arguments.numCpus()))),
                arguments.linuxBootPartition().map(partition -> Der.explicit(4, Der.utf8(partition)))));
        return fields;
    }

    private static UnikernelArguments decodeArguments(Fields fields, Form form, Layout layout) {
        Optional<FailBehaviour> failFirst = layout == Layout.ARGUMENTS
                ? Optional.of(decodeFailBehaviour(fields.required("fail-behaviour"))) : Optional.empty();
        Optional<Integer> startup = form.startupAndAddName
                ? fields.optional("startup", DerValue.INTEGER).map(Node::int32) : Optional.empty();
        boolean addName = !form.startupAndAddName || fields.required("add-name").bool();
        FailBehaviour failBehaviour = failFirst.orElseGet(() -> decodeFailBehaviour(fields.required("fail-behaviour")));
        Set<Integer> cpuIds = form.cpuSetAndExtras
                ? Set.copyOf(fields.required("cpuids").setOf(Node::nonNegativeInt))
                : Set.of(fields.required("cpuid").nonNegativeInt());
        long memory = fields.required("memory").nonNegativeLong();
        Set<BlockAttachment> blocks = fields.optionalExplicit("blocks", 0)
                .map(node -> Set.copyOf(node.setOf(UnikernelCodec::decodeBlock))).orElse(Set.of());
        Set<NetworkAttachment> bridges = fields.optionalExplicit("bridges", 1)
                .map(node -> Set.copyOf(node.setOf(UnikernelCodec::decodeNetwork))).orElse(Set.of());
        Optional<List<String>> argv = fields.optionalExplicit("arguments", 2).map(node -> node.sequenceOf(Node::utf8));
        int cpus = DEFAULT_CPUS;
        Optional<String> linuxBootPartition = Optional.empty();
        if (form.cpuSetAndExtras) {
            cpus = fields.optionalExplicit("cpus", 3).map(Node::nonNegativeInt).orElse(DEFAULT_CPUS);
            linuxBootPartition = fields.optionalExplicit("linux-boot-partition", 4).map(Node::utf8);
        }
        return new UnikernelArguments(failBehaviour, startup, addName, cpuIds, memory, blocks, bridges, argv, cpus,
                linuxBootPartition);
    }

    private static <T> Optional<Set<T>> nonEmpty(Set<T> set) {
        return set.isEmpty() ? Optional.empty() : Optional.of(set);
    }

    private static DerValue encode(BlockAttachment block) {
        return Der.sequenceOfPresent(Optional.of(Der.utf8(block.name())), block.hostDevice().map(Der::utf8),
                block.sectorSize().map(Der::integer));
    }

    private static BlockAttachment decodeBlock(Node node) {
        Fields fields = node.sequence();
        BlockAttachment block = new BlockAttachment(fields.required("name").utf8(),
                fields.optional("device", DerValue.UTF8_STRING).map(Node::utf8),
                fields.optional("sector-size", DerValue.INTEGER).map(Node::nonNegativeInt));
        fields.end();
        return block;
    }

    private static DerValue encode(NetworkAttachment network) {
        return Der.sequenceOfPresent(Optional.of(Der.utf8(network.netif())), network.bridge().map(Der::utf8),
                network.mac().map(mac -> Der.octets(mac.toBytes())));
    }

    private static NetworkAttachment decodeNetwork(Node node) {
        Fields fields = node.sequence();
        NetworkAttachment network = new NetworkAttachment(fields.required("netif").utf8(),
                fields.optional("bridge", DerValue.UTF8_STRING).map(Node::utf8),
                fields.optional("mac", DerValue.OCTET_STRING).map(UnikernelCodec::decodeMac));
        fields.end();
        return network;
    }

    private static MacAddress decodeMac(Node node) {
        byte[] octets = node.octets();
        if (octets.length != MacAddress.LENGTH) {
            throw node.error("a MAC address has " + MacAddress.LENGTH + " bytes, got " + octets.length);
        }
        return MacAddress.of(octets);
    }

    static DerValue encode(UnikernelType typ) {
        return Der.explicitNull(switch (typ) {
            case SOLO5 -> 0;
            case BHYVE -> 1;
        });
    }

    static UnikernelType decodeType(Node node) {
        Choice choice = node.choice();
        return switch (choice.tag()) {
            case 0 -> choice.empty("solo5", UnikernelType.SOLO5);
            case 1 -> choice.empty("bhyve", UnikernelType.BHYVE);
            default -> throw choice.unknown("unikernel type");
        };
    }

    static DerValue encode(FailBehaviour failBehaviour) {
        if (failBehaviour instanceof FailBehaviour.Quit) {
            return Der.explicitNull(0);
        }
        if (failBehaviour instanceof FailBehaviour.Restart restart) {
            return Der.explicit(1, Der.setOf(restart.exitCodes(), Der::integer));
        }
        throw Der.unencodable(failBehaviour);
    }

    static FailBehaviour decodeFailBehaviour(Node node) {
        Choice choice = node.choice();
        return switch (choice.tag()) {
            case 0 -> choice.empty("quit", new FailBehaviour.Quit());
            case 1 -> new FailBehaviour.Restart(Set.copyOf(choice.node("restart").setOf(Node::int32)));
            default -> throw choice.unknown("fail behaviour");
        };
    }

    static DerValue encode(UnikernelInfo info) {
        return Der.sequenceOfPresent(
                Optional.of(encode(info.typ())),
                info.startup().map(Der::integer),
                Optional.of(encode(info.failBehaviour())),
                Optional.of(Der.setOf(info.cpuIds(), Der::integer)),
                Optional.of(Der.integer(info.memoryMb())),
                Optional.of(Der.octets(info.digest())),
                nonEmpty(info.blockDevices()).map(blocks -> Der.explicit(0, Der.setOf(blocks, block -> Der.sequence(
                        Der.utf8(block.device()), Der.utf8(block.hostDevice()), Der.integer(block.sectorSize()),
                        Der.integer(block.sizeMb()))))),
                nonEmpty(info.bridges()).map(bridges -> Der.explicit(1, Der.setOf(bridges, bridge -> Der.sequence(
                        Der.utf8(bridge.netif()), Der.utf8(bridge.hostDevice()), Der.octets(bridge.mac().toBytes()))))),
                info.arguments().map(argv -> Der.explicit(2, Der.sequenceOf(argv, Der::utf8))),
                info.running() ? Optional.of(Der.explicit(3, Der.time(info.started()))) : Optional.empty(),
                Optional.of(Der.explicit(4, Der.integer(info.numCpus()))),
                info.linuxBootPartition().map(partition -> Der.explicit(5, Der.utf8(partition))));
    }

    static UnikernelInfo decodeInfo(Node node) {
        Fields fields = node.sequence();
        UnikernelType typ = decodeType(fields.required("typ"));
        Optional<Integer> startup = fields.optional("startup", DerValue.INTEGER).map(Node::int32);
        FailBehaviour failBehaviour = decodeFailBehaviour(fields.required("fail-behaviour"));
        Set<Integer> cpuIds = Set.copyOf(fields.required("cpuids").setOf(Node::nonNegativeInt));
        long memory = fields.required("memory").nonNegativeLong();
        Octets digest = fields.required("digest").octetString();
        Set<UnikernelInfo.Block> blocks = fields.optionalExplicit("blocks", 0)
                .map(set -> Set.copyOf(set.setOf(UnikernelCodec::decodeAttachedBlock))).orElse(Set.of());
        Set<UnikernelInfo.Network> bridges = fields.optionalExplicit("bridges", 1)
                .map(set -> Set.copyOf(set.setOf(UnikernelCodec::decodeAttachedNetwork))).orElse(Set.of());
        Optional<List<String>> argv = fields.optionalExplicit("arguments", 2).map(list -> list.sequenceOf(Node::utf8));
        Instant started = fields.optionalExplicit("started", 3).map(Node::time).orElse(UnikernelInfo.NOT_STARTED);
        int cpus = fields.optionalExplicit("cpus", 4).map(Node::nonNegativeInt).orElse(DEFAULT_CPUS);
        Optional<String> linuxBootPartition = fields.optionalExplicit("linux-boot-partition", 5).map(Node::utf8);
        fields.end();
        return new UnikernelInfo(typ, startup, failBehaviour, cpuIds, memory, digest, blocks, bridges, argv, started,
                cpus, linuxBootPartition);
    }

    private static UnikernelInfo.Block decodeAttachedBlock(Node node) {
        Fields fields = node.sequence();
        UnikernelInfo.Block block = new UnikernelInfo.Block(fields.required("device").utf8(),
                fields.required("host-device").utf8(), fields.required("sector-size").nonNegativeInt(),
                fields.required("size").nonNegativeLong());
        fields.end();
        return block;
    }

    private static UnikernelInfo.Network decodeAttachedNetwork(Node node) {
        Fields fields = node.sequence();
        UnikernelInfo.Network network = new UnikernelInfo.Network(fields.required("netif").utf8(),
                fields.required("host-device").utf8(), decodeMac(fields.required("mac")));
        fields.end();
        return network;
    }
}
