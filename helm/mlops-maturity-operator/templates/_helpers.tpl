{{/*
Chart name, truncated to the 63 characters a label value allows.
*/}}
{{- define "mlops-maturity-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: the release name, followed by the chart name unless the release name already
contains it.
*/}}
{{- define "mlops-maturity-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, as used by the helm.sh/chart label.
*/}}
{{- define "mlops-maturity-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels every object carries.
*/}}
{{- define "mlops-maturity-operator.labels" -}}
helm.sh/chart: {{ include "mlops-maturity-operator.chart" . }}
{{ include "mlops-maturity-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: mlops-maturity-operator
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels: stable across upgrades, so never the version.
*/}}
{{- define "mlops-maturity-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mlops-maturity-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The ServiceAccount the operator runs as.
*/}}
{{- define "mlops-maturity-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "mlops-maturity-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image reference: a digest wins over the tag; the tag defaults to the appVersion.
*/}}
{{- define "mlops-maturity-operator.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The operator configuration file (ARCHITECTURE.md section 5), from .Values.config.
*/}}
{{- define "mlops-maturity-operator.config" -}}
integrations:
  prometheus:
    {{- if .Values.config.integrations.prometheus }}
    {{- toYaml .Values.config.integrations.prometheus | nindent 4 }}
    {{- else }} {}
    {{- end }}
  mlflow:
    {{- if .Values.config.integrations.mlflow }}
    {{- toYaml .Values.config.integrations.mlflow | nindent 4 }}
    {{- else }} {}
    {{- end }}
thresholds:
  {{- toYaml .Values.config.thresholds | nindent 2 }}
{{- with .Values.config.tenancy }}
tenancy:
  {{- toYaml . | nindent 2 }}
{{- end }}
watchNamespaces:
  {{- if .Values.config.watchNamespaces }}
  {{- toYaml .Values.config.watchNamespaces | nindent 2 }}
  {{- else }} []
  {{- end }}
{{- with .Values.config.policy }}
policy:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if .Values.reports.enabled }}
reports:
  enabled: true
{{- end }}
{{- with .Values.config.ledger }}
ledger:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
Namespace -> Secret names the operator may read: the tokenSecretRef or basicAuthSecretRef of every endpoint
(namespace defaults to the release namespace). Rendered as YAML for fromYaml.
*/}}
{{- define "mlops-maturity-operator.tokenSecrets" -}}
{{- $byNamespace := dict }}
{{- range $kind := list "prometheus" "mlflow" }}
{{- range $name, $endpoint := (get $.Values.config.integrations $kind) }}
{{- with (coalesce $endpoint.tokenSecretRef $endpoint.basicAuthSecretRef) }}
{{- $ns := default $.Release.Namespace .namespace }}
{{- $names := get $byNamespace $ns | default list }}
{{- if not (has .name $names) }}
{{- $_ := set $byNamespace $ns (append $names .name | sortAlpha) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- toYaml $byNamespace }}
{{- end }}
