package io.netstep.mqtt;

/** Which way the bytes of one connection flow. */
public enum Direction {
    CLIENT_TO_SERVER("c2s"),
    SERVER_TO_CLIENT("s2c");

    private final String shortName;

    Direction(String shortName) {
        this.shortName = shortName;
    }

    /** {@code c2s} or {@code s2c}, as the command line and JSON lines use it. */
    public String shortName() {
        return shortName;
    }

    public Direction opposite() {
        return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
    }
}
