package io.netstep.session.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** The {@code netstep} command line: {@code run}, {@code demo} and {@code decode}. */
public final class Main {

    static final int EXIT_USAGE = 64;
    static final int EXIT_INTERNAL = 70;

    /** Commands the {@code netstep} script runs from other bundles; each has its own --help. */
    private static final String OTHER_COMMANDS = String.join("\n",
            "Also: netstep preflight --host H --port P [...]   check a broker with the firmware's settings",
            "      netstep certs inspect|check|to-c|make-pki ...   certificate tools",
            "      netstep new-project [options] DIR             an STM32CubeIDE project for W5500 + MQTT over TLS",
            "      netstep ide [WORKSPACE]                       an Eclipse 4.29 workbench with NetStep installed");

    private Main() { }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs a command; returns the exit status. Public so that tools and tests can run the CLI in-process. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            (args.isEmpty() ? err : out).println(RunOptions.USAGE + "\n\n" + Decode.USAGE + "\n\n" + OTHER_COMMANDS);
            return args.isEmpty() ? EXIT_USAGE : 0;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            switch (command) {
                case "run": {
                    RunOptions o = RunOptions.parse(rest, true);
                    return Runner.run(o, NetworkSetup.options(o), out, err).exitCode();
                }
                case "demo":
                    return Demo.run(RunOptions.parse(rest, false), out, err);
                case "decode":
                    return Decode.run(rest, out, err);
                default:
                    err.println("netstep: unknown command '" + command + "'");
                    err.println(RunOptions.USAGE);
                    return EXIT_USAGE;
            }
        } catch (RunOptions.UsageException | IllegalArgumentException e) {
            err.println("netstep: " + e.getMessage());
            return EXIT_USAGE;
        } catch (Exception e) {
            err.println("netstep: " + e);
            return EXIT_INTERNAL;
        }
    }
}
