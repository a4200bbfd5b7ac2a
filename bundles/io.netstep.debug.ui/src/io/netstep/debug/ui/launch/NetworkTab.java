package io.netstep.debug.ui.launch;

import io.netstep.debug.launch.LaunchAttributes;
import io.netstep.debug.ui.preferences.Preferences;
import io.netstep.net.Fault;
import io.netstep.net.NetworkOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The virtual network: where connections go (the embedded broker or a broker on this PC), the
 * name map, faults, and a cloud profile (the AWS IoT Core emulator).
 */
public class NetworkTab extends AbstractLaunchConfigurationTab {

    /** The cloud profiles a launch can name (as {@code netstep run --cloud}). */
    public static final String NO_CLOUD = "", AWS_IOT = "aws-iot";
    private static final Pattern THING = Pattern.compile("[A-Za-z0-9:_-]{1,128}");

    private Button embedded;
    private Button external;
    private Text broker;
    private EntryTable nameMap;
    private EntryTable faults;
    private Combo cloud;
    private Text thing;
    private Text certs;
    private Text policy;

    @Override
    public String getName() {
        return "Network";
    }

    @Override
    public String getId() {
        return "io.netstep.debug.ui.networkTab";
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(c);
        setControl(c);

        Group b = new Group(c, SWT.NONE);
        b.setText("Broker: where the firmware's connections go unless the name map says otherwise");
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(b);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(b);
        embedded = new Button(b, SWT.RADIO);
        embedded.setText("&Embedded MQTT broker (TLS with a throwaway test CA)");
        GridDataFactory.fillDefaults().span(2, 1).applyTo(embedded);
        external = new Button(b, SWT.RADIO);
        external.setText("Broker &at host:port:");
        broker = new Text(b, SWT.SINGLE | SWT.BORDER);
        broker.setMessage("127.0.0.1:8883");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(broker);
        embedded.addListener(SWT.Selection, e -> changed());
        external.addListener(SWT.Selection, e -> changed());
        broker.addModifyListener(e -> changed());

        nameMap = new EntryTable(c, "&Name map: names the firmware resolves, and where they go",
                new String[] {"Name", "Goes to (host:port)"}, new int[] {240, 240},
                e -> {
                    int eq = e.indexOf('=');
                    return eq < 0 ? new String[] {e, ""} : new String[] {e.substring(0, eq), e.substring(eq + 1)};
                },
                NetworkTab::nameMapProblem, "broker.example.com=127.0.0.1:8883", this::changed);
        faults = new EntryTable(c, "&Faults the network injects",
                new String[] {"Fault (as netstep run --fault)"}, new int[] {480},
                e -> new String[] {e}, NetworkTab::faultProblem, "chunk=7,delay=2", this::changed);

        Group cl = new Group(c, SWT.NONE);
        cl.setText("&Cloud profile");
        GridLayoutFactory.swtDefaults().numColumns(4).applyTo(cl);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(cl);
        cloud = new Combo(cl, SWT.READ_ONLY);
        cloud.setItems("None", "AWS IoT Core emulator");
        cloud.select(0);
        new Label(cl, SWT.NONE).setText("&Thing name:");
        thing = new Text(cl, SWT.SINGLE | SWT.BORDER);
        thing.setMessage("optional");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(thing);
        new Label(cl, SWT.NONE).setText("Device certificates folder:");
        certs = pathText(cl, "empty: a private temporary folder");
        Button certsBrowse = createPushButton(cl, "Browse…", null);
        certsBrowse.addListener(SWT.Selection, e -> {
            String d = new DirectoryDialog(getShell()).open();
            if (d != null) {
                certs.setText(d);
            }
        });
        new Label(cl, SWT.NONE).setText("IoT &policy (JSON):");
        policy = pathText(cl, "empty: the thing-scoped default policy");
        Button policyBrowse = createPushButton(cl, "Browse…", null);
        policyBrowse.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] {"*.json", "*"});
            String f = d.open();
            if (f != null) {
                policy.setText(f);
            }
        });
        cloud.addListener(SWT.Selection, e -> changed());
        thing.addModifyListener(e -> changed());
    }

    private Text pathText(Composite parent, String hint) {
        Text t = new Text(parent, SWT.SINGLE | SWT.BORDER);
        t.setMessage(hint);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(t);
        t.addModifyListener(e -> changed());
        return t;
    }

    private void changed() {
        broker.setEnabled(external.getSelection());
        boolean aws = cloud.getSelectionIndex() == 1;
        thing.setEnabled(aws);
        certs.setEnabled(aws);
        policy.setEnabled(aws);
        updateLaunchConfigurationDialog();
    }

    /** What is wrong with a name map entry NAME=HOST:PORT, or null. */
    public static String nameMapProblem(String entry) {
        String e = entry.trim();
        int eq = e.indexOf('=');
        if (eq <= 0) {
            return "Write NAME=HOST:PORT, e.g. broker.example.com=127.0.0.1:8883";
        }
        String endpoint = BrokerText.endpointProblem(e.substring(eq + 1).trim(), "destination");
        if (endpoint != null) {
            return endpoint;
        }
        try {
            new NetworkOptions().map(e);
            return null;
        } catch (RuntimeException ex) {
            return ex.getMessage() == null ? "not a name map entry" : ex.getMessage();
        }
    }

    /** What is wrong with a fault spec, or null (the same parser as {@code netstep run --fault}). */
    public static String faultProblem(String spec) {
        if (spec.isBlank()) {
            return "Write a fault, e.g. chunk=7,delay=2 or refuse=broker.example.com";
        }
        try {
            Fault.parse(spec.trim());
            return null;
        } catch (RuntimeException ex) {
            return ex.getMessage() == null ? "not a fault: " + spec : ex.getMessage();
        }
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(LaunchAttributes.BROKER, Preferences.broker());
        config.setAttribute(LaunchAttributes.NAME_MAP, List.<String>of());
        config.setAttribute(LaunchAttributes.FAULTS, List.<String>of());
        config.setAttribute(LaunchAttributes.CLOUD_PROFILE, NO_CLOUD);
        config.setAttribute(LaunchAttributes.CLOUD_CERTS_DIR, "");
        config.setAttribute(LaunchAttributes.CLOUD_POLICY, "");
    }

    @Override
    public void initializeFrom(ILaunchConfiguration config) {
        String b = FirmwareTab.attribute(config, LaunchAttributes.BROKER).trim();
        boolean isEmbedded = b.isEmpty() || b.equalsIgnoreCase(LaunchAttributes.EMBEDDED_BROKER);
        embedded.setSelection(isEmbedded);
        external.setSelection(!isEmbedded);
        broker.setText(isEmbedded ? "" : b);
        nameMap.setEntries(list(config, LaunchAttributes.NAME_MAP));
        faults.setEntries(list(config, LaunchAttributes.FAULTS));
        String profile = FirmwareTab.attribute(config, LaunchAttributes.CLOUD_PROFILE).trim();
        boolean aws = profile.equals(AWS_IOT) || profile.startsWith(AWS_IOT + ":");
        cloud.select(aws ? 1 : 0);
        thing.setText(aws && profile.length() > AWS_IOT.length() ? profile.substring(AWS_IOT.length() + 1) : "");
        certs.setText(FirmwareTab.attribute(config, LaunchAttributes.CLOUD_CERTS_DIR));
        policy.setText(FirmwareTab.attribute(config, LaunchAttributes.CLOUD_POLICY));
        broker.setEnabled(!isEmbedded);
        thing.setEnabled(aws);
        certs.setEnabled(aws);
        policy.setEnabled(aws);
    }

    private static List<String> list(ILaunchConfiguration config, String name) {
        try {
            return config.getAttribute(name, List.<String>of());
        } catch (CoreException e) {
            return List.of();
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(LaunchAttributes.BROKER,
                embedded.getSelection() ? LaunchAttributes.EMBEDDED_BROKER : broker.getText().trim());
        config.setAttribute(LaunchAttributes.NAME_MAP, nameMap.entries());
        config.setAttribute(LaunchAttributes.FAULTS, faults.entries());
        String t = thing.getText().trim();
        config.setAttribute(LaunchAttributes.CLOUD_PROFILE,
                cloud.getSelectionIndex() == 1 ? (t.isEmpty() ? AWS_IOT : AWS_IOT + ":" + t) : NO_CLOUD);
        config.setAttribute(LaunchAttributes.CLOUD_CERTS_DIR, certs.getText().trim());
        config.setAttribute(LaunchAttributes.CLOUD_POLICY, policy.getText().trim());
    }

    @Override
    public boolean isValid(ILaunchConfiguration config) {
        String problem = problem(config);
        setErrorMessage(problem);
        return problem == null;
    }

    /** What stops a launch with these network settings, or null. */
    public static String problem(ILaunchConfiguration config) {
        String p = BrokerText.problem(FirmwareTab.attribute(config, LaunchAttributes.BROKER));
        if (p != null) {
            return p;
        }
        for (String e : list(config, LaunchAttributes.NAME_MAP)) {
            if ((p = nameMapProblem(e)) != null) {
                return "Name map entry " + e + ": " + p;
            }
        }
        for (String f : list(config, LaunchAttributes.FAULTS)) {
            if ((p = faultProblem(f)) != null) {
                return "Fault " + f + ": " + p;
            }
        }
        String profile = FirmwareTab.attribute(config, LaunchAttributes.CLOUD_PROFILE).trim();
        if (profile.startsWith(AWS_IOT + ":") && !THING.matcher(profile.substring(AWS_IOT.length() + 1)).matches()) {
            return "An AWS IoT thing name has 1 to 128 letters, digits, ':', '_' or '-'";
        }
        if (!profile.isEmpty() && !profile.equals(AWS_IOT) && !profile.startsWith(AWS_IOT + ":")) {
            return "Unknown cloud profile " + profile;
        }
        if (profile.isEmpty()) {
            return null;
        }
        String policyFile = FirmwareTab.attribute(config, LaunchAttributes.CLOUD_POLICY).trim();
        if (!policyFile.isEmpty()) {
            try {
                Path f = Path.of(FirmwareTab.substitute(policyFile));
                if (!Files.isRegularFile(f)) {
                    return "The IoT policy file " + f + " does not exist";
                }
            } catch (CoreException e) {
                return "IoT policy: " + e.getStatus().getMessage();
            } catch (RuntimeException e) {
                return "IoT policy: not a path: " + policyFile;
            }
        }
        String certsDir = FirmwareTab.attribute(config, LaunchAttributes.CLOUD_CERTS_DIR).trim();
        if (!certsDir.isEmpty()) {
            try {
                Path d = Path.of(FirmwareTab.substitute(certsDir));
                if (Files.exists(d) && !Files.isDirectory(d)) {
                    return "The certificates folder " + d + " is a file";
                }
            } catch (CoreException e) {
                return "Certificates folder: " + e.getStatus().getMessage();
            } catch (RuntimeException e) {
                return "Certificates folder: not a path: " + certsDir;
            }
        }
        return null;
    }
}
