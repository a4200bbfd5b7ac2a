package io.netstep.project.cli;

import io.netstep.project.BoardPreset;
import io.netstep.project.BrokerProfile;
import io.netstep.project.GeneratedProject;
import io.netstep.project.ProjectGenerator;
import io.netstep.project.ProjectSpec;
import io.netstep.project.SpecProblem;
import io.netstep.project.TlsLibrary;
import io.netstep.project.TlsVersion;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code netstep new-project [options] DIR}: the headless new-project wizard. Exit status 0 when
 * the project was written, 1 when the settings have errors or a file could not be read or written
 * (nothing is written then), 2 for bad usage.
 */
public final class NewProjectCommand {

    static final String USAGE = String.join("\n",
            "usage: netstep new-project [options] DIR",
            "  --board nucleo-f429zi            board preset (default nucleo-f429zi)",
            "  --profile embedded|mosquitto|aws-iot|custom   broker profile (default embedded)",
            "  --broker HOST[:PORT]             broker (mosquitto, custom; default port 8883)",
            "  --endpoint HOST --thing NAME     AWS IoT endpoint and thing name (client ID = thing name)",
            "  --client-id ID  --keepalive S  --topic T (repeatable; the first gets the hello)  --message M",
            "  --tls mbedtls|wolfssl            TLS library (default mbedtls)",
            "  --tls-version 1.2|1.3            the TLS version the glue pins (default 1.2; 1.3 needs wolfSSL)",
            "  --tls-buffer BYTES               TLS input buffer, the broker's largest record (default 16384)",
            "  --tls-out-buffer BYTES           TLS output buffer, the device's largest record (default 4096)",
            "  --user NAME --password-file FILE MQTT credentials; the password is the file's first line. Both go to",
            "                                   Core/Inc/netstep_secrets.h (mode 0600, in the project's .gitignore)",
            "  --ca FILE --cert FILE --key FILE certificates (PEM or DER) written as C arrays",
            "  --iolibrary DIR                  WIZnet ioLibrary folder, linked into the project (required)",
            "  --mqtt-client DIR                paho MQTTClient folder (default: ioLibrary's Internet/MQTT)",
            "  --shim DIR                       build the Host configuration against this NetStep shim folder",
            "                                   (default: copy the shim's sources into the project, NetStep/shim)",
            "  --cs PIN --reset PIN --int PIN --mosi PIN   W5500 pins (default PD14, PF13, PF12, PA7)",
            "  --static-ip A.B.C.D --netmask M --gateway G --dns D   static address instead of DHCP",
            "  --mac XX:XX:XX:XX:XX:XX          the W5500's MAC address",
            "  --name NAME                      project name (default: DIR's name)",
            "  --relative-paths                 keep folders relative to DIR (movable with the checkout)");

    private NewProjectCommand() { }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("netstep new-project: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (o.help) {
            out.println(USAGE);
            return 0;
        }
        ProjectSpec spec;
        try {
            spec = o.spec();
        } catch (IllegalArgumentException e) {
            err.println("netstep new-project: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("netstep new-project: " + e.getMessage());
            return 1;
        }
        try {
            GeneratedProject p = ProjectGenerator.generate(spec, o.dir, (step, done, total) -> { });
            for (SpecProblem w : p.warnings()) {
                err.println("netstep new-project: warning: " + w.field() + ": " + w.message());
            }
            out.println("wrote " + spec.name() + " (" + spec.broker().profile().cliName() + ", "
                    + spec.tls().library().displayName() + ") to " + p.dir() + ":");
            for (String f : p.files()) {
                out.println("  " + f);
            }
            return 0;
        } catch (ProjectGenerator.InvalidSpecException e) {
            for (SpecProblem pr : e.errors()) {
                err.println("netstep new-project: " + pr.field() + ": " + pr.message());
            }
            err.println("netstep new-project: nothing was written");
            return 1;
        } catch (IOException e) {
            err.println("netstep new-project: " + e.getMessage());
            return 1;
        }
    }

    private static final class Options {
        Path dir;
        boolean help;
        boolean relative;
        String name;
        String board = "nucleo-f429zi";
        String profile = "embedded";
        String broker;
        String endpoint;
        String thing;
        String clientId;
        Integer keepAlive;
        final List<String> topics = new ArrayList<>();
        String message;
        String tls = "mbedtls";
        Integer tlsBuffer;
        Integer tlsOutBuffer;
        String tlsVersion;
        String user;
        Path passwordFile;
        Path ca;
        Path cert;
        Path key;
        String ioLibrary;
        String mqttClient;
        String shim;
        String cs;
        String reset;
        String intPin;
        String mosi;
        String staticIp;
        String netmask = "255.255.255.0";
        String gateway;
        String dns;
        String mac;

        static Options parse(List<String> args) {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("-h") || a.equals("--help")) {
                    o.help = true;
                    continue;
                }
                if (a.equals("--relative-paths")) {
                    o.relative = true;
                    continue;
                }
                if (!a.startsWith("--")) {
                    if (o.dir != null) {
                        throw new IllegalArgumentException("more than one DIR: " + o.dir + " and " + a);
                    }
                    o.dir = Path.of(a);
                    continue;
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args.get(++i);
                switch (a) {
                    case "--board" -> o.board = v;
                    case "--profile" -> o.profile = v;
                    case "--broker" -> o.broker = v;
                    case "--endpoint" -> o.endpoint = v;
                    case "--thing" -> o.thing = v;
                    case "--client-id" -> o.clientId = v;
                    case "--keepalive" -> o.keepAlive = number(a, v);
                    case "--topic" -> o.topics.add(v);
                    case "--message" -> o.message = v;
                    case "--tls" -> o.tls = v;
                    case "--tls-buffer" -> o.tlsBuffer = number(a, v);
                    case "--tls-out-buffer" -> o.tlsOutBuffer = number(a, v);
                    case "--tls-version" -> o.tlsVersion = v;
                    case "--user" -> o.user = v;
                    case "--password-file" -> o.passwordFile = Path.of(v);
                    case "--ca" -> o.ca = Path.of(v);
                    case "--cert" -> o.cert = Path.of(v);
                    case "--key" -> o.key = Path.of(v);
                    case "--iolibrary" -> o.ioLibrary = v;
                    case "--mqtt-client" -> o.mqttClient = v;
                    case "--shim" -> o.shim = v;
                    case "--cs" -> o.cs = v;
                    case "--reset" -> o.reset = v;
                    case "--int" -> o.intPin = v;
                    case "--mosi" -> o.mosi = v;
                    case "--static-ip" -> o.staticIp = v;
                    case "--netmask" -> o.netmask = v;
                    case "--gateway" -> o.gateway = v;
                    case "--dns" -> o.dns = v;
                    case "--mac" -> o.mac = v;
                    case "--name" -> o.name = v;
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (o.dir == null && !o.help) {
                throw new IllegalArgumentException("DIR (where the project goes) is missing");
            }
            return o;
        }

        private static int number(String option, String v) {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes a number, not '" + v + "'");
            }
        }

        /** A folder as the spec keeps it: absolute, or relative to DIR with --relative-paths. */
        private String folder(String given) {
            if (given == null) {
                return null;
            }
            Path abs = Path.of(given).toAbsolutePath().normalize();
            if (!relative) {
                return abs.toString();
            }
            return dir.toAbsolutePath().normalize().relativize(abs).toString().replace('\\', '/');
        }

        /** The password file's first line (a password on the command line would show in ps and the shell history). */
        private String password() throws IOException {
            if (passwordFile == null) {
                return null;
            }
            if (user == null) {
                throw new IllegalArgumentException("--password-file needs --user (MQTT 3.1.1 sends a password only with a user name)");
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IOException("cannot read the password file " + passwordFile + ": " + e.getMessage(), e);
            }
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new IllegalArgumentException("the password file " + passwordFile + " is empty");
            }
            return lines.get(0);
        }

        ProjectSpec spec() throws IOException {
            String projectName = name != null ? name : dir.toAbsolutePath().normalize().getFileName().toString();
            BrokerProfile p = BrokerProfile.byCliName(profile);
            BoardPreset b = BoardPreset.byCliName(board);
            ProjectSpec.Builder s = ProjectSpec.builder(projectName).board(b).profile(p).tls(TlsLibrary.byCliName(tls));
            if (p == BrokerProfile.AWS_IOT) {
                if (broker != null) {
                    s.broker(broker);
                }
                if (endpoint != null) {
                    s.host(endpoint);
                }
            } else {
                if (endpoint != null || thing != null) {
                    throw new IllegalArgumentException("--endpoint and --thing are for --profile aws-iot");
                }
                if (broker != null) {
                    s.broker(broker);
                }
            }
            s.thing(thing).clientId(clientId);
            if (keepAlive != null) {
                s.keepAlive(keepAlive);
            }
            topics.forEach(s::topic);
            if (message != null) {
                s.message(message);
            }
            if (tlsBuffer != null) {
                s.tlsInputBuffer(tlsBuffer);
            }
            if (tlsOutBuffer != null) {
                s.tlsOutputBuffer(tlsOutBuffer);
            }
            if (tlsVersion != null) {
                s.tlsVersion(TlsVersion.byCliName(tlsVersion));
            }
            s.userName(user).password(password());
            s.ca(ca).clientCertificate(cert).clientKey(key);
            if (ioLibrary == null) {
                throw new IllegalArgumentException("--iolibrary DIR is required (WIZnet ioLibrary_Driver; NetStep's own "
                        + "ioLibrary-compatible driver is native/firmware/wiznet, with --mqtt-client native/firmware/mqtt)");
            }
            s.ioLibrary(folder(ioLibrary)).mqttClient(folder(mqttClient));
            s.shim(folder(shim)); // null: the shim's sources are copied into the project
            var def = b.defaultPins();
            s.pins(new io.netstep.project.W5500Pins(mosi != null ? mosi : def.mosi(), cs != null ? cs : def.chipSelect(),
                    reset != null ? reset : def.reset(), intPin != null ? intPin : def.interrupt()));
            String macAddress = mac != null ? mac : "00:08:DC:4E:53:10";
            s.network(staticIp == null ? new ProjectSpec.Network(true, macAddress, null, null, null, null)
                    : new ProjectSpec.Network(false, macAddress, staticIp, netmask, gateway, dns));
            return s.build();
        }
    }
}
