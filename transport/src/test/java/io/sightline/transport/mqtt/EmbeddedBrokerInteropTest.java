package io.sightline.transport.mqtt;

import io.sightline.transport.broker.EmbeddedBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class EmbeddedBrokerInteropTest extends InteropContract {
    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(0);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Override
    String host() {
        return "127.0.0.1";
    }

    @Override
    int port() {
        return broker.port();
    }
}
