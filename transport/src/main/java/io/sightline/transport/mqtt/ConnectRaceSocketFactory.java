package io.sightline.transport.mqtt;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * Plain-TCP sockets for Paho that hold back the end of the stream (EOF or a connection reset) until
 * the client has written its first packet, the CONNECT.
 *
 * <p>Why: Paho 1.2.5 (mqttv5) starts its receiver thread and then polls every 100 ms, without a
 * timeout, until it sees that thread running ({@code CommsReceiver.start}). When a broker accepts the
 * TCP connection and drops it at once, as one does while it shuts down or restarts, the receiver thread
 * starts, fails and stops between two polls, and the "MQTT Con" thread polls for ever: one leaked
 * thread per such connect (paho.mqtt.java issues 999 and 945, fix proposed in pull request 953, not
 * released). Holding the failure back until CONNECT is written keeps the receiver running until Paho
 * has seen it run and has started its sender and callback threads; then the failure goes through and
 * Paho shuts the connection down as usual.
 *
 * <p>A read that times out ({@link SocketTimeoutException}, Paho's 1 s poll) is not held. The hold
 * ends when the socket is closed and, as a last resort, after {@link #MAX_HOLD_MS}.
 */
final class ConnectRaceSocketFactory extends SocketFactory {
    static final long MAX_HOLD_MS = 5_000;

    @Override
    public Socket createSocket() {
        return new HoldingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket(host, port, null, 0);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(host, port, null, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), localAddress, localPort);
    }

    private static Socket connected(InetSocketAddress remote, InetAddress localAddress, int localPort) throws IOException {
        HoldingSocket socket = new HoldingSocket();
        try {
            if (localAddress != null || localPort != 0) {
                socket.bind(new InetSocketAddress(localAddress, localPort));
            }
            socket.connect(remote);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** A socket whose input stream reports its end only after the first write (or close). */
    static final class HoldingSocket extends Socket {
        private final CountDownLatch firstWriteOrClose = new CountDownLatch(1);

        /** True once a write or close has released held failures. */
        boolean released() {
            return firstWriteOrClose.getCount() == 0;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new FilterInputStream(super.getInputStream()) {
                @Override
                public int read() throws IOException {
                    return heldEnd(readHeld(() -> super.read()));
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return heldEnd(readHeld(() -> super.read(b, off, len)));
                }
            };
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            OutputStream raw = super.getOutputStream();
            return new FilterOutputStream(raw) {
                @Override
                public void write(int b) throws IOException {
                    firstWriteOrClose.countDown();
                    raw.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    firstWriteOrClose.countDown();
                    raw.write(b, off, len);
                }
            };
        }

        @Override
        public synchronized void close() throws IOException {
            firstWriteOrClose.countDown();
            super.close();
        }

        private interface Read {
            int run() throws IOException;
        }

        private int readHeld(Read read) throws IOException {
            try {
                return read.run();
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                hold();
                throw e;
            }
        }

        private int heldEnd(int n) {
            if (n < 0) {
                hold();
            }
            return n;
        }

        private void hold() {
            try {
                firstWriteOrClose.await(MAX_HOLD_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
