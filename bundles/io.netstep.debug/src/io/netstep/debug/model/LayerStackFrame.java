package io.netstep.debug.model;

import io.netstep.debug.breakpoints.AnalysisLayers;
import io.netstep.debug.layers.Field;
import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.debug.layers.ProtocolLayer;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.core.model.IVariable;

/**
 * One protocol layer of a thread's current event. Variables: the event's decoded fields (for a
 * TLS or MQTT event the decoder's field tree, one variable per node), then the thread's registers
 * (common registers on the chip, Sn_* on a socket). Steps act at this frame's layer.
 */
public final class LayerStackFrame extends NetStepDebugElement implements IStackFrame {

    private final W5500Thread thread;
    private final ProtocolLayer layer;
    private final ProtocolEvent event;
    private IVariable[] variables;
    /** The analysis event of a chip-layer frame, once the analysis has taken its log entry. */
    private volatile io.netstep.session.analysis.ProtocolEvent analysisEvent;

    LayerStackFrame(W5500Thread thread, ProtocolLayer layer, ProtocolEvent event) {
        super(thread.target());
        this.thread = thread;
        this.layer = layer;
        this.event = event;
    }

    public ProtocolLayer layer() {
        return layer;
    }

    public ProtocolEvent event() {
        return event;
    }

    /**
     * The session analysis event this frame shows, itself (not an equal copy): for TLS and MQTT
     * frames the event they were converted from (an MQTT field: its packet), for the chip layers
     * the analysis event wrapping their log entry. Null when the target has no analysis or the
     * analysis has not taken the entry yet.
     */
    public io.netstep.session.analysis.ProtocolEvent analysisEvent() {
        if (event.source() != null) {
            return event.source();
        }
        io.netstep.session.analysis.ProtocolEvent a = analysisEvent;
        if (a == null) {
            io.netstep.session.analysis.Analysis analysis = target().analysis();
            a = analysis == null ? null : analysis.forLogSeq(event.entry().seq());
            analysisEvent = a;
        }
        return a;
    }

    @Override
    public IThread getThread() {
        return thread;
    }

    @Override
    public String getName() {
        return layer.label() + ": " + event.summary() + "  #" + event.entry().seq();
    }

    @Override
    public synchronized IVariable[] getVariables() throws DebugException {
        if (variables == null) {
            List<IVariable> v = new ArrayList<>();
            if (showsFieldTree()) {
                for (Field f : event.fields()) {
                    if (f.name().equals(AnalysisFeed.DIRECTION_FIELD)) {
                        v.add(new FieldVariable(target(), f));
                    }
                }
                v.addAll(List.of(FieldTreeVariable.of(target(), event.source().fields())));
            } else {
                for (Field f : event.fields()) {
                    v.add(new FieldVariable(target(), f));
                }
            }
            v.add(new RegisterGroupVariable(target(), thread));
            variables = v.toArray(IVariable[]::new);
        }
        return variables.clone();
    }

    /**
     * TLS and MQTT packet frames show their source's field tree (its root is the event itself,
     * named by the frame); an MQTT field frame shows its one field, flat, as stepped to.
     */
    private boolean showsFieldTree() {
        return event.source() != null && !AnalysisLayers.MQTT_FIELD.equals(event.layer())
                && !AnalysisLayers.DIAGNOSIS.equals(event.layer());
    }

    @Override
    public boolean hasVariables() {
        return true;
    }

    /** The thread's registers, one variable each (for views that want them flat). */
    public IVariable[] getRegisterVariables() {
        return RegisterGroupVariable.registerVariables(target(), thread);
    }

    @Override
    public int getLineNumber() {
        return -1;
    }

    @Override
    public int getCharStart() {
        return -1;
    }

    @Override
    public int getCharEnd() {
        return -1;
    }

    @Override
    public IRegisterGroup[] getRegisterGroups() {
        return new IRegisterGroup[0];
    }

    @Override
    public boolean hasRegisterGroups() {
        return false;
    }

    // ---- steps at this layer

    @Override
    public boolean canStepInto() {
        return thread.canStepInto();
    }

    @Override
    public boolean canStepOver() {
        return thread.canStepOver();
    }

    @Override
    public boolean canStepReturn() {
        return thread.canStepReturn();
    }

    @Override
    public boolean isStepping() {
        return false;
    }

    @Override
    public void stepInto() {
        thread.stepInto(layer, event);
    }

    @Override
    public void stepOver() {
        thread.stepOver(layer, event);
    }

    @Override
    public void stepReturn() {
        thread.stepReturn(layer, event);
    }

    @Override
    public boolean canResume() {
        return thread.canResume();
    }

    @Override
    public boolean canSuspend() {
        return thread.canSuspend();
    }

    @Override
    public boolean isSuspended() {
        return thread.isSuspended();
    }

    @Override
    public void resume() throws DebugException {
        thread.resume();
    }

    @Override
    public void suspend() throws DebugException {
        thread.suspend();
    }

    @Override
    public boolean canTerminate() {
        return thread.canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return thread.isTerminated();
    }

    @Override
    public void terminate() throws DebugException {
        thread.terminate();
    }

    @Override
    public boolean equals(Object o) {
        // the same event: MQTT fields of one packet share its log entry, so compare the events
        return o instanceof LayerStackFrame f && f.thread == thread && f.event.entry().seq() == event.entry().seq()
                && f.layer.id().equals(layer.id()) && f.event.equals(event);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(event.entry().seq()) * 31 + layer.id().hashCode();
    }
}
