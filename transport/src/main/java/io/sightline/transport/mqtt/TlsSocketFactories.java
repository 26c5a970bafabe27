package io.sightline.transport.mqtt;

import io.sightline.transport.config.ConfigException;
import io.sightline.transport.config.TlsConfig;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Optional;
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

    /** The factory; a store that cannot be read, or a key its password does not open, names the key. */
    public static SSLSocketFactory create(TlsConfig tls) {
        try {
            KeyManager[] keys = null;
            Optional<KeyStore> keyStore = tls.openKeyStore();
            if (keyStore.isPresent()) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                try {
                    kmf.init(keyStore.get(), tls.keyStorePasswordChars());
                } catch (UnrecoverableKeyException e) {
                    throw new ConfigException("mqtt.tls.key_store_password: does not open the key in " + tls.keyStore(), e);
                }
                keys = kmf.getKeyManagers();
            }
            TrustManager[] trust = null;
            Optional<KeyStore> trustStore = tls.openTrustStore();
            if (trustStore.isPresent()) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore.get());
                trust = tmf.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new ConfigException("mqtt.tls: cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
