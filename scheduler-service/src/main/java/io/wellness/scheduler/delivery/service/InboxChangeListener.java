package io.wellness.scheduler.delivery.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * LISTENs on PostgreSQL channel {@code delivery_inbox} (fed by a trigger on the inbox table, see V101) on one
 * connection of its own, outside the pool: a pooled connection would be held forever and reset by the pool. On
 * every notification it wakes the streams of that employee; after a reconnect, all of them (they re-read).
 */
@ApplicationScoped
public class InboxChangeListener {
    static final String CHANNEL = "delivery_inbox";
    private static final int WAIT_MILLIS = 5_000;
    private static final Duration MAX_RECONNECT_PAUSE = Duration.ofSeconds(30);

    private final InboxBroadcast broadcast;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private volatile boolean running;
    private volatile Connection connection;
    private volatile boolean listening;
    private Thread thread;

    public InboxChangeListener(InboxBroadcast broadcast,
                               @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                               @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                               @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.broadcast = broadcast;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = Thread.ofPlatform().name("delivery-inbox-listener").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        closeQuietly();
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** True while notifications are being received (for tests and diagnostics). */
    public boolean listening() {
        return listening;
    }

    private void run() {
        long pauseMillis = 500;
        while (running) {
            try {
                connect();
                pauseMillis = 500;
                // whatever changed while no one listened is picked up by a re-read of every open stream
                broadcast.everythingMayHaveChanged();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            broadcast.changed(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                closeQuietly();
                if (!running) {
                    return;
                }
                Log.warnf("inbox change notifications interrupted, reconnecting in %d ms: %s", pauseMillis, e.toString());
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pauseMillis = Math.min(pauseMillis * 2, MAX_RECONNECT_PAUSE.toMillis());
            }
        }
    }

    private void connect() throws SQLException {
        Properties properties = new Properties();
        user.ifPresent(value -> properties.setProperty("user", value));
        password.ifPresent(value -> properties.setProperty("password", value));
        properties.setProperty("ApplicationName", "wellness-delivery-inbox-listener");
        // a dead peer is noticed by the periodic getNotifications round trip; keep-alive covers idle NATs
        properties.setProperty("tcpKeepAlive", "true");
        Connection opened = new org.postgresql.Driver().connect(url, properties);
        if (opened == null) {
            throw new SQLException("not a PostgreSQL URL: the inbox stream needs PostgreSQL LISTEN/NOTIFY");
        }
        connection = opened;
        try (Statement statement = opened.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        listening = true;
    }

    private void closeQuietly() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // closing a broken connection: nothing left to release
            }
        }
    }
}
