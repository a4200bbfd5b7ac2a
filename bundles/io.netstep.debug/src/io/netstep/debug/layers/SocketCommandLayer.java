package io.netstep.debug.layers;

import io.netstep.session.LogEntry;
import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.Registers;

import java.util.List;
import java.util.Map;

/**
 * What a socket was told and what it became: Sn_CR commands (type "command") and Sn_SR
 * changes (type "state"), the two being the socket's own run state.
 */
public final class SocketCommandLayer implements ProtocolLayer {

    public static final String ID = "socket.command";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Socket command";
    }

    @Override
    public int level() {
        return SOCKET_COMMAND;
    }

    @Override
    public ProtocolEvent decode(LogEntry entry) {
        if (entry.event() instanceof ChipEvent.Command c) {
            String name = Registers.commandName(c.command());
            return new ProtocolEvent(ID, "command", c.socket(), entry,
                    "Sn_CR " + name + " on socket " + c.socket() + " in " + Registers.stateName(c.stateBefore()),
                    Map.of("command", name, "state", Registers.stateName(c.stateBefore())),
                    List.of(Field.number("Sn_CR", c.command(), 1).withText(name),
                            Field.number("Sn_SR before", c.stateBefore(), 1).withText(Registers.stateName(c.stateBefore()))));
        }
        if (entry.event() instanceof ChipEvent.StateChange s) {
            String from = Registers.stateName(s.from());
            String to = Registers.stateName(s.to());
            return new ProtocolEvent(ID, "state", s.socket(), entry,
                    "Sn_SR " + from + " → " + to + " on socket " + s.socket(),
                    Map.of("from", from, "to", to, "cause", String.valueOf(s.cause())),
                    List.of(Field.number("Sn_SR before", s.from(), 1).withText(from),
                            Field.number("Sn_SR", s.to(), 1).withText(to),
                            Field.text("cause", String.valueOf(s.cause()))));
        }
        return null;
    }
}
