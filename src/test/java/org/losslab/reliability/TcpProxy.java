package org.losslab.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 between losslab and PostgreSQL that a test can cut (every open
 * connection is reset and new ones are refused, as when the server restarts or the network
 * drops) and restore on the same port, or freeze (a silent partition) and thaw. Deterministic, and it never touches the shared server.
 */
final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean frozen;

    TcpProxy(String host, int targetPort) throws IOException {
        this.target = new InetSocketAddress(host, targetPort);
        this.server = listenBelowEphemeralPorts();
        this.port = server.getLocalPort();
        accept(server);
    }

    /**
     * A listening socket on a free port below Linux's ephemeral range (32768–60999): {@link #restore()} binds the
     * port again after {@link #cut()}, and an ephemeral port could meanwhile become the local port of some
     * outgoing connection on this machine (seen once: "Address already in use" during a CI run).
     */
    private static ServerSocket listenBelowEphemeralPorts() throws IOException {
        java.util.Random random = new java.util.Random();
        IOException last = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            try {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 20000 + random.nextInt(12000)), 50);
                return s;
            } catch (IOException e) {
                s.close();
                last = e;
            }
        }
        throw last;
    }

    /** A proxy for the server of a JDBC URL {@code jdbc:postgresql://host:port/db}. */
    static TcpProxy forUrl(String jdbcUrl) throws IOException {
        String hostPort = jdbcUrl.replaceFirst("^jdbc:postgresql://([^/]+)/.*$", "$1");
        int colon = hostPort.lastIndexOf(':');
        return new TcpProxy(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** The same URL, through this proxy. */
    String route(String jdbcUrl) {
        return jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
    }

    int port() {
        return port;
    }

    /** Resets every connection and refuses new ones until {@link #restore()}. */
    synchronized void cut() throws IOException {
        server.close();
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0); // RST, like a dead server
            } catch (IOException ignored) {
                // already closed
            }
            closeQuietly(s);
        }
        open.clear();
    }

    /**
     * Holds every byte in both directions while connections stay open: a silent network partition
     * (no reset, no error, nothing arrives) until {@link #thaw()}.
     */
    void freeze() {
        frozen = true;
    }

    void thaw() {
        frozen = false;
    }

    /** Accepts connections again, on the same port. */
    synchronized void restore() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server = s;
        accept(s);
    }

    private void accept(ServerSocket s) {
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try {
                    Socket client = s.accept();
                    Socket upstream = new Socket();
                    try {
                        upstream.connect(target, 5000);
                    } catch (IOException e) {
                        closeQuietly(client);
                        continue;
                    }
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    return; // closed by cut() or close()
                }
            }
        }, "proxy-accept-" + port);
        t.setDaemon(true);
        t.start();
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    while (frozen) {
                        Thread.sleep(20);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // connection cut
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
