package io.netstep.wizards.peer;

import io.netstep.preflight.MqttPeer;
import io.netstep.preflight.PeerListener;
import io.netstep.preflight.PeerMessage;
import io.netstep.preflight.PreflightSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;

/**
 * MQTT Peer: a client on the device's broker, with the device's connection settings, to see what
 * the device publishes and to publish to it. Network calls run on the MQTT client's threads;
 * results come back through {@link Display#asyncExec}; errors are shown in the view's status line.
 */
public final class MqttPeerView extends ViewPart {

    public static final String ID = "io.netstep.wizards.mqttPeer";

    private Text host;
    private Text port;
    private Button tls;
    private Text ca;
    private Text clientCert;
    private Text clientKey;
    private Text clientId;
    private Text user;
    private Text password;
    private Button connect;
    private Button disconnect;
    private Text filter;
    private Combo subscribeQos;
    private Label subscriptions;
    private Button hex;
    private MessageTable messages;
    private Text pubTopic;
    private Text pubPayload;
    private Combo pubQos;
    private Button retain;
    private Label status;
    private MqttPeer peer;
    /** Set on the UI thread once the broker accepted the CONNECT. */
    private boolean connected;
    private final List<String> subscribed = new ArrayList<>();

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.swtDefaults().numColumns(1).applyTo(parent);
        createConnection(parent);
        createSubscribe(parent);
        createMessages(parent);
        createPublish(parent);
        status = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        showStatus("Not connected.", false);
        connectedChanged();
    }

    private void createConnection(Composite parent) {
        Group g = new Group(parent, SWT.NONE);
        g.setText("Connection (the device's broker settings; use a client ID other than the device's)");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(g);
        GridLayoutFactory.swtDefaults().numColumns(8).applyTo(g);
        label(g, "Host:");
        host = text(g, 3, "localhost");
        label(g, "Port:");
        port = text(g, 1, "8883");
        tls = new Button(g, SWT.CHECK);
        tls.setText("TLS");
        tls.setSelection(true);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(tls);
        ca = fileRow(g, "CA certificate:");
        label(g, "Client ID:");
        clientId = text(g, 3, "netstep-peer-" + UUID.randomUUID().toString().substring(0, 6));
        clientCert = fileRow(g, "Client certificate:");
        label(g, "User name:");
        user = text(g, 3, "");
        clientKey = fileRow(g, "Client key:");
        label(g, "Password:");
        password = new Text(g, SWT.BORDER | SWT.PASSWORD);
        GridDataFactory.fillDefaults().grab(true, false).span(3, 1).applyTo(password);
        Composite buttons = new Composite(g, SWT.NONE);
        GridDataFactory.fillDefaults().span(8, 1).applyTo(buttons);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(buttons);
        connect = button(buttons, "Connect", this::connect);
        disconnect = button(buttons, "Disconnect", this::disconnect);
    }

    private void createSubscribe(Composite parent) {
        Group g = new Group(parent, SWT.NONE);
        g.setText("Subscribe");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(g);
        GridLayoutFactory.swtDefaults().numColumns(6).applyTo(g);
        label(g, "Topic filter:");
        filter = text(g, 1, "#");
        label(g, "QoS:");
        subscribeQos = qos(g);
        button(g, "Subscribe", this::subscribe);
        subscriptions = new Label(g, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(subscriptions);
    }

    private void createMessages(Composite parent) {
        Composite bar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(bar);
        Label l = label(bar, "Received messages");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(l);
        hex = new Button(bar, SWT.CHECK);
        hex.setText("Payload as hex");
        hex.addListener(SWT.Selection, e -> messages.setHex(hex.getSelection()));
        button(bar, "Clear", () -> messages.clear());
        messages = new MessageTable(parent);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 200).applyTo(messages.control());
    }

    private void createPublish(Composite parent) {
        Group g = new Group(parent, SWT.NONE);
        g.setText("Publish");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(g);
        GridLayoutFactory.swtDefaults().numColumns(9).applyTo(g);
        label(g, "Topic:");
        pubTopic = text(g, 1, "");
        label(g, "Payload:");
        pubPayload = text(g, 1, "");
        label(g, "QoS:");
        pubQos = qos(g);
        retain = new Button(g, SWT.CHECK);
        retain.setText("Retain");
        button(g, "Publish", this::publish);
    }

    // --- actions --------------------------------------------------------------------------

    /** Connects with the fields' settings; the outcome shows in the status line. */
    public void connect() {
        if (peer != null) {
            return;
        }
        PreflightSettings s = new PreflightSettings().host(host.getText()).tls(tls.getSelection())
                .clientId(clientId.getText().isBlank() ? null : clientId.getText().trim()).username(user.getText())
                .password(password.getText().isEmpty() ? null : password.getText().toCharArray());
        int p = parsePort();
        if (p == 0) {
            showStatus("The port must be a number from 1 to 65535.", true);
            return;
        }
        s.port(p);
        MqttPeer created;
        try {
            if (path(ca) != null) s.caFile(path(ca));
            if (path(clientCert) != null) s.clientCertificateFile(path(clientCert));
            if (path(clientKey) != null) s.clientKeyFile(path(clientKey));
            created = new MqttPeer(s);
        } catch (IOException | IllegalArgumentException e) {
            showStatus("Cannot connect: " + e.getMessage(), true);
            return;
        } finally {
            s.wipeSecrets();
        }
        peer = created;
        Display display = status.getDisplay();
        created.addListener(new PeerListener() {
            @Override public void message(PeerMessage m) {
                ui(display, () -> messages.add(m));
            }

            @Override public void connectionLost(String reason) {
                ui(display, () -> {
                    if (peer == created) {
                        peer = null;
                        connected = false;
                        subscribed.clear();
                        subscriptions.setText("");
                        connectedChanged();
                        showStatus("Connection lost: " + reason, true);
                    }
                });
            }
        });
        showStatus("Connecting to " + s.host() + ":" + s.port() + "…", false);
        connectedChanged();
        created.connect().whenComplete((v, e) -> ui(display, () -> {
            if (peer != created) {
                return;
            }
            if (e != null) {
                peer = null;
                created.close();
                connectedChanged();
                showStatus(message(e), true);
            } else {
                connected = true;
                connectedChanged();
                showStatus("Connected to " + s.host() + ":" + s.port() + " as " + clientId.getText().trim() + ".", false);
            }
        }));
    }

    public void disconnect() {
        MqttPeer p = peer;
        if (p == null) {
            return;
        }
        peer = null;
        connected = false;
        subscribed.clear();
        subscriptions.setText("");
        connectedChanged();
        Display display = status.getDisplay();
        p.disconnect().whenComplete((v, e) -> {
            p.close();
            ui(display, () -> showStatus(e == null ? "Disconnected." : "Disconnected (" + message(e) + ").", e != null));
        });
    }

    public void subscribe() {
        MqttPeer p = peer;
        String f = filter.getText().trim();
        if (p == null || !connected) {
            showStatus("Connect first.", true);
            return;
        }
        if (f.isEmpty()) {
            showStatus("Enter a topic filter (# for everything).", true);
            return;
        }
        int q = subscribeQos.getSelectionIndex();
        Display display = status.getDisplay();
        run(p.subscribe(f, q), display, () -> {
            subscribed.add(f);
            subscriptions.setText("Subscribed: " + String.join(", ", subscribed));
            subscriptions.getParent().layout(true);
            showStatus("Subscribed to " + f + " (QoS " + q + ").", false);
        });
    }

    public void publish() {
        MqttPeer p = peer;
        String t = pubTopic.getText().trim();
        if (p == null || !connected) {
            showStatus("Connect first.", true);
            return;
        }
        if (t.isEmpty() || t.contains("#") || t.contains("+")) {
            showStatus("Enter a topic to publish to (no wildcards).", true);
            return;
        }
        int q = pubQos.getSelectionIndex();
        boolean r = retain.getSelection();
        byte[] payload = pubPayload.getText().getBytes(StandardCharsets.UTF_8);
        run(p.publish(t, payload, q, r), status.getDisplay(),
                () -> showStatus("Published " + payload.length + " bytes to " + t + " (QoS " + q + (r ? ", retained" : "") + ").", false));
    }

    private void run(CompletableFuture<Void> f, Display display, Runnable ok) {
        f.whenComplete((v, e) -> ui(display, () -> {
            if (e != null) {
                showStatus(message(e), true);
            } else {
                ok.run();
            }
        }));
    }

    // --- helpers --------------------------------------------------------------------------

    private void ui(Display display, Runnable r) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!status.isDisposed()) {
                    r.run();
                }
            });
        }
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private void connectedChanged() {
        boolean on = peer != null;
        connect.setEnabled(!on);
        disconnect.setEnabled(on);
        for (Text t : new Text[] {host, port, ca, clientCert, clientKey, clientId, user, password}) {
            t.setEnabled(!on);
        }
        tls.setEnabled(!on);
    }

    private void showStatus(String text, boolean error) {
        status.setText(text);
        status.setForeground(error ? status.getDisplay().getSystemColor(SWT.COLOR_RED) : null);
        status.getParent().layout(true);
    }

    private int parsePort() {
        try {
            int p = Integer.parseInt(port.getText().trim());
            return p >= 1 && p <= 65535 ? p : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Path path(Text t) {
        String s = t.getText().trim();
        return s.isEmpty() ? null : Path.of(s);
    }

    private static Label label(Composite c, String text) {
        Label l = new Label(c, SWT.NONE);
        l.setText(text);
        return l;
    }

    private static Text text(Composite c, int span, String initial) {
        Text t = new Text(c, SWT.BORDER);
        t.setText(initial);
        GridDataFactory.fillDefaults().grab(true, false).span(span, 1).hint(120, SWT.DEFAULT).applyTo(t);
        return t;
    }

    private static Combo qos(Composite c) {
        Combo q = new Combo(c, SWT.READ_ONLY);
        q.setItems("0", "1");
        q.select(1);
        return q;
    }

    private static Button button(Composite c, String text, Runnable action) {
        Button b = new Button(c, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    private Text fileRow(Composite g, String label) {
        label(g, label);
        Text t = text(g, 2, "");
        Button b = new Button(g, SWT.PUSH);
        b.setText("…");
        b.setToolTipText("Choose the file");
        b.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getSite().getShell(), SWT.OPEN);
            String f = d.open();
            if (f != null) {
                t.setText(f);
            }
        });
        return t;
    }

    // --- for tests and for the wizard handing over its settings ----------------------------

    public void setConnection(String h, int p, boolean useTls, Path caFile, Path cert, Path key, String id) {
        host.setText(h);
        port.setText(Integer.toString(p));
        tls.setSelection(useTls);
        ca.setText(caFile == null ? "" : caFile.toString());
        clientCert.setText(cert == null ? "" : cert.toString());
        clientKey.setText(key == null ? "" : key.toString());
        clientId.setText(id == null ? "" : id);
    }

    /**
     * Fills in the connection, credentials and topics of a device's broker (from the wizard's last
     * run or a generated project); disconnects first. It does not connect: the user presses Connect.
     */
    public void prefill(PeerTarget t) {
        if (isConnected()) {
            disconnect();
        }
        setConnection(t.host(), t.port(), true, t.ca(), t.clientCertificate(), t.clientKey(), t.clientId());
        user.setText(t.userName() == null ? "" : t.userName());
        password.setText(t.password() == null ? "" : t.password());
        setSubscription(t.subscribeTo(), 1);
        setPublication(t.publishTo(), "", 1, false);
        showStatus("Filled in from " + t.from() + (t.ca() == null ? " (no CA: choose one to verify the broker)" : "")
                + ": press Connect.", false);
    }

    public String userName() { return user.getText(); }
    public String host() { return host.getText(); }
    public String port() { return port.getText(); }
    public String clientId() { return clientId.getText(); }
    public String caFile() { return ca.getText(); }
    public String subscriptionFilter() { return filter.getText(); }
    public String publicationTopic() { return pubTopic.getText(); }

    public void setSubscription(String topicFilter, int qos) {
        filter.setText(topicFilter);
        subscribeQos.select(qos);
    }

    public void setPublication(String topic, String payload, int qos, boolean retained) {
        pubTopic.setText(topic);
        pubPayload.setText(payload);
        pubQos.select(qos);
        retain.setSelection(retained);
    }

    public void setHex(boolean on) {
        hex.setSelection(on);
        messages.setHex(on);
    }

    public boolean isConnected() {
        return connected && peer != null && peer.isConnected();
    }

    public String status() {
        return status.getText();
    }

    public List<String> subscriptions() {
        return List.copyOf(subscribed);
    }

    /** The table's rows as shown: time | topic | QoS | retain | payload. */
    public List<String> rows() {
        return java.util.Arrays.stream(messages.control().getItems())
                .map(i -> String.join(" | ", i.getText(0), i.getText(1), i.getText(2), i.getText(3), i.getText(4))).toList();
    }

    @Override
    public void setFocus() {
        host.setFocus();
    }

    @Override
    public void dispose() {
        MqttPeer p = peer;
        peer = null;
        if (p != null) {
            p.close();
        }
        super.dispose();
    }
}
