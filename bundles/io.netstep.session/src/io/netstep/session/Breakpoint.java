package io.netstep.session;

import java.util.function.Predicate;

/** Suspends the session after an event matching {@code matches} has happened. */
public record Breakpoint(String name, Predicate<LogEntry> matches) { }
