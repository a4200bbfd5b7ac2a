package io.netstep.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.net.broker.TestPki;
import io.netstep.project.internal.IocFile;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Projects for every broker profile: the XML files parse and carry STM32CubeIDE's ids, the .ioc is
 * sorted and escaped as CubeMX writes it and sets SPI, the W5500 GPIOs and the mbedTLS middleware,
 * the settings reach the sources, and a project regenerates byte for byte.
 */
class ProjectFilesTest {

    private static final String ST = "com.st.stm32cube.ide.mcu.gnu.managedbuild.";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(BrokerProfile.class)
    void everyProfileGivesWellFormedStm32CubeIdeFiles(BrokerProfile profile) throws Exception {
        TestPki.PemFiles pem = Specs.pki(tmp.resolve("pki"));
        ProjectSpec spec = Specs.forProfile(profile, TlsLibrary.MBEDTLS, pem);
        Path dir = tmp.resolve(spec.name());
        GeneratedProject p = ProjectGenerator.generate(spec, dir, ProgressListener.NONE);
        for (String f : p.files()) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }

        // .project: CDT + STM32CubeIDE natures, builders, linked ioLibrary and MQTT folders
        Document project = parse(dir.resolve(".project"));
        List<String> natures = texts(project, "nature");
        for (String n : List.of("com.st.stm32cube.ide.mcu.MCUProjectNature", "org.eclipse.cdt.core.cnature",
                "com.st.stm32cube.ide.mcu.MCUCubeProjectNature", "com.st.stm32cube.ide.mcu.MCUCubeIdeServicesRevAev2ProjectNature",
                "org.eclipse.cdt.managedbuilder.core.managedBuildNature", "org.eclipse.cdt.managedbuilder.core.ScannerConfigNature")) {
            assertTrue(natures.contains(n), n + " in " + natures);
        }
        assertEquals(List.of("org.eclipse.cdt.managedbuilder.core.genmakebuilder", "org.eclipse.cdt.managedbuilder.core.ScannerConfigBuilder"),
                texts(project, "buildCommand").stream().map(String::strip).toList());
        Map<String, String> links = new HashMap<>();
        NodeList linkNodes = project.getElementsByTagName("link");
        for (int i = 0; i < linkNodes.getLength(); i++) {
            Element l = (Element) linkNodes.item(i);
            links.put(text(l, "name"), text(l, "locationURI"));
        }
        assertEquals(Checkout.wiznet().toUri().toString().replaceAll("/$", ""), links.get("ioLibrary"));
        assertEquals(Checkout.mqtt().toUri().toString().replaceAll("/$", ""), links.get("MQTT"));

        // .cproject: Debug + Release with STM32CubeIDE's toolchain and the board's MCU, and Host
        Document cproject = parse(dir.resolve(".cproject"));
        List<Element> configs = elements(cproject, "cconfiguration");
        assertEquals(3, configs.size());
        Element debug = configs.get(0);
        Element release = configs.get(1);
        Element host = configs.get(2);
        assertTrue(debug.getAttribute("id").matches("com\\.st\\.stm32cube\\.ide\\.mcu\\.gnu\\.managedbuild\\.config\\.exe\\.debug\\.\\d+"));
        assertTrue(release.getAttribute("id").matches("com\\.st\\.stm32cube\\.ide\\.mcu\\.gnu\\.managedbuild\\.config\\.exe\\.release\\.\\d+"));
        for (Element mcu : List.of(debug, release)) {
            String kind = mcu == debug ? "debug" : "release";
            Element toolChain = first(mcu, "toolChain");
            assertEquals(ST + "toolchain.exe." + kind, toolChain.getAttribute("superClass"));
            assertEquals("MCU ARM GCC", toolChain.getAttribute("name"));
            assertEquals("STM32F429ZITx", option(mcu, ST + "option.target_mcu").getAttribute("value"));
            assertEquals("NUCLEO-F429ZI", option(mcu, ST + "option.target_board").getAttribute("value"));
            assertEquals(ST + "option.fpu.value.fpv4-sp-d16", option(mcu, ST + "option.fpu").getAttribute("value"));
            assertEquals(ST + "option.floatabi.value.hard", option(mcu, ST + "option.floatabi").getAttribute("value"));
            assertTrue(option(mcu, ST + "option.defaults").getAttribute("value")
                    .startsWith("com.st.stm32cube.ide.common.services.build.inputs.revA.1.0.6 || "));
            assertEquals("${workspace_loc:/${ProjName}/STM32F429ZITX_FLASH.ld}",
                    option(mcu, ST + "tool.c.linker.option.script").getAttribute("value"));
            List<String> defines = values(option(mcu, ST + "tool.c.compiler.option.definedsymbols"));
            assertTrue(defines.containsAll(List.of("USE_HAL_DRIVER", "STM32F429xx", "_WIZCHIP_=W5500")), defines.toString());
            assertEquals(kind.equals("debug"), defines.contains("DEBUG"));
            List<String> includes = values(option(mcu, ST + "tool.c.compiler.option.includepaths"));
            assertTrue(includes.contains("../Core/Inc") && includes.contains("\"${workspace_loc:/${ProjName}/ioLibrary/include}\""),
                    includes.toString());
            List<String> tools = elements(mcu, "tool").stream().map(t -> t.getAttribute("superClass")).toList();
            for (String t : List.of("tool.assembler", "tool.c.compiler", "tool.c.linker", "tool.archiver", "tool.size",
                    "tool.objdump.listfile", "tool.objcopy.hex", "tool.objcopy.binary")) {
                assertTrue(tools.contains(ST + t), t);
            }
            List<String> sources = elements(mcu, "entry").stream().map(e -> e.getAttribute("name")).toList();
            assertTrue(sources.containsAll(List.of("Core", "Drivers", "ioLibrary", "MQTT")), sources.toString());
            assertFalse(sources.contains("NetStep"), "the host-only folder stays out of the board build");
        }
        assertEquals("Host", first(host, "configuration").getAttribute("name"));
        Element builder = first(host, "builder");
        assertEquals("make", builder.getAttribute("command"));
        assertEquals("-f NetStep/host.mk", builder.getAttribute("arguments"));
        assertEquals("false", builder.getAttribute("managedBuildOn"));
        assertEquals("cdt.managedbuild.toolchain.gnu.base", first(host, "toolChain").getAttribute("superClass"));
        assertTrue(values(option(host, "gnu.c.compiler.option.include.paths")).contains(Checkout.shim() + "/include"));
        assertTrue(values(option(host, "gnu.c.link.option.libs")).containsAll(List.of("netstep_shim", "mbedtls")));

        // the launch configuration for the virtual W5500
        Document launch = parse(dir.resolve(spec.name() + " (NetStep virtual W5500).launch"));
        assertEquals("io.netstep.debug.launchType", launch.getDocumentElement().getAttribute("type"));
        Map<String, String> attrs = new HashMap<>();
        for (Element a : elements(launch, "stringAttribute")) {
            attrs.put(a.getAttribute("key"), a.getAttribute("value"));
        }
        assertEquals("${workspace_loc:/" + spec.name() + "/Host/" + spec.name() + "}", attrs.get("io.netstep.debug.firmware"));
        assertEquals(profile == BrokerProfile.EMBEDDED ? "embedded" : spec.broker().host() + ":" + spec.broker().port(),
                attrs.get("io.netstep.debug.broker"));

        // .mxproject: CubeMX's three sections
        String mx = Files.readString(dir.resolve(".mxproject"));
        for (String section : List.of("[PreviousLibFiles]", "[PreviousUsedCubeIDEFiles]", "[PreviousGenFiles]")) {
            assertTrue(mx.contains(section + "\n"), section);
        }

        // the settings reach the C sources
        String config = Files.readString(dir.resolve("Core/Inc/netstep_app_config.h"));
        assertTrue(config.contains("#define NETSTEP_BROKER_HOST \"" + spec.broker().host() + "\""), config);
        assertTrue(config.contains("#define NETSTEP_BROKER_PORT " + spec.broker().port() + "u"), config);
        assertTrue(config.contains("#define NETSTEP_MQTT_CLIENT_ID \"" + spec.mqtt().clientId() + "\""), config);
        assertTrue(config.contains("#define NETSTEP_MQTT_TOPICS " + spec.mqtt().topics().stream().map(t -> "\"" + t + "\"")
                .collect(Collectors.joining(", "))), config);
        String certs = Files.readString(dir.resolve("Core/Src/netstep_certs.c"));
        boolean hasKey = spec.certificates().clientKey() != null;
        assertEquals(hasKey, certs.contains("-----BEGIN PRIVATE KEY-----"));
        assertEquals(hasKey ? "rw-------" : "rw-r--r--",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("Core/Src/netstep_certs.c"))));
        if (profile == BrokerProfile.AWS_IOT) {
            assertEquals(Specs.THING, spec.mqtt().clientId(), "AWS IoT: the client ID is the thing name");
            assertEquals(List.of("things/" + Specs.THING + "/echo"), spec.mqtt().topics());
            assertEquals(8883, spec.broker().port());
            assertEquals("aws-iot:" + Specs.THING, attrs.get("io.netstep.debug.cloudProfile"));
            assertEquals("${workspace_loc:/" + spec.name() + "/NetStep/aws-iot-policy.json}", attrs.get("io.netstep.debug.cloudPolicy"));
            String policy = Files.readString(dir.resolve("NetStep/aws-iot-policy.json"));
            assertTrue(policy.contains("\"arn:aws:iot:eu-west-1:*:client/" + Specs.THING + "\""), policy);
            assertTrue(policy.contains("\"arn:aws:iot:eu-west-1:*:topic/things/" + Specs.THING + "/echo\""), policy);
            assertTrue(policy.contains("\"arn:aws:iot:eu-west-1:*:topicfilter/things/" + Specs.THING + "/echo\""), policy);
        } else {
            assertEquals("", attrs.get("io.netstep.debug.cloudProfile"));
            assertFalse(Files.exists(dir.resolve("NetStep/aws-iot-policy.json")));
        }
        String tls = Files.readString(dir.resolve("Core/Src/tls_port.c"));
        assertTrue(tls.contains("mbedtls_ssl_set_hostname(&ssl, server_name)"));
        assertTrue(tls.contains("return MBEDTLS_ERR_SSL_WANT_READ;"));

        assertIocAsCubeMxWritesIt(dir.resolve(spec.name() + ".ioc"), spec);
    }

    private static void assertIocAsCubeMxWritesIt(Path ioc, ProjectSpec spec) throws IOException {
        List<String> lines = Files.readAllLines(ioc, StandardCharsets.ISO_8859_1);
        assertEquals(IocFile.HEADER, lines.get(0));
        List<String> keys = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            int eq = unescapedEquals(line);
            assertTrue(eq > 0, "not key=value: " + line);
            keys.add(line.substring(0, eq));
        }
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        assertEquals(sorted, keys, "keys sorted as CubeMX writes them");
        // CubeMX escapes ':' in values as "\:" (java.util.Properties' format)
        String nvic = lines.stream().filter(l -> l.startsWith("NVIC.SysTick_IRQn=")).findFirst().orElseThrow();
        assertEquals("NVIC.SysTick_IRQn=true\\:15\\:0\\:false\\:false\\:true\\:false\\:true\\:false", nvic);
        // and what the file says, read back the way CubeMX reads it
        Properties p = new Properties();
        p.load(new StringReader(String.join("\n", lines)));
        assertEquals("STM32F429ZITx", p.getProperty("Mcu.Name"));
        assertEquals("NUCLEO-F429ZI", p.getProperty("board"));
        assertEquals("STM32CubeIDE", p.getProperty("ProjectManager.TargetToolchain"));
        assertEquals(spec.name(), p.getProperty("ProjectManager.ProjectName"));
        assertEquals("Core/Src", p.getProperty("ProjectManager.MainLocation"));
        assertEquals("SPI1_SCK", p.getProperty("PA5.Signal"));
        assertEquals("SPI1_MISO", p.getProperty("PA6.Signal"));
        assertEquals("SPI1_MOSI", p.getProperty(spec.pins().mosi() + ".Signal"));
        assertEquals("Full_Duplex_Master", p.getProperty("PA5.Mode"));
        assertEquals("SPI_MODE_MASTER", p.getProperty("SPI1.Mode"));
        assertEquals("SPI_DIRECTION_2LINES", p.getProperty("SPI1.Direction"));
        assertEquals("W5500_CS", p.getProperty(spec.pins().chipSelect() + ".GPIO_Label"));
        assertEquals("GPIO_Output", p.getProperty(spec.pins().chipSelect() + ".Signal"));
        assertEquals("W5500_RESET", p.getProperty(spec.pins().reset() + ".GPIO_Label"));
        int line = W5500Pins.number(spec.pins().interrupt());
        assertEquals("GPXTI" + line, p.getProperty(spec.pins().interrupt() + ".Signal"));
        assertEquals("GPIO_EXTI" + line, p.getProperty("SH.GPXTI" + line + ".0"));
        assertEquals(String.valueOf(spec.tls().inputBufferBytes()), p.getProperty("MBEDTLS.MBEDTLS_SSL_MAX_CONTENT_LEN"));
        // every Mcu.IPn / Mcu.Pinn is counted
        int ips = Integer.parseInt(p.getProperty("Mcu.IPNb"));
        int pins = Integer.parseInt(p.getProperty("Mcu.PinsNb"));
        for (int i = 0; i < ips; i++) {
            assertNotNull(p.getProperty("Mcu.IP" + i));
        }
        for (int i = 0; i < pins; i++) {
            assertNotNull(p.getProperty("Mcu.Pin" + i));
        }
        assertEquals(null, p.getProperty("Mcu.IP" + ips));
        assertTrue(List.of("MBEDTLS", "SPI1", "RNG").stream().allMatch(ip ->
                p.stringPropertyNames().stream().anyMatch(k -> k.startsWith("Mcu.IP") && ip.equals(p.getProperty(k)))));
    }

    private static int unescapedEquals(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\\') {
                i++;
            } else if (line.charAt(i) == '=') {
                return i;
            }
        }
        return -1;
    }

    @Test
    void editedPinsAndPb5MosiFlowIntoTheIocWithoutTheJp6Warning() throws Exception {
        ProjectSpec spec = Checkout.spec("pins").pins(new W5500Pins("PB5", "PE11", "PE9", "PG9")).build();
        assertTrue(spec.problems().stream().noneMatch(p -> p.field().equals("pins.mosi")), spec.problems().toString());
        ProjectSpec pa7 = Checkout.spec("pins").build();
        assertTrue(pa7.problems().stream().anyMatch(p -> !p.isError() && p.message().contains("JP6")), pa7.problems().toString());
        Path dir = tmp.resolve("pins");
        ProjectGenerator.generate(spec, dir, ProgressListener.NONE);
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(dir.resolve("pins.ioc"))));
        assertEquals("SPI1_MOSI", p.getProperty("PB5.Signal"));
        assertEquals(null, p.getProperty("PA7.Signal"));
        assertEquals("W5500_CS", p.getProperty("PE11.GPIO_Label"));
        assertEquals("GPXTI9", p.getProperty("PG9.Signal"));
        assertEquals("true:5:0:false:false:true:true:true:true", p.getProperty("NVIC.EXTI9_5_IRQn"));
        assertFalse(Files.readString(dir.resolve("README.md")).contains("JP6"));
    }

    @Test
    void aProjectRegeneratesByteForByte() throws Exception {
        TestPki.PemFiles pem = Specs.pki(tmp.resolve("pki"));
        ProjectSpec spec = Specs.forProfile(BrokerProfile.CUSTOM, TlsLibrary.WOLFSSL, pem);
        GeneratedProject a = ProjectGenerator.generate(spec, tmp.resolve("a/" + spec.name()), ProgressListener.NONE);
        GeneratedProject b = ProjectGenerator.generate(spec, tmp.resolve("b/" + spec.name()), ProgressListener.NONE);
        assertEquals(a.files(), b.files());
        for (String f : a.files()) {
            assertArrayEquals(Files.readAllBytes(a.dir().resolve(f)), Files.readAllBytes(b.dir().resolve(f)), f);
        }
    }

    @Test
    void settingsWithErrorsWriteNothingAndSayWhy() throws Exception {
        Path dir = tmp.resolve("aws");
        ProjectSpec spec = Checkout.spec("aws").profile(BrokerProfile.AWS_IOT).host(Specs.AWS_ENDPOINT).thing(Specs.THING)
                .port(1883).tlsInputBuffer(4096).build();
        var e = assertThrows(ProjectGenerator.InvalidSpecException.class,
                () -> ProjectGenerator.generate(spec, dir, ProgressListener.NONE));
        List<String> fields = e.errors().stream().map(SpecProblem::field).toList();
        assertTrue(fields.containsAll(List.of("broker.port", "tls.inputBuffer", "certificates.cert", "certificates.ca")), fields.toString());
        assertFalse(Files.exists(dir), "nothing is written");
    }

    @Test
    void aFileThatIsNoCertificateIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path bogus = tmp.resolve("ca.pem");
        Files.writeString(bogus, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        Path dir = tmp.resolve("bad");
        ProjectSpec spec = Checkout.spec("bad").profile(BrokerProfile.MOSQUITTO).broker("broker.netstep.test").ca(bogus).build();
        IOException e = assertThrows(IOException.class, () -> ProjectGenerator.generate(spec, dir, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("not a PEM or DER X.509 certificate"), e.getMessage());
        assertFalse(Files.exists(dir));
    }

    @Test
    void derCertificatesBecomeByteArraysWithTheirExactLength() throws Exception {
        TestPki pki = TestPki.generate();
        Path der = tmp.resolve("ca.der");
        Files.write(der, pki.caCertificate().getEncoded());
        ProjectSpec spec = Checkout.spec("der").profile(BrokerProfile.MOSQUITTO).broker("broker.netstep.test").ca(der).build();
        Path dir = tmp.resolve("der");
        ProjectGenerator.generate(spec, dir, ProgressListener.NONE);
        String certs = Files.readString(dir.resolve("Core/Src/netstep_certs.c"));
        int len = pki.caCertificate().getEncoded().length;
        assertTrue(certs.contains("const unsigned char netstep_ca[" + len + "] = {"), certs);
        assertTrue(Files.readString(dir.resolve("Core/Inc/netstep_certs.h")).contains("#define NETSTEP_CA_IS_PEM 0"));
    }

    // ---- XML helpers ----

    static Document parse(Path file) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    static List<Element> elements(Object parent, String tag) {
        NodeList n = parent instanceof Document d ? d.getElementsByTagName(tag) : ((Element) parent).getElementsByTagName(tag);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            list.add((Element) n.item(i));
        }
        return list;
    }

    static Element first(Element parent, String tag) {
        return elements(parent, tag).get(0);
    }

    static List<String> texts(Document d, String tag) {
        return elements(d, tag).stream().map(e -> e.getTagName().equals("buildCommand") ? text(e, "name") : e.getTextContent()).toList();
    }

    static String text(Element e, String tag) {
        return first(e, tag).getTextContent();
    }

    static Element option(Element config, String superClass) {
        return elements(config, "option").stream().filter(o -> o.getAttribute("superClass").equals(superClass)).findFirst()
                .orElseThrow(() -> new AssertionError("no option " + superClass));
    }

    static List<String> values(Element option) {
        return elements(option, "listOptionValue").stream().map(v -> v.getAttribute("value")).toList();
    }
}
