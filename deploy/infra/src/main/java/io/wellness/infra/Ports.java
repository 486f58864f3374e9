package io.wellness.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port helpers: tests take free ports, the local stack checks its fixed ones before it starts anything. */
public final class Ports {
    private Ports() {
    }

    // ports handed out by this JVM: servers started in parallel must not be given the same one before either binds
    private static final java.util.Set<Integer> ISSUED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                int port = socket.getLocalPort();
                if (ISSUED.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free TCP port", e);
            }
        }
        throw new IllegalStateException("no free TCP port that this JVM has not handed out already");
    }

    /** True when something accepts connections on localhost:port. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
