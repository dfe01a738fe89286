package dev.mlops.maturity.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.maturity.evidence.Evidence;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs a scenario's probes and checks every expectation. */
public final class ScenarioAssertions {
  public static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  private ScenarioAssertions() {}

  public static void check(Scenario s, ProbeSet probes, ExternalSources external) {
    EvidenceCollector collector = new EvidenceCollector(probes, ProbeSettings.DEFAULTS, FIXED);
    Map<String, Evidence> platform = collector.platform(s.cluster(), external);
    Map<String, Evidence> evidence = s.target() == null
        ? platform
        : collector.workload(s.target(), s.cluster(), external, platform, s.expect().keySet());
    s.expect().forEach((id, want) -> {
      Evidence got = evidence.get(id);
      assertThat(got).as("%s: no evidence for %s (is its probe in the ProbeSet?)", s.name(), id).isNotNull();
      assertThat(got.state().name()).as("%s: state of %s (message: %s)", s.name(), id, got.message()).isEqualTo(want.state());
      if (want.reference() != null) {
        assertThat(got.references()).as("%s: references of %s", s.name(), id).anyMatch(r -> r.contains(want.reference()));
      }
      if (want.message() != null) {
        assertThat(got.message()).as("%s: message of %s", s.name(), id).contains(want.message());
      }
    });
  }

  public static void check(Scenario s, ProbeSet probes) {
    check(s, probes, ExternalSources.NONE);
  }

  /** Every kind a probe lists while evaluating the scenario is declared in its reads() (what RBAC grants). */
  public static void checkReadsDeclared(Scenario s, java.util.Collection<? extends Probe> probes) {
    for (Probe probe : probes) {
      if (s.target() == null && probe.scope() == dev.mlops.maturity.model.Scope.WORKLOAD) {
        continue;
      }
      java.util.Set<ResourceKind> listed = new java.util.HashSet<>();
      ProbeContext ctx = new ProbeContext(s.target(), (kind, ns) -> {
        listed.add(kind);
        return s.cluster().list(kind, ns);
      }, ExternalSources.NONE, ProbeSettings.DEFAULTS, FIXED);
      probe.evaluate(ctx);
      assertThat(probe.reads()).as("%s lists kinds it does not declare in reads()", probe.capability()).containsAll(listed);
    }
  }
}
