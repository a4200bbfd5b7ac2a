package io.netstep.wizards.peer;

import io.netstep.project.ProjectSpec;

import java.nio.file.Path;
import java.util.List;

/**
 * What the MQTT Peer view needs to talk to a device's broker: where, how (CA, client certificate
 * and key, user name and password) and on which topics (subscribe where the device says hello,
 * publish where it listens). {@code from} names the source for the view's status line.
 */
public record PeerTarget(String host, int port, Path ca, Path clientCertificate, Path clientKey, String clientId,
        String userName, String password, String subscribeTo, String publishTo, String from) {

    /** The broker of a spec (the wizard's last run). The client ID is the device's plus "-peer". */
    public static PeerTarget of(ProjectSpec spec, String password) {
        var c = spec.certificates();
        List<String> topics = spec.mqtt().topics();
        return new PeerTarget(spec.broker().host(), spec.broker().port(), c.ca(), c.clientCertificate(), c.clientKey(),
                peerId(spec.mqtt().clientId()), spec.mqtt().userName(), password, topics.get(0),
                topics.get(topics.size() - 1), "project " + spec.name());
    }

    /** Not the device's own ID: the broker would disconnect the device for a second client with it. */
    static String peerId(String deviceId) {
        return deviceId + "-peer";
    }
}
