package io.sightline.transport.mqtt;

/**
 * Topic names under {@code sightline/v1/{robot_id}/}. Robot and camera ids become topic levels, so
 * they may not contain '/', '+', '#' (MQTT 5.0 section 4.7) nor be empty.
 */
public final class Topics {
    public static final String ROOT = "sightline/v1";
    private static final String SHARE_PREFIX = "$share/";
    private static final String RESPONSE_LEVEL = "ground/response/";

    private final String robotId;
    private final String base;

    public Topics(String robotId) {
        this.robotId = requireLevel("robot id", robotId);
        this.base = ROOT + "/" + robotId + "/";
    }

    public String robotId() {
        return robotId;
    }

    public String status() {
        return base + Channel.STATUS.suffix();
    }

    public String health() {
        return base + Channel.HEALTH.suffix();
    }

    public String detections(String cameraId) {
        return base + Channel.DETECTIONS.suffix() + "/" + requireLevel("camera id", cameraId);
    }

    public String scene(String cameraId) {
        return base + Channel.SCENE.suffix() + "/" + requireLevel("camera id", cameraId);
    }

    public String events(String cameraId) {
        return base + Channel.EVENTS.suffix() + "/" + requireLevel("camera id", cameraId);
    }

    public String groundRequest() {
        return base + Channel.GROUND_REQUEST.suffix();
    }

    /** Where results go when a request names no MQTT 5 response topic. */
    public String groundResult() {
        return base + Channel.GROUND_RESULT.suffix();
    }

    /** A requester's private response topic. */
    public String groundResponse(String clientId) {
        return base + RESPONSE_LEVEL + requireLevel("client id", clientId);
    }

    /** The filters matching a channel: all cameras for per-camera channels, private responses too for results. */
    public java.util.List<String> filters(Channel channel) {
        return switch (channel) {
            case GROUND_RESULT -> java.util.List.of(groundResult(), base + RESPONSE_LEVEL + "+");
            default -> java.util.List.of(channel.perCamera() ? base + channel.suffix() + "/+" : base + channel.suffix());
        };
    }

    /** True for a topic below this robot's root {@code sightline/v1/{robot_id}/}. */
    public boolean isBelowRoot(String topic) {
        return topic.startsWith(base) && topic.length() > base.length();
    }

    /**
     * The channel a topic of any robot belongs to ({@code sightline/v1/{robot}/{channel}[/...]}); private
     * response topics ({@code ground/response/...}) belong to {@link Channel#GROUND_RESULT}. Empty for other topics.
     */
    public static java.util.Optional<Channel> channelOf(String topic) {
        String[] levels = topic.split("/", 4);
        if (levels.length < 4 || !topic.startsWith(ROOT + "/")) {
            return java.util.Optional.empty();
        }
        String rest = levels[3];
        for (Channel c : Channel.values()) {
            if (rest.equals(c.suffix()) || rest.startsWith(c.suffix() + "/")) {
                return java.util.Optional.of(c);
            }
        }
        return rest.startsWith(RESPONSE_LEVEL) ? java.util.Optional.of(Channel.GROUND_RESULT) : java.util.Optional.empty();
    }

    /** Everything of this robot. */
    public String all() {
        return base + "#";
    }

    /**
     * A shared subscription (MQTT 5.0 section 4.8.2): the broker hands each message to one member of
     * the group, so several instances can serve one robot's grounding requests.
     */
    public static String shared(String group, String filter) {
        return SHARE_PREFIX + requireLevel("share group", group) + "/" + filter;
    }

    /** The topic filter without a $share/{group}/ prefix, for matching incoming topic names. */
    public static String unshared(String filter) {
        if (!filter.startsWith(SHARE_PREFIX)) {
            return filter;
        }
        int slash = filter.indexOf('/', SHARE_PREFIX.length());
        return slash < 0 ? filter : filter.substring(slash + 1);
    }

    static String requireLevel(String what, String value) {
        if (value == null || value.isEmpty() || value.contains("/") || value.contains("+") || value.contains("#")) {
            throw new IllegalArgumentException(what + " '" + value + "' must be non-empty and contain no '/', '+' or '#'");
        }
        return value;
    }
}
