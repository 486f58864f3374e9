package io.wellness.infra.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per request. A fuzzer needs to send what a well-behaved client
 * refuses to: un-normalised paths, bad percent-escapes, raw CR/LF in header values, bodies larger than the
 * server allows (the server may answer and close before the body is written).
 */
public final class RawHttp {
    private static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    private final String host;
    private final int port;
    private final int timeoutMillis;

    public RawHttp(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Sends {@code method target} ({@code target} = path and query, sent byte for byte) with the headers and body,
     * and reads the answer. A server-sent event stream is answered with its headers only.
     */
    public Answer send(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(host).append(':').append(port).append("\r\n");
            head.append("Connection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException refusedMidway) {
                // the server may refuse (413) and close while the body is still being written: read its answer
            }
            return read(new java.io.BufferedInputStream(socket.getInputStream()));
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null || !statusLine.startsWith("HTTP/")) {
            throw new IOException("no HTTP answer (got " + statusLine + ")");
        }
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(header.substring(colon + 1).trim());
            }
        }
        String type = first(headers, "content-type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
            return new Answer(status, headers, "");
        }
        byte[] body;
        String length = first(headers, "content-length");
        String encoding = first(headers, "transfer-encoding");
        if (encoding != null && encoding.equalsIgnoreCase("chunked")) {
            body = chunked(in);
        } else if (length != null) {
            body = in.readNBytes((int) Math.min(Long.parseLong(length), MAX_ANSWER_BYTES));
        } else {
            body = untilClosed(in);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (body.size() < MAX_ANSWER_BYTES) {
            String size = line(in);
            if (size == null) {
                break;
            }
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
            if (n == 0) {
                break;
            }
            body.write(in.readNBytes(n));
            line(in);
        }
        return body.toByteArray();
    }

    private static byte[] untilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0 && body.size() < MAX_ANSWER_BYTES; n = in.read(buffer)) {
                body.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // an answer without length that stays open: keep what came
        }
        return body.toByteArray();
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
