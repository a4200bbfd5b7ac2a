package io.netstep.session;

import io.netstep.w5500.Clock;
import io.netstep.w5500.HostEvents;

import java.util.concurrent.Executor;

/**
 * What a network gets from the session to reach the chip. Two ways in:
 * <ul>
 * <li>{@link #sessionThread()} + {@link #direct()}: the network queues a task, and the task
 *     calls the chip directly on the session thread (how {@code VirtualNetwork} works: it
 *     keeps its own flow control);</li>
 * <li>{@link #queued()}: callable from any thread; each call becomes a task, and TCP data is
 *     buffered (with back-pressure) by the session.</li>
 * </ul>
 * Either way the chip changes only on the session thread and only while the session runs.
 */
public interface ChipSide {

    /** The chip itself. Only from tasks running on {@link #sessionThread()}. */
    HostEvents direct();

    /** A thread-safe front for the chip. */
    HostEvents queued();

    /** Queues a task for the session thread (held while paused). Never runs it inline. */
    Executor sessionThread();

    /** The session's virtual clock. */
    Clock clock();

    /** Runs {@code r} on the session thread every millisecond of virtual time, after the chip's tick. */
    void everyMillisecond(Runnable r);

    /** Appends a network event (e.g. an {@code io.netstep.net.NetworkEvent}) to the session's log. */
    void log(Object event);
}
