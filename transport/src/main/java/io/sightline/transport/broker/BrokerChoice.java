package io.sightline.transport.broker;

/**
 * The broker Sightline talks to and why. Closing it stops the embedded broker when there is one.
 *
 * @param embedded the broker this process started, or null
 */
public record BrokerChoice(String uri, Kind kind, String description, EmbeddedBroker embedded) implements AutoCloseable {
    public enum Kind { CONFIGURED, LOCAL, EMBEDDED }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
