package io.netstep.ui.views.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.session.analysis.Layer;
import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.ui.NetStepInput;
import io.netstep.ui.detail.PacketDetailView;
import io.netstep.ui.open.OpenSessionHandler;
import io.netstep.ui.open.OpenSessionJob;
import io.netstep.w5500.Registers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.commands.Command;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Opening session files without a target: a real one shows, garbage gets an error and loses nothing. */
class OpenSessionTest {

    @AfterEach
    void clear() {
        NetStepInput.show(null);
    }

    @Test
    void garbageShowsAnErrorAndKeepsThePreviousInput() throws Exception {
        NetStepInput good = Opened.open(RecordedSessions.good());
        assertEquals("session file", good.analysis().sourceName());
        Path garbage = Files.createTempFile("netstep-garbage", ".nsj");
        byte[] junk = new byte[4096];
        new java.util.Random(5).nextBytes(junk);
        junk[0] = 0x01;   // neither JSON nor a capture magic, and binary
        Files.write(garbage, junk);

        List<String> dialogs = new ArrayList<>();
        Display display = Display.getCurrent();
        Runnable closer = new Runnable() {
            @Override
            public void run() {
                for (Shell s : display.getShells()) {
                    if (OpenSessionHandler.ERROR_TITLE.equals(s.getText()) && !s.isDisposed()) {
                        dialogs.add(texts(s));
                        s.close();
                    }
                }
                if (dialogs.isEmpty()) {
                    display.timerExec(50, this);
                }
            }
        };
        display.timerExec(50, closer);
        OpenSessionJob job = OpenSessionHandler.open(garbage, display);
        Ui.until(() -> job.getResult() != null && !dialogs.isEmpty(), "the error dialog");
        assertTrue(dialogs.get(0).contains("not a NetStep session file, pcap, pcapng or serial log"), dialogs.get(0));
        assertTrue(dialogs.get(0).contains(garbage.getFileName().toString()), dialogs.get(0));
        assertSame(good, NetStepInput.current(), "the previous input stays");
    }

    @Test
    void theCommandIsRegisteredAndSpiHeadersNameTheRegister() throws Exception {
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        Command c = commands.getCommand(OpenSessionHandler.COMMAND_ID);
        assertTrue(c.isDefined());
        assertEquals("Open NetStep Session or Capture...", c.getName());
        assertTrue(c.isHandled(), "the handler is active");

        NetStepInput in = Opened.open(RecordedSessions.good());
        PacketDetailView detail = Ui.open(PacketDetailView.ID);
        ProtocolEvent shar = in.analysis().events(Layer.SPI).stream()
                .filter(e -> Integer.valueOf(Registers.BSB_COMMON).equals(e.attributes().get("block"))
                        && Integer.valueOf(Registers.SHAR).equals(e.attributes().get("offset"))
                        && Boolean.TRUE.equals(e.attributes().get("write")))
                .findFirst().orElseThrow();
        detail.show(shar);
        assertTrue(detail.title().endsWith("SPI write common SHAR"), detail.title());
        ProtocolEvent rsr = in.analysis().events(Layer.SPI).stream()
                .filter(e -> Integer.valueOf(Registers.socketBlock(0)).equals(e.attributes().get("block"))
                        && Integer.valueOf(Registers.Sn_RX_RSR).equals(e.attributes().get("offset")))
                .findFirst().orElseThrow();
        detail.show(rsr);
        assertTrue(detail.title().endsWith("Sn_RX_RSR"), detail.title());
    }

    private static String texts(Control c) {
        StringBuilder b = new StringBuilder();
        if (c instanceof Label l) {
            b.append(l.getText()).append('\n');
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (Control k : comp.getChildren()) {
                b.append(texts(k));
            }
        }
        return b.toString();
    }
}
