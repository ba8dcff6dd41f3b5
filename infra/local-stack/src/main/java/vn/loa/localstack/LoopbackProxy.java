package vn.loa.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback between one service and its broker or PostgreSQL, that the fault tests can
 * <em>freeze</em>: a network partition, not a crash. While frozen no byte goes through in either direction
 * and new connections are accepted but not connected upstream, so the service's sockets hang (reads wait,
 * writes fill the buffers, connects "succeed" and then hear nothing) instead of closing — as when a
 * switch or a firewall drops packets. {@link #thaw()} lets the held bytes through again, as TCP does after
 * a partition heals; connections the service gave up on meanwhile end then.
 * <p>
 * Only loopback: it listens on 127.0.0.1 and connects to 127.0.0.1.
 */
public final class LoopbackProxy implements AutoCloseable {

    private final String name;
    private final int port;
    private final int targetPort;
    private final Object gate = new Object();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean frozen;
    private volatile boolean closed;
    private ServerSocket server;

    public LoopbackProxy(String name, int port, int targetPort) {
        this.name = name;
        this.port = port;
        this.targetPort = targetPort;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        } catch (IOException e) {
            throw new UncheckedIOException("proxy " + name + " cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        daemon("proxy-" + name + "-accept", this::acceptLoop);
    }

    public int port() {
        return port;
    }

    public int targetPort() {
        return targetPort;
    }

    public String name() {
        return name;
    }

    public boolean isFrozen() {
        return frozen;
    }

    /** Connections accepted since the start. */
    public long connections() {
        return connections.get();
    }

    /** The partition begins: nothing goes through any more, nothing is closed. */
    public void freeze() {
        frozen = true;
    }

    /** The partition heals. */
    public void thaw() {
        synchronized (gate) {
            frozen = false;
            gate.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            connections.incrementAndGet();
            sockets.add(client);
            daemon("proxy-" + name + "-connect", () -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket upstream = null;
        try {
            awaitThawed(); // a connection made during the partition waits for it to heal (or for the client to give up)
            upstream = new Socket();
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 10_000);
            sockets.add(upstream);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            Socket up = upstream;
            daemon("proxy-" + name + "-up", () -> pump(client, up));
            daemon("proxy-" + name + "-down", () -> pump(up, client));
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                awaitThawed();
                out.write(buffer, 0, n);
                out.flush();
            }
            awaitThawed(); // the other side hears of the end only once the partition heals
        } catch (IOException | InterruptedException e) {
            // one side went away: the other goes too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void awaitThawed() throws InterruptedException {
        if (!frozen) {
            return;
        }
        synchronized (gate) {
            while (frozen && !closed) {
                gate.wait(1000);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        thaw();
        closeQuietly(server);
        Set.copyOf(sockets).forEach(this::closeQuietly);
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // already closed
            }
            if (closeable instanceof Socket socket) {
                sockets.remove(socket);
            }
        }
    }
}
