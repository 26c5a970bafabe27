package io.sightline.transport.mqtt;

/**
 * Counters of one client since start. {@code births} counts successful (re)connects; {@code replaced}
 * counts latest-wins messages overwritten before they were sent (normal while offline or when the
 * producer outruns the link); {@code droppedFull}/{@code droppedExpired} count queue losses.
 */
public record ClientStats(boolean connected, long births, long published, long replaced, long droppedFull,
                          long droppedExpired, long inflightWaits, long publishFailures, int outboxSize) {
    public long outboxDropped() {
        return droppedFull + droppedExpired;
    }
}
