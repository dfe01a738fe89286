package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DeclaredEvidence {
  @JsonPropertyDescription("The capability the team declares; counts only if the model accepts declared evidence for it.")
  @Required
  @Pattern(ApiPatterns.CAPABILITY_ID)
  @Size(max = 63)
  public String capability;

  @JsonPropertyDescription("Where the evidence lives, e.g. a runbook URL or a repository path.")

  @Required
  @Size(min = 1, max = 512)
  public String reference;

  @JsonPropertyDescription("Free text for reviewers.")

  @Size(max = 1024)
  public String note;
}
