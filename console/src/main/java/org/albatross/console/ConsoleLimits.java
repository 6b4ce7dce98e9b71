package org.albatross.console;

/**
 * Limits of the console service.
 *
 * @param ringLines lines kept per unikernel (albatross: 1024)
 * @param subscribersPerUnikernel subscribers one unikernel's console may have; one more kicks the oldest
 * @param subscriberLag how many new lines a subscriber may fall behind before it misses the oldest of them; at most
 *     {@code ringLines}, since older lines are overwritten anyway
 */
public record ConsoleLimits(int ringLines, int subscribersPerUnikernel, int subscriberLag) {
    /** Albatross's limits: 1024 lines, 5 subscribers, a subscriber may lag by the whole ring. */
    public static final ConsoleLimits DEFAULTS = new ConsoleLimits(1024, 5, 1024);

    public ConsoleLimits {
        if (ringLines < 1) {
            throw new IllegalArgumentException("ringLines must be at least 1, not " + ringLines);
        }
        if (subscribersPerUnikernel < 1) {
            throw new IllegalArgumentException(
                    "subscribersPerUnikernel must be at least 1, not " + subscribersPerUnikernel);
        }
        if (subscriberLag < 1 || subscriberLag > ringLines) {
            throw new IllegalArgumentException("subscriberLag must be between 1 and ringLines (" + ringLines
                    + "), not " + subscriberLag);
        }
    }
}
