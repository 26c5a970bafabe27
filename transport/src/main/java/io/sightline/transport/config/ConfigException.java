package io.sightline.transport.config;

/** A configuration value that is missing, unknown or out of range; the message names the key and source. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
