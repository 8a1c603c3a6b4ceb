package argo

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// AnalysisTemplate and its metrics, mirroring argo-rollouts v1alpha1.

type analysisTemplate = kube.Object[analysisTemplateSpec]

type analysisTemplateSpec struct {
	Args    []argument `json:"args,omitempty"`
	Metrics []metric   `json:"metrics"`
}

// argument is a template arg: a default value, a secret, or neither (then
// every use must pass it).
type argument struct {
	Name      string          `json:"name"`
	Value     *string         `json:"value,omitempty"`
	ValueFrom *argumentSource `json:"valueFrom,omitempty"`
}

type argumentSource struct {
	SecretKeyRef *kube.SecretKeySelector `json:"secretKeyRef,omitempty"`
}

type metric struct {
	Name              string         `json:"name"`
	Interval          string         `json:"interval,omitempty"`
	InitialDelay      string         `json:"initialDelay,omitempty"`
	Count             *int           `json:"count,omitempty"`
	SuccessCondition  string         `json:"successCondition,omitempty"`
	FailureCondition  string         `json:"failureCondition,omitempty"`
	FailureLimit      *int           `json:"failureLimit,omitempty"`
	InconclusiveLimit *int           `json:"inconclusiveLimit,omitempty"`
	Provider          metricProvider `json:"provider"`
}

type metricProvider struct {
	Prometheus *prometheusMetric `json:"prometheus,omitempty"`
	Web        *webMetric        `json:"web,omitempty"`
	Job        *jobMetric        `json:"job,omitempty"`
	Datadog    *datadogMetric    `json:"datadog,omitempty"`
	NewRelic   *newRelicMetric   `json:"newRelic,omitempty"`
	CloudWatch *cloudWatchMetric `json:"cloudWatch,omitempty"`
}

type prometheusMetric struct {
	Address string `json:"address"`
	Query   string `json:"query"`
}

type webMetric struct {
	Method         string      `json:"method,omitempty"`
	URL            string      `json:"url"`
	Headers        []webHeader `json:"headers,omitempty"`
	TimeoutSeconds int         `json:"timeoutSeconds,omitempty"`
	JSONPath       string      `json:"jsonPath,omitempty"`
}

type webHeader struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type jobMetric struct {
	Spec jobSpec `json:"spec"`
}

type jobSpec struct {
	BackoffLimit *int            `json:"backoffLimit,omitempty"`
	Template     podTemplateSpec `json:"template"`
}

type datadogMetric struct {
	Interval string `json:"interval,omitempty"`
	Query    string `json:"query"`
}

type newRelicMetric struct {
	Profile string `json:"profile,omitempty"`
	Query   string `json:"query"`
}

// secretArgPrefix starts the name of an arg that carries a secret into a
// template; Argo Rollouts resolves it from the Kubernetes Secret at run time,
// so the value never appears in Git.
const secretArgPrefix = "secret-"

// analysisTemplateFor builds the template of analysis a as one environment
// uses it. mustEnd says a step or blue-green promotion uses it, so every
// metric needs a finite count.
func (e *emitter) analysisTemplateFor(a *ir.Analysis, mustEnd bool) analysisTemplate {
	t := analysisTemplate{
		APIVersion: rolloutsAPIVersion,
		Kind:       "AnalysisTemplate",
		Metadata:   kube.ObjectMeta{Name: a.Name, Labels: map[string]string{labelComponent: "analysis"}},
	}
	for _, arg := range a.Args {
		if arg.Default == nil {
			e.errorf(a.Range, "Analysis arg has no value",
				fmt.Sprintf("Arg %q of analysis %q has no default, and an environment has no way to pass one. Give it a default (args = { %s = \"...\" }); pipec passes environment, namespace and workload itself.", arg.Name, a.Name, arg.Name))
			continue
		}
		v := *arg.Default
		t.Spec.Args = append(t.Spec.Args, argument{Name: arg.Name, Value: &v})
	}
	for _, name := range ir.AutomaticArgs {
		t.Spec.Args = append(t.Spec.Args, argument{Name: name})
	}
	secretArgs := map[string]bool{}
	for _, m := range a.Metrics {
		if m == nil {
			continue
		}
		t.Spec.Metrics = append(t.Spec.Metrics, e.metricFor(a, m, mustEnd, secretArgs))
	}
	for _, name := range sortedKeys(secretArgs) {
		s := e.secret(strings.TrimPrefix(name, secretArgPrefix))
		t.Spec.Args = append(t.Spec.Args, argument{Name: name, ValueFrom: &argumentSource{
			SecretKeyRef: &kube.SecretKeySelector{Name: s.Kubernetes, Key: s.Key},
		}})
	}
	return t
}

func (e *emitter) metricFor(a *ir.Analysis, m *ir.Metric, mustEnd bool, secretArgs map[string]bool) metric {
	out := metric{
		Name:              m.Name,
		SuccessCondition:  m.SuccessCondition,
		FailureCondition:  m.FailureCondition,
		FailureLimit:      m.FailureLimit,
		InconclusiveLimit: m.InconclusiveLimit,
	}
	if m.Interval > 0 {
		out.Interval = m.Interval.String()
	}
	if m.InitialDelay > 0 {
		out.InitialDelay = m.InitialDelay.String()
	}
	count := m.Count
	if count == 0 && mustEnd {
		// Lowering fills a finite count for these uses; an IR built
		// elsewhere may not, and Argo rejects a metric that never ends in a
		// step or promotion analysis.
		count = 1
		e.diags = append(e.diags, &hcl.Diagnostic{
			Severity: hcl.DiagWarning,
			Summary:  "Metric has no count",
			Detail:   fmt.Sprintf("Metric %q of analysis %q is used by a canary step or blue-green promotion, which must end; pipec measures it once (count = 1). Set count to choose.", m.Name, a.Name),
			Subject:  rangep(m.Range),
		})
	}
	if count > 0 {
		out.Count = intp(count)
	}
	e.checkMetricLimits(a, m, count)
	pr := m.Provider
	switch {
	case pr.Prometheus != nil:
		out.Provider.Prometheus = &prometheusMetric{Address: pr.Prometheus.Address, Query: pr.Prometheus.Query}
	case pr.Web != nil:
		out.Provider.Web = e.webFor(m, pr.Web, secretArgs)
	case pr.Job != nil:
		out.Provider.Job = jobFor(pr.Job)
	case pr.Datadog != nil:
		d := &datadogMetric{Query: pr.Datadog.Query}
		if pr.Datadog.Interval > 0 {
			d.Interval = pr.Datadog.Interval.String()
		}
		out.Provider.Datadog = d
	case pr.NewRelic != nil:
		out.Provider.NewRelic = &newRelicMetric{Profile: pr.NewRelic.Profile, Query: pr.NewRelic.Query}
	case pr.CloudWatch != nil:
		out.Provider.CloudWatch = cloudWatchFor(m.Name, pr.CloudWatch)
	default:
		e.errorf(m.Range, "Metric has no provider",
			fmt.Sprintf("Metric %q of analysis %q needs one provider block: prometheus, web, job, datadog, newrelic or cloudwatch.", m.Name, a.Name))
	}
	return out
}

// checkMetricLimits reports what analysis.ValidateMetric in Argo Rollouts
// would reject, so the user sees it at compile time with a source range.
func (e *emitter) checkMetricLimits(a *ir.Analysis, m *ir.Metric, count int) {
	where := fmt.Sprintf("metric %q of analysis %q", m.Name, a.Name)
	if count > 1 && m.Interval == 0 {
		e.errorf(m.Range, "Metric count needs an interval",
			fmt.Sprintf("The %s measures %d times but has no interval; set interval (for example \"1m\") or count = 1.", where, count))
	}
	if count > 0 && m.FailureLimit != nil && *m.FailureLimit > count {
		e.errorf(m.Range, "Failure limit exceeds count",
			fmt.Sprintf("The %s allows %d failures in %d measurements; lower failure_limit or raise count.", where, *m.FailureLimit, count))
	}
	if count > 0 && m.InconclusiveLimit != nil && *m.InconclusiveLimit > count {
		e.errorf(m.Range, "Inconclusive limit exceeds count",
			fmt.Sprintf("The %s allows %d inconclusive results in %d measurements; lower inconclusive_limit or raise count.", where, *m.InconclusiveLimit, count))
	}
}

func (e *emitter) webFor(m *ir.Metric, w *ir.WebProvider, secretArgs map[string]bool) *webMetric {
	out := &webMetric{URL: w.URL, Method: strings.ToUpper(w.Method), JSONPath: w.JSONPath}
	if w.Timeout > 0 {
		out.TimeoutSeconds = w.Timeout.Seconds()
	}
	for _, h := range w.Headers {
		value := h.Value.Render(nil, func(r ir.Ref) string {
			if r.Kind == ir.SecretValue && e.secret(r.Name) != nil {
				secretArgs[secretArgPrefix+r.Name] = true
				return "{{args." + secretArgPrefix + r.Name + "}}"
			}
			e.errorf(h.Range, "Runtime value in an analysis header",
				fmt.Sprintf("Header %q of metric %q uses %s, which is not known when Argo Rollouts runs the analysis. Only secret.NAME can be used here (pipec passes it as a secretKeyRef arg); use a literal or an analysis arg otherwise.", h.Name, m.Name, r.String()))
			return ""
		})
		out.Headers = append(out.Headers, webHeader{Key: h.Name, Value: value})
	}
	return out
}

func jobFor(j *ir.JobProvider) *jobMetric {
	script := "set -e\n" + strings.Join(j.Run, "\n")
	c := container{
		Name:    "check",
		Image:   j.Image,
		Command: []string{"/bin/sh", "-c", script},
	}
	spec := restrictedPod(c, false)
	spec.RestartPolicy = "Never"
	// backoffLimit is always written: Kubernetes defaults to 6 retries, and
	// a failed check is a measurement, not a flake to retry.
	return &jobMetric{Spec: jobSpec{BackoffLimit: intp(j.Backoff), Template: podTemplateSpec{Spec: spec}}}
}
