package io.sightline.transport.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Optional;

/**
 * TLS towards the broker (used when enabled or when the URL is ssl://). Stores are PKCS12 or JKS
 * files; an empty trust store means the JVM's default trust (cacerts); an empty key store means no
 * client certificate.
 */
public record TlsConfig(boolean enabled, String trustStore, Secret trustStorePassword, String keyStore,
                        Secret keyStorePassword, String storeType) {
    public TlsConfig {
        storeType = storeType == null || storeType.isBlank() ? "PKCS12" : storeType;
    }

    public boolean hasTrustStore() {
        return trustStore != null && !trustStore.isBlank();
    }

    public boolean hasKeyStore() {
        return keyStore != null && !keyStore.isBlank();
    }

    /** The trust store, read with its password; empty when none is configured. */
    public Optional<KeyStore> openTrustStore() {
        return hasTrustStore() ? Optional.of(open(trustStore, trustStorePassword, "mqtt.tls.trust_store")) : Optional.empty();
    }

    /** The client certificate's key store, read with its password; empty when none is configured. */
    public Optional<KeyStore> openKeyStore() {
        return hasKeyStore() ? Optional.of(open(keyStore, keyStorePassword, "mqtt.tls.key_store")) : Optional.empty();
    }

    /** The key store's password, also the password of its key; a missing password is the empty one. */
    public char[] keyStorePasswordChars() {
        return chars(keyStorePassword);
    }

    private static char[] chars(Secret password) {
        return password == null ? new char[0] : password.revealChars();
    }

    /**
     * Reads a store; a missing or unreadable file names {@code key}, a wrong password {@code key_password} (the
     * password itself is never shown).
     */
    private KeyStore open(String file, Secret password, String key) {
        Path path = Path.of(file);
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(storeType);
            store.load(in, chars(password));
            return store;
        } catch (IOException e) {
            // a wrong password surfaces as an IOException caused by UnrecoverableKeyException from KeyStore.load
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new ConfigException(key + "_password: wrong password for " + storeType + " store " + path, e);
            }
            throw new ConfigException(key + ": cannot read " + storeType + " store " + path + ": " + e, e);
        } catch (GeneralSecurityException e) {
            throw new ConfigException(key + ": cannot read " + storeType + " store " + path + " (mqtt.tls.store_type): " + e, e);
        }
    }
}
