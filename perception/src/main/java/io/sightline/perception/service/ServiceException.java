package io.sightline.perception.service;

/** The service cannot start as configured; the message names the key, flag or file that is wrong. */
public class ServiceException extends RuntimeException {
    public ServiceException(String message) {
        super(message);
    }

    public ServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
