package io.netstep.certs;

/** How bad a {@link Finding} is: ERROR stops the TLS connect, WARNING may, INFO is context. */
public enum Severity { ERROR, WARNING, INFO }
