package dev.mlops.maturity.probe;

import java.util.List;

/** Every kind a probe may read (PROBES.md). The operator watches these and the chart's RBAC grants exactly these. */
public final class KindCatalogue {
  // core and built-in groups
  public static final ResourceKind POD = new ResourceKind("", "v1", "Pod", "pods", true);
  public static final ResourceKind SERVICE = new ResourceKind("", "v1", "Service", "services", true);
  public static final ResourceKind NODE = new ResourceKind("", "v1", "Node", "nodes", false);
  public static final ResourceKind DEPLOYMENT = new ResourceKind("apps", "v1", "Deployment", "deployments", true);
  public static final ResourceKind STATEFUL_SET = new ResourceKind("apps", "v1", "StatefulSet", "statefulsets", true);
  public static final ResourceKind CRON_JOB = new ResourceKind("batch", "v1", "CronJob", "cronjobs", true);
  public static final ResourceKind ROLE = new ResourceKind("rbac.authorization.k8s.io", "v1", "Role", "roles", true);
  public static final ResourceKind ROLE_BINDING = new ResourceKind("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true);
  public static final ResourceKind CLUSTER_ROLE = new ResourceKind("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false);
  public static final ResourceKind CLUSTER_ROLE_BINDING =
      new ResourceKind("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false);

  // Argo Workflows, Argo Events, Argo Rollouts, Argo CD
  public static final ResourceKind WORKFLOW = new ResourceKind("argoproj.io", "v1alpha1", "Workflow", "workflows", true);
  public static final ResourceKind WORKFLOW_TEMPLATE = new ResourceKind("argoproj.io", "v1alpha1", "WorkflowTemplate", "workflowtemplates", true);
  public static final ResourceKind CRON_WORKFLOW = new ResourceKind("argoproj.io", "v1alpha1", "CronWorkflow", "cronworkflows", true);
  public static final ResourceKind SENSOR = new ResourceKind("argoproj.io", "v1alpha1", "Sensor", "sensors", true);
  public static final ResourceKind EVENT_SOURCE = new ResourceKind("argoproj.io", "v1alpha1", "EventSource", "eventsources", true);
  public static final ResourceKind ROLLOUT = new ResourceKind("argoproj.io", "v1alpha1", "Rollout", "rollouts", true);
  public static final ResourceKind ANALYSIS_RUN = new ResourceKind("argoproj.io", "v1alpha1", "AnalysisRun", "analysisruns", true);
  public static final ResourceKind ANALYSIS_TEMPLATE = new ResourceKind("argoproj.io", "v1alpha1", "AnalysisTemplate", "analysistemplates", true);
  public static final ResourceKind CLUSTER_ANALYSIS_TEMPLATE =
      new ResourceKind("argoproj.io", "v1alpha1", "ClusterAnalysisTemplate", "clusteranalysistemplates", false);
  public static final ResourceKind APPLICATION = new ResourceKind("argoproj.io", "v1alpha1", "Application", "applications", true);

  // Kubeflow, Tekton
  public static final ResourceKind SCHEDULED_WORKFLOW = new ResourceKind("kubeflow.org", "v1beta1", "ScheduledWorkflow", "scheduledworkflows", true);
  public static final ResourceKind TEKTON_PIPELINE = new ResourceKind("tekton.dev", "v1", "Pipeline", "pipelines", true);
  public static final ResourceKind TEKTON_PIPELINE_RUN = new ResourceKind("tekton.dev", "v1", "PipelineRun", "pipelineruns", true);

  // serving and traffic
  public static final ResourceKind INFERENCE_SERVICE = new ResourceKind("serving.kserve.io", "v1beta1", "InferenceService", "inferenceservices", true);
  public static final ResourceKind TRAINED_MODEL = new ResourceKind("serving.kserve.io", "v1alpha1", "TrainedModel", "trainedmodels", true);
  public static final ResourceKind SERVING_RUNTIME = new ResourceKind("serving.kserve.io", "v1alpha1", "ServingRuntime", "servingruntimes", true);
  public static final ResourceKind SELDON_MODEL = new ResourceKind("mlops.seldon.io", "v1alpha1", "Model", "models", true);
  public static final ResourceKind SELDON_EXPERIMENT = new ResourceKind("mlops.seldon.io", "v1alpha1", "Experiment", "experiments", true);
  public static final ResourceKind SELDON_SERVER = new ResourceKind("mlops.seldon.io", "v1alpha1", "Server", "servers", true);
  public static final ResourceKind FLAGGER_CANARY = new ResourceKind("flagger.app", "v1beta1", "Canary", "canaries", true);
  public static final ResourceKind VIRTUAL_SERVICE = new ResourceKind("networking.istio.io", "v1", "VirtualService", "virtualservices", true);
  /** Gateway API v1 (GA since 1.0): weighted backendRefs and the RequestMirror filter (PROBES.md e). */
  public static final ResourceKind HTTP_ROUTE = new ResourceKind("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes", true);

  // monitoring
  public static final ResourceKind SERVICE_MONITOR = new ResourceKind("monitoring.coreos.com", "v1", "ServiceMonitor", "servicemonitors", true);
  public static final ResourceKind POD_MONITOR = new ResourceKind("monitoring.coreos.com", "v1", "PodMonitor", "podmonitors", true);
  public static final ResourceKind PROMETHEUS_RULE = new ResourceKind("monitoring.coreos.com", "v1", "PrometheusRule", "prometheusrules", true);
  /** The Prometheus Operator's blackbox {@code Probe} (named so as not to read as our own Probe). */
  public static final ResourceKind BLACKBOX_PROBE = new ResourceKind("monitoring.coreos.com", "v1", "Probe", "probes", true);

  // feature store, GitOps
  public static final ResourceKind FEATURE_STORE = new ResourceKind("feast.dev", "v1", "FeatureStore", "featurestores", true);
  public static final ResourceKind FLUX_KUSTOMIZATION = new ResourceKind("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "kustomizations", true);
  public static final ResourceKind FLUX_HELM_RELEASE = new ResourceKind("helm.toolkit.fluxcd.io", "v2", "HelmRelease", "helmreleases", true);

  // platform capacity
  public static final ResourceKind NODE_POOL = new ResourceKind("karpenter.sh", "v1", "NodePool", "nodepools", false);
  public static final ResourceKind CLUSTER_QUEUE = new ResourceKind("kueue.x-k8s.io", "v1beta2", "ClusterQueue", "clusterqueues", false);
  /** Kueue before 0.15 serves only v1beta1 (Appendix D); probes fall back to it. */
  public static final ResourceKind CLUSTER_QUEUE_V1BETA1 = new ResourceKind("kueue.x-k8s.io", "v1beta1", "ClusterQueue", "clusterqueues", false);
  public static final ResourceKind VPA = new ResourceKind("autoscaling.k8s.io", "v1", "VerticalPodAutoscaler", "verticalpodautoscalers", true);

  // Kubeflow Trainer v2 and its JobSet/Job chain, Kueue workloads, Tekton Triggers (PROBES.md e)
  public static final ResourceKind JOB = new ResourceKind("batch", "v1", "Job", "jobs", true);
  public static final ResourceKind TRAIN_JOB = new ResourceKind("trainer.kubeflow.org", "v1alpha1", "TrainJob", "trainjobs", true);
  public static final ResourceKind TRAINING_RUNTIME = new ResourceKind("trainer.kubeflow.org", "v1alpha1", "TrainingRuntime", "trainingruntimes", true);
  public static final ResourceKind CLUSTER_TRAINING_RUNTIME =
      new ResourceKind("trainer.kubeflow.org", "v1alpha1", "ClusterTrainingRuntime", "clustertrainingruntimes", false);
  public static final ResourceKind JOB_SET = new ResourceKind("jobset.x-k8s.io", "v1alpha2", "JobSet", "jobsets", true);
  public static final ResourceKind LOCAL_QUEUE = new ResourceKind("kueue.x-k8s.io", "v1beta2", "LocalQueue", "localqueues", true);
  public static final ResourceKind LOCAL_QUEUE_V1BETA1 = new ResourceKind("kueue.x-k8s.io", "v1beta1", "LocalQueue", "localqueues", true);
  public static final ResourceKind KUEUE_WORKLOAD = new ResourceKind("kueue.x-k8s.io", "v1beta2", "Workload", "workloads", true);
  public static final ResourceKind KUEUE_WORKLOAD_V1BETA1 = new ResourceKind("kueue.x-k8s.io", "v1beta1", "Workload", "workloads", true);
  public static final ResourceKind EVENT_LISTENER = new ResourceKind("triggers.tekton.dev", "v1beta1", "EventListener", "eventlisteners", true);
  public static final ResourceKind TRIGGER_TEMPLATE = new ResourceKind("triggers.tekton.dev", "v1beta1", "TriggerTemplate", "triggertemplates", true);
  public static final ResourceKind TRIGGER_BINDING = new ResourceKind("triggers.tekton.dev", "v1beta1", "TriggerBinding", "triggerbindings", true);

  /** The operator's own promotion ledger (issue 16), read by the audit-trail probe like any other kind. */
  public static final ResourceKind MATURITY_LEDGER =
      new ResourceKind("maturity.mlops.dev", "v1alpha1", "MaturityLedger", "maturityledgers", true);

  public static final List<ResourceKind> ALL = List.of(
      MATURITY_LEDGER,
      POD, SERVICE, NODE, DEPLOYMENT, STATEFUL_SET, CRON_JOB, ROLE, ROLE_BINDING, CLUSTER_ROLE, CLUSTER_ROLE_BINDING,
      WORKFLOW, WORKFLOW_TEMPLATE, CRON_WORKFLOW, SENSOR, EVENT_SOURCE, ROLLOUT, ANALYSIS_TEMPLATE, CLUSTER_ANALYSIS_TEMPLATE, APPLICATION,
      SCHEDULED_WORKFLOW, TEKTON_PIPELINE, TEKTON_PIPELINE_RUN,
      INFERENCE_SERVICE, TRAINED_MODEL, SERVING_RUNTIME, SELDON_MODEL, SELDON_EXPERIMENT, SELDON_SERVER,
      FLAGGER_CANARY, VIRTUAL_SERVICE, SERVICE_MONITOR, POD_MONITOR, PROMETHEUS_RULE, BLACKBOX_PROBE,
      FEATURE_STORE, FLUX_KUSTOMIZATION, FLUX_HELM_RELEASE, NODE_POOL, CLUSTER_QUEUE, CLUSTER_QUEUE_V1BETA1, VPA, HTTP_ROUTE,
      JOB, TRAIN_JOB, TRAINING_RUNTIME, CLUSTER_TRAINING_RUNTIME, JOB_SET, LOCAL_QUEUE, LOCAL_QUEUE_V1BETA1,
      KUEUE_WORKLOAD, KUEUE_WORKLOAD_V1BETA1, EVENT_LISTENER, TRIGGER_TEMPLATE, TRIGGER_BINDING, ANALYSIS_RUN);

  private KindCatalogue() {}
}
