package io.wellness.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Port helpers: tests take free ports, the local stack checks its fixed ones before it starts anything. */
public final class Ports {
    private Ports() {
    }

    /** Lowest port handed out: well above the registered services most machines run (PostgreSQL, Kafka, 8080...). */
    static final int LOWEST = 10_000;

    // ports handed out by this JVM: servers started in parallel must not be given the same one before either binds
    private static final Set<Integer> ISSUED = ConcurrentHashMap.newKeySet();

    /**
     * A port that is free now and stays out of the kernel's ephemeral range. A port from {@code new ServerSocket(0)}
     * lies inside that range, so any outgoing connection (a Kafka client, Maven, the JVM itself) may take it as its
     * local port before a slow server (Keycloak starts in seconds) binds it: that race failed CI once. Ports below the
     * range are only ever taken by servers that ask for them.
     */
    public static int freePort() {
        int highest = ephemeralRangeStart() - 1;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = random.nextInt(LOWEST, highest + 1);
            if (!ISSUED.contains(port) && canBind(port) && ISSUED.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free TCP port between " + LOWEST + " and " + highest);
    }

    /** First port of the kernel's ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range), 32768 elsewhere. */
    static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > LOWEST + 1_000 ? start : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
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
