package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MaturityModelSpec {
  @Size(max = 256)
  public String description;

  @Required
  @Size(min = 1, max = 11)
  public List<LevelSpec> levels = new ArrayList<>();

  /** Capabilities for which a target's declared evidence counts. */
  @Size(max = 64)
  public List<String> acceptDeclared = new ArrayList<>();
}
