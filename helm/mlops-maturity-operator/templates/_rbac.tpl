{{/*
RBAC rules, split by the scope of what they grant. Least privilege: exactly what the operator uses, as
computed by dev.mlops.maturity.rbac.RequiredPermissions (a test renders the chart and compares).
*/}}

{{/*
Cluster-scoped kinds: always granted by the ClusterRole.
*/}}
{{- define "mlops-maturity-operator.clusterScopedRules" -}}
# probes: platform capacity and access review
- apiGroups: [""]
  resources: [nodes]
  verbs: [get, list, watch]
- apiGroups: [rbac.authorization.k8s.io]
  resources: [clusterroles, clusterrolebindings]
  verbs: [get, list, watch]
- apiGroups: [argoproj.io]
  resources: [clusteranalysistemplates]
  verbs: [get, list, watch]
- apiGroups: [karpenter.sh]
  resources: [nodepools]
  verbs: [get, list, watch]
- apiGroups: [kueue.x-k8s.io]
  resources: [clusterqueues]
  verbs: [get, list, watch]
- apiGroups: [trainer.kubeflow.org]
  resources: [clustertrainingruntimes]
  verbs: [get, list, watch]
# the operator's own API
- apiGroups: [maturity.mlops.dev]
  resources: [maturitymodels]
  verbs: [get, list, watch]
- apiGroups: [maturity.mlops.dev]
  resources: [maturitymodels/status]
  verbs: [patch, update]
# MaturityExceptions: read only (the platform team writes them through maturity-exception-approver)
- apiGroups: [maturity.mlops.dev]
  resources: [maturityexceptions]
  verbs: [get, list, watch]
# leader election: JOSDK checks its Lease access with a SelfSubjectRulesReview before it starts
# (also granted to every authenticated user by the default system:basic-user role)
- apiGroups: [authorization.k8s.io]
  resources: [selfsubjectrulesreviews]
  verbs: [create]
# optional kinds are watched once their CRD appears, without a restart
- apiGroups: [apiextensions.k8s.io]
  resources: [customresourcedefinitions]
  verbs: [get, list, watch]
{{- end }}

{{/*
Namespaced kinds: granted by the ClusterRole, or by a Role in each watched namespace in namespaced mode.
*/}}
{{- define "mlops-maturity-operator.namespacedRules" -}}
# probes: the kinds they read (probe.Kinds)
- apiGroups: [""]
  resources: [pods, services]
  verbs: [get, list, watch]
- apiGroups: [apps]
  resources: [deployments, statefulsets]
  verbs: [get, list, watch]
- apiGroups: [batch]
  resources: [cronjobs, jobs]
  verbs: [get, list, watch]
- apiGroups: [rbac.authorization.k8s.io]
  resources: [roles, rolebindings]
  verbs: [get, list, watch]
- apiGroups: [argoproj.io]
  resources: [workflows, workflowtemplates, cronworkflows, sensors, eventsources, rollouts, analysisruns, analysistemplates, applications]
  verbs: [get, list, watch]
- apiGroups: [kubeflow.org]
  resources: [scheduledworkflows]
  verbs: [get, list, watch]
- apiGroups: [tekton.dev]
  resources: [pipelines, pipelineruns]
  verbs: [get, list, watch]
- apiGroups: [triggers.tekton.dev]
  resources: [eventlisteners, triggertemplates, triggerbindings]
  verbs: [get, list, watch]
- apiGroups: [trainer.kubeflow.org]
  resources: [trainjobs, trainingruntimes]
  verbs: [get, list, watch]
- apiGroups: [jobset.x-k8s.io]
  resources: [jobsets]
  verbs: [get, list, watch]
- apiGroups: [kueue.x-k8s.io]
  resources: [localqueues, workloads]
  verbs: [get, list, watch]
- apiGroups: [serving.kserve.io]
  resources: [inferenceservices, trainedmodels, servingruntimes]
  verbs: [get, list, watch]
- apiGroups: [mlops.seldon.io]
  resources: [models, experiments, servers]
  verbs: [get, list, watch]
- apiGroups: [flagger.app]
  resources: [canaries]
  verbs: [get, list, watch]
- apiGroups: [networking.istio.io]
  resources: [virtualservices]
  verbs: [get, list, watch]
- apiGroups: [gateway.networking.k8s.io]
  resources: [httproutes]
  verbs: [get, list, watch]
- apiGroups: [monitoring.coreos.com]
  resources: [servicemonitors, podmonitors, prometheusrules, probes]
  verbs: [get, list, watch]
- apiGroups: [feast.dev]
  resources: [featurestores]
  verbs: [get, list, watch]
- apiGroups: [kustomize.toolkit.fluxcd.io]
  resources: [kustomizations]
  verbs: [get, list, watch]
- apiGroups: [helm.toolkit.fluxcd.io]
  resources: [helmreleases]
  verbs: [get, list, watch]
- apiGroups: [autoscaling.k8s.io]
  resources: [verticalpodautoscalers]
  verbs: [get, list, watch]
# the operator's own API: watched (no finalizer, so no patch/update of the object) and the status subresource
- apiGroups: [maturity.mlops.dev]
  resources: [maturitytargets]
  verbs: [get, list, watch]
- apiGroups: [maturity.mlops.dev]
  resources: [maturitytargets/status]
  verbs: [get, patch, update]
# promotion ledgers: one per target, created and updated by the operator (garbage-collected with the target)
- apiGroups: [maturity.mlops.dev]
  resources: [maturityledgers]
  verbs: [get, list, watch, create, update]
# LevelRaised / LevelRegressed / TargetMet / ProbeFailing events
- apiGroups: ["", events.k8s.io]
  resources: [events]
  verbs: [create, patch]
{{- if .Values.reports.enabled }}
# reports.enabled: one OpenReports Report per target, replaced whole; no delete (garbage-collected with its owner target)
- apiGroups: [openreports.io]
  resources: [reports]
  verbs: [get, create, update]
{{- end }}
{{- end }}
