package dev.mlops.maturity.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A synthetic but realistic cluster for the benchmark: {@code targets} ML workloads spread over
 * namespaces (ten per namespace), each built to land on a known level of {@link #MODEL} (level =
 * index mod 5), plus unrelated objects (pods, deployments, services, workflow runs) up to
 * {@code objects} in total. Shapes follow examples/demo/cluster; every object carries a
 * kubectl last-applied-configuration annotation and managedFields, as `kubectl apply` leaves them.
 *
 * <p>Level k needs: 1 a bound WorkflowTemplate (training-pipeline), 2 an enabled CronWorkflow
 * (scheduled-retraining), 3 an Argo CD Application with automated sync tracking the Deployment
 * (cicd-deployment), 4 an Argo Rollouts canary (canary-deployment).
 */
public final class SyntheticCluster {
  public static final String MODEL_NAME = "bench-model";
  public static final String ARGOCD = "argocd";
  public static final int WORKLOADS_PER_NAMESPACE = 10;
  public static final String MODEL = """
      apiVersion: maturity.mlops.dev/v1alpha1
      kind: MaturityModel
      metadata:
        name: bench-model
      spec:
        description: four cluster-observable levels for the benchmark
        levels:
        - level: 0
          name: Manual
        - level: 1
          name: Pipeline
          requires:
          - capability: training-pipeline
        - level: 2
          name: Scheduled
          requires:
          - capability: scheduled-retraining
        - level: 3
          name: GitOps
          requires:
          - capability: cicd-deployment
        - level: 4
          name: Progressive
          requires:
          - capability: canary-deployment
      """;

  /** One generated workload and the level it was built for. */
  public record Workload(String namespace, String name, int level) {
    public String cronWorkflow() {
      return name + "-nightly";
    }
  }

  private final List<Workload> workloads = new ArrayList<>();
  private final List<GenericKubernetesResource> objects = new ArrayList<>();
  private final List<GenericKubernetesResource> targets = new ArrayList<>();
  private final List<String> namespaces = new ArrayList<>();

  private SyntheticCluster() {}

  public static SyntheticCluster generate(int targetCount, int objectCount) {
    SyntheticCluster c = new SyntheticCluster();
    c.build(targetCount, objectCount);
    return c;
  }

  public List<Workload> workloads() {
    return workloads;
  }

  /** Everything but the MaturityTargets (namespaces not included: the mock server does not need them). */
  public List<GenericKubernetesResource> objects() {
    return objects;
  }

  public List<GenericKubernetesResource> targets() {
    return targets;
  }

  public List<String> namespaces() {
    return namespaces;
  }

  private void build(int targetCount, int objectCount) {
    int nsCount = Math.max(1, (targetCount + WORKLOADS_PER_NAMESPACE - 1) / WORKLOADS_PER_NAMESPACE);
    for (int n = 0; n < nsCount; n++) {
      namespaces.add(String.format("team-%03d", n));
    }
    for (int i = 0; i < targetCount; i++) {
      String ns = namespaces.get(i / WORKLOADS_PER_NAMESPACE);
      Workload w = new Workload(ns, String.format("model-%04d", i), i % 5);
      workloads.add(w);
      addWorkload(w);
      targets.add(target(w));
    }
    // fill up with what a busy cluster also holds: model pods, unrelated apps, old pipeline runs
    int i = 0;
    while (objects.size() < objectCount) {
      String ns = namespaces.get(i % namespaces.size());
      Workload owner = workloads.isEmpty() ? null : workloads.get(i % workloads.size());
      switch (i % 5) {
        case 0 -> objects.add(owner != null ? pod(owner.namespace(), owner.name(), i) : pod(ns, "filler-" + i, i));
        case 1 -> objects.add(pod(ns, "batch-" + i, i));
        case 2 -> objects.add(deployment(ns, "svc-" + i, false));
        case 3 -> objects.add(service(ns, "svc-" + (i - 1)));
        default -> objects.add(owner != null && owner.level() >= 1 ? workflowRun(owner, i) : pod(ns, "job-" + i, i));
      }
      i++;
    }
    objects.replaceAll(SyntheticCluster::applied);
    targets.replaceAll(SyntheticCluster::applied);
  }

  private void addWorkload(Workload w) {
    objects.add(deployment(w.namespace(), w.name(), w.level() >= 3));
    objects.add(service(w.namespace(), w.name()));
    objects.add(serviceMonitor(w));
    if (w.level() >= 1) {
      objects.add(workflowTemplate(w));
    }
    if (w.level() >= 2) {
      objects.add(cronWorkflow(w, false));
    }
    if (w.level() >= 3) {
      objects.add(application(w));
    }
    if (w.level() >= 4) {
      objects.add(rollout(w));
    }
  }

  static Map<String, String> labels(String app) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("app", app);
    l.put("app.kubernetes.io/part-of", app);
    l.put("app.kubernetes.io/instance", app);
    return l;
  }

  private static GenericKubernetesResource resource(String apiVersion, String kind, String ns, String name, Map<String, String> labels,
      Map<String, String> annotations, Map<String, Object> body) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", name);
    if (ns != null) {
      meta.put("namespace", ns);
    }
    if (labels != null && !labels.isEmpty()) {
      meta.put("labels", new LinkedHashMap<>(labels));
    }
    if (annotations != null && !annotations.isEmpty()) {
      meta.put("annotations", new LinkedHashMap<>(annotations));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("apiVersion", apiVersion);
    m.put("kind", kind);
    m.put("metadata", meta);
    m.putAll(body);
    return Serialization.jsonMapper().convertValue(m, GenericKubernetesResource.class);
  }

  static GenericKubernetesResource deployment(String ns, String app, boolean gitops) {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", "server");
    container.put("image", "ghcr.io/example/" + app + "@sha256:9c0d1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f");
    container.put("env", List.of(Map.of("name", "MODEL_URI", "value", "models:/" + app + "@champion"),
        Map.of("name", "WORKERS", "value", "4")));
    container.put("ports", List.of(Map.of("name", "http-metrics", "containerPort", 8080)));
    container.put("resources", Map.of("requests", Map.of("cpu", "500m", "memory", "1Gi"), "limits", Map.of("memory", "2Gi")));
    container.put("readinessProbe", Map.of("httpGet", Map.of("path", "/v2/health/ready", "port", 8080), "periodSeconds", 10));
    Map<String, Object> spec = Map.of(
        "replicas", 2,
        "selector", Map.of("matchLabels", Map.of("app", app)),
        "template", Map.of("metadata", Map.of("labels", Map.of("app", app, "app.kubernetes.io/part-of", app)),
            "spec", Map.of("containers", List.of(container))));
    Map<String, Object> status = Map.of("replicas", 2, "readyReplicas", 2, "availableReplicas", 2, "observedGeneration", 1);
    Map<String, String> annotations = gitops ? Map.of("argocd.argoproj.io/tracking-id", app + ":apps/Deployment:" + ns + "/" + app) : Map.of();
    return resource("apps/v1", "Deployment", ns, app, labels(app), annotations, Map.of("spec", spec, "status", status));
  }

  static GenericKubernetesResource service(String ns, String app) {
    return resource("v1", "Service", ns, app, labels(app), null, Map.of("spec", Map.of(
        "selector", Map.of("app", app),
        "ports", List.of(Map.of("name", "http-metrics", "port", 8080, "targetPort", "http-metrics")))));
  }

  static GenericKubernetesResource pod(String ns, String app, int i) {
    Map<String, String> labels = new LinkedHashMap<>(labels(app));
    labels.put("pod-template-hash", "6d9f7c8b5");
    return resource("v1", "Pod", ns, app + "-6d9f7c8b5-" + Integer.toString(i, 36), labels, null, Map.of(
        "spec", Map.of("nodeName", "cpu-node-" + (i % 50), "containers", List.of(Map.of(
            "name", "server", "image", "ghcr.io/example/" + app + ":1.4.0",
            "resources", Map.of("requests", Map.of("cpu", "500m", "memory", "1Gi")),
            "ports", List.of(Map.of("name", "http-metrics", "containerPort", 8080))))),
        "status", Map.of("phase", "Running", "podIP", "10.0." + (i / 250 % 250) + "." + (i % 250),
            "conditions", List.of(Map.of("type", "Ready", "status", "True")))));
  }

  static GenericKubernetesResource serviceMonitor(Workload w) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("release", "kube-prometheus-stack");
    labels.put("app.kubernetes.io/part-of", w.name());
    return resource("monitoring.coreos.com/v1", "ServiceMonitor", w.namespace(), w.name(), labels, null, Map.of("spec", Map.of(
        "selector", Map.of("matchLabels", Map.of("app", w.name())),
        "endpoints", List.of(Map.of("port", "http-metrics", "interval", "30s")))));
  }

  static GenericKubernetesResource workflowTemplate(Workload w) {
    String image = "ghcr.io/example/" + w.name() + "-train:1.4.0";
    return resource("argoproj.io/v1alpha1", "WorkflowTemplate", w.namespace(), w.name() + "-train",
        Map.of("app.kubernetes.io/part-of", w.name()), null, Map.of("spec", Map.of(
            "entrypoint", "train-evaluate-register",
            "serviceAccountName", "pipeline-runner",
            "templates", List.of(
                Map.of("name", "train-evaluate-register", "steps", List.of(
                    List.of(Map.of("name", "train", "template", "train")),
                    List.of(Map.of("name", "evaluate", "template", "evaluate")),
                    List.of(Map.of("name", "register", "template", "register")))),
                Map.of("name", "train", "container", Map.of("image", image, "command", List.of("python", "train.py"))),
                Map.of("name", "evaluate", "container", Map.of("image", image, "command", List.of("python", "evaluate.py"))),
                Map.of("name", "register", "container", Map.of("image", image,
                    "command", List.of("python", "register.py", "--alias", "champion")))))));
  }

  public static GenericKubernetesResource cronWorkflow(Workload w, boolean suspend) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("schedules", List.of("0 2 * * *"));
    spec.put("timezone", "Europe/Amsterdam");
    spec.put("concurrencyPolicy", "Forbid");
    spec.put("suspend", suspend);
    spec.put("workflowSpec", Map.of("workflowTemplateRef", Map.of("name", w.name() + "-train")));
    return resource("argoproj.io/v1alpha1", "CronWorkflow", w.namespace(), w.cronWorkflow(),
        Map.of("app.kubernetes.io/part-of", w.name()), null, Map.of("spec", spec,
            "status", Map.of("lastScheduledTime", "2026-11-22T01:00:00Z", "phase", "Active")));
  }

  static GenericKubernetesResource workflowRun(Workload w, int i) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/part-of", w.name());
    labels.put("workflows.argoproj.io/workflow-template", w.name() + "-train");
    labels.put("workflows.argoproj.io/phase", "Succeeded");
    labels.put("workflows.argoproj.io/completed", "true");
    return resource("argoproj.io/v1alpha1", "Workflow", w.namespace(), w.name() + "-train-" + Integer.toString(i, 36), labels, null, Map.of(
        "spec", Map.of("workflowTemplateRef", Map.of("name", w.name() + "-train")),
        "status", Map.of("phase", "Succeeded", "startedAt", "2026-11-20T01:00:05Z", "finishedAt", "2026-11-20T01:41:10Z")));
  }

  static GenericKubernetesResource application(Workload w) {
    String repo = "https://git.example.com/ml/" + w.name() + "-deploy.git";
    return resource("argoproj.io/v1alpha1", "Application", ARGOCD, w.namespace() + "-" + w.name(), null, null, Map.of(
        "spec", Map.of(
            "project", "ml-serving",
            "source", Map.of("repoURL", repo, "path", "overlays/prod", "targetRevision", "main"),
            "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", w.namespace()),
            "syncPolicy", Map.of("automated", Map.of("prune", true, "selfHeal", true))),
        "status", Map.of(
            "sync", Map.of("status", "Synced", "revision", "4f2a9c1"),
            "health", Map.of("status", "Healthy"),
            "resources", List.of(
                Map.of("group", "apps", "version", "v1", "kind", "Deployment", "namespace", w.namespace(), "name", w.name(),
                    "status", "Synced", "health", Map.of("status", "Healthy")),
                Map.of("version", "v1", "kind", "Service", "namespace", w.namespace(), "name", w.name(), "status", "Synced")),
            "history", List.of(Map.of("id", 11, "revision", "4f2a9c1", "deployedAt", "2026-11-20T09:14:03Z",
                "source", Map.of("repoURL", repo, "path", "overlays/prod", "targetRevision", "main"))))));
  }

  static GenericKubernetesResource rollout(Workload w) {
    return resource("argoproj.io/v1alpha1", "Rollout", w.namespace(), w.name(), Map.of("app.kubernetes.io/part-of", w.name()), null, Map.of(
        "spec", Map.of(
            "replicas", 3,
            "workloadRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", w.name()),
            "strategy", Map.of("canary", Map.of(
                "canaryService", w.name() + "-canary",
                "stableService", w.name(),
                "steps", List.of(Map.of("setWeight", 10), Map.of("pause", Map.of("duration", "5m")), Map.of("setWeight", 50),
                    Map.of("pause", Map.of("duration", "10m")))))),
        "status", Map.of("phase", "Healthy", "stableRS", "6d9f7c8b5", "currentStepIndex", 4)));
  }

  static GenericKubernetesResource target(Workload w) {
    return resource("maturity.mlops.dev/v1alpha1", "MaturityTarget", w.namespace(), w.name(), null, null, Map.of("spec", Map.of(
        "model", MODEL_NAME,
        "targetLevel", 4,
        "evaluationInterval", "1h",
        "workload", Map.of("selector", Map.of("matchLabels", Map.of("app.kubernetes.io/part-of", w.name()))))));
  }

  /** Adds what `kubectl apply` leaves on an object: the last-applied annotation and a managedFields entry. */
  @SuppressWarnings("unchecked")
  static GenericKubernetesResource applied(GenericKubernetesResource r) {
    Map<String, Object> m = Serialization.jsonMapper().convertValue(r, Map.class);
    Map<String, Object> forAnnotation = new LinkedHashMap<>(m);
    forAnnotation.remove("status");
    String lastApplied = Serialization.asJson(forAnnotation);
    Map<String, Object> meta = (Map<String, Object>) m.get("metadata");
    Map<String, Object> annotations = meta.get("annotations") == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, Object>) meta.get("annotations"));
    annotations.put("kubectl.kubernetes.io/last-applied-configuration", lastApplied);
    meta.put("annotations", annotations);
    Map<String, Object> fields = new LinkedHashMap<>();
    Map<String, Object> metaFields = new LinkedHashMap<>();
    metaFields.put("f:annotations", Map.of(".", Map.of(), "f:kubectl.kubernetes.io/last-applied-configuration", Map.of()));
    if (meta.get("labels") != null) {
      metaFields.put("f:labels", fieldSet(meta.get("labels")));
    }
    fields.put("f:metadata", metaFields);
    if (m.get("spec") != null) {
      fields.put("f:spec", fieldSet(m.get("spec")));
    }
    meta.put("managedFields", List.of(Map.of("apiVersion", m.get("apiVersion"), "fieldsType", "FieldsV1", "fieldsV1", fields,
        "manager", "kubectl-client-side-apply", "operation", "Update", "time", "2026-11-20T09:14:03Z")));
    return Serialization.jsonMapper().convertValue(m, GenericKubernetesResource.class);
  }

  @SuppressWarnings("unchecked")
  private static Object fieldSet(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put(".", Map.of());
      map.forEach((k, v) -> out.put("f:" + k, fieldSet(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < list.size(); i++) {
        Object v = list.get(i);
        String key = v instanceof Map<?, ?> item && item.get("name") != null ? "k:{\"name\":\"" + item.get("name") + "\"}" : "i:" + i;
        out.put(key, fieldSet(v));
      }
      return out;
    }
    return Map.of();
  }
}
