package io.sightline.cli.mqtt;

import io.sightline.cli.replay.ModelOptions;
import io.sightline.transport.mqtt.PayloadDecoder;
import io.sightline.transport.v1.GroundingResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code ground} and {@code ask} share about one request: its camera, deadline, id, and for the offline form the
 * scene frame and the model; and how its answer is printed (the result as one JSON line on stdout, a summary on stderr).
 */
public final class RequestOptions {
    @Option(names = "--camera", paramLabel = "ID", description = "camera the request is about (default: the service's default camera)")
    String camera = "";

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5s",
        description = "deadline for the answer, e.g. 500ms, 5s (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Mixin
    ModelOptions model;

    @Option(names = "--frame", paramLabel = "N", defaultValue = "0", description = "offline form: the scene frame (default: ${DEFAULT-VALUE})")
    int frame;

    @Option(names = "--request-id", paramLabel = "ID", description = "request id (default: a random UUID); resending one returns the cached result")
    String requestId;

    /** The given request id, else a new random one. */
    String requestId() {
        return requestId != null ? requestId : UUID.randomUUID().toString();
    }

    /** Prints {@code result} as the commands do and returns its exit code ({@link GroundCommand#exitCode}). */
    static int print(CommandLine cl, GroundingResult result, Function<GroundingResult, String> summary) {
        PrintWriter out = cl.getOut();
        out.println(new PayloadDecoder().toJson(result));
        out.flush();
        cl.getErr().println(summary.apply(result));
        return GroundCommand.exitCode(result);
    }
}
