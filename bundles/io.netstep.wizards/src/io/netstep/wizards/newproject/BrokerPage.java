package io.netstep.wizards.newproject;

import io.netstep.preflight.Check;
import io.netstep.preflight.Preflight;
import io.netstep.preflight.PreflightReport;
import io.netstep.preflight.PreflightSettings;
import io.netstep.preflight.PreflightSettings.TlsVersion;
import io.netstep.preflight.ProgressListener;
import io.netstep.preflight.Status;
import io.netstep.preflight.StepResult;
import io.netstep.project.BrokerProfile;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * Where the device connects (profile, host, port, AWS thing, TLS version, SNI) and the preflight
 * that tries it from the PC with the firmware's settings, on the wizard's worker thread.
 */
public final class BrokerPage extends WizardPage {

    static final List<BrokerProfile> PROFILES = List.of(BrokerProfile.EMBEDDED, BrokerProfile.MOSQUITTO, BrokerProfile.AWS_IOT, BrokerProfile.CUSTOM);
    private static final String[] PROFILE_NAMES = {"Embedded NetStep broker", "Mosquitto", "AWS IoT Core", "Custom MQTT broker"};

    private Combo profile;
    private Text host;
    private Text port;
    private Text thing;
    private Button sni;
    private Label certificates;
    private Table steps;
    private Text details;
    private Label verdict;
    private StatusIcons icons;
    private PreflightReport report;
    /** True while a run's rows may still arrive from the worker. */
    private boolean running;

    BrokerPage() {
        super("broker");
        setTitle("Broker");
        setDescription("The MQTT broker the device connects to over TLS. Run the preflight to try it from this PC first.");
    }

    private NewProjectWizard wizard() {
        return (NewProjectWizard) getWizard();
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(4).applyTo(c);
        icons = new StatusIcons(c);

        Layouts.label(c, "Profile:");
        profile = new Combo(c, SWT.READ_ONLY);
        profile.setItems(PROFILE_NAMES);
        profile.select(1);
        GridDataFactory.fillDefaults().span(3, 1).applyTo(profile);

        Layouts.label(c, "Host:");
        host = Layouts.text(c, 1, "localhost");
        Layouts.label(c, "Port:");
        port = new Text(c, SWT.BORDER);
        port.setText("8883");
        GridDataFactory.fillDefaults().hint(60, SWT.DEFAULT).applyTo(port);

        Layouts.label(c, "AWS thing name:");
        thing = Layouts.text(c, 3, "");

        Layouts.label(c, "SNI:");
        sni = new Button(c, SWT.CHECK);
        sni.setText("Send the host name as SNI (server_name); the TLS version is the TLS page's");
        sni.setSelection(true);
        GridDataFactory.fillDefaults().span(3, 1).applyTo(sni);

        certificates = Layouts.note(c, 4, "");
        Label idWarning = Layouts.note(c, 4, "The preflight connects with the device's client ID (MQTT page): a device online "
                + "with the same client ID is disconnected by the broker while the preflight runs.");
        idWarning.setForeground(c.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));

        Button run = new Button(c, SWT.PUSH);
        run.setText("Run preflight");
        run.addListener(SWT.Selection, e -> runPreflight());
        verdict = new Label(c, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).span(3, 1).align(SWT.FILL, SWT.CENTER).hint(500, SWT.DEFAULT).applyTo(verdict);

        steps = new Table(c, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        steps.setHeaderVisible(true);
        steps.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).span(4, 1).hint(SWT.DEFAULT, 190).applyTo(steps);
        for (String[] col : new String[][] {{"Check", "270"}, {"Result", "520"}}) {
            TableColumn tc = new TableColumn(steps, SWT.NONE);
            tc.setText(col[0]);
            tc.setWidth(Integer.parseInt(col[1]));
        }
        steps.addListener(SWT.Selection, e -> showDetails());

        details = new Text(c, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, false).span(4, 1).hint(SWT.DEFAULT, 60).applyTo(details);

        profile.addListener(SWT.Selection, e -> profileChanged());
        thing.addListener(SWT.Modify, e -> changed());
        host.addListener(SWT.Modify, e -> changed());
        port.addListener(SWT.Modify, e -> changed());
        setControl(c);
        profileChanged();
    }

    @Override
    public void setVisible(boolean visible) {
        if (visible) {
            showCertificates();
        }
        super.setVisible(visible);
    }

    private void showCertificates() {
        TlsPage tls = wizard().tlsPage();
        certificates.setText("Certificates (TLS page): CA " + name(tls.caFile()) + ", client certificate " + name(tls.clientCertificateFile())
                + ", key " + name(tls.clientKeyFile()) + ".");
    }

    private static String name(Path p) {
        return p == null ? "none" : p.getFileName().toString();
    }

    private void profileChanged() {
        BrokerProfile p = profile();
        thing.setEnabled(p == BrokerProfile.AWS_IOT);
        switch (p) {
            case EMBEDDED -> { host.setText("broker.netstep.test"); port.setText("8883"); }
            case AWS_IOT -> { if (!host.getText().contains("amazonaws.com")) host.setText(""); port.setText("8883"); }
            default -> { }
        }
        changed();
    }

    private void changed() {
        wizard().mqttPage().brokerChanged();
        wizard().projectPage().brokerChanged(profile() != BrokerProfile.EMBEDDED);
        String error = null;
        if (host.getText().isBlank()) {
            error = profile() == BrokerProfile.AWS_IOT ? "Enter the AWS IoT endpoint (…-ats.iot.<region>.amazonaws.com)." : "Enter the broker's host.";
        } else if (port() < 1 || port() > 65535) {
            error = "The port must be 1 to 65535.";
        } else if (profile() == BrokerProfile.AWS_IOT && thing.getText().isBlank()) {
            error = "Enter the AWS IoT thing name: it is the client ID the policy allows.";
        }
        setErrorMessage(error);
        setPageComplete(error == null);
    }

    // --- values and test accessors -------------------------------------------------------

    public BrokerProfile profile() {
        return PROFILES.get(Math.max(0, profile.getSelectionIndex()));
    }

    public void setProfile(BrokerProfile p) {
        profile.select(PROFILES.indexOf(p));
        profileChanged();
    }

    public String host() { return host.getText().trim(); }
    public void setHost(String h) { host.setText(h); }
    public int port() { return Layouts.parseInt(port.getText(), -1); }
    public void setPort(int p) { port.setText(Integer.toString(p)); }
    public String thingName() { return thing.getText().trim(); }
    public void setThingName(String t) { thing.setText(t); }
    /** The version the preflight tries: the one the firmware pins (TLS page). */
    public TlsVersion tlsVersion() {
        return wizard().tlsPage().version() == io.netstep.project.TlsVersion.TLS_1_3 ? TlsVersion.TLS_1_3 : TlsVersion.TLS_1_2;
    }
    public boolean sni() { return sni.getSelection(); }

    /** The last preflight's report, or null. */
    public PreflightReport report() { return report; }
    /** The cause and fix of the selected step, as shown under the list. */
    public String details() { return details.getText(); }
    public String verdict() { return verdict.getText(); }
    /** The step list's rows: "STATUS | check | result". */
    public List<String> stepRows() {
        return java.util.Arrays.stream(steps.getItems()).map(i -> i.getData() + " | " + i.getText(0) + " | " + i.getText(1)).toList();
    }

    // --- preflight ------------------------------------------------------------------------

    /** The firmware's settings as the preflight takes them; null (with the page's error set) when they cannot be tried. */
    PreflightSettings settings() {
        TlsPage tls = wizard().tlsPage();
        MqttPage mqtt = wizard().mqttPage();
        PreflightSettings s = new PreflightSettings().host(host()).port(port()).tls(true).tlsVersion(tlsVersion()).sni(sni())
                .clientId(mqtt.clientId()).keepAliveSeconds(mqtt.keepAlive()).username(mqtt.userName())
                .password(mqtt.password().isEmpty() ? null : mqtt.password().toCharArray());
        if (!mqtt.topics().isEmpty()) {
            s.testTopic(mqtt.topics().get(0));
        }
        try {
            if (tls.caFile() != null) s.caFile(tls.caFile());
            if (tls.clientCertificateFile() != null) s.clientCertificateFile(tls.clientCertificateFile());
            if (tls.clientKeyFile() != null) s.clientKeyFile(tls.clientKeyFile());
        } catch (IOException e) {
            setErrorMessage(e.getMessage());
            return null;
        }
        List<String> problems = s.problems();
        if (!problems.isEmpty()) {
            setErrorMessage("Cannot run the preflight: " + String.join("; ", problems));
            s.wipeSecrets();
            return null;
        }
        return s;
    }

    /**
     * Runs the preflight through the wizard's progress part (a worker thread; Cancel stops it)
     * and shows each step as it ends. Returns the report, or null when it could not start.
     */
    public PreflightReport runPreflight() {
        showCertificates();
        PreflightSettings s = settings();
        if (s == null) {
            return null;
        }
        changed();
        steps.removeAll();
        details.setText("");
        verdict.setText("Running…");
        report = null;
        Preflight preflight = new Preflight(s);
        PreflightReport[] result = new PreflightReport[1];
        running = true;
        try {
            getContainer().run(true, true, monitor -> result[0] = run(preflight, monitor));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            verdict.setText("The preflight stopped: " + cause.getMessage());
            return null;
        } catch (InterruptedException e) {
            verdict.setText("Cancelled.");
            return null;
        } finally {
            running = false;
            s.wipeSecrets();
        }
        report = result[0];
        showReport(report);
        return report;
    }

    private PreflightReport run(Preflight preflight, IProgressMonitor monitor) {
        monitor.beginTask("Preflight", Check.values().length);
        // Cancel in the wizard's progress part stops the checks at once, not only between them
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (monitor.isCanceled()) {
                    preflight.cancel();
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "NetStep preflight cancel watcher");
        watcher.setDaemon(true);
        watcher.start();
        try {
            return preflight.run(new ProgressListener() {
                @Override public void started(Check check) {
                    monitor.subTask(check.title());
                }

                @Override public void finished(StepResult r) {
                    monitor.worked(1);
                    if (!steps.isDisposed()) {
                        steps.getDisplay().asyncExec(() -> { if (running) addStep(r); });
                    }
                }
            });
        } finally {
            watcher.interrupt();
            monitor.done();
        }
    }

    private void addStep(StepResult r) {
        if (steps.isDisposed()) {
            return;
        }
        TableItem item = new TableItem(steps, SWT.NONE);
        item.setData(r.status());
        item.setData("result", r);
        item.setImage(0, icons.get(r.status()));
        item.setText(0, r.check().title());
        item.setText(1, r.summary());
    }

    private void showReport(PreflightReport r) {
        // the asynchronous rows may not all have arrived: rebuild the list from the report
        steps.removeAll();
        r.steps().forEach(this::addStep);
        verdict.setText(r.verdict());
        // show what needs attention first; when all is well, the record size the TLS page took over
        int select = Math.max(0, r.steps().indexOf(r.step(Check.RECORD_SIZE).orElse(null)));
        boolean attention = false;
        for (int i = 0; i < r.steps().size(); i++) {
            if (r.steps().get(i).status() == Status.FAILED || (!attention && r.steps().get(i).status() == Status.WARNING)) {
                select = i;
                attention = true;
                if (r.steps().get(i).status() == Status.FAILED) break;
            }
        }
        steps.select(select);
        steps.showSelection();
        showDetails();
        if (r.largestRecordLength() > 0) {
            wizard().tlsPage().preflightMeasured(r.largestRecordLength(), r.largestRecordContent());
        }
        setMessage(r.passed() ? "The broker works with these settings." : r.verdict(), r.passed() ? INFORMATION : WARNING);
        ((Composite) getControl()).layout(true, true);
    }

    private void showDetails() {
        int i = steps.getSelectionIndex();
        if (i < 0) {
            details.setText("");
            return;
        }
        StepResult r = (StepResult) steps.getItem(i).getData("result");
        StringBuilder b = new StringBuilder(r.status() + " " + r.check().title() + ": " + r.summary());
        if (!r.cause().isEmpty()) b.append("\nCause: ").append(r.cause());
        if (!r.fix().isEmpty()) b.append("\nFix: ").append(r.fix());
        details.setText(b.toString());
    }
}
