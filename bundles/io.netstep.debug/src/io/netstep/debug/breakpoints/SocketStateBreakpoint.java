package io.netstep.debug.breakpoints;

import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.debug.layers.SocketCommandLayer;
import io.netstep.w5500.Registers;

import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.core.runtime.CoreException;

/** Stops when Sn_SR of a socket (or any) becomes the given state. */
public class SocketStateBreakpoint extends ProtocolEventBreakpoint {

    public static final String MARKER = "io.netstep.debug.socketStateMarker";
    static final String STATE = "io.netstep.debug.state";

    public SocketStateBreakpoint() {
    }

    public SocketStateBreakpoint(int socket, int state, boolean register) throws CoreException {
        create(MARKER, Map.of(SOCKET, socket, STATE, state), register);
    }

    public int socket() {
        return intAttribute(SOCKET, ANY_SOCKET);
    }

    public int state() {
        return intAttribute(STATE, Registers.SOCK_ESTABLISHED);
    }

    @Override
    protected Predicate<ProtocolEvent> eventMatcher() {
        int socket = socket();
        String to = Registers.stateName(state());
        return e -> SocketCommandLayer.ID.equals(e.layer()) && "state".equals(e.type())
                && to.equals(e.attribute("to")) && socketMatches(socket, e.socket());
    }

    @Override
    public String describe() {
        return "Sn_SR becomes " + Registers.stateName(state()) + " " + onSocket(socket());
    }
}
