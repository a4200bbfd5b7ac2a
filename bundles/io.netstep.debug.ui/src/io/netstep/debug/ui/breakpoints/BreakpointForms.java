package io.netstep.debug.ui.breakpoints;

import static io.netstep.debug.ui.breakpoints.FormControls.*;

import io.netstep.debug.breakpoints.DiagnosisBreakpoint;
import io.netstep.debug.breakpoints.HandshakeMessageBreakpoint;
import io.netstep.debug.breakpoints.HandshakeStateBreakpoint;
import io.netstep.debug.breakpoints.MqttPacketBreakpoint;
import io.netstep.debug.breakpoints.NetStepBreakpoint;
import io.netstep.debug.breakpoints.RegisterValueBreakpoint;
import io.netstep.debug.breakpoints.SocketCommandBreakpoint;
import io.netstep.debug.breakpoints.SocketStateBreakpoint;
import io.netstep.debug.breakpoints.TlsAlertBreakpoint;
import io.netstep.session.diagnosis.Confidence;
import io.netstep.w5500.Registers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;

/** The eight kinds of protocol breakpoint and their forms, in the order the dialog offers them. */
final class BreakpointForms {

    private BreakpointForms() { }

    /** A fresh set of forms (each dialog or page has its own controls). */
    static List<BreakpointForm> all() {
        return List.of(new TlsAlert(), new HandshakeMessage(), new HandshakeState(), new MqttPacket(),
                new SocketState(), new RegisterValue(), new SocketCommand(), new DiagnosisRaised());
    }

    // ---- the kinds

    private abstract static class Form<B extends NetStepBreakpoint> implements BreakpointForm {
        private final Class<B> type;

        Form(Class<B> type) {
            this.type = type;
        }

        @Override
        public boolean handles(NetStepBreakpoint b) {
            return type.isInstance(b);
        }

        @Override
        public void load(NetStepBreakpoint b) {
            show(type.cast(b));
        }

        @Override
        public void apply(NetStepBreakpoint b) throws CoreException {
            update(type.cast(b));
        }

        abstract void show(B b);

        abstract void update(B b) throws CoreException;
    }

    static final class TlsAlert extends Form<TlsAlertBreakpoint> {
        private Combo description;

        TlsAlert() {
            super(TlsAlertBreakpoint.class);
        }

        @Override
        public String label() {
            return "TLS alert";
        }

        @Override
        public void create(Composite parent, Runnable changed) {
            description = combo(grid(parent), "Alert &description (RFC 8446 name):", ALERTS, true, changed);
        }

        @Override
        public String problem() {
            return nameProblem("alert description", optional(description), false);
        }

        @Override
        public NetStepBreakpoint make(boolean register) throws CoreException {
            return new TlsAlertBreakpoint(optional(description), register);
        }

        @Override
        void show(TlsAlertBreakpoint b) {
            FormControls.show(description, b.description());
        }

        @Override
        void update(TlsAlertBreakpoint b) throws CoreException {
            b.setDescription(optional(description));
        }
    }

    static final class HandshakeMessage extends Form<HandshakeMessageBreakpoint> {
        private Combo type;

        HandshakeMessage() {
            super(HandshakeMessageBreakpoint.class);
        }

        @Override
        public String label() {
            return "TLS handshake message type";
        }

        @Override
        public void create(Composite parent, Runnable changed) {
            type = combo(grid(parent), "&Message (RFC name):", HANDSHAKE_TYPES, true, changed);
            type.select(1); // ServerHello: where most handshake questions start
        }

        @Override
        public String problem() {
            return nameProblem("handshake message type", text(type), true);
        }

        @Override
        public NetStepBreakpoint make(boolean register) throws CoreException {
            return new HandshakeMessageBreakpoint(text(type), register);
        }

        @Override
        void show(HandshakeMessageBreakpoint b) {
            FormControls.show(type, b.messageType());
        }

        @Override
        void update(HandshakeMessageBreakpoint b) throws CoreException {
            b.setMessageType(text(type));
        }
    }

    static final class HandshakeState extends Form<HandshakeStateBreakpoint> {
        private Combo side;
        private Combo state;

        HandshakeState() {
            super(HandshakeStateBreakpoint.class);
        }

        @Override
        public String label() {
            return "TLS handshake state";
        }

        @Override
        public void create(Composite parent, Runnable changed) {
            Composite g = grid(parent);
            side = combo(g, "&Side:", SIDES, false, changed);
            state = combo(g, "&State becomes:", HANDSHAKE_STATES, true, changed);
        }

        @Override
        public String problem() {
            return nameProblem("handshake state", text(state), true);
        }

        @Override
        public NetStepBreakpoint make(boolean register) throws CoreException {
            return new HandshakeStateBreakpoint(side.getSelectionIndex() == 0 ? null : text(side), text(state), register);
        }

        @Override
        void show(HandshakeStateBreakpoint b) {
            side.select(Math.max(0, side.indexOf(b.side() == null ? "" : b.side())));
            FormControls.show(state, b.state());
        }

        @Override
        void update(HandshakeStateBreakpoint b) throws CoreException {
            b.setSide(side.getSelectionIndex() == 0 ? null : text(side));
            b.setState(text(state));
        }
    }

    static final class MqttPacket extends Form<MqttPacketBreakpoint> {
        private Combo type;
        private Combo topic;

        MqttPacket() {
            super(MqttPacketBreakpoint.class);
        }

        @Override
        public String label() {
            return "MQTT packet type";
        }

        @Override
        public void create(Composite parent, Runnable changed) {
            Composite g = grid(parent);
            type = combo(g, "&Packet type:", MQTT_TYPES, false, changed);
            topic = combo(g, "&Topic filter (optional):", new String[] {"", "#", "sensors/#", "+/status"}, true, changed);
        }

        @Override
        public String problem() {
            return topicFilterProblem(text(topic));
        }

        @Override
        public NetStepBreakpoint make(boolean register) throws CoreException {
            return new MqttPacketBreakpoint(text(type), text(topic), register);
        }

        @Override
        void show(MqttPacketBreakpoint b) {
            FormControls.show(type, b.packetType());
            topic.setText(b.topicFilter() == null ? "" : b.topicFilter());
        }

        @Override
        void update(MqttPacketBreakpoint b) throws CoreException {
            b.setPacketType(text(type));
            b.setTopicFilter(text(topic));
        }
    }

    /** MQTT 3.1.1 §4.7.1: '#' alone and last, '+' a whole level; empty = any topic. */
    static String topicFilterProblem(String f) {
        if (f.isEmpty()) {
            return null;
        }
        String[] levels = f.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String l = levels[i];
            if (l.contains("#") && (!l.equals("#") || i != levels.length - 1)) {
                return "In a topic filter '#' must be a whole level and the last one";
            }
            if (l.contains("+") && !l.equals("+")) {
                return "In a topic filter '+' must be a whole level";
            }
        }
        return null;
    }

    static final class SocketState extends Form<SocketStateBreakpoint> {
        private Combo socket;
        private Combo state;

        SocketState() {
            super(SocketStateBreakpoint.class);
        }

        @Override
        public String label() {
            return "Socket state change (Sn_SR)";
        }

        @Override
        public void create(Composite parent, Runnable changed) {
            Composite g = grid(parent);
            socket = combo(g, "S&ocket:", SOCKETS, false, changed);
            state = combo(g, "Sn_SR &becomes:", names(STATES, Registers::stateName), false, changed);
            state.select(indexOf(STATES, Registers.SOCK_ESTABLISHED));
        }

        @Override
        public String problem() {
            return null;
        }

        @Override
        public NetStepBreakpoint make(boolean register) throws CoreException {
            return new SocketStateBreakpoint(socket(socket), STATES[state.getSelectionIndex()], register);
        }

        @Override
        void show(SocketStateBreakpoint b) {
            showSocket(socket, b.socket());
            state.select(indexOf(STATES, b.state()));
        }

        @Override
        void update(SocketStateBreakpoint b) throws CoreException {
            b.setSocket(socket(socket));
            b.setState(STATES[state.getSelectionIndex()]);
        }
    }

    static final class SocketCommand extends Form<SocketCommandBreakpoint> {
        private Combo socket;
        private Combo command;

        SocketCommand() {
            super(SocketCommandBreakpoint.class);
        }

        @Override
        public String label() {
            return "Socket command (Sn_CR)";
        }

        @Override
        public void create(Composite parent, Runnable changed) {
            Composite g = grid(parent);
            socket = combo(g, "S&ocket:", SOCKETS, false, changed);
            command = combo(g, "&Command:", names(COMMANDS, Registers::commandName), false, changed);
            command.select(indexOf(COMMANDS, Registers.Sn_CR_CONNECT));
        }

        @Override
        public String problem() {
            return null;
        }

        @Override
        public NetStepBreakpoint make(boolean register) throws CoreException {
            return new SocketCommandBreakpoint(socket(socket), COMMANDS[command.getSelectionIndex()], register);
        }

        @Override
        void show(SocketCommandBreakpoint b) {
            showSocket(socket, b.socket());
            command.select(indexOf(COMMANDS, b.command()));
        }

        @Override
        void update(SocketCommandBreakpoint b) throws CoreException {
            b.setSocket(socket(socket));
            b.setCommand(COMMANDS[command.getSelectionIndex()]);
        }
    }

    static final class RegisterValue extends Form<RegisterValueBreakpoint> {
        private static final String[] BLOCKS = {"common registers", "socket 0", "socket 1", "socket 2", "socket 3",
            "socket 4", "socket 5", "socket 6", "socket 7"};
        private Combo block;
        private Combo register;
        private Combo value;
        private final List<Integer> offsets = new ArrayList<>();
        private Runnable changed;

        RegisterValue() {
            super(RegisterValueBreakpoint.class);
        }

        @Override
        public String label() {
            return "Register value";
        }

        @Override
        public void create(Composite parent, Runnable changed) {
            this.changed = changed;
            Composite g = grid(parent);
            block = combo(g, "&Block:", BLOCKS, false, changed);
            register = combo(g, "&Register byte:", new String[0], false, changed);
            value = combo(g, "Becomes &value (hex or decimal):", new String[] {"0x17", "0x00"}, true, changed);
            block.addListener(SWT.Selection, e -> fillRegisters());
            block.select(1);
            fillRegisters();
        }

        private void fillRegisters() {
            boolean common = block.getSelectionIndex() == 0;
            String keep = register.getText();
            offsets.clear();
            List<String> names = new ArrayList<>();
            int end = common ? Registers.COMMON_END : Registers.SOCKET_END;
            for (int o = 0; o < end; o++) {
                String n = common ? Registers.commonName(o) : Registers.socketName(o);
                if (n != null) {
                    offsets.add(o);
                    names.add(n);
                }
            }
            register.setItems(names.toArray(String[]::new));
            int i = names.indexOf(keep);
            register.select(i >= 0 ? i : Math.max(0, names.indexOf(common ? "PHYCFGR" : "Sn_SR")));
            changed.run();
        }

        private int blockSelect() {
            int i = block.getSelectionIndex();
            return i == 0 ? Registers.BSB_COMMON : Registers.socketBlock(i - 1);
        }

        @Override
        public String problem() {
            return parseByte(text(value)) < 0 ? "The value must be a byte: 0 to 255, or 0x00 to 0xFF" : null;
        }

        static int parseByte(String t) {
            try {
                int v = t.toLowerCase().startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
                return v >= 0 && v <= 0xFF ? v : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        @Override
        public NetStepBreakpoint make(boolean register) throws CoreException {
            return new RegisterValueBreakpoint(blockSelect(), offsets.get(this.register.getSelectionIndex()),
                    parseByte(text(value)), register);
        }

        @Override
        void show(RegisterValueBreakpoint b) {
            block.select(b.block() == Registers.BSB_COMMON ? 0 : (b.block() - 1) / 4 + 1);
            fillRegisters();
            int i = offsets.indexOf(b.offset());
            if (i >= 0) {
                register.select(i);
            }
            value.setText(String.format("0x%02X", b.value()));
        }

        @Override
        void update(RegisterValueBreakpoint b) throws CoreException {
            b.setRegister(blockSelect(), offsets.get(register.getSelectionIndex()));
            b.setValue(parseByte(text(value)));
        }
    }

    static final class DiagnosisRaised extends Form<DiagnosisBreakpoint> {
        private Combo id;
        private Combo confidence;

        DiagnosisRaised() {
            super(DiagnosisBreakpoint.class);
        }

        @Override
        public String label() {
            return "Diagnosis raised";
        }

        @Override
        public void create(Composite parent, Runnable changed) {
            Composite g = grid(parent);
            id = combo(g, "&Failure (failures.md id):", DIAGNOSES, true, changed);
            confidence = combo(g, "At least &as sure as:", names(Confidence.values()), false, changed);
            confidence.select(Confidence.POSSIBLE.ordinal());
        }

        private Confidence minimum() {
            return Confidence.values()[confidence.getSelectionIndex()];
        }

        @Override
        public String problem() {
            String v = optional(id);
            return v.isEmpty() || v.matches("F\\d{1,2}") ? null : "A diagnosis id is F1 to F16";
        }

        @Override
        public NetStepBreakpoint make(boolean register) throws CoreException {
            return new DiagnosisBreakpoint(optional(id), minimum(), register);
        }

        @Override
        void show(DiagnosisBreakpoint b) {
            FormControls.show(id, b.diagnosisId());
            confidence.select(b.minimumConfidence().ordinal());
        }

        @Override
        void update(DiagnosisBreakpoint b) throws CoreException {
            b.setDiagnosisId(optional(id));
            b.setMinimumConfidence(minimum());
        }
    }

    /** The form in {@code forms} that edits {@code b}, or null. */
    static BreakpointForm formFor(List<BreakpointForm> forms, NetStepBreakpoint b) {
        Predicate<BreakpointForm> p = f -> f.handles(b);
        return forms.stream().filter(p).findFirst().orElse(null);
    }
}
