package io.netstep.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.debug.breakpoints.AnalysisLayers;
import io.netstep.debug.breakpoints.HandshakeMessageBreakpoint;
import io.netstep.debug.breakpoints.MqttPacketBreakpoint;
import io.netstep.debug.launch.LaunchAttributes;
import io.netstep.debug.model.LayerStackFrame;
import io.netstep.debug.model.NetStepDebugTarget;
import io.netstep.debug.model.W5500Thread;
import io.netstep.net.broker.TestPki;
import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.testing.MosquittoBroker;
import io.netstep.testing.ReferenceFirmware;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.core.model.IVariable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Variables of TLS and MQTT frames are the decoders' field trees (extensions > Extension >
 * … > host_name), not flattened names, and every frame links to the very analysis event it
 * shows. Real session: reference firmware → virtual W5500 → a real mosquitto over TLS 1.2.
 */
class FieldTreeVariablesTest {

    private static final long WAIT = 90;

    @TempDir
    static Path dir;
    private static MosquittoBroker mosquitto;

    private ILaunch launch;
    private final List<IBreakpoint> breakpoints = new ArrayList<>();

    @BeforeAll
    static void startMosquitto() throws Exception {
        mosquitto = MosquittoBroker.tls(TestPki.generate(), dir);
    }

    @AfterAll
    static void stopMosquitto() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (launch != null && !launch.isTerminated()) {
            launch.terminate();
        }
        for (IBreakpoint b : breakpoints) {
            b.delete();
        }
        assertEquals(List.of(), ReferenceFirmware.alive(), "no firmware process is left running");
    }

    @Test
    void clientHelloAndConnackShowTheirFieldTreesAndFramesLinkTheirOwnAnalysisEvents() throws Exception {
        breakpoints.add(new HandshakeMessageBreakpoint("ClientHello", true));
        breakpoints.add(new MqttPacketBreakpoint("CONNACK", null, true));
        try (DebugEvents events = new DebugEvents()) {
            ILaunchConfigurationWorkingCopy wc = Launches.mosquitto("field-tree", mosquitto);
            String brokerName = option(wc.getAttribute(LaunchAttributes.ARGUMENTS, ""), "--broker");
            launch = wc.doSave().launch(ILaunchManager.DEBUG_MODE, null);
            NetStepDebugTarget target = (NetStepDebugTarget) launch.getDebugTarget();
            events.context(() -> Launches.state(target));

            // ---- at the ClientHello
            W5500Thread thread = (W5500Thread) events.next("thread SUSPEND at ClientHello",
                    DebugEvents.kind(W5500Thread.class, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT).getSource();
            LayerStackFrame hello = frame(thread, AnalysisLayers.TLS_HANDSHAKE);
            assertEquals("ClientHello", hello.event().type());
            IVariable[] vars = hello.getVariables();
            assertTrue(Arrays.stream(vars).noneMatch(v -> name(v).startsWith("extensions.")),
                    "field names are the decoder's own, not flattened paths: " + names(vars));
            IVariable extensions = named(vars, "extensions");
            assertTrue(extensions.getValue().hasVariables(), "extensions has children");
            IVariable sniExtension = null;
            IVariable hostName = null;
            for (IVariable ext : extensions.getValue().getVariables()) {
                IVariable h = find(ext, "host_name");
                if (h != null) {
                    sniExtension = ext;
                    hostName = h;
                }
            }
            assertNotNull(hostName, "one extension's subtree has the SNI host_name: " + dump(extensions, ""));
            assertEquals(brokerName, hostName.getValue().getValueString(), "the SNI is the broker name the firmware used");
            assertTrue(sniExtension.getValue().getValueString().contains("server_name"), dump(sniExtension, ""));
            // an opaque vector's length prefix is its child, in decimal
            assertEquals(Integer.toString(brokerName.length()), value(named(hostName.getValue().getVariables(), "length")));
            // enums by name with their code: the offered cipher suites
            IVariable suites = named(vars, "cipher_suites");
            assertTrue(Arrays.stream(suites.getValue().getVariables())
                    .anyMatch(s -> value(s).matches("TLS_[A-Z0-9_]+ \\(0x[0-9a-fA-F]{4}\\)")), dump(suites, ""));
            // children are built once per suspend: asking again gives the same variables
            assertSame(extensions.getValue().getVariables()[0], extensions.getValue().getVariables()[0]);
            assertSame(extensions, named(hello.getVariables(), "extensions"));
            // the registers stay the last variable, as a group
            assertTrue(name(vars[vars.length - 1]).startsWith("Sn registers"), names(vars));
            assertSame(hello.event().source(), hello.analysisEvent(), "a TLS frame carries its analysis event");
            assertEveryFrameIsAnAnalysisEvent(target);

            // ---- at the CONNACK
            target.resume();
            thread = (W5500Thread) events.next("thread SUSPEND at CONNACK",
                    DebugEvents.kind(W5500Thread.class, DebugEvent.SUSPEND, DebugEvent.BREAKPOINT), WAIT).getSource();
            LayerStackFrame connack = frame(thread, AnalysisLayers.MQTT_PACKET);
            assertEquals("CONNACK", connack.event().type());
            vars = connack.getVariables();
            IVariable header = named(vars, "Variable header");
            IVariable flags = named(header.getValue().getVariables(), "Connect Acknowledge Flags");
            IVariable sessionPresent = named(flags.getValue().getVariables(), "Session Present");
            assertEquals("0", value(sessionPresent), "a new client id has no session on the broker");
            IVariable returnCode = named(header.getValue().getVariables(), "Connect Return Code");
            assertTrue(value(returnCode).startsWith("0x00 "), "connection accepted: " + value(returnCode));
            assertEquals("0", connack.analysisEvent().attr("return_code"), "the tree and the analysis agree");
            assertEveryFrameIsAnAnalysisEvent(target);
            assertTrue(mosquitto.log().contains("field-tree"), "the real broker had the client: " + mosquitto.log());

            target.terminate();
            events.await("target TERMINATE", DebugEvents.of(target, DebugEvent.TERMINATE, DebugEvent.UNSPECIFIED), WAIT);
        }
    }

    /** Each suspended thread's frames show events of the target's analysis itself (==), of their own layer and entry. */
    private static void assertEveryFrameIsAnAnalysisEvent(NetStepDebugTarget target) throws Exception {
        List<ProtocolEvent> all = target.analysis().events();
        Set<ProtocolEvent> identities = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        identities.addAll(all);
        int frames = 0;
        for (IThread t : target.getThreads()) {
            for (IStackFrame f : t.getStackFrames()) {
                LayerStackFrame frame = (LayerStackFrame) f;
                ProtocolEvent a = frame.analysisEvent();
                assertNotNull(a, "frame " + frame.getName() + " has its analysis event");
                assertTrue(identities.contains(a), "frame " + frame.getName() + " shows " + a + ", an event of the analysis");
                if (frame.event().source() != null) {
                    assertSame(frame.event().source(), a);
                    assertEquals(frame.event().summary(), a.summary());
                } else {
                    assertEquals(frame.event().entry().seq(), a.logSeq(), "a chip-layer frame shows its own log entry");
                }
                frames++;
            }
        }
        assertTrue(frames >= 4, "the stopped thread has its layers' frames");
    }

    private static LayerStackFrame frame(W5500Thread thread, String layer) throws Exception {
        for (IStackFrame f : thread.getStackFrames()) {
            if (((LayerStackFrame) f).layer().id().equals(layer)) {
                return (LayerStackFrame) f;
            }
        }
        throw new AssertionError("no " + layer + " frame in " + Arrays.toString(thread.getStackFrames()));
    }

    /** The value after {@code option} in a firmware command line. */
    private static String option(String arguments, String option) {
        List<String> words = List.of(arguments.trim().split("\\s+"));
        int i = words.indexOf(option);
        assertTrue(i >= 0 && i + 1 < words.size(), option + " in " + arguments);
        return words.get(i + 1);
    }

    private static IVariable named(IVariable[] vars, String name) {
        return Arrays.stream(vars).filter(v -> name(v).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no variable " + name + " in " + names(vars)));
    }

    /** Depth first: the first variable named {@code name} under {@code v} (v included), or null. */
    private static IVariable find(IVariable v, String name) throws Exception {
        if (name(v).equals(name)) {
            return v;
        }
        if (v.getValue().hasVariables()) {
            for (IVariable c : v.getValue().getVariables()) {
                IVariable hit = find(c, name);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }

    private static String dump(IVariable v, String indent) throws Exception {
        StringBuilder b = new StringBuilder("\n").append(indent).append(name(v)).append(" = ").append(value(v));
        if (v.getValue().hasVariables()) {
            for (IVariable c : v.getValue().getVariables()) {
                b.append(dump(c, indent + "  "));
            }
        }
        return b.toString();
    }

    private static String names(IVariable[] vars) {
        return Arrays.stream(vars).map(FieldTreeVariablesTest::name).toList().toString();
    }

    private static String name(IVariable v) {
        try {
            return v.getName();
        } catch (Exception e) {
            return String.valueOf(e);
        }
    }

    private static String value(IVariable v) {
        try {
            return v.getValue().getValueString();
        } catch (Exception e) {
            return String.valueOf(e);
        }
    }
}
