package io.netstep.preflight;

/**
 * Receives what an {@link MqttPeer} sees. Called on the MQTT client's threads, one call at a
 * time per peer; a UI must hand the calls over to its own thread. Must not block for long.
 */
public interface PeerListener {

    /** A message on one of the peer's subscriptions. */
    void message(PeerMessage message);

    /** The broker or the network ended the connection (not called for {@link MqttPeer#disconnect()}). */
    default void connectionLost(String reason) { }
}
