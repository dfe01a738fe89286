package dev.mlops.maturity.ledger;

import dev.mlops.maturity.api.v1alpha1.MaturityLedger;
import dev.mlops.maturity.api.v1alpha1.MaturityLedgerSpec;
import dev.mlops.maturity.api.v1alpha1.MaturityTarget;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Writes a target's MaturityLedger: reads the stored object (not the informer cache, which may lag behind our own
 * last write), applies a change and writes it back with optimistic locking, retrying a conflict a few times. A
 * change function returning null means "nothing to write". Creates the ledger owned by its target, so it is
 * garbage-collected with it.
 */
public class LedgerWriter {
  private static final int ATTEMPTS = 3;
  private final KubernetesClient client;

  public LedgerWriter(KubernetesClient client) {
    this.client = client;
  }

  /** The spec now stored, null when the ledger does not exist. */
  public MaturityLedgerSpec stored(String namespace, String name) {
    MaturityLedger l = client.resources(MaturityLedger.class).inNamespace(namespace).withName(name).get();
    return l == null ? null : l.getSpec();
  }

  /** Applies {@code change} to the stored spec (null when there is no ledger yet); returns the written spec or null. */
  public synchronized MaturityLedgerSpec change(String namespace, String name, MaturityTarget owner, UnaryOperator<MaturityLedgerSpec> change) {
    KubernetesClientException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      MaturityLedger stored = client.resources(MaturityLedger.class).inNamespace(namespace).withName(name).get();
      MaturityLedgerSpec next = change.apply(stored == null ? null : stored.getSpec());
      if (next == null) {
        return null;
      }
      try {
        if (stored == null) {
          if (owner == null || owner.getMetadata().getUid() == null) {
            return null;
          }
          client.resource(created(namespace, name, owner, next)).create();
        } else {
          stored.setSpec(next);
          client.resource(stored).update();
        }
        return next;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }

  private static MaturityLedger created(String namespace, String name, MaturityTarget owner, MaturityLedgerSpec spec) {
    MaturityLedger l = new MaturityLedger();
    l.getMetadata().setNamespace(namespace);
    l.getMetadata().setName(name);
    l.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind()).withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).build()));
    l.setSpec(spec);
    return l;
  }
}
