package io.netstep.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netstep.project.cli.NewProjectCommand;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example in {@code examples/} is what the generator makes today: regenerated from
 * {@code examples/<name>.args} into a temporary checkout-shaped directory (so its relative paths
 * resolve), it must equal the committed files byte for byte (else: run {@code examples/rebuild.sh
 * --write} and commit); its glue compiles for the board and its Host configuration builds.
 */
class ExampleProjectTest {

    static final String EXAMPLE = "nucleo-f429zi-mosquitto";

    @TempDir
    Path tmp;

    /** The example's new-project arguments with ${NETSTEP} (a directory with native/ and examples/) and ${OUT}. */
    static List<String> arguments(Path root, Path netstep, Path out) throws IOException {
        String text = Files.readString(root.resolve("examples/" + EXAMPLE + ".args"));
        List<String> args = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                args.add(l.replace("${NETSTEP}", netstep.toString()).replace("${OUT}", out.toString()));
            }
        }
        return args;
    }

    @Test
    void committedExampleIsWhatTheGeneratorMakesAndItBuilds() throws Exception {
        Path root = Checkout.root();
        Path committed = root.resolve("examples/" + EXAMPLE);
        assertTrue(Files.isDirectory(committed), committed + " is missing");

        // a checkout-shaped place: <tmp>/native and <tmp>/examples/certs point into the checkout
        Files.createSymbolicLink(tmp.resolve("native"), root.resolve("native"));
        Files.createDirectories(tmp.resolve("examples"));
        Files.createSymbolicLink(tmp.resolve("examples/certs"), root.resolve("examples/certs"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int status = NewProjectCommand.run(arguments(root, tmp, tmp.resolve("examples")), ps, ps);
        assertEquals(0, status, buf.toString(StandardCharsets.UTF_8));
        Path fresh = tmp.resolve("examples/" + EXAMPLE);

        TreeSet<String> want = files(fresh);
        TreeSet<String> have = files(committed);
        assertEquals(want, have, "the committed example's files differ from a fresh one: run examples/rebuild.sh --write");
        List<String> drift = new ArrayList<>();
        for (String f : want) {
            if (!Arrays.equals(Files.readAllBytes(fresh.resolve(f)), Files.readAllBytes(committed.resolve(f)))) {
                drift.add(f);
            }
        }
        assertEquals(List.of(), drift, "the committed example drifted from the generator: run examples/rebuild.sh --write");

        // it builds: the Host configuration (host gcc + shim + reference driver + mbedTLS) ...
        Checkout.Result host = Checkout.run(fresh, List.of("make", "-j2", "-f", "NetStep/host.mk"), 300);
        assertEquals(0, host.status(), host.output());
        assertTrue(Files.isExecutable(fresh.resolve("Host/" + EXAMPLE)));
        // ... and the glue for the board
        assumeTrue(Checkout.onPath(ArmToolchain.GCC), "arm-none-eabi-gcc is not installed: board compile not checked");
        Path stubs = tmp.resolve("stubs");
        ArmToolchain.writeStubs(stubs, 16384);
        ArmToolchain.writeMainH(stubs, BoardPreset.NUCLEO_F429ZI.defaultPins());
        assertEquals(4, ArmToolchain.compileGlue(fresh, stubs, TlsLibrary.MBEDTLS).size());
    }

    private static TreeSet<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            TreeSet<String> set = new TreeSet<>();
            s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).filter(p -> !p.startsWith("Host/"))
                    .forEach(set::add);
            return set;
        }
    }
}
