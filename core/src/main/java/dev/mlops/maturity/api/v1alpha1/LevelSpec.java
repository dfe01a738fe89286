package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class LevelSpec {
  @Required
  @Min(0)
  @Max(10)
  public Integer level;

  @Required
  @Size(min = 1, max = 63)
  public String name;

  @Size(max = 1024)
  public String description;

  @Size(max = 32)
  public List<RequirementSpec> requires = new ArrayList<>();

  @Size(max = 32)
  public List<RequirementSpec> recommends = new ArrayList<>();
}
