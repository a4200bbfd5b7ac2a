package io.netstep.debug.breakpoints;

import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.w5500.Registers;

import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.core.runtime.CoreException;

/** Stops when Sn_SR of a socket (or any) becomes the given state. */
public class SocketStateBreakpoint extends SocketEventBreakpoint {

    public static final String MARKER = "io.netstep.debug.socketStateMarker";
    static final String STATE = "io.netstep.debug.state";

    public SocketStateBreakpoint() {
    }

    public SocketStateBreakpoint(int socket, int state, boolean register) throws CoreException {
        create(MARKER, Map.of(SOCKET, socket, STATE, state), register);
    }

    public int state() {
        return intAttribute(STATE, Registers.SOCK_ESTABLISHED);
    }

    /** An Sn_SR value, e.g. {@link Registers#SOCK_ESTABLISHED}. */
    public void setState(int state) throws CoreException {
        update(STATE, state);
    }

    @Override
    protected String eventType() {
        return "state";
    }

    @Override
    protected Predicate<ProtocolEvent> attributeMatcher() {
        String to = Registers.stateName(state());
        return e -> to.equals(e.attribute("to"));
    }

    @Override
    public String describe() {
        return "Sn_SR becomes " + Registers.stateName(state()) + " " + onSocket(socket());
    }
}
