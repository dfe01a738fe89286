package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A team's request: measure this workload's MLOps maturity against this model and target level. */
@Group(MaturityTarget.GROUP)
@Version(MaturityTarget.VERSION)
@Kind("MaturityTarget")
@Plural("maturitytargets")
@Singular("maturitytarget")
@ShortNames("mt")
@AdditionalPrinterColumn(name = "MODEL", jsonPath = ".spec.model", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "TARGET", jsonPath = ".spec.targetLevel", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "OBSERVED", jsonPath = ".status.observedLevel", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "PROVEN", jsonPath = ".status.provenLevel", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "LEVEL", jsonPath = ".status.observedLevelName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "TARGET-MET", jsonPath = ".status.targetMet", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "READY", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "DEGRADED", jsonPath = ".status.conditions[?(@.type==\"Degraded\")].status", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "REGRESSED", jsonPath = ".status.conditions[?(@.type==\"Regressed\")].status", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class MaturityTarget extends CustomResource<MaturityTargetSpec, MaturityTargetStatus> implements Namespaced {
  public static final String GROUP = "maturity.mlops.dev";
  public static final String VERSION = "v1alpha1";

  @Override
  @JsonPropertyDescription("What to measure: the workload, the maturity model and the level the team aims for.")
  public MaturityTargetSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("What the operator observed: the level, the evidence for every capability, and conditions (written by the operator only).")
  public MaturityTargetStatus getStatus() {
    return super.getStatus();
  }
}
