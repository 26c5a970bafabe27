package io.sightline.transport.mqtt;

/** Receives messages of one subscription, on Paho's callback thread: hand long work to another thread. */
@FunctionalInterface
public interface MessageListener {
    void onMessage(InboundMessage message);
}
