package io.sightline.transport.mqtt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests per second per client, a token bucket each (burst: one second's worth). MQTT does not tell a subscriber
 * who published, so a client is what the request carries: the response topic it names (a requester's private
 * {@code ground/response/{client_id}}); requests naming none, or a refused one, share one client. At most
 * {@code maxClients} buckets are kept (least recently seen forgotten), so rotating response topics cannot grow
 * memory; the bounded request queue holds the total load in any case.
 */
final class ClientRateLimit {
    /** What to do with one request. */
    enum Verdict {
        ADMIT,
        /** Over the rate: answer BUSY once, so the client learns why. */
        SHED_AND_ANSWER,
        /** Over the rate and already told: drop without an answer (answers would be a flood of their own). */
        SHED_SILENTLY
    }

    private static final class Client {
        final TokenBucket bucket;
        boolean told;

        Client(TokenBucket bucket) {
            this.bucket = bucket;
        }
    }

    private final int perSecond;
    private final Map<String, Client> clients;

    ClientRateLimit(int perSecond, int maxClients) {
        this.perSecond = perSecond;
        this.clients = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Client> eldest) {
                return size() > maxClients;
            }
        };
    }

    synchronized Verdict admit(String client, long nowNanos) {
        Client c = clients.computeIfAbsent(client, k -> new Client(new TokenBucket(perSecond, perSecond, nowNanos)));
        if (c.bucket.tryTake(nowNanos)) {
            c.told = false;
            return Verdict.ADMIT;
        }
        if (c.told) {
            return Verdict.SHED_SILENTLY;
        }
        c.told = true;
        return Verdict.SHED_AND_ANSWER;
    }

    int perSecond() {
        return perSecond;
    }
}
