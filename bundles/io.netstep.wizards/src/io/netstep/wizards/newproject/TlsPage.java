package io.netstep.wizards.newproject;

import io.netstep.certs.CertImport;
import io.netstep.certs.CertImportException;
import io.netstep.certs.CertValidator;
import io.netstep.certs.CertificateSet;
import io.netstep.certs.Finding;
import io.netstep.certs.Purpose;
import io.netstep.certs.Severity;
import io.netstep.certs.ValidationRequest;
import io.netstep.project.BrokerProfile;
import io.netstep.project.ProjectSpec;
import io.netstep.project.TlsLibrary;
import io.netstep.project.TlsVersion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/**
 * TLS library and the version it pins, the input buffer the broker's largest record needs, the
 * output buffer the device's largest record needs, SNI, and the certificates:
 * each file is imported and validated as it is chosen, the findings shown under them.
 */
public final class TlsPage extends WizardPage {

    private Combo library;
    private Combo version;
    private Spinner inputBuffer;
    private Spinner outputBuffer;
    private Label measured;
    private Text ca;
    private Text clientCert;
    private Text clientKey;
    private Text findings;
    private List<Finding> lastFindings = List.of();
    private String importError;

    TlsPage() {
        super("tls");
        setTitle("TLS");
        setDescription("The TLS library, its buffers and the certificates the firmware carries.");
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(c);

        Layouts.label(c, "TLS library:");
        library = new Combo(c, SWT.READ_ONLY);
        for (TlsLibrary l : TlsLibrary.values()) {
            library.add(l.displayName());
        }
        library.select(0);
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.BEGINNING, SWT.CENTER).hint(160, SWT.DEFAULT).applyTo(library);

        Layouts.label(c, "TLS version:");
        version = new Combo(c, SWT.READ_ONLY);
        for (TlsVersion v : TlsVersion.values()) {
            version.add(v.displayName());
        }
        version.select(0);
        version.setToolTipText("Pinned: the firmware offers this version only (lowest = highest). mbedTLS 2.x does only TLS 1.2.");
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.BEGINNING, SWT.CENTER).hint(160, SWT.DEFAULT).applyTo(version);

        Layouts.label(c, "Input buffer (bytes):");
        inputBuffer = new Spinner(c, SWT.BORDER);
        inputBuffer.setValues(ProjectSpec.DEFAULT_TLS_BUFFER, 512, 16384, 0, 512, 1024);
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.BEGINNING, SWT.CENTER).hint(110, SWT.DEFAULT).applyTo(inputBuffer);
        Layouts.label(c, "");
        measured = new Label(c, SWT.WRAP);
        measured.setText("Not measured: run the preflight on the Broker page (16384 always fits).");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).hint(400, SWT.DEFAULT).applyTo(measured);

        Layouts.label(c, "Output buffer (bytes):");
        outputBuffer = new Spinner(c, SWT.BORDER);
        outputBuffer.setValues(ProjectSpec.DEFAULT_TLS_OUT_BUFFER, 512, 16384, 0, 512, 1024);
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.BEGINNING, SWT.CENTER).hint(110, SWT.DEFAULT).applyTo(outputBuffer);
        Layouts.label(c, "");
        Label outNote = new Label(c, SWT.WRAP);
        outNote.setText("The device's largest record: its certificate chain (mutual TLS) or an MQTT packet "
                + "(MBEDTLS_SSL_OUT_CONTENT_LEN).");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).hint(400, SWT.DEFAULT).applyTo(outNote);

        Layouts.label(c, "SNI:");
        Button sni = new Button(c, SWT.CHECK);
        sni.setText("On (always): the glue sends the broker's host name and checks its certificate against it");
        sni.setToolTipText("mbedtls_ssl_set_hostname() / wolfSSL_UseSNI() + wolfSSL_check_domain_name()");
        sni.setSelection(true);
        sni.setEnabled(false);
        GridDataFactory.fillDefaults().span(2, 1).hint(400, SWT.DEFAULT).applyTo(sni);

        Label head = Layouts.note(c, 3, "Certificates (PEM, DER or PKCS#12; they become C arrays in Core/Src/netstep_certs.c):");
        GridDataFactory.fillDefaults().span(3, 1).indent(0, 8).applyTo(head);
        ca = fileRow(c, "CA certificate:");
        clientCert = fileRow(c, "Client certificate:");
        clientKey = fileRow(c, "Client key:");

        findings = new Text(c, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).span(3, 1).hint(SWT.DEFAULT, 110).applyTo(findings);
        inputBuffer.addListener(SWT.Modify, e -> validate());
        outputBuffer.addListener(SWT.Modify, e -> validate());
        library.addListener(SWT.Selection, e -> validate());
        version.addListener(SWT.Selection, e -> validate());
        setControl(c);
        validate();
    }

    private Text fileRow(Composite c, String label) {
        Layouts.label(c, label);
        Text t = Layouts.text(c, 1, "");
        Button browse = new Button(c, SWT.PUSH);
        browse.setText("Browse…");
        browse.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] {"*.pem;*.crt;*.cer;*.der;*.key;*.p12;*.pfx", "*"});
            String f = d.open();
            if (f != null) {
                t.setText(f);
            }
        });
        t.addListener(SWT.Modify, e -> validate());
        return t;
    }

    /** The broker page's preflight measured the largest handshake record: size the input buffer for it. */
    void preflightMeasured(int largestRecord, String content) {
        int bytes = Math.min(16384, Math.max(1024, (largestRecord + 1023) / 1024 * 1024));
        if (((NewProjectWizard) getWizard()).brokerPage().profile() == BrokerProfile.AWS_IOT) {
            bytes = Math.max(bytes, ProjectSpec.AWS_MIN_TLS_BUFFER);
        }
        inputBuffer.setSelection(bytes);
        measured.setText("The broker's largest handshake record: " + largestRecord + " bytes (" + content + ") → " + bytes + " bytes.");
        measured.getParent().layout(true, true);
        validate();
    }

    private void validate() {
        List<Finding> all = new ArrayList<>();
        importError = null;
        StringBuilder text = new StringBuilder();
        CertificateSet caSet = load(caFile(), "CA certificate", text);
        CertificateSet certSet = load(clientCertificateFile(), "client certificate", text);
        CertificateSet keySet = load(clientKeyFile(), "client key", text);
        Instant now = Instant.now();
        if (caSet != null) {
            all.addAll(caSet.notes());
            all.addAll(CertValidator.validate(ValidationRequest.of(List.of(), caSet.certificates(), Purpose.CA, now)));
        }
        if (certSet != null) {
            all.addAll(certSet.notes());
            ValidationRequest r = ValidationRequest.of(certSet.certificates(), caSet == null ? List.of() : caSet.certificates(), Purpose.CLIENT, now);
            if (keySet != null && !keySet.keys().isEmpty()) {
                r = r.withKey(keySet.keys().get(0));
            }
            all.addAll(CertValidator.validate(r));
        }
        if (keySet != null) {
            all.addAll(keySet.notes());
            if (keySet.keys().isEmpty()) {
                importError = clientKeyFile().getFileName() + " holds no private key";
            } else {
                text.append("Client key: ").append(keySet.keys().get(0).describe()).append('\n');
            }
        }
        lastFindings = List.copyOf(all);
        for (Finding f : all) {
            text.append(f.severity() == Severity.ERROR ? "✖ " : f.severity() == Severity.WARNING ? "⚠ " : "• ").append(f.where().isEmpty() ? "" : f.where() + ": ")
                    .append(f.message());
            if (!f.fix().isEmpty()) text.append("\n    Fix: ").append(f.fix());
            text.append('\n');
        }
        if (caSet == null && certSet == null && keySet == null && importError == null) {
            text.append("No certificates chosen.");
        } else if (all.stream().noneMatch(f -> f.severity() != Severity.INFO) && importError == null) {
            text.append("✔ The certificates are consistent and accepted by ").append(library().displayName()).append('.');
        }
        findings.setText(text.toString().strip());
        String error = importError;
        if (error == null && (clientCertificateFile() == null) != (clientKeyFile() == null)) {
            error = "A client certificate needs its key, and the key its certificate.";
        }
        if (error == null && library() == TlsLibrary.MBEDTLS && version() == TlsVersion.TLS_1_3) {
            error = "mbedTLS 2.x (STM32Cube's middleware, Debian's 2.28) does only TLS 1.2: choose TLS 1.2 or wolfSSL.";
        }
        setErrorMessage(error);
        long errors = all.stream().filter(f -> f.severity() == Severity.ERROR).count();
        setMessage(errors > 0 ? errors + " problem(s) with the certificates: see below." : null, WARNING);
        setPageComplete(error == null);
    }

    private CertificateSet load(Path file, String what, StringBuilder text) {
        if (file == null) {
            return null;
        }
        if (!Files.isReadable(file)) {
            importError = "The " + what + " file " + file + " cannot be read.";
            return null;
        }
        try {
            CertificateSet s = CertImport.read(file, null);
            if (!s.certificates().isEmpty()) {
                text.append(capital(what)).append(": ").append(s.certificates().get(0).getSubjectX500Principal().getName())
                        .append(s.certificates().size() > 1 ? " (+" + (s.certificates().size() - 1) + " more)" : "").append('\n');
            }
            return s;
        } catch (CertImportException e) {
            importError = e.getMessage();
            return null;
        }
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Path path(Text t) {
        if (t == null) {
            return null;
        }
        String s = t.getText().trim();
        return s.isEmpty() ? null : Path.of(s);
    }

    public TlsLibrary library() { return TlsLibrary.values()[Math.max(0, library.getSelectionIndex())]; }
    public void setLibrary(TlsLibrary l) { library.select(l.ordinal()); validate(); }
    public int inputBufferBytes() { return inputBuffer.getSelection(); }
    public int outputBufferBytes() { return outputBuffer == null ? ProjectSpec.DEFAULT_TLS_OUT_BUFFER : outputBuffer.getSelection(); }
    public void setOutputBufferBytes(int b) { outputBuffer.setSelection(b); }
    public TlsVersion version() { return version == null ? TlsVersion.TLS_1_2 : TlsVersion.values()[Math.max(0, version.getSelectionIndex())]; }
    public void setVersion(TlsVersion v) { version.select(v.ordinal()); validate(); }
    public void setInputBufferBytes(int b) { inputBuffer.setSelection(b); }
    public Path caFile() { return path(ca); }
    public Path clientCertificateFile() { return path(clientCert); }
    public Path clientKeyFile() { return path(clientKey); }
    public void setCaFile(Path p) { ca.setText(p == null ? "" : p.toString()); }
    public void setClientCertificateFile(Path p) { clientCert.setText(p == null ? "" : p.toString()); }
    public void setClientKeyFile(Path p) { clientKey.setText(p == null ? "" : p.toString()); }
    /** The certificate findings as shown on the page. */
    public String findingsText() { return findings.getText(); }
    public List<Finding> findings() { return lastFindings; }
}
