package io.netstep.debug.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.debug.NetStepDebug;
import io.netstep.debug.breakpoints.DiagnosisBreakpoint;
import io.netstep.debug.breakpoints.HandshakeMessageBreakpoint;
import io.netstep.debug.breakpoints.HandshakeStateBreakpoint;
import io.netstep.debug.breakpoints.MqttPacketBreakpoint;
import io.netstep.debug.breakpoints.NetStepBreakpoint;
import io.netstep.debug.breakpoints.RegisterValueBreakpoint;
import io.netstep.debug.breakpoints.SocketCommandBreakpoint;
import io.netstep.debug.breakpoints.SocketStateBreakpoint;
import io.netstep.debug.breakpoints.TlsAlertBreakpoint;
import io.netstep.debug.ui.breakpoints.AddBreakpointDialog;
import io.netstep.debug.ui.breakpoints.AddBreakpointHandler;
import io.netstep.debug.ui.breakpoints.BreakpointPropertyPage;
import io.netstep.debug.ui.presentation.NetStepModelPresentation;
import io.netstep.w5500.Registers;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.commands.Command;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugModelPresentation;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IDebugView;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Protocol breakpoints in the UI: labels, the "Add NetStep Protocol Breakpoint" dialog, the properties page. */
class BreakpointUiTest {

    private final List<IBreakpoint> made = new ArrayList<>();

    @AfterEach
    void deleteBreakpoints() throws Exception {
        for (IBreakpoint b : made) {
            b.delete();
        }
    }

    private <T extends IBreakpoint> T keep(T b) {
        made.add(b);
        return b;
    }

    @Test
    void labelsSayWhatEachBreakpointStopsAt() throws Exception {
        IDebugModelPresentation p = new NetStepModelPresentation();
        assertEquals("MQTT PUBLISH topic=sensors/#", p.getText(keep(new MqttPacketBreakpoint("PUBLISH", "sensors/#", false))));
        assertEquals("MQTT CONNACK", p.getText(keep(new MqttPacketBreakpoint("CONNACK", null, false))));
        assertEquals("TLS alert handshake_failure", p.getText(keep(new TlsAlertBreakpoint("handshake_failure", false))));
        assertEquals("TLS alert any", p.getText(keep(new TlsAlertBreakpoint(null, false))));
        assertEquals("TLS handshake message ServerHello", p.getText(keep(new HandshakeMessageBreakpoint("ServerHello", false))));
        assertEquals("TLS handshake state WAIT_FINISHED (client)",
                p.getText(keep(new HandshakeStateBreakpoint("client", "WAIT_FINISHED", false))));
        assertEquals("S0_SR \u2192 SOCK_ESTABLISHED", p.getText(keep(new SocketStateBreakpoint(0, Registers.SOCK_ESTABLISHED, false))));
        assertEquals("Sn_SR (any socket) \u2192 SOCK_CLOSED",
                p.getText(keep(new SocketStateBreakpoint(NetStepBreakpoint.ANY_SOCKET, Registers.SOCK_CLOSED, false))));
        assertEquals("S2_CR = CONNECT", p.getText(keep(new SocketCommandBreakpoint(2, Registers.Sn_CR_CONNECT, false))));
        assertEquals("Sn_SR of socket 1 becomes 0x17",
                p.getText(keep(new RegisterValueBreakpoint(Registers.socketBlock(1), Registers.Sn_SR, 0x17, false))));
        assertEquals("PHYCFGR becomes 0x07", p.getText(keep(new RegisterValueBreakpoint(Registers.BSB_COMMON, Registers.PHYCFGR, 7, false))));
        assertEquals("Diagnosis F1 raised", p.getText(keep(new DiagnosisBreakpoint("F1", false))));
        // the debug UI finds this presentation for the model
        IBreakpoint b = made.get(0);
        assertEquals("MQTT PUBLISH topic=sensors/#", DebugUITools.newDebugModelPresentation(NetStepDebug.MODEL_ID).getText(b));
        assertTrue(p.getImage(b) != null);
    }

    @Test
    void addDialogCreatesTheBreakpointAndTheBreakpointsViewShowsIt() throws Exception {
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        Command add = commands.getCommand(AddBreakpointHandler.COMMAND_ID);
        assertTrue(add.isDefined() && add.isHandled(), "the Breakpoints view's command has its handler");

        Shell parent = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        AddBreakpointDialog dialog = new AddBreakpointDialog(parent);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            Shell shell = dialog.getShell();
            assertTrue(dialog.selectKind("MQTT packet type"));
            List<Combo> params = visibleCombos(shell);
            assertEquals(2, params.size(), "packet type and topic filter");
            params.get(0).select(params.get(0).indexOf("PUBLISH"));
            params.get(0).notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
            Button ok = Widgets.button(shell, "OK");
            params.get(1).setText("sensors/#/temp");
            assertFalse(ok.isEnabled(), "'#' must be the last level");
            params.get(1).setText("sensors/#");
            assertTrue(ok.isEnabled());
            Ui.screenshot(shell, "breakpoint-add-dialog");
            Widgets.click(ok);
        } finally {
            dialog.close();
        }
        MqttPacketBreakpoint created = assertInstanceOf(MqttPacketBreakpoint.class, dialog.created());
        keep(created);
        assertEquals("PUBLISH", created.packetType());
        assertEquals("sensors/#", created.topicFilter());
        assertTrue(List.of(DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(NetStepDebug.MODEL_ID)).contains(created),
                "registered with the breakpoint manager");

        IDebugView view = (IDebugView) Ui.page().showView(IDebugUIConstants.ID_BREAKPOINT_VIEW);
        Ui.until(() -> Ui.rows((org.eclipse.swt.widgets.Tree) view.getViewer().getControl()).stream()
                .anyMatch(r -> r.contains("MQTT PUBLISH topic=sensors/#")), "the Breakpoints view lists it");
        Ui.screenshot(view, "breakpoints-view");
    }

    @Test
    void everyKindCanBeAddedFromTheDialog() throws Exception {
        Shell parent = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        List<Class<?>> kinds = List.of(TlsAlertBreakpoint.class, HandshakeMessageBreakpoint.class,
                HandshakeStateBreakpoint.class, MqttPacketBreakpoint.class, SocketStateBreakpoint.class,
                RegisterValueBreakpoint.class, SocketCommandBreakpoint.class, DiagnosisBreakpoint.class);
        List<String> labels = List.of("TLS alert", "TLS handshake message type", "TLS handshake state", "MQTT packet type",
                "Socket state change (Sn_SR)", "Register value", "Socket command (Sn_CR)", "Diagnosis raised");
        for (int i = 0; i < kinds.size(); i++) {
            AddBreakpointDialog dialog = new AddBreakpointDialog(parent);
            dialog.setBlockOnOpen(false);
            dialog.open();
            try {
                assertTrue(dialog.selectKind(labels.get(i)), labels.get(i));
                Widgets.click(Widgets.button(dialog.getShell(), "OK"));
            } finally {
                dialog.close();
            }
            assertInstanceOf(kinds.get(i), keep(dialog.created()), labels.get(i));
        }
        RegisterValueBreakpoint r = (RegisterValueBreakpoint) made.get(5);
        assertEquals(Registers.socketBlock(0), r.block(), "socket 0 registers first");
        assertEquals(Registers.Sn_SR, r.offset());
        assertEquals(0x17, r.value());
        assertEquals(Registers.SOCK_ESTABLISHED, ((SocketStateBreakpoint) made.get(4)).state());
        assertEquals("ServerHello", ((HandshakeMessageBreakpoint) made.get(1)).messageType());
    }

    @Test
    void propertiesPageEditsTheBreakpointInPlace() throws Exception {
        MqttPacketBreakpoint b = keep(new MqttPacketBreakpoint("PUBLISH", "a/b", true));
        Shell shell = new Shell(Display.getCurrent());
        shell.setLayout(new FillLayout());
        try {
            BreakpointPropertyPage page = new BreakpointPropertyPage();
            page.setElement(b);
            page.createControl(shell);
            shell.setSize(600, 300);
            shell.open();
            shell.layout(true, true);
            List<Combo> combos = Widgets.all(page.getControl(), Combo.class, false);
            assertFalse(combos.get(0).isEnabled(), "the kind stays");
            assertEquals("MQTT packet type", combos.get(0).getText());
            List<Combo> params = visibleCombos(shell);
            assertEquals("PUBLISH", params.get(0).getText());
            assertEquals("a/b", params.get(1).getText());
            params.get(1).setText("a/+");
            Widgets.click(Widgets.button(page.getControl(), "Enabled"));
            assertTrue(page.isValid());
            assertTrue(page.performOk());
            assertEquals("a/+", b.topicFilter());
            assertFalse(b.isEnabled());
            params.get(1).setText("a+");
            assertFalse(page.isValid(), "'+' must be a whole level");
        } finally {
            shell.dispose();
        }
    }

    /** The combos of the parameters shown (the kind combo is the first combo of the shell). */
    private static List<Combo> visibleCombos(Shell shell) {
        List<Combo> all = Widgets.all(shell, Combo.class, true);
        return all.subList(1, all.size());
    }
}
