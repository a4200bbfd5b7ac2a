package io.netstep.debug.ui.breakpoints;

import io.netstep.debug.breakpoints.NetStepBreakpoint;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.swt.widgets.Composite;

/** The parameters of one kind of protocol breakpoint: a form, its check, and the breakpoint it makes. */
interface BreakpointForm {

    /** "MQTT packet type". */
    String label();

    /** Builds the form's controls into {@code parent}; {@code changed} runs on every edit. */
    void create(Composite parent, Runnable changed);

    /** What is wrong with the parameters as entered, or null. */
    String problem();

    /** A new breakpoint with these parameters (registered with the breakpoint manager when {@code register}). */
    NetStepBreakpoint make(boolean register) throws CoreException;

    /** Whether {@code b} is of this kind. */
    boolean handles(NetStepBreakpoint b);

    /** Shows the parameters of {@code b} (one this form {@link #handles}). */
    void load(NetStepBreakpoint b);

    /** Gives {@code b} (one this form {@link #handles}) the parameters as entered. */
    void apply(NetStepBreakpoint b) throws CoreException;
}
