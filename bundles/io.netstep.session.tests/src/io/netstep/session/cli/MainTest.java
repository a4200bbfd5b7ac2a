package io.netstep.session.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The command line refuses bad usage with exit 64 and a message that says what is wrong. */
class MainTest {

    private String err;

    private int main(String... args) {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void noArgumentsPrintsUsage() {
        assertEquals(Main.EXIT_USAGE, main());
        assertTrue(err.contains("usage: netstep run"), err);
    }

    @Test
    void runWithoutFirmware() {
        assertEquals(Main.EXIT_USAGE, main("run", "--tcp"));
        assertTrue(err.contains("no firmware given"), err);
    }

    @Test
    void unknownOption() {
        assertEquals(Main.EXIT_USAGE, main("run", "--bogus", "--", "fw"));
        assertTrue(err.contains("unknown option --bogus"), err);
    }

    @Test
    void optionWithoutValue() {
        assertEquals(Main.EXIT_USAGE, main("run", "--map"));
        assertTrue(err.contains("--map needs a value"), err);
    }

    @Test
    void badTimeout() {
        assertEquals(Main.EXIT_USAGE, main("run", "--timeout", "soon", "--", "fw"));
        assertTrue(err.contains("--timeout wants whole seconds"), err);
    }

    @Test
    void badMapEntryIsRefusedBeforeAnythingStarts() {
        assertEquals(Main.EXIT_USAGE, main("run", "--map", "no-equals-sign", "--", "/nonexistent/fw"));
        assertTrue(err.contains("no-equals-sign"), err);
    }

    @Test
    void badFaultIsRefused() {
        assertEquals(Main.EXIT_USAGE, main("run", "--fault", "nonsense-fault", "--", "/nonexistent/fw"));
        assertTrue(err.contains("nonsense-fault"), err);
    }

    @Test
    void unknownCommand() {
        assertEquals(Main.EXIT_USAGE, main("fly"));
        assertTrue(err.contains("unknown command 'fly'"), err);
    }

    @Test
    void optionsAreParsed() {
        RunOptions o = RunOptions.parse(List.of("--broker", "127.0.0.1:1883", "--map", "a=b:1", "--map", "c=d:2",
                "--fault", "f", "--tcp", "--spi", "--timeout", "9", "--record", "x.jsonl", "--", "fw", "--x"), true);
        assertEquals("127.0.0.1:1883", o.broker);
        assertEquals(List.of("a=b:1", "c=d:2"), o.maps);
        assertEquals(List.of("f"), o.faults);
        assertTrue(o.tcp && o.spi);
        assertEquals(9, o.timeoutSeconds);
        assertEquals(List.of("fw", "--x"), o.firmware);
    }
}
