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

/**
 * The platform team's approval of one target's waiver or notApplicable entry (cluster-scoped: only those
 * granted the maturity-exception-approver ClusterRole can create it). It holds until {@code spec.expires}.
 */
@Group(MaturityTarget.GROUP)
@Version(MaturityTarget.VERSION)
@Kind("MaturityException")
@Plural("maturityexceptions")
@Singular("maturityexception")
@ShortNames("mx")
@AdditionalPrinterColumn(name = "NAMESPACE", jsonPath = ".spec.target.namespace", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "TARGET", jsonPath = ".spec.target.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "CAPABILITY", jsonPath = ".spec.capability", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "KIND", jsonPath = ".spec.kind", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "EXPIRES", jsonPath = ".spec.expires", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "APPROVED-BY", jsonPath = ".spec.approvedBy", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class MaturityException extends CustomResource<MaturityExceptionSpec, Void> {
  @Override
  @JsonPropertyDescription("The approved exception: which target and capability, why, until when, approved by whom.")
  public MaturityExceptionSpec getSpec() {
    return super.getSpec();
  }


}
