package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A custom maturity model: ordered levels, each requiring capabilities (cluster-scoped). */
@Group(MaturityTarget.GROUP)
@Version(MaturityTarget.VERSION)
@Kind("MaturityModel")
@Plural("maturitymodels")
@Singular("maturitymodel")
@ShortNames("mm")
@AdditionalPrinterColumn(name = "VALID", jsonPath = ".status.valid", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class MaturityModel extends CustomResource<MaturityModelSpec, MaturityModelStatus> {
  @Override
  @JsonPropertyDescription("Ordered levels, each requiring capabilities; a copy of a built-in model with edits is a good start.")
  public MaturityModelSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Whether the model is valid (written by the operator only).")
  public MaturityModelStatus getStatus() {
    return super.getStatus();
  }
}
