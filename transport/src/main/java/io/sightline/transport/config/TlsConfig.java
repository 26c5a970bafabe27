package io.sightline.transport.config;

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
}
