package io.netstep.debug.breakpoints;

import io.netstep.debug.layers.ProtocolEvent;
import io.netstep.w5500.Registers;

import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.core.runtime.CoreException;

/** Stops when the chip takes a Sn_CR command (e.g. CONNECT, SEND) on a socket (or any). */
public class SocketCommandBreakpoint extends SocketEventBreakpoint {

    public static final String MARKER = "io.netstep.debug.socketCommandMarker";
    static final String COMMAND = "io.netstep.debug.command";

    public SocketCommandBreakpoint() {
    }

    public SocketCommandBreakpoint(int socket, int command, boolean register) throws CoreException {
        create(MARKER, Map.of(SOCKET, socket, COMMAND, command), register);
    }

    public int command() {
        return intAttribute(COMMAND, Registers.Sn_CR_CONNECT);
    }

    /** An Sn_CR value, e.g. {@link Registers#Sn_CR_CONNECT}. */
    public void setCommand(int command) throws CoreException {
        update(COMMAND, command);
    }

    @Override
    protected String eventType() {
        return "command";
    }

    @Override
    protected Predicate<ProtocolEvent> attributeMatcher() {
        String name = Registers.commandName(command());
        return e -> name.equals(e.attribute("command"));
    }

    @Override
    public String describe() {
        return "Sn_CR " + Registers.commandName(command()) + " " + onSocket(socket());
    }
}
