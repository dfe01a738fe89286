package dev.mlops.maturity.probe.prometheus;

import dev.mlops.maturity.probe.Availability;
import dev.mlops.maturity.probe.Fields;
import dev.mlops.maturity.probe.KindCatalogue;
import dev.mlops.maturity.probe.Listing;
import dev.mlops.maturity.probe.ProbeContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The workload's pods as monitors see them (PROBES.md Appendix A step 1): label sets from the pod
 * templates of bound Deployments/StatefulSets, bound Pods and the pods of bound KServe
 * InferenceServices; their container port names and numbers; the names of the pods seen.
 */
record WorkloadPods(List<Map<String, String>> labelSets, Set<String> containerPorts, Set<String> podNames, List<String> failures) {
  static final String KSERVE_POD_LABEL = "serving.kserve.io/inferenceservice";

  static WorkloadPods resolve(ProbeContext ctx) {
    List<Map<String, String>> labelSets = new ArrayList<>();
    Set<String> ports = new LinkedHashSet<>();
    Set<String> podNames = new LinkedHashSet<>();
    List<String> failures = new ArrayList<>();
    for (Listing owners : List.of(ctx.bound(KindCatalogue.DEPLOYMENT), ctx.bound(KindCatalogue.STATEFUL_SET))) {
      if (!owners.served()) {
        failures.add(owners.reason());
      }
      for (GenericKubernetesResource o : owners.items()) {
        Map<String, String> labels = stringMap(Fields.map(o, "spec", "template", "metadata", "labels").orElse(Map.of()));
        if (!labels.isEmpty()) {
          labelSets.add(labels);
        }
        addPorts(Fields.at(o, "spec", "template", "spec").orElse(null), ports);
      }
    }
    Listing pods = ctx.inNamespace(KindCatalogue.POD);
    if (!pods.served()) {
      failures.add(pods.reason());
    }
    Set<String> isvcs = new LinkedHashSet<>();
    Listing inferenceServices = ctx.bound(KindCatalogue.INFERENCE_SERVICE);
    if (inferenceServices.availability() == Availability.FORBIDDEN || inferenceServices.availability() == Availability.FAILED) {
      failures.add(inferenceServices.reason());
    }
    inferenceServices.items().forEach(i -> isvcs.add(i.getMetadata().getName()));
    for (GenericKubernetesResource p : pods.items()) {
      Map<String, String> labels = p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
      if (ctx.isBound(p) || isvcs.contains(labels.get(KSERVE_POD_LABEL))) {
        labelSets.add(Map.copyOf(labels));
        podNames.add(p.getMetadata().getName());
        addPorts(Fields.at(p, "spec").orElse(null), ports);
      }
    }
    return new WorkloadPods(List.copyOf(labelSets), Set.copyOf(ports), Set.copyOf(podNames), List.copyOf(failures));
  }

  boolean found() {
    return !labelSets.isEmpty();
  }

  private static void addPorts(Object podSpec, Set<String> ports) {
    for (String containers : List.of("containers", "initContainers")) {
      for (Object c : Fields.list(podSpec, containers)) {
        for (Object port : Fields.list(c, "ports")) {
          Fields.string(port, "name").ifPresent(ports::add);
          Fields.string(port, "containerPort").ifPresent(ports::add);
        }
      }
    }
  }

  static Map<String, String> stringMap(Map<String, Object> raw) {
    Map<String, String> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> {
      if (v != null) {
        out.put(k, String.valueOf(v));
      }
    });
    return out;
  }
}
