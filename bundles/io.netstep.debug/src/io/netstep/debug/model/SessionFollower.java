package io.netstep.debug.model;

import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.debug.layers.ProtocolLayers;
import io.netstep.session.LogEntry;
import io.netstep.session.Session;
import io.netstep.session.SessionEvent;
import io.netstep.session.analysis.Analysis;
import io.netstep.w5500.ChipEvent;

import java.util.concurrent.CompletableFuture;

import org.eclipse.core.runtime.ILog;

/**
 * Follows a session for its debug target: every log entry and every analysis event (on the
 * appending thread, in log order) goes to the frames' events; fed events that end a step or
 * hit a breakpoint ({@link FedStops}) and events that may conclude a failure
 * ({@link DiagnosisProbe}) make it ask the session to pause.
 */
final class SessionFollower implements AutoCloseable {

    private final NetStepDebugTarget target;
    private final Session session;
    private final ProtocolLayers layers;
    private final FrameEvents frames;
    private final FedStops fedStops;
    private final AnalysisFeed analysis;
    private final DiagnosisProbe probe;
    private volatile Thread sessionThread;
    private volatile LogEntry appending;

    SessionFollower(NetStepDebugTarget target, Session session, ProtocolLayers layers, FrameEvents frames, FedStops fedStops) {
        this.target = target;
        this.session = session;
        this.layers = layers;
        this.frames = frames;
        this.fedStops = fedStops;
        this.probe = new DiagnosisProbe(target, this, new LiveDiagnosis(session, this::analysis, layers,
                new LaunchFirmwareSide(target)));
        // first the log (sets "appending"), then the analysis, which listens to the same log after us
        session.log().addListenerWithHistory(this::entry);
        AnalysisFeed feed = null;
        try {
            feed = new AnalysisFeed(session, () -> appending, this::fed, this::mayConclude);
        } catch (RuntimeException | LinkageError e) {
            ILog.of(SessionFollower.class).error("the TLS/MQTT analysis cannot follow this session; only chip layers are shown", e);
        }
        this.analysis = feed;
    }

    /** The live analysis (TLS, MQTT), or null when it could not follow the session. */
    Analysis analysis() {
        return analysis == null ? null : analysis.analysis();
    }

    DiagnosisProbe probe() {
        return probe;
    }

    private void entry(LogEntry entry) {
        appending = entry;
        if (entry.event() instanceof ChipEvent) {
            sessionThread = Thread.currentThread(); // chip events are logged on the session thread
        }
        for (ProtocolEvent e : layers.decode(entry)) {
            frames.put(e);
        }
        if (!(entry.event() instanceof SessionEvent.Suspended) && LiveDiagnosis.mayConclude(entry)) {
            probe.trigger(entry.seq());
        }
    }

    /** An analysis event that may conclude a failure (a TLS alert, CONNACK, DISCONNECT). */
    private void mayConclude(io.netstep.session.analysis.ProtocolEvent e) {
        if (LiveDiagnosis.mayConclude(e)) {
            LogEntry at = appending;
            probe.trigger(at == null ? 0 : at.seq());
        }
    }

    /** An event of a fed layer: remember it for the frames, and stop if a step or breakpoint wants it. */
    private void fed(ProtocolEvent e) {
        frames.put(e);
        if (target.isSuspended() || target.isTerminated() || fedStops.offer(e) == null) {
            return;
        }
        requestPause();
    }

    /** Asks the session to pause; on the session thread only asks (it stops after the request in progress). */
    void requestPause() {
        if (Thread.currentThread() == sessionThread) {
            pauseQuietly();
        } else {
            CompletableFuture.runAsync(this::pauseQuietly); // never block the appending thread
        }
    }

    private void pauseQuietly() {
        try {
            session.pause();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (analysis != null) {
            analysis.close();
        }
        probe.close();
    }
}
