package io.sightline.service.config;

import io.sightline.transport.config.ConfigException;
import io.sightline.transport.config.Secret;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The {@code http} section: the service's one HTTP port ({@code /metrics}).
 *
 * @param port  TCP port; 0 = no HTTP port
 * @param host  address to bind; a loopback one by default, so that only this machine can read it
 * @param token bearer token that every request must carry ({@code Authorization: Bearer TOKEN}); required when
 *              {@code host} is not a loopback address, optional on loopback
 */
public record HttpSection(int port, String host, Secret token) {
    public HttpSection {
        if (port < 0 || port > 65535) {
            throw new ConfigException("http.port: " + port + " is not a TCP port (1-65535, or 0 = no HTTP port)");
        }
        host = host == null || host.isBlank() ? "127.0.0.1" : host.strip();
        if (token != null && token.isEmpty()) {
            token = null;
        }
        if (port > 0 && token == null && !loopback(host)) {
            throw new ConfigException("http.token: required when http.host is " + host + " (not a loopback address):"
                + " anyone on the network could read the service's metrics; set http.token or SIGHTLINE_HTTP_TOKEN,"
                + " or bind http.host: 127.0.0.1");
        }
    }

    public boolean enabled() {
        return port > 0;
    }

    public Optional<Secret> bearerToken() {
        return Optional.ofNullable(token);
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException("http.host: '" + host + "' is not an address of this machine (" + e.getMessage() + ")");
        }
    }
}
