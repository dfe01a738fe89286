package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.LabelSelector;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadRef {
  @JsonPropertyDescription("Label selector for the workload's training and serving objects in this namespace.")
  @Required
  @io.fabric8.crd.generator.annotation.SchemaFrom(type = LabelSelectorSchema.class)
  public LabelSelector selector;

  @JsonPropertyDescription("Name of the model in the registry; defaults to metadata.name.")
  @Size(min = 1, max = 256)
  public String registeredModel;
}
