package dev.mlops.maturity.probe;

import dev.mlops.maturity.evidence.CapabilityState;
import dev.mlops.maturity.evidence.Evidence;
import dev.mlops.maturity.evidence.Exercise;
import dev.mlops.maturity.evidence.Source;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The verdict rule every probe decides through (PROBES.md scoring defaults): a refutation (a finding
 * that proves the capability absent or broken whatever else exists, e.g. a broad grant, a required link
 * read and absent, a model that does not exist) is Missing; otherwise Satisfied when any provider shows
 * it; otherwise Unknown when a read failed or was forbidden, or when no provider is installed at all;
 * otherwise Missing (the probe ran and found nothing).
 */
public final class ProviderScan {
  private final String capability;
  private final List<String> found = new ArrayList<>();
  private final List<String> seen = new ArrayList<>();
  private final Set<String> failures = new LinkedHashSet<>();
  private final Set<String> notInstalled = new LinkedHashSet<>();
  private final List<String> refutations = new ArrayList<>();
  private final List<String> refutationReferences = new ArrayList<>();
  private boolean anyServed;
  private Exercise exercise;

  public ProviderScan(String capability) {
    this.capability = capability;
  }

  /** Records a listing and returns its items (none when it could not be read). */
  public List<GenericKubernetesResource> read(Listing listing) {
    switch (listing.availability()) {
      case SERVED -> anyServed = true;
      case NOT_INSTALLED -> notInstalled.add(listing.kind().displayName());
      default -> failures.add(listing.reason());
    }
    return listing.items();
  }

  /** Records an external answer; returns its value or null when it failed (a NotFound counts as ran-and-found-nothing). */
  public <T> T read(Answer<T> answer) {
    if (answer instanceof Answer.Ok<T> ok) {
      anyServed = true;
      return ok.value();
    }
    if (answer instanceof Answer.NotFound<T>) {
      anyServed = true;
      return null;
    }
    failures.add(((Answer.Failed<T>) answer).reason());
    return null;
  }

  /** Evidence that satisfies the capability (a reference such as "argoproj.io/Rollout fraud/web"). */
  public ProviderScan found(String reference) {
    found.add(reference);
    return this;
  }

  /** Something relevant that does not satisfy it (shown on a Missing verdict: "CronWorkflow x is suspended"). */
  public ProviderScan seen(String note) {
    seen.add(note);
    return this;
  }

  /** Several references that together satisfy the capability. */
  public ProviderScan found(List<String> references) {
    found.addAll(references);
    return this;
  }

  /** A finding that proves the capability absent or broken: the verdict is Missing, naming it, whatever else was read. */
  public ProviderScan refute(String why, List<String> references) {
    refutations.add(why);
    refutationReferences.addAll(references);
    return this;
  }

  /** A failure that is not a listing or an answer (a call that failed, an implausible value): Unknown unless found or refuted. */
  public ProviderScan failed(String reason) {
    failures.add(reason);
    return this;
  }

  /** A provider answered (for evidence that is neither a listing nor an answer, e.g. a value computed from one). */
  public ProviderScan served() {
    anyServed = true;
    return this;
  }

  /** What was seen of the capability's runs; several calls keep the newest success (see {@link Exercise#newest}). */
  public ProviderScan exercised(Exercise seen) {
    exercise = exercise == null ? seen : exercise.newest(seen);
    return this;
  }

  public boolean refuted() {
    return !refutations.isEmpty();
  }

  public boolean failedAny() {
    return !failures.isEmpty();
  }

  public boolean satisfied() {
    return !found.isEmpty();
  }

  public Evidence verdict(String satisfiedMessage, String missingMessage) {
    Evidence e = decide(satisfiedMessage, missingMessage);
    return exercise == null ? e : e.withExercise(exercise);
  }

  private Evidence decide(String satisfiedMessage, String missingMessage) {
    if (!refutations.isEmpty()) {
      return new Evidence(capability, CapabilityState.Missing, Source.OBSERVED, refutationReferences.stream().distinct().toList(),
          String.join("; ", refutations));
    }
    if (!found.isEmpty()) {
      return new Evidence(capability, CapabilityState.Satisfied, Source.OBSERVED, found, satisfiedMessage);
    }
    if (!failures.isEmpty()) {
      return new Evidence(capability, CapabilityState.Unknown, Source.OBSERVED, seen, String.join("; ", failures));
    }
    if (!anyServed) {
      return new Evidence(capability, CapabilityState.Unknown, Source.OBSERVED, seen,
          "no provider is installed: " + String.join(", ", notInstalled));
    }
    String message = seen.isEmpty() ? missingMessage : missingMessage + " (" + String.join("; ", seen) + ")";
    return new Evidence(capability, CapabilityState.Missing, Source.OBSERVED, seen, message);
  }
}
