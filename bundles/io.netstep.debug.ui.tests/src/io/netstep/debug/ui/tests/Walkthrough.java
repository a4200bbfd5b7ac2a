package io.netstep.debug.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netstep.debug.NetStepDebug;
import io.netstep.debug.launch.LaunchAttributes;
import io.netstep.debug.model.LayerStackFrame;
import io.netstep.debug.model.NetStepDebugTarget;
import io.netstep.debug.ui.FrameEvents;
import io.netstep.session.analysis.ProtocolEvent;
import io.netstep.testing.MosquittoBroker;
import io.netstep.testing.ReferenceFirmware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.commands.Command;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IVariable;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IDebugView;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.TextConsole;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;

/** What the walkthroughs share: a launch through the debug UI, the Debug and Variables views, debug commands. */
final class Walkthrough {

    private Walkthrough() { }

    static final String BROKER_NAME = "broker.netstep.test";

    /** The Debug perspective in a maximised window, without the perspective-switch prompts. */
    static void debugPerspective() throws Exception {
        DebugUITools.getPreferenceStore().setValue("org.eclipse.debug.ui.switch_to_perspective", MessageDialogWithToggle.NEVER);
        DebugUITools.getPreferenceStore().setValue("org.eclipse.debug.ui.switch_perspective_on_suspend", MessageDialogWithToggle.NEVER);
        IWorkbenchWindow w = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        PlatformUI.getWorkbench().showPerspective(IDebugUIConstants.ID_DEBUG_PERSPECTIVE, w);
        // no window manager under Xvfb: setMaximized does nothing; take the whole screen
        w.getShell().setBounds(w.getShell().getDisplay().getPrimaryMonitor().getClientArea());
        Ui.settle(300);
    }

    /** A saved "NetStep Virtual W5500" configuration: the mbedTLS reference firmware, DHCP, the broker by name. */
    static ILaunchConfiguration configuration(String name, MosquittoBroker broker, List<String> faults, String... extra) throws Exception {
        ILaunchManager m = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationWorkingCopy wc = m.getLaunchConfigurationType(NetStepDebug.LAUNCH_TYPE_ID).newInstance(null, name);
        wc.setAttribute(LaunchAttributes.FIRMWARE, ReferenceFirmware.mbedtls().toString());
        List<String> args = new ArrayList<>(List.of("--dhcp", "--broker", BROKER_NAME, "--ca", broker.ca().toString(),
                "--client-id", name, "--topic", "netstep/walk/" + name, "--message", "hello", "--wait-message", "0",
                "--command-timeout", "2000"));
        args.addAll(List.of(extra));
        wc.setAttribute(LaunchAttributes.ARGUMENTS, String.join(" ", args));
        wc.setAttribute(LaunchAttributes.BROKER, broker.endpoint());
        wc.setAttribute(LaunchAttributes.FAULTS, faults);
        wc.setAttribute(LaunchAttributes.STOP_AT_FIRST_SPI_FRAME, false);
        return wc.doSave();
    }

    /** Launches as a user does (in the launch job, off the UI thread) and returns the launch once it has its target. */
    static ILaunch debug(ILaunchConfiguration config) {
        DebugUITools.launch(config, ILaunchManager.DEBUG_MODE);
        ILaunch[] found = new ILaunch[1];
        Ui.until(() -> {
            for (ILaunch l : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
                if (config.equals(l.getLaunchConfiguration()) && l.getDebugTarget() != null) {
                    found[0] = l;
                    return true;
                }
            }
            return false;
        }, "the launch of " + config.getName() + " with its debug target");
        return found[0];
    }

    static IDebugView view(String id) throws Exception {
        return (IDebugView) Ui.page().showView(id);
    }

    /** Makes the Name column wide enough for the fields' names (users drag it; the default is narrow). */
    static void widenNameColumn(IDebugView v, int width) {
        Tree t = tree(v);
        if (t.getColumnCount() > 1) {
            t.getColumn(0).setWidth(width);
        }
    }

    /** Expands the variable at {@code path} (from a frame's variable down) in the Variables view, as a click on its arrow. */
    static void expandVariable(IDebugView variables, IVariable... path) {
        ((org.eclipse.jface.viewers.AbstractTreeViewer) variables.getViewer())
                .expandToLevel(new org.eclipse.jface.viewers.TreePath(path), 1);
    }

    static Tree tree(IDebugView v) {
        return (Tree) v.getViewer().getControl();
    }

    /** Waits until the Debug view has {@code frame} selected (it selects the top frame of a thread that suspends). */
    static void awaitDebugSelection(IDebugView debug, IStackFrame frame) {
        Ui.until(() -> debug.getViewer().getSelection() instanceof IStructuredSelection s && frame.equals(s.getFirstElement()),
                () -> "the Debug view selects " + frame + "; it has " + debug.getViewer().getSelection()
                        + "\n" + String.join("\n", Ui.rows(tree(debug))));
    }

    /**
     * Runs a debug command (StepOver, StepReturn, Resume…) on the frame selected in the Debug
     * view, as its toolbar button does: once the window's debug context is that frame and the
     * command is enabled for it.
     */
    static void command(String id, IDebugView debug, IStackFrame frame) throws Exception {
        Ui.page().activate(debug);
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        Command c = commands.getCommand(id);
        Ui.until(() -> frame.equals(DebugUITools.getDebugContext()) && c.isEnabled(),
                () -> "command " + id + " enabled on " + frame + "; debug context " + DebugUITools.getDebugContext()
                        + ", enabled " + c.isEnabled());
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand(id, null);
    }

    /** The Debug view shows the thread and, under it, its frames in order (top first). */
    static void assertDebugViewShows(IDebugView debug, String threadLabel, IStackFrame[] frames) {
        Ui.until(() -> {
            List<String> rows = Ui.rows(tree(debug));
            int t = indexOf(rows, threadLabel, 0);
            int at = t;
            for (IStackFrame f : frames) {
                at = indexOf(rows, name(f), at + 1);
                if (at < 0) {
                    return false;
                }
            }
            return t >= 0;
        }, () -> "the Debug view shows '" + threadLabel + "' with frames " + Arrays.toString(frames) + "; it shows:\n"
                + String.join("\n", Ui.rows(tree(debug))));
    }

    /** The Variables view shows each variable of the frame with its value. */
    static void assertVariablesShow(IDebugView variables, IStackFrame frame) throws Exception {
        List<String> expected = new ArrayList<>();
        for (IVariable v : frame.getVariables()) {
            String value = v.getValue().getValueString();
            expected.add(v.getName() + " | " + (value.length() > 60 ? value.substring(0, 60) : value));
        }
        Ui.until(() -> {
            List<String> rows = Ui.rows(tree(variables));
            return expected.stream().allMatch(e -> rows.stream().anyMatch(r -> r.startsWith(e)));
        }, () -> "the Variables view shows " + expected + "; it shows:\n" + String.join("\n", Ui.rows(tree(variables))));
    }

    private static String name(IStackFrame f) {
        try {
            return f.getName();
        } catch (Exception e) {
            return f.toString();
        }
    }

    private static int indexOf(List<String> rows, String text, int from) {
        for (int i = Math.max(0, from); i < rows.size(); i++) {
            if (rows.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /** The analysis event a frame shows; fails when there is none. */
    static ProtocolEvent eventOf(LayerStackFrame f) {
        ProtocolEvent e = FrameEvents.of(f);
        assertTrue(e != null, "the frame " + f.getName() + " has its event in the target's analysis");
        if (e.logEntry() != null) {
            assertEquals(f.event().entry().seq(), e.logSeq(), "the frame's log entry"); // a chip layer
        } else {
            assertEquals(f.event().type(), e.type(), "decoded by the analysis: the same message");
        }
        return e;
    }

    /** What the Console view shows of a process (the debug UI reads its streams; their monitors keep nothing). */
    static String console(IProcess process) {
        IConsole c = DebugUITools.getConsole(process);
        return c instanceof TextConsole t ? t.getDocument().get() : "";
    }

    /** For failure messages. */
    static String output(NetStepDebugTarget target) {
        return target.getProcess() == null ? "(no process)" : "console:\n" + console(target.getProcess());
    }
}
