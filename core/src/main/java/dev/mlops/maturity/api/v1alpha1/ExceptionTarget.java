package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A MaturityTarget by namespace and name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExceptionTarget {
  @Required
  @Pattern(ApiPatterns.DNS_LABEL)
  @Size(max = 63)
  public String namespace;

  @Required
  @Size(min = 1, max = 253)
  public String name;
}
