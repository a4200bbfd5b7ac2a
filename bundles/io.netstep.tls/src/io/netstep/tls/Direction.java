package io.netstep.tls;

/** One of the two byte streams of a TCP connection. */
public enum Direction {
    CLIENT_TO_SERVER("c2s"), SERVER_TO_CLIENT("s2c");

    private final String shortName;

    Direction(String shortName) {
        this.shortName = shortName;
    }

    /** "c2s" or "s2c", as used in the JSON lines of {@code netstep decode}. */
    public String shortName() {
        return shortName;
    }

    public Direction opposite() {
        return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
    }
}
