package dev.mlops.maturity.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The verdict on one capability for one workload (or the platform): state, source, references to
 * what was seen (kind/namespace/name or endpoint+query), a short message for a person, and for an
 * Unknown verdict why it is Unknown ({@link UnknownReason#Failed} unless said otherwise; null for any other state),
 * and, from probes that read run history, when the capability last ran successfully ({@link Exercise}; null otherwise).
 */
public record Evidence(
    String capability, CapabilityState state, Source source, List<String> references, String message, UnknownReason unknownReason,
    Exercise exercise) {

  public Evidence {
    Objects.requireNonNull(capability, "capability");
    Objects.requireNonNull(state, "state");
    source = source == null ? Source.OBSERVED : source;
    references = references == null ? List.of() : List.copyOf(BoundedText.references(references));
    message = message == null ? "" : BoundedText.of(message, BoundedText.MESSAGE);
    unknownReason = state != CapabilityState.Unknown ? null : unknownReason == null ? UnknownReason.Failed : unknownReason;
  }

  public Evidence(String capability, CapabilityState state, Source source, List<String> references, String message) {
    this(capability, state, source, references, message, null, null);
  }

  public Evidence(
      String capability, CapabilityState state, Source source, List<String> references, String message, UnknownReason unknownReason) {
    this(capability, state, source, references, message, unknownReason, null);
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

  public static Evidence unknown(String capability, UnknownReason reason, String message) {
    return new Evidence(capability, CapabilityState.Unknown, Source.OBSERVED, List.of(), message, reason);
  }

  public Evidence withCapability(String id) {
    return new Evidence(id, state, source, references, message, unknownReason, exercise);
  }

  public Evidence withMessage(String text) {
    return new Evidence(capability, state, source, references, text, unknownReason, exercise);
  }

  /** This Unknown verdict with another reason and message; any other verdict unchanged. */
  public Evidence withUnknownReason(UnknownReason reason, String text) {
    return state == CapabilityState.Unknown ? new Evidence(capability, state, source, references, text, reason, exercise) : this;
  }

  /** This verdict with what was seen of the capability's runs. */
  public Evidence withExercise(Exercise seen) {
    return new Evidence(capability, state, source, references, message, unknownReason, seen);
  }

  /** When the capability last ran successfully, or null when unknown or never. */
  public Instant lastExercised() {
    return exercise == null ? null : exercise.lastSucceeded();
  }

  /** Unknown because something failed (not because an integration is simply not configured). */
  public boolean failed() {
    return state == CapabilityState.Unknown && unknownReason.isFailure();
  }

  /** Unknown only because the integration its signal needs is not configured: a stable absence, not a failure. */
  public boolean notConfigured() {
    return state == CapabilityState.Unknown && unknownReason == UnknownReason.NotConfigured;
  }

  public boolean holds() {
    return state.holds();
  }
}
