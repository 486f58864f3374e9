package io.wellness.catalog.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The words of one exercise in one language. */
public record LocalisedText(@NotBlank @Size(max = 120) String name,
                            @NotBlank @Size(max = 300) String summary,
                            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 500) String> steps,
                            @Size(max = 1000) String progression,
                            @NotNull @Size(max = 20) List<@NotBlank @Size(max = 500) String> cautions) {
}
