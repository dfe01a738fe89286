package dev.mlops.maturity.probe;

import dev.mlops.maturity.evidence.Exercise;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Collects a capability's successful runs into one {@link Exercise}: the newest success with a finish
 * time wins; without one, a run listing that could not be read (forbidden, failed) makes it unknown,
 * else it never ran. A kind that is not installed holds no runs. Failed runs are never passed in.
 */
public final class RunHistory {
  private Exercise seen = Exercise.never();

  /** The runs in {@code listing} that belong to the capability and succeeded, each finished at {@code finishedAt}. */
  public RunHistory read(Listing listing, Predicate<GenericKubernetesResource> succeeded,
      Function<GenericKubernetesResource, Optional<Instant>> finishedAt) {
    if (listing.availability() == Availability.FORBIDDEN || listing.availability() == Availability.FAILED) {
      return unreadable(listing.reason());
    }
    for (GenericKubernetesResource run : listing.items()) {
      if (succeeded.test(run)) {
        finishedAt.apply(run).ifPresent(at -> add(at, ProbeContext.ref(run)));
      }
    }
    return this;
  }

  public RunHistory add(Instant at, String run) {
    seen = seen.newest(Exercise.at(at, run));
    return this;
  }

  public RunHistory unreadable(String reason) {
    seen = seen.newest(Exercise.unknown(reason));
    return this;
  }

  public Exercise exercise() {
    return seen;
  }
}
