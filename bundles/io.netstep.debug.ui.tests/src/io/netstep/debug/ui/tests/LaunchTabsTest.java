package io.netstep.debug.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.debug.NetStepDebug;
import io.netstep.debug.launch.LaunchAttributes;
import io.netstep.debug.ui.NetStepDebugUi;
import io.netstep.debug.ui.launch.FirmwareTab;
import io.netstep.debug.ui.launch.NetStepTabGroup;
import io.netstep.debug.ui.launch.NetworkTab;
import io.netstep.debug.ui.launch.SessionTab;
import io.netstep.debug.ui.preferences.NetStepPreferencePage;
import io.netstep.debug.ui.preferences.Preferences;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.CommonTab;
import org.eclipse.debug.ui.EnvironmentTab;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "NetStep Virtual W5500" tabs: defaults from the preferences, round trips of every attribute, checks. */
class LaunchTabsTest {

    @TempDir
    Path dir;
    private Shell shell;
    private CTabFolder folder;
    private ILaunchConfigurationWorkingCopy wc;

    @BeforeEach
    void setUp() throws Exception {
        shell = new Shell(Display.getCurrent());
        shell.setLayout(new FillLayout());
        shell.setSize(900, 640);
        folder = new CTabFolder(shell, SWT.BORDER);
        shell.open();
        wc = DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurationType(NetStepDebug.LAUNCH_TYPE_ID)
                .newInstance(null, "tabs-test");
    }

    @AfterEach
    void tearDown() {
        IPreferenceStore prefs = NetStepDebugUi.getDefault().getPreferenceStore();
        prefs.setToDefault(Preferences.BROKER);
        prefs.setToDefault(Preferences.STOP_AT_FIRST_SPI_FRAME);
        prefs.setToDefault(Preferences.FIRMWARE_FOLDER);
        shell.dispose();
    }

    private <T extends ILaunchConfigurationTab> T show(T tab) {
        tab.createControl(folder);
        CTabItem item = new CTabItem(folder, SWT.NONE);
        item.setText(tab.getName());
        item.setControl(tab.getControl());
        folder.setSelection(item);
        shell.layout(true, true);
        return tab;
    }

    @Test
    void theGroupHasTheNetStepTabsThenEnvironmentAndCommon() {
        NetStepTabGroup group = new NetStepTabGroup();
        group.createTabs(null, "debug");
        List<Class<?>> kinds = Arrays.stream(group.getTabs()).<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(FirmwareTab.class, NetworkTab.class, SessionTab.class, EnvironmentTab.class, CommonTab.class), kinds);
        group.dispose();
    }

    @Test
    void newConfigurationsStartFromThePreferences() {
        IPreferenceStore prefs = NetStepDebugUi.getDefault().getPreferenceStore();
        assertEquals(LaunchAttributes.EMBEDDED_BROKER, prefs.getDefaultString(Preferences.BROKER), "shipped default");
        prefs.setValue(Preferences.BROKER, "127.0.0.1:18883");
        prefs.setValue(Preferences.STOP_AT_FIRST_SPI_FRAME, true);
        new NetworkTab().setDefaults(wc);
        new SessionTab().setDefaults(wc);
        new FirmwareTab().setDefaults(wc);
        assertEquals("127.0.0.1:18883", attribute(LaunchAttributes.BROKER));
        assertTrue(bool(LaunchAttributes.STOP_AT_FIRST_SPI_FRAME));
        assertEquals("", attribute(LaunchAttributes.FIRMWARE));
    }

    @Test
    void preferencePageRefusesABadBrokerAndStoresAGoodOne() throws Exception {
        NetStepPreferencePage page = new NetStepPreferencePage();
        page.init(PlatformUI.getWorkbench());
        Composite area = new Composite(folder, SWT.NONE);
        area.setLayout(new FillLayout());
        CTabItem item = new CTabItem(folder, SWT.NONE);
        item.setText("NetStep");
        item.setControl(area);
        folder.setSelection(item);
        page.createControl(area);
        shell.layout(true, true);
        Text broker = Widgets.all(page.getControl(), Text.class, false).get(0);
        assertEquals(LaunchAttributes.EMBEDDED_BROKER, broker.getText());
        type(broker, "broker.example.com");
        assertFalse(page.isValid(), "no port");
        assertTrue(String.valueOf(page.getErrorMessage()).contains("host:port"), page.getErrorMessage());
        type(broker, "127.0.0.1:8883");
        assertTrue(page.isValid(), page.getErrorMessage());
        Ui.screenshot(shell, "preferences-netstep");
        assertTrue(page.performOk());
        assertEquals("127.0.0.1:8883", Preferences.broker());
        page.dispose();
    }

    @Test
    void firmwareTabChecksTheExecutable() throws Exception {
        FirmwareTab tab = show(new FirmwareTab());
        tab.setDefaults(wc);
        tab.initializeFrom(wc);
        assertFalse(tab.isValid(wc));
        assertEquals("Choose the firmware executable", tab.getErrorMessage());

        Text exe = Widgets.all(tab.getControl(), Text.class, false).get(0);
        exe.setText(dir.resolve("missing-fw").toString());
        tab.performApply(wc);
        assertFalse(tab.isValid(wc));
        assertTrue(tab.getErrorMessage().endsWith("missing-fw does not exist"), tab.getErrorMessage());

        Path notExecutable = Files.writeString(dir.resolve("fw.txt"), "not a program");
        exe.setText(notExecutable.toString());
        tab.performApply(wc);
        assertFalse(tab.isValid(wc));
        assertTrue(tab.getErrorMessage().endsWith("is not an executable file"), tab.getErrorMessage());

        Path fw = Files.writeString(dir.resolve("fw"), "#!/bin/sh\nexit 0\n");
        assertTrue(fw.toFile().setExecutable(true));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
        if (fw.toRealPath().startsWith(tmp)) { // variables are checked expanded
            exe.setText("${system_property:java.io.tmpdir}/" + tmp.relativize(fw.toRealPath()));
            tab.performApply(wc);
            assertTrue(tab.isValid(wc), tab.getErrorMessage());
            exe.setText("${no_such_variable}/fw");
            tab.performApply(wc);
            assertFalse(tab.isValid(wc));
            assertTrue(tab.getErrorMessage().startsWith("Firmware executable: "), tab.getErrorMessage());
        }
        exe.setText(fw.toString());
        Text args = Widgets.all(tab.getControl(), Text.class, false).get(1);
        args.setText("--dhcp --ca " + LaunchAttributes.BROKER_CA_ARGUMENT);
        Text wd = Widgets.all(tab.getControl(), Text.class, false).get(2);
        wd.setText(dir.resolve("no-such-dir").toString());
        tab.performApply(wc);
        assertFalse(tab.isValid(wc));
        assertTrue(tab.getErrorMessage().contains("working directory"), tab.getErrorMessage());
        wd.setText(dir.toString());
        tab.performApply(wc);
        assertTrue(tab.isValid(wc), tab.getErrorMessage());
        assertEquals(fw.toString(), attribute(LaunchAttributes.FIRMWARE));
        assertEquals("--dhcp --ca " + LaunchAttributes.BROKER_CA_ARGUMENT, attribute(LaunchAttributes.ARGUMENTS));
        assertEquals(dir.toString(), attribute(LaunchAttributes.WORKING_DIRECTORY));

        Text source = Widgets.all(tab.getControl(), Text.class, false).get(3);
        source.setText(dir.resolve("no-such-project").toString());
        tab.performApply(wc);
        assertFalse(tab.isValid(wc));
        assertTrue(tab.getErrorMessage().contains("source folder"), tab.getErrorMessage());
        source.setText(dir.toString());
        tab.performApply(wc);
        assertTrue(tab.isValid(wc), tab.getErrorMessage());
        assertEquals(dir.toString(), attribute(LaunchAttributes.PROJECT_DIR));
        Ui.screenshot(shell, "tab-firmware");
    }

    @Test
    void networkTabRoundTripsBrokerNameMapFaultsAndCloudAndChecksThem() throws Exception {
        NetworkTab tab = show(new NetworkTab());
        wc.setAttribute(LaunchAttributes.BROKER, "127.0.0.1:8883");
        wc.setAttribute(LaunchAttributes.NAME_MAP, List.of("broker.example.com=127.0.0.1:8884", "time.example.com=127.0.0.1:1234"));
        wc.setAttribute(LaunchAttributes.FAULTS, List.of("chunk=7,delay=2", "refuse=time.example.com"));
        wc.setAttribute(LaunchAttributes.CLOUD_PROFILE, "aws-iot:thing-1");
        Path policyFile = Files.writeString(dir.resolve("policy.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
        wc.setAttribute(LaunchAttributes.CLOUD_POLICY, policyFile.toString());
        wc.setAttribute(LaunchAttributes.CLOUD_CERTS_DIR, dir.resolve("certs").toString());
        tab.initializeFrom(wc);
        assertTrue(tab.isValid(wc), tab.getErrorMessage());

        List<Table> tables = Widgets.all(tab.getControl(), Table.class, false);
        assertEquals("broker.example.com", tables.get(0).getItem(0).getText(0));
        assertEquals("127.0.0.1:8884", tables.get(0).getItem(0).getText(1));
        assertEquals(2, tables.get(1).getItemCount());
        assertEquals("refuse=time.example.com", tables.get(1).getItem(1).getText(0));
        Combo cloud = Widgets.all(tab.getControl(), Combo.class, false).get(0);
        assertEquals(1, cloud.getSelectionIndex());
        Ui.screenshot(shell, "tab-network");

        // the same attributes come back out
        ILaunchConfigurationWorkingCopy out = wc.copy("tabs-test-copy");
        out.removeAttribute(LaunchAttributes.BROKER);
        out.removeAttribute(LaunchAttributes.NAME_MAP);
        out.removeAttribute(LaunchAttributes.FAULTS);
        out.removeAttribute(LaunchAttributes.CLOUD_PROFILE);
        out.removeAttribute(LaunchAttributes.CLOUD_POLICY);
        out.removeAttribute(LaunchAttributes.CLOUD_CERTS_DIR);
        tab.performApply(out);
        for (String a : List.of(LaunchAttributes.BROKER, LaunchAttributes.NAME_MAP, LaunchAttributes.FAULTS, LaunchAttributes.CLOUD_PROFILE,
                LaunchAttributes.CLOUD_POLICY, LaunchAttributes.CLOUD_CERTS_DIR)) {
            assertEquals(wc.getAttributes().get(a), out.getAttributes().get(a), a);
        }

        // the embedded broker radio; then what is refused, with the reason
        Widgets.click(Widgets.button(tab.getControl(), "Embedded MQTT broker (TLS with a throwaway test CA)"));
        tab.performApply(out);
        assertEquals(LaunchAttributes.EMBEDDED_BROKER, out.getAttribute(LaunchAttributes.BROKER, ""));
        out.setAttribute(LaunchAttributes.BROKER, "127.0.0.1:99999");
        assertFalse(tab.isValid(out));
        assertTrue(tab.getErrorMessage().contains("port must be 1 to 65535"), tab.getErrorMessage());
        out.setAttribute(LaunchAttributes.BROKER, "embedded");
        out.setAttribute(LaunchAttributes.FAULTS, List.of("chunk=7", "melt=now"));
        assertFalse(tab.isValid(out));
        assertTrue(tab.getErrorMessage().startsWith("Fault melt=now: "), tab.getErrorMessage());
        out.setAttribute(LaunchAttributes.FAULTS, List.of());
        out.setAttribute(LaunchAttributes.NAME_MAP, List.of("broker.example.com"));
        assertFalse(tab.isValid(out));
        assertTrue(tab.getErrorMessage().startsWith("Name map entry broker.example.com: "), tab.getErrorMessage());
        out.setAttribute(LaunchAttributes.NAME_MAP, List.of());
        out.setAttribute(LaunchAttributes.CLOUD_PROFILE, "aws-iot:bad thing");
        assertFalse(tab.isValid(out));
        out.setAttribute(LaunchAttributes.CLOUD_PROFILE, "aws-iot");
        out.setAttribute(LaunchAttributes.CLOUD_POLICY, dir.resolve("missing.json").toString());
        assertFalse(tab.isValid(out));
        assertTrue(tab.getErrorMessage().endsWith("missing.json does not exist"), tab.getErrorMessage());
        out.setAttribute(LaunchAttributes.CLOUD_POLICY, "");
        out.setAttribute(LaunchAttributes.CLOUD_CERTS_DIR, policyFile.toString());
        assertFalse(tab.isValid(out));
        assertTrue(tab.getErrorMessage().endsWith("is a file"), tab.getErrorMessage());
        out.setAttribute(LaunchAttributes.CLOUD_CERTS_DIR, "");
        out.setAttribute(LaunchAttributes.CLOUD_PROFILE, "");
        assertTrue(tab.isValid(out), tab.getErrorMessage());
    }

    @Test
    void sessionTabRoundTripsAndChecksTheRecordFile() throws Exception {
        SessionTab tab = show(new SessionTab());
        wc.setAttribute(LaunchAttributes.RECORD_FILE, dir.resolve("s.jsonl").toString());
        wc.setAttribute(LaunchAttributes.STOP_AT_FIRST_SPI_FRAME, true);
        tab.initializeFrom(wc);
        assertTrue(tab.isValid(wc), tab.getErrorMessage());
        ILaunchConfigurationWorkingCopy out = wc.copy("session-copy");
        out.setAttribute(LaunchAttributes.STOP_AT_FIRST_SPI_FRAME, false);
        out.setAttribute(LaunchAttributes.RECORD_FILE, "");
        tab.performApply(out);
        assertEquals(dir.resolve("s.jsonl").toString(), out.getAttribute(LaunchAttributes.RECORD_FILE, ""));
        assertTrue(out.getAttribute(LaunchAttributes.STOP_AT_FIRST_SPI_FRAME, false));
        Ui.screenshot(shell, "tab-session");
        out.setAttribute(LaunchAttributes.RECORD_FILE, dir.resolve("missing/s.jsonl").toString());
        assertFalse(tab.isValid(out));
        assertTrue(tab.getErrorMessage().endsWith("does not exist"), tab.getErrorMessage());
        out.setAttribute(LaunchAttributes.RECORD_FILE, dir.toString());
        assertFalse(tab.isValid(out));
        assertTrue(tab.getErrorMessage().endsWith("is a folder"), tab.getErrorMessage());
    }

    /** Replaces a text as typing does (the field editor validates on key strokes). */
    private static void type(Text t, String text) {
        t.setText(text);
        t.notifyListeners(SWT.KeyUp, new org.eclipse.swt.widgets.Event());
    }

    private String attribute(String name) {
        try {
            return wc.getAttribute(name, (String) null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private boolean bool(String name) {
        try {
            return wc.getAttribute(name, false);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
