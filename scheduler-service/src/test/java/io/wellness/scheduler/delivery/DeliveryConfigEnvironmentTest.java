package io.wellness.scheduler.delivery;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The environment variables deploy/kubernetes sets reach the delivery configuration: in particular a generic
 * webhook endpoint is named by its variables (WELLNESS_DELIVERY_WEBHOOK_ENDPOINTS_AUTOMATION_URL / _SECRET).
 */
class DeliveryConfigEnvironmentTest {

    @Test
    void webhookEndpointsAndSecretsComeFromTheVariablesTheManifestsSet() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of(
                        "WELLNESS_DELIVERY_ACTION_SECRET", "action-secret-from-a-secret",
                        "WELLNESS_DELIVERY_WEBHOOK_ENDPOINTS_AUTOMATION_URL", "https://automation.example.com/wellness",
                        "WELLNESS_DELIVERY_WEBHOOK_ENDPOINTS_AUTOMATION_SECRET", "webhook-secret-from-a-secret"), 300))
                .withMapping(DeliveryConfig.class)
                .build();
        DeliveryConfig delivery = config.getConfigMapping(DeliveryConfig.class);

        assertThat(delivery.actionSecret().value()).isEqualTo("action-secret-from-a-secret");
        assertThat(delivery.webhook().endpoints()).containsOnlyKeys("automation");
        DeliveryConfig.Webhook.Endpoint automation = delivery.webhook().endpoints().get("automation");
        assertThat(automation.url().value()).isEqualTo("https://automation.example.com/wellness");
        assertThat(automation.secret().value()).isEqualTo("webhook-secret-from-a-secret");
    }
}
