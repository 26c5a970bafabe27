package io.sightline.transport.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code mqtt.robot_id}: as configured, or {@value #HOSTNAME} for the machine's host name, so that one configuration
 * file serves a fleet (each robot publishes under {@code sightline/v1/<its host name>/}). The host name is shortened
 * to its first label and lower-cased; characters a topic level or a client id should not carry become '-'.
 */
public final class RobotId {
    /** The configured value that stands for the host name. */
    public static final String HOSTNAME = "${hostname}";

    private RobotId() {
    }

    /** The robot id {@code configured} names on this machine. */
    public static String resolve(String configured) {
        return resolve(configured, RobotId::hostname);
    }

    static String resolve(String configured, Supplier<String> hostname) {
        if (configured == null || !configured.strip().equals(HOSTNAME)) {
            return configured;
        }
        String name = hostname.get();
        if (name == null || name.isBlank()) {
            throw new ConfigException("mqtt.robot_id: " + HOSTNAME + " but this machine has no host name; set mqtt.robot_id");
        }
        String first = name.strip().split("\\.", 2)[0].toLowerCase(Locale.ROOT);
        String id = first.replaceAll("[^a-z0-9_-]", "-");
        if (id.isEmpty() || id.chars().allMatch(c -> c == '-')) {
            throw new ConfigException("mqtt.robot_id: " + HOSTNAME + " gives no usable id from host name '" + name + "'; set mqtt.robot_id");
        }
        return id;
    }

    /** /etc/hostname, else the kernel's node name, else what Java's resolver says. */
    static String hostname() {
        for (Path p : new Path[] {Path.of("/etc/hostname"), Path.of("/proc/sys/kernel/hostname")}) {
            try {
                String s = Files.readString(p).strip();
                if (!s.isEmpty()) {
                    return s;
                }
            } catch (IOException | RuntimeException e) {
                // next source
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }
}
