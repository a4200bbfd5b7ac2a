package io.netstep.cloud;

/**
 * Receives every decision of a cloud emulator. Called on the emulator's connection threads, in
 * the order the decisions are taken for one connection: must return quickly and must not throw
 * (a session queues the event for its own thread).
 */
@FunctionalInterface
public interface CloudListener {
    void event(CloudEvent e);

    CloudListener NONE = e -> { };
}
