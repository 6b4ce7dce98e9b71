package org.albatross.protocol.codec;

import org.albatross.protocol.Success;

/**
 * {@code Success ::= CHOICE { [0] empty, [1] string, [2] policies, [4] block-devices, [6] unikernel-image,
 * [10] block-device-image, [12] consoles, [13] unikernel-info }}. Replies of albatross 1.x ([7], [9], [11])
 * are refused.
 */
final class SuccessCodec {
    private SuccessCodec() {
    }

    static DerValue encode(Success success) {
        if (success instanceof Success.Empty) {
            return Der.explicitNull(0);
        }
        if (success instanceof Success.Message message) {
            return Der.explicit(1, Der.utf8(message.text()));
        }
        if (success instanceof Success.Policies policies) {
            return Der.explicit(2, Der.sequenceOf(policies.policies(), named -> Der.sequence(
                    Der.utf8(named.name().toString()), PolicyCodec.encode(named.policy()))));
        }
        if (success instanceof Success.BlockDevices devices) {
            return Der.explicit(4, Der.sequenceOf(devices.devices(), device -> Der.sequence(
                    Der.utf8(device.name().toString()), Der.integer(device.sizeMb()), Der.bool(device.active()))));
        }
        if (success instanceof Success.UnikernelImage image) {
            return Der.explicit(6, Der.sequence(Der.bool(image.compressed()), Der.octets(image.image())));
        }
        if (success instanceof Success.BlockDeviceImage image) {
            return Der.explicit(10, Der.bool(image.compressed()));
        }
        if (success instanceof Success.Consoles consoles) {
            return Der.explicit(12, Der.sequenceOf(consoles.names(), name -> Der.utf8(name.toString())));
        }
        if (success instanceof Success.UnikernelInfos infos) {
            return Der.explicit(13, Der.sequenceOf(infos.unikernels(), named -> Der.sequence(
                    Der.utf8(named.name().toString()), UnikernelCodec.encode(named.info()))));
        }
        throw Der.unencodable(success);
    }

    static Success decode(Node node) {
        Choice choice = node.choice();
        return switch (choice.tag()) {
            case 0 -> choice.empty("empty", new Success.Empty());
            case 1 -> new Success.Message(choice.node("string").utf8());
            case 2 -> new Success.Policies(choice.node("policies").sequenceOf(SuccessCodec::decodeNamedPolicy));
            case 4 -> new Success.BlockDevices(choice.node("block-devices").sequenceOf(SuccessCodec::decodeBlockDevice));
            case 6 -> decodeImage(choice.node("unikernel-image"));
            case 7 -> throw choice.obsolete("block device image with inline data");
            case 9, 11 -> throw choice.obsolete("unikernel info of albatross 1.x");
            case 10 -> new Success.BlockDeviceImage(choice.node("block-device-image").bool());
            case 12 -> new Success.Consoles(choice.node("consoles").sequenceOf(Node::name));
            case 13 -> new Success.UnikernelInfos(choice.node("unikernel-info").sequenceOf(SuccessCodec::decodeNamedInfo));
            default -> throw choice.unknown("success");
        };
    }

    private static Success.NamedPolicy decodeNamedPolicy(Node node) {
        Fields fields = node.sequence();
        Success.NamedPolicy policy = new Success.NamedPolicy(fields.required("name").name(),
                PolicyCodec.decode(fields.required("policy")));
        fields.end();
        return policy;
    }

    private static Success.BlockDevice decodeBlockDevice(Node node) {
        Fields fields = node.sequence();
        Success.BlockDevice device = new Success.BlockDevice(fields.required("name").name(),
                fields.required("size").nonNegativeLong(), fields.required("active").bool());
        fields.end();
        return device;
    }

    private static Success.UnikernelImage decodeImage(Node node) {
        Fields fields = node.sequence();
        Success.UnikernelImage image = new Success.UnikernelImage(fields.required("compressed").bool(),
                fields.required("image").octetString());
        fields.end();
        return image;
    }

    private static Success.NamedUnikernelInfo decodeNamedInfo(Node node) {
        Fields fields = node.sequence();
        Success.NamedUnikernelInfo info = new Success.NamedUnikernelInfo(fields.required("name").name(),
                UnikernelCodec.decodeInfo(fields.required("info")));
        fields.end();
        return info;
    }
}
