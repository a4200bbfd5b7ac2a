package io.netstep.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.net.broker.TestPki;
import io.netstep.project.cli.NewProjectCommand;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netstep new-project}: exit 0 with the files listed, 1 for settings with errors (nothing written), 2 for bad usage. */
class NewProjectCommandTest {

    @TempDir
    Path tmp;

    private record Run(int status, String out, String err) { }

    private static Run run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = NewProjectCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> folders() {
        return new ArrayList<>(List.of("--iolibrary", Checkout.wiznet().toString(), "--mqtt-client", Checkout.mqtt().toString(),
                "--shim", Checkout.shim().toString()));
    }

    @Test
    void awsIotProjectFromTheCommandLine() throws Exception {
        TestPki.PemFiles pem = Specs.pki(tmp.resolve("pki"));
        List<String> args = folders();
        args.addAll(List.of("--profile", "aws-iot", "--endpoint", Specs.AWS_ENDPOINT, "--thing", Specs.THING, "--ca",
                pem.ca().toString(), "--cert", pem.clientCert().toString(), "--key", pem.clientKey().toString(),
                "--cs", "PE11", "--mosi", "PB5", tmp.resolve("aws-device").toString()));
        Run r = run(args);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("wrote aws-device (aws-iot, mbedTLS)"), r.out());
        assertTrue(r.out().contains("  Core/Src/tls_port.c\n"), r.out());
        assertFalse(r.err().contains("JP6"), "PB5 for MOSI: no PA7 warning\n" + r.err());
        String config = Files.readString(tmp.resolve("aws-device/Core/Inc/netstep_app_config.h"));
        assertTrue(config.contains("#define NETSTEP_MQTT_CLIENT_ID \"" + Specs.THING + "\""), config);
        assertTrue(config.contains("#define NETSTEP_MQTT_TOPICS \"things/" + Specs.THING + "/echo\""), config);
        assertTrue(config.contains("#define NETSTEP_BROKER_HOST \"" + Specs.AWS_ENDPOINT + "\""), config);
        assertTrue(Files.readString(tmp.resolve("aws-device/aws-device.ioc")).contains("PE11.GPIO_Label=W5500_CS\n"));
        // the device key is in the sources: the CLI never prints it
        assertFalse((r.out() + r.err()).contains("PRIVATE KEY"));
    }

    @Test
    void settingsWithErrorsExit1AndWriteNothing() {
        List<String> args = folders();
        args.addAll(List.of("--profile", "aws-iot", "--endpoint", Specs.AWS_ENDPOINT, "--thing", Specs.THING,
                tmp.resolve("no-cert").toString()));
        Run r = run(args);
        assertEquals(1, r.status(), r.out());
        assertTrue(r.err().contains("certificates.cert: AWS IoT requires a device certificate and its key"), r.err());
        assertTrue(r.err().contains("nothing was written"), r.err());
        assertFalse(Files.exists(tmp.resolve("no-cert")));
    }

    @Test
    void badUsageExits2() {
        assertEquals(2, run(List.of("--profile", "mosquitto")).status(), "DIR missing");
        assertEquals(2, run(List.of("--profile", "hivemq", tmp.toString())).status(), "unknown profile");
        assertEquals(2, run(List.of("--frobnicate", "x", tmp.toString())).status(), "unknown option");
        Run noLib = run(List.of("--shim", Checkout.shim().toString(), tmp.resolve("x").toString()));
        assertEquals(2, noLib.status());
        assertTrue(noLib.err().contains("--iolibrary DIR is required"), noLib.err());
        Run pin = run(List.of("--iolibrary", "x", "--shim", "y", "--cs", "PZ99", tmp.resolve("x").toString()));
        assertEquals(2, pin.status());
        assertTrue(pin.err().contains("CS pin 'PZ99' is not an STM32 pin name"), pin.err());
        assertEquals(0, run(List.of("--help")).status());
    }
}
