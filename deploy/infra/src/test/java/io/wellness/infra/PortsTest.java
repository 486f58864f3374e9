package io.wellness.infra;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {

    @Test
    void freePortsAreBindableDistinctAndBelowTheEphemeralRange() throws Exception {
        int ephemeralStart = Ports.ephemeralRangeStart();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = Ports.freePort();
            assertThat(port).isBetween(Ports.LOWEST, ephemeralStart - 1);
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
        }
        int port = Ports.freePort();
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortSomebodyListensOnIsNeverHandedOut() throws Exception {
        // occupy a large share of the range's head, then ask many times: none of the occupied ports may come back
        Set<Integer> occupied = new HashSet<>();
        java.util.List<ServerSocket> sockets = new java.util.ArrayList<>();
        try {
            for (int port = Ports.LOWEST; port < Ports.LOWEST + 300; port++) {
                try {
                    ServerSocket socket = new ServerSocket();
                    socket.bind(new InetSocketAddress(port));
                    sockets.add(socket);
                    occupied.add(port);
                } catch (java.io.IOException busy) {
                    occupied.add(port);
                }
            }
            for (int i = 0; i < 2_000; i++) {
                assertThat(occupied).doesNotContain(Ports.freePort());
            }
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
