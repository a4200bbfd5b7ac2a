package io.netstep.mqtt;

import java.util.EnumMap;
import java.util.Map;

/**
 * One MQTT connection seen from outside: the decoders of its two directions and what they
 * share. The protocol level comes from the Client's CONNECT (4 = 3.1.1, 5 = 5.0) unless given
 * up front (a capture that starts after the CONNECT); until then packets decode as 3.1.1.
 * <p>
 * Feed both directions in the order the bytes happened (the rules across packets, such as
 * "a PUBACK for an unknown Packet Identifier", depend on it). Thread-safe.
 *
 * <pre>
 * MqttConnection c = new MqttConnection();
 * c.decoder(Direction.CLIENT_TO_SERVER).feed(bytesFromClient, 0, n);
 * </pre>
 */
public final class MqttConnection {

    private final SequenceChecker sequence;
    private final Map<Direction, MqttStreamDecoder> decoders = new EnumMap<>(Direction.class);
    private final int maxPacketBytes;

    /** Level learned from the CONNECT; packets larger than the protocol allows are the only limit. */
    public MqttConnection() {
        this(0, MqttStreamDecoder.MAX_REMAINING_LENGTH);
    }

    /**
     * @param protocolLevel 0 to learn it from the CONNECT (the bytes start with the connection);
     *        3, 4 or 5 for bytes that join an established connection, where the rules that need
     *        the start (first packet, acknowledgement of earlier flows) are not checked
     * @param maxPacketBytes packets with a larger Remaining Length are skipped, not kept or decoded
     */
    public MqttConnection(int protocolLevel, int maxPacketBytes) {
        if (protocolLevel != 0 && (protocolLevel < 3 || protocolLevel > 5)) {
            throw new IllegalArgumentException("protocol level must be 0 (learn), 3, 4 or 5: " + protocolLevel);
        }
        this.sequence = new SequenceChecker(protocolLevel);
        this.maxPacketBytes = maxPacketBytes;
    }

    /** The decoder of one direction (always the same object for a direction). */
    public synchronized MqttStreamDecoder decoder(Direction direction) {
        return decoders.computeIfAbsent(direction, d -> new MqttStreamDecoder(this, d, maxPacketBytes));
    }

    /** 3, 4 or 5 once known, else 0. */
    public synchronized int protocolLevel() {
        return sequence.protocolLevel();
    }

    synchronized int levelFor(Direction dir, byte[] packet, int headerLength) {
        return sequence.levelFor(dir, packet, headerLength);
    }

    synchronized void decode(MqttPacket p) {
        PacketDecoding.decode(p, sequence);
    }
}
