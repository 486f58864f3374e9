package io.wellness.catalog.service;

import java.util.List;

/** No plan satisfies the request; {@code reasons} say why, for the caller to act on. */
public class NoFittingPlanException extends RuntimeException {
    private final List<String> reasons;

    public NoFittingPlanException(List<String> reasons) {
        super(String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
