package io.netstep.session.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The firmware as a child process: its stdout and stderr are shown line by line with a
 * prefix ("fw| " on our stdout, "fw! " on our stderr) so they stand apart from netstep's own
 * output.
 */
final class FirmwareProcess {

    private final Process process;
    private final Thread outPump;
    private final Thread errPump;
    private volatile boolean killed;

    /** Ctrl-C on netstep must not leave the firmware running. */
    private final Thread reaper;

    private FirmwareProcess(Process process, PrintStream out, PrintStream err) {
        this.process = process;
        this.outPump = pump(process.getInputStream(), out, "fw| ");
        this.errPump = pump(process.getErrorStream(), err, "fw! ");
        this.reaper = new Thread(process::destroyForcibly, "netstep-fw-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    static FirmwareProcess start(List<String> command, Map<String, String> env, PrintStream out, PrintStream err)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        return new FirmwareProcess(pb.start(), out, err);
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the exit; after {@code timeoutSeconds} (0 = no limit) kills it. Returns the exit status. */
    int waitFor(long timeoutSeconds) throws InterruptedException {
        if (timeoutSeconds > 0) {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                kill();
            }
        }
        int status = process.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already; the hook runs anyway
        }
        outPump.join(2000);
        errPump.join(2000);
        return status;
    }

    /** SIGTERM, then SIGKILL if it has not gone after 2 s. */
    void kill() throws InterruptedException {
        killed = true;
        process.destroy();
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    boolean killed() {
        return killed;
    }

    private static Thread pump(InputStream in, PrintStream to, String prefix) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    to.println(prefix + line);
                }
            } catch (IOException e) {
                // the process went away
            }
        }, "netstep-fw-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
