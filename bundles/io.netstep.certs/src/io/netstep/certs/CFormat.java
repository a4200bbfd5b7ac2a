package io.netstep.certs;

/** How a certificate or key sits in C: PEM text (a NUL-terminated string) or DER bytes. */
public enum CFormat { PEM, DER }
