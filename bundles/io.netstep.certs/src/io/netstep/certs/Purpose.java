package io.netstep.certs;

/** What a certificate is for: the broker's certificate, the device's, a CA, or not said. */
public enum Purpose { SERVER, CLIENT, CA, ANY }
