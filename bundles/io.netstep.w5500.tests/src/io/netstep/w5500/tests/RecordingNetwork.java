package io.netstep.w5500.tests;

import io.netstep.w5500.HostNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what the chip hands to the network, for what a loopback host cannot carry
 * (broadcasts, MACRAW frames). Answers nothing by itself.
 */
final class RecordingNetwork implements HostNetwork {
    final List<String> calls = new ArrayList<>();
    final List<byte[]> payloads = new ArrayList<>();
    final boolean macraw;

    RecordingNetwork(boolean macraw) {
        this.macraw = macraw;
    }

    static String ip(byte[] a) {
        return (a[0] & 0xFF) + "." + (a[1] & 0xFF) + "." + (a[2] & 0xFF) + "." + (a[3] & 0xFF);
    }

    public void tcpConnect(int sn, byte[] s, int sp, byte[] d, int dp) { calls.add("connect " + sn + " " + ip(d) + ":" + dp); }
    public void tcpListen(int sn, int port) { calls.add("listen " + sn + " " + port); }
    public void tcpSend(int sn, byte[] data) { calls.add("send " + sn); payloads.add(data); }
    public void tcpDisconnect(int sn) { calls.add("disconnect " + sn); }
    public void close(int sn) { calls.add("close " + sn); }
    public void rxWindowOpened(int sn) { calls.add("window " + sn); }
    public void udpOpen(int sn, int port) { calls.add("udpOpen " + sn + " " + port); }

    public void udpSend(int sn, byte[] s, int sp, byte[] d, int dp, byte[] data) {
        calls.add("udpSend " + sn + " " + ip(s) + ":" + sp + " > " + ip(d) + ":" + dp + " " + data.length);
        payloads.add(data);
    }

    @Override public boolean arpAnswers(byte[] ip) {
        calls.add("arp " + ip(ip));
        return true;
    }

    @Override public boolean macrawSupported() { return macraw; }

    @Override public void macrawSend(byte[] frame) { calls.add("macraw " + frame.length); payloads.add(frame); }
}
