package io.netstep.debug.model;

import io.netstep.debug.breakpoints.AnalysisLayers;
import io.netstep.debug.breakpoints.NetStepBreakpoint;
import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.debug.layers.ProtocolLayer;
import io.netstep.debug.layers.ProtocolLayers;
import io.netstep.session.LogEntry;
import io.netstep.w5500.Registers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;

/**
 * The chip (socket -1: common registers) or one of its eight sockets. While suspended its
 * stack frames are the protocol layers of its current event, top (application) first.
 * Steps act at a frame's layer: over = the layer's next event on this socket; into = one layer
 * down (from an MQTT packet: its first field; from a field: the next field); return = one
 * layer up (from a field: back to its packet). Field steps need no run.
 */
public final class W5500Thread extends NetStepDebugElement implements IThread {

    private final int socket;
    private volatile LogEntry cause;
    private volatile NetStepBreakpoint hit;
    private volatile boolean hadStop;
    private volatile IStackFrame[] frames;
    private volatile long framesOf = -1;

    W5500Thread(NetStepDebugTarget target, int socket) {
        super(target);
        this.socket = socket;
    }

    /** 0..7, or -1 for the chip. */
    public int socket() {
        return socket;
    }

    /** The register block this thread's registers live in. */
    public int registerBlock() {
        return socket < 0 ? Registers.BSB_COMMON : Registers.socketBlock(socket);
    }

    public List<RegisterMap.Register> registers() {
        return socket < 0 ? RegisterMap.COMMON : RegisterMap.SOCKET;
    }

    /** The event the target stopped at when this thread had the stop, else null. */
    public LogEntry cause() {
        return cause;
    }

    void stopped(boolean at, LogEntry cause, NetStepBreakpoint hit) {
        this.cause = cause;
        this.hit = hit;
        this.hadStop = at;
        this.frames = null;
    }

    void running() {
        cause = null;
        hit = null;
        hadStop = false;
        frames = null;
    }

    boolean hadStop() {
        return hadStop;
    }

    @Override
    public String getName() {
        if (socket < 0) {
            return "W5500 chip";
        }
        int block = registerBlock();
        int sr = target().currentByte(block, Registers.Sn_SR);
        StringBuilder b = new StringBuilder("Socket ").append(socket).append(" [").append(Registers.stateName(sr)).append(']');
        if (sr != Registers.SOCK_CLOSED) {
            byte[] ip = new byte[4];
            for (int i = 0; i < 4; i++) {
                ip[i] = (byte) target().currentByte(block, Registers.Sn_DIPR + i);
            }
            int port = target().currentByte(block, Registers.Sn_DPORT) << 8 | target().currentByte(block, Registers.Sn_DPORT + 1);
            if (port != 0 || ip[0] != 0) {
                try {
                    b.append(" peer ").append(InetAddress.getByAddress(ip).getHostAddress()).append(':').append(port);
                } catch (UnknownHostException e) {
                    // four bytes are always an address
                }
            }
        }
        return b.toString();
    }

    @Override
    public IStackFrame[] getStackFrames() throws DebugException {
        if (!isSuspended()) {
            return new IStackFrame[0];
        }
        long now = target().suspensions();
        IStackFrame[] f = frames;
        if (f == null || framesOf != now) {
            List<ProtocolEvent> events = target().stopEvents(socket, cause);
            f = new IStackFrame[events.size()];
            for (int i = 0; i < f.length; i++) {
                ProtocolEvent e = events.get(i);
                f[i] = new LayerStackFrame(this, target().layers().byId(e.layer()), e);
            }
            frames = f;
            framesOf = now;
        }
        return f.clone();
    }

    @Override
    public boolean hasStackFrames() throws DebugException {
        return getStackFrames().length > 0;
    }

    @Override
    public IStackFrame getTopStackFrame() throws DebugException {
        IStackFrame[] f = getStackFrames();
        return f.length > 0 ? f[0] : null;
    }

    @Override
    public int getPriority() {
        return 0;
    }

    @Override
    public IBreakpoint[] getBreakpoints() {
        NetStepBreakpoint b = hit;
        return b == null ? new IBreakpoint[0] : new IBreakpoint[] {b};
    }

    // ---- run control: the whole chip runs or stands still

    @Override
    public boolean canResume() {
        return target().canResume();
    }

    @Override
    public boolean canSuspend() {
        return target().canSuspend();
    }

    @Override
    public boolean isSuspended() {
        return target().isSuspended();
    }

    @Override
    public void resume() throws DebugException {
        target().resume();
    }

    @Override
    public void suspend() throws DebugException {
        target().suspend();
    }

    // ---- steps at the top frame's layer (the frames step at their own)

    @Override
    public boolean canStepInto() {
        return isSuspended();
    }

    @Override
    public boolean canStepOver() {
        return isSuspended();
    }

    @Override
    public boolean canStepReturn() {
        return isSuspended();
    }

    @Override
    public boolean isStepping() {
        return false;
    }

    @Override
    public void stepInto() throws DebugException {
        LayerStackFrame top = topFrame();
        stepInto(top == null ? bottomLayer() : top.layer(), top == null ? null : top.event());
    }

    @Override
    public void stepOver() throws DebugException {
        LayerStackFrame top = topFrame();
        stepOver(top == null ? bottomLayer() : top.layer(), top == null ? null : top.event());
    }

    @Override
    public void stepReturn() throws DebugException {
        LayerStackFrame top = topFrame();
        stepReturn(top == null ? bottomLayer() : top.layer(), top == null ? null : top.event());
    }

    private LayerStackFrame topFrame() throws DebugException {
        return getTopStackFrame() instanceof LayerStackFrame f ? f : null;
    }

    private ProtocolLayer bottomLayer() {
        List<ProtocolLayer> all = target().layers().all();
        return all.get(all.size() - 1);
    }

    /** Next event of {@code layer} on this thread's socket; at the field level: the next field (of the next packet after the last). */
    void stepOver(ProtocolLayer layer, ProtocolEvent at) {
        if (isField(layer) && at != null) {
            nextField(at, DebugEvent.STEP_OVER);
        } else {
            stepTo(layer, DebugEvent.STEP_OVER);
        }
    }

    /**
     * One layer down (nearer the chip); at the bottom: its next event. From an MQTT packet: its
     * first field; from a field: the next field.
     */
    void stepInto(ProtocolLayer layer, ProtocolEvent at) {
        if (AnalysisLayers.MQTT_PACKET.equals(layer.id()) && at != null) {
            List<ProtocolEvent> fields = MqttFields.of(at);
            if (!fields.isEmpty()) {
                target().stepInPlace(this, fields.get(0), DebugEvent.STEP_INTO);
            } else {
                target().stepFed(layer, socket, DebugEvent.STEP_INTO, true);
            }
            return;
        }
        if (isField(layer) && at != null) {
            nextField(at, DebugEvent.STEP_INTO);
            return;
        }
        ProtocolLayer below = target().layers().below(layer);
        stepTo(below != null ? below : layer, DebugEvent.STEP_INTO);
    }

    /**
     * One layer up (nearer the application); at the top: its next event. From a field: back to
     * its packet (no run); from an MQTT packet: the next packet (its fields are inside it, not above).
     */
    void stepReturn(ProtocolLayer layer, ProtocolEvent at) {
        if (isField(layer) && at != null) {
            target().stepInPlace(this, null, DebugEvent.STEP_RETURN);
            return;
        }
        ProtocolLayer above = AnalysisLayers.MQTT_PACKET.equals(layer.id()) ? null : target().layers().above(layer);
        stepTo(above != null ? above : layer, DebugEvent.STEP_RETURN);
    }

    private static boolean isField(ProtocolLayer layer) {
        return AnalysisLayers.MQTT_FIELD.equals(layer.id());
    }

    private void nextField(ProtocolEvent field, int detail) {
        ProtocolEvent packet = target().currentPacket(socket);
        ProtocolEvent next = packet != null && packet.entry().seq() == field.entry().seq() ? MqttFields.next(packet, field) : null;
        if (next != null) {
            target().stepInPlace(this, next, detail);
        } else {
            target().stepFed(target().layers().byId(AnalysisLayers.MQTT_PACKET), socket, detail, true);
        }
    }

    private void stepTo(ProtocolLayer layer, int detail) {
        if (isField(layer)) {
            // reached from above (the diagnosis): the next packet's first field
            target().stepFed(target().layers().byId(AnalysisLayers.MQTT_PACKET), socket, detail, true);
        } else if (layer.decodesLogEntries()) {
            target().step(ProtocolLayers.nextEvent(layer, socket), detail);
        } else {
            target().stepFed(layer, socket, detail, false);
        }
    }

    @Override
    public boolean canTerminate() {
        return target().canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return target().isTerminated();
    }

    @Override
    public void terminate() throws DebugException {
        target().terminate();
    }
}
