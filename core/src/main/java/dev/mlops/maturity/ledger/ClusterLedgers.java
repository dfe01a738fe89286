package dev.mlops.maturity.ledger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.maturity.api.v1alpha1.MaturityLedgerSpec;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import dev.mlops.maturity.probe.ClusterView;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The MaturityLedgers of the cluster, read through the ClusterView like every other kind (no I/O of their own). */
public final class ClusterLedgers {
  public static final ResourceKind KIND = KindCatalogue.MATURITY_LEDGER;
  private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ClusterLedgers() {}

  /** The ledger of one target (same namespace and name): its content, absent, or why it cannot be read. */
  public static Read forTarget(ClusterView cluster, String namespace, String name) {
    Listing listing = cluster.list(KIND, namespace);
    if (!listing.served()) {
      return new Read(Optional.empty(), listing.reason());
    }
    Optional<GenericKubernetesResource> found = listing.items().stream()
        .filter(r -> r.getMetadata() != null && Objects.equals(name, r.getMetadata().getName())).findFirst();
    if (found.isEmpty()) {
      return new Read(Optional.empty(), null);
    }
    try {
      MaturityLedgerSpec spec = JSON.convertValue(found.get().getAdditionalProperties().get("spec"), MaturityLedgerSpec.class);
      return new Read(Optional.ofNullable(spec), spec == null ? "MaturityLedger " + namespace + "/" + name + " has no spec" : null);
    } catch (IllegalArgumentException e) {
      return new Read(Optional.empty(), "MaturityLedger " + namespace + "/" + name + " cannot be read: its spec is not a ledger");
    }
  }

  /** The readable ledgers of these targets by {@code namespace/name} (for reports; unreadable ones are left out). */
  public static Map<String, MaturityLedgerSpec> byTarget(ClusterView cluster, List<MaturityTarget> targets) {
    Map<String, MaturityLedgerSpec> out = new LinkedHashMap<>();
    for (MaturityTarget t : targets) {
      String ns = t.getMetadata().getNamespace();
      String name = t.getMetadata().getName();
      if (ns == null || name == null) {
        continue; // a target from a file without a namespace has no ledger of its own
      }
      forTarget(cluster, ns, name).ledger().ifPresent(l -> out.put(ns + "/" + name, l));
    }
    return out;
  }

  /** A ledger read: the spec when there is one; {@code problem} says why none could be read (null: there is simply none yet). */
  public record Read(Optional<MaturityLedgerSpec> ledger, String problem) {}
}
