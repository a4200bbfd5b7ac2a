package io.netstep.ui;

import io.netstep.session.Session;
import io.netstep.session.analysis.Analysis;
import io.netstep.session.analysis.ProtocolEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.runtime.Adapters;

/**
 * What the NetStep views show: a decoded {@link Analysis} and, for a running target, the
 * {@link Session} behind it (null for a session file or capture opened without a target).
 * <p>
 * One current input for the workbench; the debug model (or an "open session file" action)
 * sets it with {@link #show}. Views listen with {@link #addListener}. Listeners run on the
 * thread that calls {@link #show}; views hop to the UI thread themselves.
 * <p>
 * Hook for other plug-ins: a workbench selection whose elements adapt to
 * {@link ProtocolEvent} (e.g. a debug stack frame) is followed by the timeline and the
 * packet detail; see {@link #eventOf(Object)}.
 */
public final class NetStepInput {

    private static final List<Consumer<NetStepInput>> LISTENERS = new CopyOnWriteArrayList<>();
    private static volatile NetStepInput current;

    private final Analysis analysis;
    private final Session session;

    private NetStepInput(Analysis analysis, Session session) {
        this.analysis = analysis;
        this.session = session;
    }

    /** Follows a running session: decodes its log live. */
    public static NetStepInput live(Session session) {
        return new NetStepInput(Analysis.live(session.log(), session.keyLog()), session);
    }

    /** An analysis without a target (session file, capture, serial log). */
    public static NetStepInput of(Analysis analysis) {
        return new NetStepInput(analysis, null);
    }

    /** An analysis of a given session (the caller owns both). */
    public static NetStepInput of(Analysis analysis, Session session) {
        return new NetStepInput(analysis, session);
    }

    public Analysis analysis() {
        return analysis;
    }

    /** The running session, or null when the input is a file. */
    public Session session() {
        return session;
    }

    /** Makes {@code input} (may be null) what all NetStep views show. */
    public static void show(NetStepInput input) {
        current = input;
        for (Consumer<NetStepInput> l : LISTENERS) {
            l.accept(input);
        }
    }

    /** The current input, or null. */
    public static NetStepInput current() {
        return current;
    }

    public static void addListener(Consumer<NetStepInput> l) {
        LISTENERS.add(l);
    }

    public static void removeListener(Consumer<NetStepInput> l) {
        LISTENERS.remove(l);
    }

    /** The protocol event an element is or adapts to, or null. */
    public static ProtocolEvent eventOf(Object element) {
        if (element instanceof ProtocolEvent e) {
            return e;
        }
        return element == null ? null : Adapters.adapt(element, ProtocolEvent.class);
    }
}
