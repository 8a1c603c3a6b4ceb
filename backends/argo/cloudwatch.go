package argo

import (
	"strconv"
	"strings"

	"github.com/pipec-dev/pipec/compiler/ir"
)

// The CloudWatch provider, mirroring argo-rollouts v1alpha1 CloudWatchMetric.

type cloudWatchMetric struct {
	Interval          string                      `json:"interval,omitempty"`
	MetricDataQueries []cloudWatchMetricDataQuery `json:"metricDataQueries"`
}

// cloudWatchMetricDataQuery is one GetMetricData query. Period is in
// seconds (an IntOrString upstream; pipec always writes the number).
type cloudWatchMetricDataQuery struct {
	ID         string      `json:"id"`
	Expression string      `json:"expression"`
	Label      string      `json:"label,omitempty"`
	Period     intOrString `json:"period,omitempty"`
}

func cloudWatchFor(metric string, c *ir.CloudWatchProvider) *cloudWatchMetric {
	q := cloudWatchMetricDataQuery{ID: cloudWatchID(metric), Expression: c.Expression, Label: c.Label}
	if c.Period > 0 {
		q.Period = intOrString(strconv.Itoa(c.Period.Seconds()))
	}
	out := &cloudWatchMetric{MetricDataQueries: []cloudWatchMetricDataQuery{q}}
	if c.Interval > 0 {
		out.Interval = c.Interval.String()
	}
	return out
}

// cloudWatchID derives the query id from the metric name. CloudWatch wants
// an id that starts with a lower-case letter and holds only letters, digits
// and underscores; metric names may use dashes and capitals.
func cloudWatchID(metric string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(metric) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	id := b.String()
	if id == "" || id[0] < 'a' || id[0] > 'z' {
		id = "m_" + id
	}
	return id
}
