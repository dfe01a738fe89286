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

/**
 * The promotion ledger of one MaturityTarget (same namespace and name, owned by it): the last promotions the
 * operator observed. Written by the operator only; it is a record, so everything lives in {@code spec}.
 */
@Group(MaturityTarget.GROUP)
@Version(MaturityTarget.VERSION)
@Kind("MaturityLedger")
@Plural("maturityledgers")
@Singular("maturityledger")
@ShortNames("mled")
@AdditionalPrinterColumn(name = "MODEL", jsonPath = ".spec.model", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "CURRENT", jsonPath = ".spec.currentVersion", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "PROMOTIONS", jsonPath = ".spec.sequence", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class MaturityLedger extends CustomResource<MaturityLedgerSpec, Void> implements Namespaced {
  @Override
  @JsonPropertyDescription("The recorded promotions and the registry state they were last compared with (written by the operator only).")
  public MaturityLedgerSpec getSpec() {
    return super.getSpec();
  }
}
