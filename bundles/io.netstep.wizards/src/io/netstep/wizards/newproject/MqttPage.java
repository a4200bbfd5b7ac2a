package io.netstep.wizards.newproject;

import io.netstep.project.BrokerProfile;

import java.util.Arrays;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/**
 * MQTT client ID, keepalive, topics (for AWS IoT shaped the way its policies are usually written),
 * and the CONNECT's user name and password (masked; the generator writes them only to the
 * owner-only Core/Inc/netstep_secrets.h).
 */
public final class MqttPage extends WizardPage {

    private Text clientId;
    private Spinner keepAlive;
    private Text topics;
    private Label note;
    private Text userName;
    private Text password;
    /** Until the user types, the ID and topics follow the broker page. */
    private boolean edited;
    private boolean updating;
    private String defaultId = "nucleo01";
    private List<String> defaultTopics = List.of("netstep/nucleo01/telemetry", "netstep/nucleo01/commands");

    MqttPage() {
        super("mqtt");
        setTitle("MQTT");
        setDescription("How the device introduces itself to the broker and the topics it uses.");
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
        Layouts.label(c, "Client ID:");
        clientId = Layouts.text(c, 1, defaultId);
        Layouts.label(c, "Keepalive (s):");
        keepAlive = new Spinner(c, SWT.BORDER);
        keepAlive.setValues(60, 0, 65535, 0, 1, 10);
        Label t = Layouts.label(c, "Topics:");
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(t);
        topics = new Text(c, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        topics.setText(String.join("\n", defaultTopics));
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 90).applyTo(topics);
        note = Layouts.note(c, 2, "One topic a line. The device subscribes to all of them and publishes its hello on the first.");
        Layouts.label(c, "User name:");
        userName = Layouts.text(c, 1, "");
        Layouts.label(c, "Password:");
        password = new Text(c, SWT.BORDER | SWT.PASSWORD);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(password);
        Layouts.note(c, 2, "Optional. They go to Core/Inc/netstep_secrets.h only: readable by you alone and listed in the "
                + "project's .gitignore. The preflight uses them too.");
        userName.addListener(SWT.Modify, e -> validate());
        password.addListener(SWT.Modify, e -> validate());
        clientId.addListener(SWT.Modify, e -> userEdit());
        topics.addListener(SWT.Modify, e -> userEdit());
        keepAlive.addListener(SWT.Modify, e -> validate());
        setControl(c);
        brokerChanged();
    }

    private BrokerPage broker() {
        return ((NewProjectWizard) getWizard()).brokerPage();
    }

    /** The broker page changed: follow its profile and thing name unless the user typed here. */
    void brokerChanged() {
        if (broker().getControl() == null) {
            return;
        }
        BrokerProfile p = broker().profile();
        String thing = broker().thingName();
        if (p == BrokerProfile.AWS_IOT && !thing.isEmpty()) {
            defaultId = thing;
            defaultTopics = List.of("things/" + thing + "/telemetry", "things/" + thing + "/commands");
        } else if (p != BrokerProfile.AWS_IOT) {
            defaultId = "nucleo01";
            defaultTopics = List.of("netstep/nucleo01/telemetry", "netstep/nucleo01/commands");
        }
        if (clientId == null) {
            return;
        }
        if (!edited) {
            updating = true;
            clientId.setText(defaultId);
            topics.setText(String.join("\n", defaultTopics));
            updating = false;
        }
        note.setText(p == BrokerProfile.AWS_IOT
                ? "AWS IoT: the client ID is the thing name and the topics live under things/<thing>/, as the policy "
                  + "NetStep writes (NetStep/aws-iot-policy.json) allows. AWS closes the connection without a reason on a forbidden topic."
                : "One topic a line. The device subscribes to all of them and publishes its hello on the first.");
        note.getParent().layout(true, true);
        validate();
    }

    private void userEdit() {
        if (!updating) {
            edited = true;
        }
        validate();
    }

    private void validate() {
        String error = null;
        String id = clientId();
        if (id.isEmpty() || id.length() > 128) {
            error = "The client ID must have 1 to 128 characters.";
        } else if (topics().isEmpty()) {
            error = "Give at least one topic.";
        } else if (topics().stream().anyMatch(t -> t.contains("#") || t.contains("+"))) {
            error = "Topics are published to: no wildcards (# or +).";
        }
        if (error == null && !password().isEmpty() && userName().isEmpty()) {
            error = "MQTT 3.1.1 sends a password only with a user name.";
        }
        String warning = null;
        if (broker().profile() == BrokerProfile.AWS_IOT && !id.equals(broker().thingName())) {
            warning = "AWS IoT policies usually allow only the thing name (" + broker().thingName() + ") as the client ID.";
        } else if (id.length() > 23 || !id.matches("[0-9A-Za-z]*")) {
            warning = "MQTT 3.1.1 brokers must accept 1-23 letters and digits; this client ID may be refused by some.";
        }
        setErrorMessage(error);
        setMessage(warning, WARNING);
        setPageComplete(error == null);
    }

    public String clientId() {
        return clientId == null ? defaultId : clientId.getText().trim();
    }

    public void setClientId(String id) {
        clientId.setText(id);
    }

    public int keepAlive() {
        return keepAlive == null ? 60 : keepAlive.getSelection();
    }

    public void setKeepAlive(int s) {
        keepAlive.setSelection(s);
    }

    public List<String> topics() {
        if (topics == null) {
            return defaultTopics;
        }
        return Arrays.stream(topics.getText().split("\\R")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public void setTopics(List<String> t) {
        topics.setText(String.join("\n", t));
    }

    /** The user name, "" = none. */
    public String userName() {
        return userName == null ? "" : userName.getText().trim();
    }

    public void setUserName(String u) {
        userName.setText(u == null ? "" : u);
    }

    /** The password as typed, "" = none. */
    public String password() {
        return password == null ? "" : password.getText();
    }

    public void setPassword(String p) {
        password.setText(p == null ? "" : p);
    }

    /** True when the password field masks what is typed. */
    public boolean isPasswordMasked() {
        return (password.getStyle() & SWT.PASSWORD) != 0;
    }
}
