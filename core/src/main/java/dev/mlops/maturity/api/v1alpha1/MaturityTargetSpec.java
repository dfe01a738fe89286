package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = TolerantSpecReader.class)
public class MaturityTargetSpec {
  public static final String DEFAULT_MODEL = "mlops-5-level";
  public static final String DEFAULT_INTERVAL = "5m";

  @JsonPropertyDescription("Built-in model id (mlops-5-level, google-3-level, azure-5-level) or a MaturityModel name.")
  @Pattern(ApiPatterns.DNS_LABEL)
  @Size(min = 1, max = 63)
  @Default(DEFAULT_MODEL)
  public String model = DEFAULT_MODEL;

  @JsonPropertyDescription("The level the team aims for: 0 up to the model's highest level.")
  @Required
  @Min(0)
  @Max(10)
  public Integer targetLevel;

  @JsonPropertyDescription("Which training and serving objects in this namespace belong to the workload.")
  @Required
  public WorkloadRef workload;

  @JsonPropertyDescription("Endpoint names from the operator configuration (never URLs).")
  public Integrations integrations;

  @JsonPropertyDescription("Evidence the cluster cannot show; counts only where the model accepts declared evidence.")
  @Size(max = 64)
  @ValidationRule(value = "self.all(d, self.exists_one(e, e.capability == d.capability))", message = "declared entries must name distinct capabilities")
  public List<DeclaredEvidence> declared = new ArrayList<>();

  @JsonPropertyDescription("Accepted gaps, each with a reason and an optional expiry date.")
  @Size(max = 64)
  @ValidationRule(value = "self.all(w, self.exists_one(v, v.capability == w.capability))", message = "waivers must name distinct capabilities")
  public List<Waiver> waivers = new ArrayList<>();

  @JsonPropertyDescription("Capabilities that do not apply to this workload.")
  @Size(max = 64)
  @ValidationRule(value = "self.all(n, self.exists_one(m, m.capability == n.capability))", message = "notApplicable entries must name distinct capabilities")
  public List<NotApplicable> notApplicable = new ArrayList<>();

  @JsonPropertyDescription("How often HTTP-backed evidence (Prometheus, MLflow) is re-checked, e.g. 5m; minimum 30s.")
  @Pattern(ApiPatterns.DURATION)
  @Default(DEFAULT_INTERVAL)
  public String evaluationInterval = DEFAULT_INTERVAL;

  @JsonPropertyDescription("When true and the operator's admission webhook is enabled, a create, update or delete that would drop this"
      + " target's level through a capability turning Missing is denied (never for Unknown). Otherwise the webhook only warns.")
  public Boolean enforce;

  /** Fields whose value had the wrong type, by path (spec.targetLevel -> what was expected); never serialized. */
  @JsonIgnore
  public final Map<String, String> unreadable = new LinkedHashMap<>();
}
