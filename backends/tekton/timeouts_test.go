package tekton_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/backends/tekton"
	"github.com/pipec-dev/pipec/backends/tekton/tektontest"
	"github.com/pipec-dev/pipec/compiler/ir"
)

func taskTimeouts(t *testing.T, files []ir.File, suffix string) map[string]string {
	t.Helper()
	_, _, byName := pipelineTasks(byPath(t, files, suffix))
	out := map[string]string{}
	for n, pt := range byName {
		if s := str(pt, "timeout"); s != "" {
			out[n] = s
		}
	}
	return out
}

func taskParam(pt any, name string) string {
	for _, p := range list(pt, "params") {
		if str(p, "name") == name {
			return str(p, "value")
		}
	}
	return ""
}

// runTimeout is timeouts.pipeline of a PipelineRun file, or of the
// PipelineRun inside a TriggerTemplate.
func runTimeout(t *testing.T, files []ir.File, suffix string) string {
	t.Helper()
	d := byPath(t, files, suffix)
	if str(d, "kind") == "TriggerTemplate" {
		d, _ = list(d, "spec", "resourcetemplates")[0].(map[string]any)
	}
	return str(d, "spec", "timeouts", "pipeline")
}

// A soak of hours must not be cut off by Tekton's one-hour defaults:
// each deploy-side task has its own timeout and the run's timeout is the
// CI budget plus the longest chain of them.
func TestSoakTimeouts(t *testing.T) {
	files := emit(t, tektontest.GlobsSoak())
	want := map[string]string{
		"deploy-dev": "10m", "wait-dev": "15m",
		"soak-staging": "3h35m", "deploy-staging": "10m", "wait-staging": "1h15m", // 10m + a manual pause (1h) + 5m
		"soak-qa": "1h5m", "deploy-qa": "10m", "wait-qa": "15m", "e2e-qa-smoke": "1h",
	}
	if diff := cmp.Diff(want, taskTimeouts(t, files, "bank-globs/pipeline.yaml")); diff != "" {
		t.Errorf("task timeouts (-want +got):\n%s", diff)
	}
	_, _, byName := pipelineTasks(byPath(t, files, "bank-globs/pipeline.yaml"))
	if got := taskParam(byName["soak-staging"], "soak-seconds"); got != "10800" {
		t.Errorf("soak-seconds = %q", got)
	}
	if got := taskParam(byName["wait-staging"], "timeout-seconds"); got != "4200" {
		t.Errorf("wait-staging timeout-seconds = %q", got)
	}
	// pipeline.timeout (30m) + dev 25m + staging 5h + qa 2h30m.
	for _, f := range []string{"bank-globs/pipelinerun.yaml", "triggers/triggertemplate-push.yaml"} {
		if got := runTimeout(t, files, f); got != "8h25m" {
			t.Errorf("%s: timeouts.pipeline = %q, want 8h25m", f, got)
		}
	}
	// Pull requests deploy nothing: pipeline.timeout as written.
	if got := runTimeout(t, files, "triggers/triggertemplate-pull-request.yaml"); got != "30m" {
		t.Errorf("pull request timeouts.pipeline = %q, want 30m", got)
	}
}

// A promotion waits for a person at a manual canary pause; its run gets
// Tekton's hour for the clone plus the deploy chain.
func TestPromotionTimeouts(t *testing.T) {
	p := tektontest.ManualGate()
	prod := p.Environments[3]
	prod.Canary.Steps = append(prod.Canary.Steps, &ir.CanaryStep{Pause: &ir.Pause{Manual: true}})
	files := emit(t, p)
	want := map[string]string{"deploy-prod": "10m", "wait-prod": "1h25m"} // 10m + 10m pause + 1h manual + 5m
	if diff := cmp.Diff(want, taskTimeouts(t, files, "promote-prod/pipeline.yaml")); diff != "" {
		t.Errorf("task timeouts (-want +got):\n%s", diff)
	}
	if got := runTimeout(t, files, "promote-prod/pipelinerun.yaml"); got != "2h35m" {
		t.Errorf("timeouts.pipeline = %q, want 2h35m", got)
	}
}

// Every deploy-side task of every fixture has a timeout, and every run's
// timeout is at least as long as any of them.
func TestEveryDeployTaskBounded(t *testing.T) {
	for _, fx := range tektontest.Fixtures() {
		files := emit(t, fx.Program)
		for _, f := range files {
			if !strings.HasSuffix(f.Path, "pipeline.yaml") && !strings.HasSuffix(f.Path, "pipeline-pull-request.yaml") {
				continue
			}
			names, _, byName := pipelineTasks(parse(t, f))
			var longest time.Duration
			for _, n := range names {
				d, err := time.ParseDuration(str(byName[n], "timeout"))
				if err != nil {
					for _, p := range []string{"soak-", "deploy-", "wait-", "e2e-"} {
						if strings.HasPrefix(n, p) {
							t.Errorf("%s: %s %s has no timeout", fx.Name, f.Path, n)
						}
					}
					continue
				}
				longest = max(longest, d)
			}
			if longest == 0 {
				continue
			}
			run := strings.TrimSuffix(f.Path, "pipeline.yaml") + "pipelinerun.yaml"
			if strings.HasSuffix(f.Path, "pipeline-pull-request.yaml") {
				run = "triggers/triggertemplate-pull-request.yaml"
			}
			got, err := time.Hour, error(nil) // Tekton's default when unset
			if s := runTimeout(t, files, run); s != "" {
				got, err = time.ParseDuration(s)
			}
			if err != nil || got < longest {
				t.Errorf("%s: %s timeouts.pipeline %v shorter than a task's %v", fx.Name, run, got, longest)
			}
		}
	}
}

func TestSoakLongerThanTimeoutWarns(t *testing.T) {
	rng := hcl.Range{Filename: "pipec.hcl", Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 20, Byte: 19}}
	for _, tt := range []struct {
		timeout time.Duration
		warn    bool
	}{{30 * time.Minute, true}, {4 * time.Hour, false}, {0, false}} {
		p := tektontest.GlobsSoak()
		p.Pipeline.Range = rng
		p.Pipeline.Timeout = ir.Duration(tt.timeout)
		_, diags := tekton.New().Emit(p, ir.Options{Source: "pipec.hcl"})
		var got []*hcl.Diagnostic
		for _, d := range diags {
			if d.Summary == "pipeline timeout shorter than a soak" {
				got = append(got, d)
			}
		}
		if !tt.warn {
			if len(got) != 0 {
				t.Errorf("timeout %v: unexpected %v", tt.timeout, got)
			}
			continue
		}
		if len(got) != 1 || got[0].Severity != hcl.DiagWarning || *got[0].Subject != rng ||
			!strings.Contains(got[0].Detail, "staging (soak = \"3h\")") || !strings.Contains(got[0].Detail, "raise it above the soak") {
			t.Errorf("timeout %v: want one warning on the pipeline naming staging, got %v", tt.timeout, got)
		}
	}
}
