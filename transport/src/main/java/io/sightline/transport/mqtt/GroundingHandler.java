package io.sightline.transport.mqtt;

import io.sightline.transport.v1.GroundingRequest;
import io.sightline.transport.v1.GroundingResult;

/**
 * Answers one grounding request (implemented by perception). Called on the grounding worker thread,
 * one request at a time; a thrown exception becomes an ERROR result naming it, a call that outlives the
 * request's deadline becomes TIMEOUT.
 */
@FunctionalInterface
public interface GroundingHandler {
    GroundingResult ground(GroundingRequest request) throws Exception;
}
