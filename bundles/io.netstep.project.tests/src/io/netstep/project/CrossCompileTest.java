package io.netstep.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.net.broker.TestPki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The glue sources compile for the board: arm-none-eabi-gcc, Cortex-M4, hard float fpv4-sp-d16,
 * -Wall -Wextra -Werror, against the test's HAL stand-in, the ioLibrary-compatible driver's headers
 * and the TLS library's headers (see {@link ArmToolchain} for what is supplied and how).
 */
class CrossCompileTest {

    @TempDir
    static Path tmp;
    private static TestPki.PemFiles pem;

    @BeforeAll
    static void setUp() throws Exception {
        ArmToolchain.assumeInstalled();
        pem = Specs.pki(tmp.resolve("pki"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"EMBEDDED,MBEDTLS", "MOSQUITTO,MBEDTLS", "AWS_IOT,MBEDTLS", "CUSTOM,MBEDTLS", "MOSQUITTO,WOLFSSL", "AWS_IOT,WOLFSSL"})
    void glueCompilesForCortexM4HardFloat(BrokerProfile profile, TlsLibrary tls) throws Exception {
        ProjectSpec spec = Specs.forProfile(profile, tls, pem);
        Path dir = tmp.resolve(profile + "-" + tls + "/" + spec.name());
        ProjectGenerator.generate(spec, dir, ProgressListener.NONE);
        Path stubs = tmp.resolve(profile + "-" + tls + "/stubs");
        ArmToolchain.writeStubs(stubs, 16384);
        ArmToolchain.writeMainH(stubs, spec.pins());
        List<Path> objects = ArmToolchain.compileGlue(dir, stubs, tls);
        assertEquals(4, objects.size(), objects.toString());

        // hard-float Cortex-M4 objects, and the glue really calls the HAL / ioLibrary / TLS APIs
        Checkout.Result attrs = Checkout.run(dir, List.of("arm-none-eabi-readelf", "-A", stubs.resolve("w5500_port.o").toString()), 30);
        assertTrue(attrs.output().contains("Tag_ABI_VFP_args: VFP registers"), attrs.output());
        assertTrue(attrs.output().contains("Tag_FP_arch: VFPv4-D16"), attrs.output());
        String w5500 = Checkout.run(dir, List.of("arm-none-eabi-nm", stubs.resolve("w5500_port.o").toString()), 30).output();
        for (String sym : List.of("HAL_SPI_TransmitReceive", "HAL_GPIO_WritePin", "reg_wizchip_cs_cbfunc",
                "reg_wizchip_spi_cbfunc", "reg_wizchip_spiburst_cbfunc", "wizchip_init", "DHCP_run", "DNS_run", "hspi1")) {
            assertTrue(w5500.contains(" U " + sym + "\n"), sym + " in\n" + w5500);
        }
        assertTrue(!w5500.contains("netstep_"), "no shim in the board build:\n" + w5500);
        String tlsSyms = Checkout.run(dir, List.of("arm-none-eabi-nm", stubs.resolve("tls_port.o").toString()), 30).output();
        if (tls == TlsLibrary.MBEDTLS) {
            assertTrue(tlsSyms.contains(" U mbedtls_ssl_set_hostname\n"), tlsSyms);
            assertTrue(tlsSyms.contains(" T mbedtls_hardware_poll\n"), "RNG entropy for MBEDTLS_ENTROPY_HARDWARE_ALT:\n" + tlsSyms);
            assertTrue(!tlsSyms.contains("export_keys"), "no key export on the board:\n" + tlsSyms);
        } else {
            assertTrue(tlsSyms.contains(" U wolfSSL_UseSNI\n"), tlsSyms);
            assertTrue(tlsSyms.contains(" U wolfSSL_CTX_SetIORecv\n"), tlsSyms);
        }
    }

    @Test
    void mqttAppAlsoCompilesAgainstIoLibrarysOwnPahoCopy() throws Exception {
        ProjectSpec spec = Specs.forProfile(BrokerProfile.MOSQUITTO, TlsLibrary.MBEDTLS, pem);
        Path dir = tmp.resolve("iolib-mqtt/" + spec.name());
        ProjectGenerator.generate(spec, dir, ProgressListener.NONE);
        Path stubs = tmp.resolve("iolib-mqtt/stubs");
        ArmToolchain.writeStubs(stubs, 16384);
        ArmToolchain.writeMainH(stubs, spec.pins());
        Path iolib = ArmToolchain.writeIoLibraryMqttHeaders(stubs);
        List<String> cmd = new java.util.ArrayList<>(ArmToolchain.command(dir, stubs, dir.resolve("Core/Src/mqtt_app.c"),
                stubs.resolve("mqtt_app.o"), TlsLibrary.MBEDTLS));
        cmd.add(1, "-I" + iolib);   // found before the reference client's MQTTClient.h
        Checkout.Result r = Checkout.run(dir, cmd, 120);
        assertEquals(0, r.status(), r.output());
    }

    @Test
    void aTlsLibraryBufferSmallerThanTheBrokerNeedsStopsTheBuild() throws Exception {
        ProjectSpec spec = Specs.forProfile(BrokerProfile.AWS_IOT, TlsLibrary.MBEDTLS, pem);
        Path dir = tmp.resolve("small/" + spec.name());
        ProjectGenerator.generate(spec, dir, ProgressListener.NONE);
        Path stubs = tmp.resolve("small/stubs");
        ArmToolchain.writeStubs(stubs, 4096);   // an MCU config with 4 KB records; AWS sends ~5 KB
        ArmToolchain.writeMainH(stubs, spec.pins());
        Path src = dir.resolve("Core/Src/tls_port.c");
        Checkout.Result r = Checkout.run(dir, ArmToolchain.command(dir, stubs, src, stubs.resolve("tls_port.o"), TlsLibrary.MBEDTLS), 120);
        assertNotEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("MBEDTLS_SSL_IN_CONTENT_LEN is smaller than the broker's records need"), r.output());
        assertTrue(Files.notExists(stubs.resolve("tls_port.o")));
    }
}
