package io.netstep.ui.views.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.session.Session;
import io.netstep.session.VirtualClock;
import io.netstep.ui.NetStepInput;
import io.netstep.ui.registers.RegistersView;
import io.netstep.w5500.HostNetwork;
import io.netstep.w5500.Registers;

import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The W5500 Registers view on a real chip: values, changes between suspends, writes while suspended. */
class RegistersViewTest {

    private Session session;
    private NetStepInput input;

    @BeforeEach
    void startSession() {
        session = new Session(new VirtualClock(), events -> HostNetwork.NONE);
        session.start();
        input = NetStepInput.live(session);
    }

    @AfterEach
    void endSession() {
        NetStepInput.show(null);
        input.analysis().close();
        session.terminate();
    }

    @Test
    void showsChangesSinceTheLastSuspendAndWritesWhileSuspended() throws Exception {
        RegistersView view = Ui.open(RegistersView.ID);
        NetStepInput.show(input);
        Ui.until(() -> "0x04".equals(view.valueText(-1, "VERSIONR")), "the registers are read");
        assertEquals("SOCK_CLOSED", view.meaningText(0, "Sn_SR"));

        Firmware fw = new Firmware(session);
        fw.configureAndOpenSocket0();
        session.pause();
        Ui.until(() -> view.isChanged(-1, "SHAR"), "the suspend refreshes the view");
        assertEquals("0x0008DC010203", view.valueText(-1, "SHAR"));
        assertEquals("00:08:DC:01:02:03", view.meaningText(-1, "SHAR"));
        assertEquals("192.168.1.50", view.meaningText(-1, "SIPR"));
        assertEquals("SOCK_INIT", view.meaningText(0, "Sn_SR"));
        assertEquals("5000", view.meaningText(0, "Sn_PORT"));
        assertTrue(view.isChanged(0, "Sn_SR"));
        assertTrue(view.isChanged(0, "Sn_PORT"));
        assertFalse(view.isChanged(-1, "GAR"), "nothing wrote the gateway");
        assertFalse(view.isChanged(-1, "VERSIONR"));
        assertFalse(view.isChanged(1, "Sn_SR"), "socket 1 untouched");

        // a write while suspended goes to the chip
        assertTrue(view.isEditable());
        Job job = view.write(-1, "GAR", "192.168.1.1");
        assertNotNull(job);
        job.join();
        Ui.until(() -> "0xC0A80101".equals(view.valueText(-1, "GAR")), "the view re-reads after the write");
        assertEquals(192, session.peek(Registers.BSB_COMMON, Registers.GAR));
        assertEquals(1, session.peek(Registers.BSB_COMMON, Registers.GAR + 3));
        assertNull(view.lastError());
        assertThrows(IllegalArgumentException.class, () -> view.write(-1, "GAR", "300.1.1.1"));
        assertThrows(IllegalArgumentException.class, () -> view.write(0, "Sn_PORT", "0x10000"));
        assertEquals(192, session.peek(Registers.BSB_COMMON, Registers.GAR), "bad input writes nothing");

        assertTrue(Ui.distinctColours(Ui.screenshot(view, "w5500-registers")) >= 8);

        // next suspend: only what changed since the previous one is highlighted
        session.resume();
        Ui.until(() -> !view.isEditable(), "running");
        assertNull(view.write(-1, "GAR", "10.0.0.1"), "no writes while running");
        fw.write(Registers.socketBlock(0), Registers.Sn_PORT, 0x07, 0x5B);
        session.pause();
        Ui.until(() -> "1883".equals(view.meaningText(0, "Sn_PORT")), "second suspend");
        assertTrue(view.isChanged(0, "Sn_PORT"));
        assertFalse(view.isChanged(-1, "SHAR"), "SHAR did not change since the previous suspend");
        assertFalse(view.isChanged(0, "Sn_SR"));
        session.resume();
    }
}
