package io.wellness.tracking.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The privacy threshold can be raised but never set below 3: such a configuration does not start. */
class TrackingConfigTest {
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    @Test
    void defaultsAreFiveEmployeesAndThirteenMonths() {
        TrackingConfig config = load(null);
        assertThat(config.privacy().minGroupSize()).isEqualTo(5);
        assertThat(config.retention()).isEqualTo(Duration.ofDays(395));
        assertThat(config.streakMinCompleted()).isEqualTo(3);
    }

    @Test
    void aThresholdOfThreeIsAccepted() {
        assertThat(load("3").privacy().minGroupSize()).isEqualTo(3);
    }

    @Test
    void aThresholdBelowThreeFailsStartup() {
        assertThatThrownBy(() -> load("2")).isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("wellness.tracking.privacy.min-group-size");
    }

    private static TrackingConfig load(String minGroupSize) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withMapping(TrackingConfig.class)
                .withValidator((BeanValidationConfigValidator) () -> VALIDATOR);
        if (minGroupSize != null) {
            builder.withDefaultValue("wellness.tracking.privacy.min-group-size", minGroupSize);
        }
        SmallRyeConfig config = builder.build();
        return config.getConfigMapping(TrackingConfig.class);
    }
}
