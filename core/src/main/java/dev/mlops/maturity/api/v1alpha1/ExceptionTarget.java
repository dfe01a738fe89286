package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A MaturityTarget by namespace and name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExceptionTarget {
  @JsonPropertyDescription("The target's namespace.")
  @Required
  @Pattern(ApiPatterns.DNS_LABEL)
  @Size(max = 63)
  public String namespace;

  @JsonPropertyDescription("The target's name.")
  @Required
  @Size(min = 1, max = 253)
  public String name;
}
