package gha

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
)

func (g *gen) triggers() on {
	t := g.p.Pipeline.On
	var o on
	if len(t.Push) > 0 || len(t.Tags) > 0 {
		o.Push = &pushTrigger{Branches: t.Push, Tags: t.Tags}
		// GitHub ignores paths for tag pushes; with branches they filter.
		if len(t.Push) > 0 {
			o.Push.Paths = t.Paths
		}
	}
	if len(t.PullRequest) > 0 {
		o.PullRequest = &prTrigger{Branches: t.PullRequest, Paths: t.Paths}
	}
	if t.Manual {
		o.WorkflowDispatch = &dispatch{}
	}
	if o.Push == nil && o.PullRequest == nil && o.WorkflowDispatch == nil {
		g.errorf(pick(t.Range, g.p.Pipeline.Range), "Pipeline has no trigger",
			"A GitHub workflow needs at least one event. Add on { push = [\"main\"] }, pull_request, tags or manual = true.")
	}
	return o
}

// workflowConcurrency cancels superseded pull request runs. Push runs get
// a group of their own (run_id) so a new push never cancels a deploy in
// progress; deploy jobs serialise through their own job-level groups.
func (g *gen) workflowConcurrency() *concurrency {
	switch g.p.Pipeline.Concurrency {
	case "", "cancel-previous":
		return &concurrency{
			Group:            "${{ github.workflow }}-${{ github.event.pull_request.number || github.run_id }}",
			CancelInProgress: "${{ github.event_name == 'pull_request' }}",
		}
	case "queue":
		return &concurrency{Group: "${{ github.workflow }}-${{ github.ref }}", CancelInProgress: false}
	}
	g.errorf(g.p.Pipeline.Range, "Unknown concurrency mode",
		"pipeline concurrency is %q; use \"cancel-previous\" or \"queue\".", g.p.Pipeline.Concurrency)
	return nil
}

// timeout converts d to timeout-minutes, falling back to the pipeline's
// timeout and then 30 minutes; GitHub-hosted jobs stop at 360 anyway.
func (g *gen) timeout(d ir.Duration) int {
	m := d.Minutes()
	if m == 0 {
		m = g.p.Pipeline.Timeout.Minutes()
	}
	if m == 0 {
		m = defaultTimeout
	}
	return m
}

const (
	defaultTimeout = 30
	// maxJobMinutes is GitHub-hosted runners' job limit.
	maxJobMinutes = 360
)

// pick returns r, or fallback when r was never set (hand-built IR).
func pick(r, fallback hcl.Range) hcl.Range {
	if r.Filename == "" && r.Empty() {
		return fallback
	}
	return r
}
