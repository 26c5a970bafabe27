package io.sightline.perception.service;

import io.sightline.transport.config.SightlineConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@link PerceptionService#start} needs besides the configuration.
 *
 * @param config     defaults < YAML < SIGHTLINE_* environment < flags, already merged
 * @param home       folder that relative {@code source.uri} and {@code model.pack} are resolved against (the
 *                   installation, {@code -Dsightline.home}); null = the working directory
 * @param cameraInfo ROS camera_info YAML for a live source, or null
 * @param extrinsics extrinsics YAML for a live source, or null
 * @param version    Sightline version for the status topic
 * @param console    receives the one-line live status once a second (e.g. stderr); null = none
 */
public record ServiceSettings(SightlineConfig config, Path home, Path cameraInfo, Path extrinsics, String version,
                              Consumer<String> console) {
    public ServiceSettings {
        Objects.requireNonNull(config, "config");
        version = version == null ? "" : version;
    }

    /** A configured path: absolute as is, relative ones under {@link #home()} (or the working directory). */
    public Path resolve(String configured) {
        Path p = Path.of(configured);
        return p.isAbsolute() || home == null ? p : home.resolve(p);
    }

    /** {@code source.uri} resolved: device paths and URLs as they are, files and folders with {@link #resolve}. */
    public String sourceUri() {
        String uri = config.source().uri();
        if (uri.contains("://") || uri.startsWith("/dev/") || uri.matches("\\d+")) {
            return uri;
        }
        return resolve(uri).toString();
    }
}
