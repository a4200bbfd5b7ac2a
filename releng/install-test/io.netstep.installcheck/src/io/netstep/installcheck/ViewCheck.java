package io.netstep.installcheck;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/**
 * Opens every view a NetStep bundle contributes (read from the extension registry, so a
 * new view is checked without touching this class), in the Debug perspective where users
 * meet them, saves a screenshot per view and one of the whole window, writes
 * {@code views.txt} (one line per view: id, contributing bundle, ok or error, detail) and
 * closes the workbench.
 */
final class ViewCheck {

    static final String DEBUG_PERSPECTIVE = "org.eclipse.debug.ui.DebugPerspective";

    private final File out;
    private final List<String> lines = new ArrayList<>();

    ViewCheck(File out) {
        this.out = out;
    }

    void runAndClose() {
        IWorkbench workbench = PlatformUI.getWorkbench();
        try {
            out.mkdirs();
            IWorkbenchWindow window = workbench.getActiveWorkbenchWindow();
            if (window == null) {
                window = workbench.getWorkbenchWindows()[0];
            }
            // The whole screen, so that the views get room as on a desktop.
            window.getShell().setMaximized(true);
            lines.add("# perspective " + openPerspective(workbench, window));
            IWorkbenchPage page = window.getActivePage();
            List<IConfigurationElement> views = netStepViews();
            if (views.isEmpty()) {
                lines.add("# no view of an io.netstep bundle is in the extension registry");
            }
            for (IConfigurationElement view : views) {
                lines.add(open(page, view));
            }
            // All of them open at once, as the Debug perspective lays them out.
            Screenshot.of(window.getShell(), new File(out, "workbench.png"));
            lines.add("# done");
        } catch (Throwable t) {
            lines.add("# failed " + stackTrace(t).replace('\n', ' '));
        } finally {
            write();
            workbench.getDisplay().asyncExec(workbench::close);
        }
    }

    private static String openPerspective(IWorkbench workbench, IWorkbenchWindow window) {
        try {
            workbench.showPerspective(DEBUG_PERSPECTIVE, window);
            return DEBUG_PERSPECTIVE;
        } catch (Exception e) {
            return "error " + e;
        }
    }

    private static List<IConfigurationElement> netStepViews() {
        List<IConfigurationElement> views = new ArrayList<>();
        for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor("org.eclipse.ui.views")) {
            String bundle = e.getContributor().getName();
            if ("view".equals(e.getName()) && bundle.startsWith("io.netstep.") && !bundle.equals("io.netstep.installcheck")) {
                views.add(e);
            }
        }
        return views;
    }

    /** Shows the view and checks that its own class was created, not Eclipse's error part. */
    private String open(IWorkbenchPage page, IConfigurationElement view) {
        String id = view.getAttribute("id");
        String prefix = id + "\t" + view.getContributor().getName() + "\t";
        try {
            IViewPart part = page.showView(id, null, IWorkbenchPage.VIEW_ACTIVATE);
            String expected = className(view.getAttribute("class"));
            String actual = part == null ? "null" : part.getClass().getName();
            Screenshot.of(page.getWorkbenchWindow().getShell(), new File(out, id + ".png"));
            if (!actual.equals(expected)) {
                return prefix + "error\tgot " + actual + " instead of " + expected;
            }
            return prefix + "ok\t" + actual + " \"" + part.getTitle() + "\"";
        } catch (Throwable t) {
            return prefix + "error\t" + stackTrace(t).replace('\n', ' ');
        }
    }

    /** The class attribute may carry executable data after a colon. */
    private static String className(String attribute) {
        if (attribute == null) {
            return "";
        }
        int colon = attribute.indexOf(':');
        return colon < 0 ? attribute : attribute.substring(0, colon);
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private void write() {
        try {
            Files.write(new File(out, "views.txt").toPath(), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The install test reports the missing file; nothing else can be done here.
            e.printStackTrace();
        }
    }
}
