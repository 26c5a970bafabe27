package io.sightline.transport.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Asks "is an MQTT broker listening here?" the way a client would: an MQTT 3.1.1 CONNECT (the version
 * every broker speaks, OASIS MQTT 3.1.1 section 3.1) and a wait for CONNACK (section 3.2). Something else
 * on the port, or nothing, gives {@link Result#answered()} false; a refusing broker still counts as a
 * broker (its return code is kept for the message).
 */
public final class BrokerProbe {
    private final int timeoutMillis;

    /** @param answered an MQTT broker sent CONNACK; {@code returnCode} its code (0 = accepted, 5 = not authorised) */
    public record Result(boolean answered, int returnCode, String detail) {
    }

    public BrokerProbe(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    public Result probe(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(connectPacket("sightline-probe-" + ProcessHandle.current().pid()));
            out.flush();
            InputStream in = socket.getInputStream();
            int type = in.read();
            int length = in.read();
            if (type != 0x20 || length != 2) {
                return new Result(false, -1, host + ":" + port + " answered, but not with an MQTT CONNACK");
            }
            in.read(); // session present flag
            int rc = in.read();
            if (rc == 0) {
                out.write(new byte[] {(byte) 0xE0, 0x00}); // DISCONNECT, so the broker logs a clean goodbye
            }
            return new Result(true, rc, "MQTT broker at " + host + ":" + port + (rc == 0 ? "" : " (CONNACK return code " + rc + ")"));
        } catch (IOException e) {
            return new Result(false, -1, "no MQTT broker at " + host + ":" + port + " (" + e.getMessage() + ")");
        }
    }

    static byte[] connectPacket(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 10}); // protocol name, level 4, clean session, keep-alive 10 s
        body.write(id.length >> 8);
        body.write(id.length & 0xFF);
        body.writeBytes(id);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        packet.write(body.size()); // < 128 bytes: the remaining length fits in one byte
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }
}
