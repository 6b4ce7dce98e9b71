package org.albatross.vmm.net;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** The daemon's taps are named {@code vmmtap0}, {@code vmmtap1}, ...; a new one takes the lowest free number. */
final class TapNames {
    static final String PREFIX = "vmmtap";

    private TapNames() {
    }

    static String lowestFree(Collection<String> interfaces) {
        Set<Integer> taken = new HashSet<>();
        for (String name : interfaces) {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()
                    && name.substring(PREFIX.length()).chars().allMatch(Character::isDigit)
                    && name.length() - PREFIX.length() <= 9) {
                taken.add(Integer.parseInt(name.substring(PREFIX.length())));
            }
        }
        int number = 0;
        while (taken.contains(number)) {
            number++;
        }
        return PREFIX + number;
    }
}
