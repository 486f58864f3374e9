package io.wellness.scheduler.delivery.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The channels by the {@code channel.type} of due events. */
@ApplicationScoped
public class ChannelRegistry {
    private final Map<String, ChatChannel> byType = new HashMap<>();

    public ChannelRegistry(Instance<ChatChannel> channels) {
        for (ChatChannel channel : channels) {
            if (byType.put(channel.type(), channel) != null) {
                throw new IllegalStateException("two channels of type " + channel.type());
            }
        }
    }

    public Optional<ChatChannel> find(String type) {
        return Optional.ofNullable(type == null ? null : byType.get(type));
    }
}
