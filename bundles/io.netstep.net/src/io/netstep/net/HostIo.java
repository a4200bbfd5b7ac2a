package io.netstep.net;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The one thread that does all host socket I/O (Java NIO). Everything else hands it work with
 * {@link #submit}; channel handlers run on it. It never calls the chip.
 */
final class HostIo implements AutoCloseable {

    /** What a registered channel does when it is ready. */
    interface Handler {
        void ready(SelectionKey key) throws IOException;
        /** An unexpected failure of the handler: give up the channel. */
        void failed(Exception e);
    }

    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> work = new ConcurrentLinkedQueue<>();
    /** Work due at a real-time moment (I/O thread only): [due nanos, task]. */
    private final java.util.PriorityQueue<Object[]> later = new java.util.PriorityQueue<>((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
    private final Thread thread;
    private final Consumer<Throwable> crash;
    private volatile boolean open = true;

    HostIo(Consumer<Throwable> crash) throws IOException {
        this.selector = Selector.open();
        this.crash = crash;
        this.thread = new Thread(this::loop, "netstep-net-io");
        thread.setDaemon(true);
        thread.start();
    }

    void submit(Runnable r) {
        work.add(r);
        selector.wakeup();
    }

    /** Runs {@code r} on the I/O thread after {@code ms} milliseconds of real time (I/O thread only). */
    void later(long ms, Runnable r) {
        later.add(new Object[] { System.nanoTime() + ms * 1_000_000L, r });
    }

    boolean onIoThread() {
        return Thread.currentThread() == thread;
    }

    SelectionKey register(SelectableChannel ch, int ops, Handler h) throws IOException {
        return ch.register(selector, ops, h);
    }

    private void loop() {
        while (open) {
            try {
                Object[] next = later.peek();
                if (next == null) selector.select();
                else selector.select(Math.max(1, ((Long) next[0] - System.nanoTime()) / 1_000_000L));
                while ((next = later.peek()) != null && (Long) next[0] <= System.nanoTime()) {
                    later.poll();
                    work.add((Runnable) next[1]);
                }
                Runnable r;
                while ((r = work.poll()) != null) {
                    try {
                        r.run();
                    } catch (RuntimeException e) {
                        crash.accept(e);
                    }
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    Handler h = (Handler) k.attachment();
                    try {
                        if (k.isValid()) h.ready(k);
                    } catch (CancelledKeyException e) {
                        // closed while we looked at it
                    } catch (IOException | RuntimeException e) {
                        h.failed(e);
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                crash.accept(e);
            }
        }
        try {
            for (SelectionKey k : selector.keys()) k.channel().close();
            selector.close();
        } catch (IOException | RuntimeException ignored) {
            // shutting down
        }
    }

    @Override public void close() {
        open = false;
        selector.wakeup();
        if (!onIoThread()) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
