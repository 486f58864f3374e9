package io.wellness.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run in its own JVM from
 * the Kafka jars resolved by the build from Maven Central (see module wellness-kafka-broker).
 */
public final class KafkaServer implements AutoCloseable {
    private static final String CLASSPATH_RESOURCE = "/io/wellness/infra/kafka-broker.classpath";

    private final int port;
    private final int controllerPort;
    private final Path directory;
    private final Path logFile;
    private final String heap;
    private ManagedProcess process;

    private KafkaServer(Builder builder) {
        this.port = builder.port;
        this.controllerPort = builder.controllerPort;
        this.directory = builder.directory.toAbsolutePath();
        this.logFile = builder.logFile != null ? builder.logFile : directory.resolve("kafka.log");
        this.heap = builder.heap;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public ManagedProcess process() {
        return process;
    }

    /** Formats the storage on first use, starts the broker and returns once it answers to an admin client. */
    public KafkaServer start(Duration timeout) {
        try {
            Path config = writeConfiguration();
            String classpath = brokerClasspath();
            if (!Files.exists(directory.resolve("data").resolve("meta.properties"))) {
                runStorageFormat(classpath, config);
            }
            process = ManagedProcess.start("kafka", javaCommand(classpath, "kafka.Kafka", config.toString()),
                    Map.of(), directory, logFile);
            process.awaitReady(this::answers, timeout);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Kafka in " + directory, e);
        }
    }

    /** Creates the topics that do not exist yet; existing ones are left as they are. */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        try (Admin admin = admin()) {
            List<NewTopic> topics = new ArrayList<>();
            partitionsByTopic.forEach((name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + name, e.getCause());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("could not create topic " + name, e);
                }
            });
        }
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
    }

    private boolean answers() {
        if (!Ports.isListening(port)) {
            return false;
        }
        Admin admin = admin();
        try {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception notYet) {
            return false;
        } finally {
            // a bounded close: under load the default close can wait indefinitely for in-flight calls
            admin.close(Duration.ofSeconds(2));
        }
    }

    private Path writeConfiguration() throws IOException {
        Files.createDirectories(directory.resolve("data"));
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", directory.resolve("data").toString());
        p.setProperty("num.partitions", "6");
        // one broker: every internal topic has a single replica
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("log.retention.hours", "168");
        Path config = directory.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(out, "written by io.wellness.infra.KafkaServer");
        }
        Files.writeString(directory.resolve("log4j2.properties"), """
                status = warn
                appender.console.type = Console
                appender.console.name = STDOUT
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = [%d] %p %m (%c)%n
                rootLogger.level = info
                rootLogger.appenderRef.stdout.ref = STDOUT
                logger.kafka.name = kafka
                logger.kafka.level = warn
                logger.apache.name = org.apache.kafka
                logger.apache.level = warn
                logger.started.name = kafka.server.KafkaRaftServer
                logger.started.level = info
                """);
        return config;
    }

    private void runStorageFormat(String classpath, Path config) {
        ManagedProcess format = ManagedProcess.start("kafka-storage-format",
                javaCommand(classpath, "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                        "-c", config.toString(), "--ignore-formatted"),
                Map.of(), directory, directory.resolve("storage-format.log"));
        try {
            if (!format.processWaitFor(Duration.ofSeconds(60)) || format.exitCode() != 0) {
                throw new IllegalStateException("kafka storage format failed:\n" + format.tail(30));
            }
        } finally {
            format.stop(Duration.ofSeconds(1));
        }
    }

    private List<String> javaCommand(String classpath, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(ManagedProcess.currentJava(),
                "-Xms64m", "-Xmx" + heap, "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties"),
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** The broker's jars, as resolved by the build; they must all still be in the local Maven repository. */
    static String brokerClasspath() {
        try (InputStream in = KafkaServer.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build deploy/kafka-broker first");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String jar : classpath.split(java.io.File.pathSeparator)) {
                if (!Files.exists(Path.of(jar))) {
                    throw new IllegalStateException("Kafka jar " + jar + " is missing: run ./mvnw install -pl deploy/kafka-broker");
                }
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(20));
        }
    }

    @Override
    public void close() {
        stop();
    }

    public static final class Builder {
        private int port = 9092;
        private int controllerPort = 9093;
        private Path directory;
        private Path logFile;
        private String heap = "512m";

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        public KafkaServer build() {
            if (directory == null) {
                throw new IllegalArgumentException("directory is required");
            }
            return new KafkaServer(this);
        }
    }
}
