package io.netstep.net;

/** Receives {@link NetworkEvent}s; called on the chip thread. Must not throw. */
@FunctionalInterface
public interface NetworkListener {
    void event(NetworkEvent e);

    NetworkListener NONE = e -> { };
}
