package dev.mlops.maturity.evaluation;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The MaturityExceptions that name one target, or why they could not be read ({@code unreadable}
 * non-empty): an unreadable list approves nothing.
 */
public record TargetExceptions(String namespace, String target, List<ApprovedException> items, String unreadable) {
  public TargetExceptions {
    items = List.copyOf(items);
    unreadable = unreadable == null ? "" : unreadable;
  }

  public static TargetExceptions none(String namespace, String target) {
    return new TargetExceptions(namespace, target, List.of(), "");
  }

  /** Of all exceptions in the cluster, those that name this target. */
  public static TargetExceptions of(String namespace, String target, List<ApprovedException> all) {
    return new TargetExceptions(namespace, target,
        all.stream().filter(e -> namespace.equals(e.namespace()) && target.equals(e.target())).toList(), "");
  }

  /** The holding exception for the entry, the one that lasts longest when several do. */
  Optional<ApprovedException> holding(String capability, EntryKind kind, LocalDate today) {
    return items.stream().filter(e -> e.covers(namespace, target, capability, kind) && e.holdsOn(today))
        .max(Comparator.comparing(e -> e.lastDay().orElseThrow()));
  }

  /** The exception for the entry that expired last (only asked when none holds). */
  Optional<ApprovedException> lastExpired(String capability, EntryKind kind) {
    return items.stream().filter(e -> e.covers(namespace, target, capability, kind) && e.lastDay().isPresent())
        .max(Comparator.comparing(e -> e.lastDay().orElseThrow()));
  }
}
