/**
 * The virtual network behind the W5500 model.
 *
 * <h2>The virtual LAN</h2>
 * The chip sits on <b>192.168.77.0/24</b>. The PC is <b>192.168.77.1</b>: gateway, DHCP server
 * (leases 192.168.77.100–199, options 1, 3, 6, 51, 53, 54, 58, 59) and DNS server. DNS answers
 * names from the {@link io.netstep.net.NameMap} with addresses from 198.18.0.0/15 (a benchmark
 * range that is never a real host), which the network maps back to the name's host endpoint
 * when the chip connects; queries sent to any other server address (8.8.8.8 hard-coded in
 * firmware) are answered the same way unless
 * {@link io.netstep.net.NetworkOptions#answerAnyDnsServer(boolean)} is off. ARP on the LAN finds
 * only the gateway. A TCP connection to the gateway reaches 127.0.0.1 on the same port.
 *
 * <h2>Reaching the host</h2>
 * Destinations go where the name map says; unmapped loopback addresses as they are; nothing
 * else unless {@link io.netstep.net.NetworkOptions#allowExternal(boolean)} is set. Host sockets
 * are bound to 127.0.0.1 (clients) and LISTEN sockets listen on 127.0.0.1 only.
 *
 * <h2>Faults and time</h2>
 * {@link io.netstep.net.Fault}s (chunking, connect delay, refuse, blackhole, reset / close after
 * N bytes) act in the chip's virtual time: {@link io.netstep.net.VirtualNetwork#tick()} runs
 * what is due, so a paused session freezes them.
 */
package io.netstep.net;
