package io.sightline.transport.mqtt;

import io.sightline.transport.config.ConfigException;
import io.sightline.transport.config.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Builds the SSLSocketFactory Paho connects with, from the trust store and optional client certificate. */
public final class TlsSocketFactories {
    private TlsSocketFactories() {
    }

    public static SSLSocketFactory create(TlsConfig tls) {
        try {
            KeyManager[] keys = null;
            if (tls.hasKeyStore()) {
                char[] pass = tls.keyStorePassword() == null ? new char[0] : tls.keyStorePassword().revealChars();
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(tls.keyStore(), pass, tls.storeType(), "mqtt.tls.key_store"), pass);
                keys = kmf.getKeyManagers();
            }
            TrustManager[] trust = null;
            if (tls.hasTrustStore()) {
                char[] pass = tls.trustStorePassword() == null ? new char[0] : tls.trustStorePassword().revealChars();
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(tls.trustStore(), pass, tls.storeType(), "mqtt.tls.trust_store"));
                trust = tmf.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new ConfigException("mqtt.tls: cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String file, char[] password, String type, String key) throws GeneralSecurityException {
        Path path = Path.of(file);
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            return store;
        } catch (IOException e) {
            // a wrong password surfaces as an IOException from KeyStore.load
            throw new ConfigException(key + ": cannot read " + type + " store " + path + ": " + e.getMessage(), e);
        }
    }
}
