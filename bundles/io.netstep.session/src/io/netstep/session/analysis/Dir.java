package io.netstep.session.analysis;

/**
 * Direction of an event on a connection, seen from the firmware as TCP client: {@code C2S}
 * firmware → peer, {@code S2C} peer → firmware. For a LISTEN socket (the firmware is the server)
 * the peer is the client and the directions are named from the peer's side: bytes the firmware
 * sends are S2C. {@code NONE} for events that belong to no direction.
 */
public enum Dir {
    C2S("c2s"), S2C("s2c"), NONE("");

    private final String shortName;

    Dir(String shortName) {
        this.shortName = shortName;
    }

    /** "c2s", "s2c" or "". */
    public String shortName() {
        return shortName;
    }

    public io.netstep.tls.Direction tls() {
        return this == C2S ? io.netstep.tls.Direction.CLIENT_TO_SERVER : io.netstep.tls.Direction.SERVER_TO_CLIENT;
    }

    public io.netstep.mqtt.Direction mqtt() {
        return this == C2S ? io.netstep.mqtt.Direction.CLIENT_TO_SERVER : io.netstep.mqtt.Direction.SERVER_TO_CLIENT;
    }

    public static Dir of(io.netstep.tls.Direction d) {
        return d == io.netstep.tls.Direction.CLIENT_TO_SERVER ? C2S : S2C;
    }

    public static Dir of(io.netstep.mqtt.Direction d) {
        return d == io.netstep.mqtt.Direction.CLIENT_TO_SERVER ? C2S : S2C;
    }
}
