package org.albatross.config;

import java.util.Locale;
import java.util.Random;

import org.albatross.config.ValueType.BooleanType;
import org.albatross.config.ValueType.EnumType;
import org.albatross.config.ValueType.FileModeType;
import org.albatross.config.ValueType.HttpUriType;
import org.albatross.config.ValueType.IntegerType;
import org.albatross.config.ValueType.ListenAddressType;
import org.albatross.config.ValueType.PathType;
import org.albatross.config.ValueType.QuantityType;

/** A random value that a type allows, written as the environment or the command line would give it. */
final class RandomValues {
    private RandomValues() {
    }

    static String of(ValueType<?> type, Random random) {
        if (type instanceof IntegerType integer) {
            return Long.toString(integer.min() + (long) (random.nextDouble() * (integer.max() - integer.min())));
        }
        if (type instanceof BooleanType) {
            return Boolean.toString(random.nextBoolean());
        }
        if (type instanceof EnumType<?> values) {
            Enum<?>[] constants = values.values().getEnumConstants();
            return constants[random.nextInt(constants.length)].name().toLowerCase(Locale.ROOT);
        }
        if (type instanceof PathType path) {
            return (path.absolute() || random.nextBoolean() ? "/opt/" : "") + word(random);
        }
        if (type instanceof QuantityType<?> quantity) {
            return randomQuantity(quantity, random);
        }
        if (type instanceof FileModeType) {
            return String.format("0%03o", random.nextInt(0777));
        }
        if (type instanceof ListenAddressType) {
            return new String[] {"127.0.0.1", "[::1]", word(random)}[random.nextInt(3)] + ":" + (random.nextInt(65535) + 1);
        }
        if (type instanceof HttpUriType) {
            return "http://" + word(random) + ":" + (random.nextInt(65535) + 1);
        }
        return word(random) + " " + word(random) + " \"quoted\" \\ é";
    }

    private static <T> String randomQuantity(QuantityType<T> type, Random random) {
        long amount = type.min() + (long) (random.nextDouble() * (type.max() - type.min()));
        return type.text(type.of().apply(amount));
    }

    private static String word(Random random) {
        return "w" + Integer.toString(random.nextInt(1_000_000), 36);
    }
}
