package dev.mlops.maturity.probe.governance;

import dev.mlops.maturity.probe.Probe;
import java.util.List;

/** The governance probes: feature-store parity, promotion RBAC, audit trail. */
public final class GovernanceProbes {
  private GovernanceProbes() {}

  public static List<Probe> all() {
    return List.of(new FeatureStoreProbe(), new PromotionRbacProbe(), new AuditTrailProbe());
  }
}
