package dev.mlops.maturity.evidence;

import java.util.List;
import java.util.Objects;

/**
 * The verdict on one capability for one workload (or the platform): state, source, references to
 * what was seen (kind/namespace/name or endpoint+query), and a short message for a person.
 */
public record Evidence(
    String capability, CapabilityState state, Source source, List<String> references, String message) {

  public Evidence {
    Objects.requireNonNull(capability, "capability");
    Objects.requireNonNull(state, "state");
    source = source == null ? Source.OBSERVED : source;
    references = references == null ? List.of() : List.copyOf(BoundedText.references(references));
    message = message == null ? "" : BoundedText.of(message, BoundedText.MESSAGE);
  }

  public static Evidence satisfied(String capability, String message, List<String> references) {
    return new Evidence(capability, CapabilityState.Satisfied, Source.OBSERVED, references, message);
  }

  public static Evidence missing(String capability, String message) {
    return new Evidence(capability, CapabilityState.Missing, Source.OBSERVED, List.of(), message);
  }

  public static Evidence missing(String capability, String message, List<String> references) {
    return new Evidence(capability, CapabilityState.Missing, Source.OBSERVED, references, message);
  }

  public static Evidence unknown(String capability, String message) {
    return new Evidence(capability, CapabilityState.Unknown, Source.OBSERVED, List.of(), message);
  }

  public Evidence withCapability(String id) {
    return new Evidence(id, state, source, references, message);
  }

  public boolean holds() {
    return state.holds();
  }
}
