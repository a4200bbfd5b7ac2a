package io.netstep.w5500.tests;

import static io.netstep.w5500.Registers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.w5500.ChipEvent;
import io.netstep.w5500.HostNetwork;
import io.netstep.w5500.W5500;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Sn_CR command in every state a socket can be brought to. The network side is played
 * by calling the chip's HostEvents, as a network would; the firmware side goes through SPI.
 * Expected: the datasheet's transitions; a command the state does not allow is ignored
 * (Sn_SR unchanged) and diagnosed; Sn_CR always reads 0 afterwards.
 */
class CommandStateTest {

    static final String[] STATES = {"CLOSED", "INIT", "LISTEN", "SYNSENT", "ESTABLISHED", "CLOSE_WAIT",
        "FIN_WAIT", "LAST_ACK", "UDP", "MACRAW", "IPRAW"};
    static final int[] COMMANDS = {Sn_CR_OPEN, Sn_CR_LISTEN, Sn_CR_CONNECT, Sn_CR_DISCON, Sn_CR_CLOSE,
        Sn_CR_SEND, Sn_CR_SEND_MAC, Sn_CR_SEND_KEEP, Sn_CR_RECV, 0x7F};

    /** Expected Sn_SR after the command, or "=" for unchanged (ignored, diagnosed), "=ok" unchanged and taken. */
    static String expected(String state, int cr) {
        switch (cr) {
            case Sn_CR_OPEN: return state.equals("CLOSED") ? "INIT" : "=";
            case Sn_CR_LISTEN: return state.equals("INIT") ? "LISTEN" : "=";
            case Sn_CR_CONNECT: return state.equals("INIT") ? "SYNSENT" : "=";
            case Sn_CR_DISCON:
                switch (state) {
                    case "ESTABLISHED": return "FIN_WAIT";
                    case "CLOSE_WAIT": return "LAST_ACK";
                    case "INIT": case "LISTEN": case "SYNSENT": return "CLOSED";
                    default: return "=";
                }
            case Sn_CR_CLOSE: return state.equals("CLOSED") ? "=ok" : "CLOSED";
            case Sn_CR_SEND:
                return List.of("ESTABLISHED", "CLOSE_WAIT", "UDP", "MACRAW", "IPRAW").contains(state) ? "=ok" : "=";
            case Sn_CR_SEND_MAC: return state.equals("UDP") ? "=ok" : "=";
            case Sn_CR_SEND_KEEP: return state.equals("ESTABLISHED") ? "=ok" : "=";
            case Sn_CR_RECV:
                return List.of("ESTABLISHED", "CLOSE_WAIT", "FIN_WAIT", "UDP", "MACRAW", "IPRAW").contains(state) ? "=ok" : "=";
            default: return "=";
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String s : STATES) {
            for (int cr : COMMANDS) {
                out.add(Arguments.of(s, cr, expected(s, cr)));
            }
        }
        return out.stream();
    }

    static int code(String state) {
        switch (state) {
            case "CLOSED": return SOCK_CLOSED;
            case "INIT": return SOCK_INIT;
            case "LISTEN": return SOCK_LISTEN;
            case "SYNSENT": return SOCK_SYNSENT;
            case "ESTABLISHED": return SOCK_ESTABLISHED;
            case "CLOSE_WAIT": return SOCK_CLOSE_WAIT;
            case "FIN_WAIT": return SOCK_FIN_WAIT;
            case "LAST_ACK": return SOCK_LAST_ACK;
            case "UDP": return SOCK_UDP;
            case "MACRAW": return SOCK_MACRAW;
            case "IPRAW": return SOCK_IPRAW;
            default: throw new IllegalArgumentException(state);
        }
    }

    /** Brings socket 0 to {@code state} the way firmware and network would. */
    static void reach(Spi spi, String state) {
        W5500 chip = spi.chip;
        spi.netConfig();
        switch (state) {
            case "CLOSED": break;
            case "INIT": spi.open(0, Sn_MR_TCP, 5000); break;
            case "LISTEN": spi.open(0, Sn_MR_TCP, 5000); spi.command(0, Sn_CR_LISTEN); break;
            case "SYNSENT": case "ESTABLISHED": case "CLOSE_WAIT": case "FIN_WAIT": case "LAST_ACK":
                spi.open(0, Sn_MR_TCP, 5000);
                spi.destination(0, 192, 168, 1, 2, 1883);
                spi.command(0, Sn_CR_CONNECT);
                if (!state.equals("SYNSENT")) {
                    chip.tcpConnected(0);
                }
                if (state.equals("CLOSE_WAIT") || state.equals("LAST_ACK")) {
                    chip.tcpPeerClosed(0);
                }
                if (state.equals("LAST_ACK")) {
                    spi.command(0, Sn_CR_DISCON); // no tick: the FIN/ACK is not taken yet
                }
                if (state.equals("FIN_WAIT")) {
                    spi.command(0, Sn_CR_DISCON);
                }
                break;
            case "UDP": spi.open(0, Sn_MR_UDP, 5000); spi.destination(0, 192, 168, 1, 2, 53); break;
            case "MACRAW": spi.open(0, Sn_MR_MACRAW, 0); break;
            case "IPRAW": spi.open(0, Sn_MR_IPRAW, 0); break;
            default: throw new IllegalArgumentException(state);
        }
        assertEquals(code(state), spi.sr(0), "reached " + state);
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("cases")
    void commandInState(String state, int cr, String expected) {
        W5500 chip = new W5500(new ManualClock(), HostNetwork.NONE);
        Spi spi = new Spi(chip);
        reach(spi, state);
        Events events = new Events();
        chip.addListener(events);
        spi.clearIr(0, 0xFF);
        if (cr == Sn_CR_OPEN) {
            spi.sreg8(0, Sn_MR, Sn_MR_TCP);
        }
        spi.putTx(0, new byte[] {1, 2, 3});
        spi.sreg8(0, Sn_CR, cr);
        assertEquals(0, spi.sreg8(0, Sn_CR), "Sn_CR reads 0 once the command is taken");
        int want = expected.startsWith("=") ? code(state) : code(expected);
        assertEquals(want, spi.sr(0), "Sn_SR");
        ChipEvent.Command c = events.of(ChipEvent.Command.class).get(0);
        assertEquals(cr, c.command());
        assertEquals(code(state), c.stateBefore());
        boolean ignored = expected.equals("=");
        assertEquals(ignored, !events.diagnostics().isEmpty() && events.diagnostics().stream()
                .anyMatch(m -> m.contains("ignored") || m.contains("not a W5500 command")),
                "diagnosed as ignored: " + events.diagnostics());
        boolean sent = (cr == Sn_CR_SEND || cr == Sn_CR_SEND_MAC) && !ignored;
        assertEquals(sent, (spi.ir(0) & Sn_IR_SENDOK) != 0, "SENDOK");
        if (sent) {
            assertEquals(spi.sreg16(0, Sn_TX_WR), spi.sreg16(0, Sn_TX_RD), "SEND moved Sn_TX_RD to Sn_TX_WR");
        }
    }

    @ParameterizedTest(name = "OPEN with Sn_MR P={0}")
    @MethodSource("protocols")
    void openPicksTheStateFromTheProtocol(int protocol, int socket, int state) {
        W5500 chip = new W5500(new ManualClock(), HostNetwork.NONE);
        Events events = new Events();
        chip.addListener(events);
        Spi spi = new Spi(chip);
        spi.open(socket, protocol, 1234);
        assertEquals(state, spi.sr(socket));
        if (state == SOCK_CLOSED) {
            assertTrue(!events.diagnostics().isEmpty());
        }
    }

    static Stream<Arguments> protocols() {
        return Stream.of(
            Arguments.of(Sn_MR_CLOSE, 0, SOCK_CLOSED),
            Arguments.of(Sn_MR_TCP, 0, SOCK_INIT),
            Arguments.of(Sn_MR_UDP, 0, SOCK_UDP),
            Arguments.of(Sn_MR_IPRAW, 0, SOCK_IPRAW),
            Arguments.of(Sn_MR_MACRAW, 0, SOCK_MACRAW),
            Arguments.of(Sn_MR_MACRAW, 1, SOCK_CLOSED),  // MACRAW only on socket 0
            Arguments.of(0x05, 0, SOCK_CLOSED),
            Arguments.of(Sn_MR_TCP | Sn_MR_ND, 3, SOCK_INIT));
    }
}
