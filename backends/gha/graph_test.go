package gha

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pipec-dev/pipec/compiler/ir"
)

func cmpDiff(want, got any) string { return cmp.Diff(want, got) }

// ancestors is every job id reachable through needs from id.
func ancestors(w wfDoc, id string) map[string]bool {
	seen := map[string]bool{}
	var walk func(string)
	walk = func(j string) {
		for _, n := range w.Jobs[j].Needs {
			if !seen[n] {
				seen[n] = true
				walk(n)
			}
		}
	}
	walk(id)
	return seen
}

// prGuarded reports whether cond is false for pull_request events: it must
// be a conjunction whose first term allows only push (and manual) events.
func prGuarded(cond string) bool {
	for _, first := range []string{
		"github.event_name == 'push'",
		"(github.event_name == 'push' || github.event_name == 'workflow_dispatch')",
		"github.event_name == 'push' || github.event_name == 'workflow_dispatch'",
	} {
		if cond == first || strings.HasPrefix(cond, first+" && ") {
			return !strings.Contains(cond, "pull_request")
		}
	}
	return false
}

func TestJobGraph(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			p := f.prog()
			files := emitFixture(t, f)
			w := parseWorkflow(t, files[0].Path, mainFile(t, files, p).Data)
			var missing []string
			requires := func(job string, deps ...string) {
				if _, ok := w.Jobs[job]; !ok {
					missing = append(missing, job+" (job absent)")
					return
				}
				anc := ancestors(w, job)
				for _, d := range deps {
					if !anc[d] {
						missing = append(missing, job+" -> "+d)
					}
				}
			}
			for _, im := range p.Images {
				var tests []string
				for _, n := range im.Needs {
					tests = append(tests, testID(n))
				}
				requires(buildID(im.Name), tests...)
				pub := append([]string{buildID(im.Name)}, tests...)
				if im.Scan.Enabled {
					requires(scanID(im.Name), buildID(im.Name))
					pub = append(pub, scanID(im.Name))
				}
				requires(publishID(im.Name), pub...)
			}
			for _, e := range p.Environments {
				var deps []string
				for _, im := range p.DeployedImages() {
					deps = append(deps, publishID(im.Name), buildID(im.Name))
					if im.Scan.Enabled {
						deps = append(deps, scanID(im.Name))
					}
				}
				if prev := p.Environment(e.After); prev != nil {
					deps = append(deps, deployID(prev.Name))
					for _, t := range prev.E2E {
						deps = append(deps, e2eID(prev.Name, t.Name))
					}
				}
				requires(deployID(e.Name), deps...)
				for _, t := range e.E2E {
					requires(e2eID(e.Name, t.Name), deployID(e.Name))
				}
			}
			sort.Strings(missing)
			if len(missing) > 0 {
				t.Errorf("missing job dependencies:\n%s", strings.Join(missing, "\n"))
			}
			checkPRSafety(t, w)
		})
	}
}

func mainFile(t *testing.T, files []ir.File, p *ir.Program) ir.File {
	t.Helper()
	for _, f := range files {
		if f.Path == ".github/workflows/"+p.Pipeline.Name+".yml" {
			return f
		}
	}
	t.Fatalf("no main workflow in %d files", len(files))
	return ir.File{}
}

// checkPRSafety: on pull requests nothing is pushed and nothing deploys.
// Every job past the build is guarded, and the build itself only pushes and
// logs in on push events.
func checkPRSafety(t *testing.T, w wfDoc) {
	t.Helper()
	for id, j := range w.Jobs {
		switch {
		case strings.HasPrefix(id, "test-"):
			if j.If != "" {
				t.Errorf("%s: tests must also run on pull requests, got if: %s", id, j.If)
			}
		case strings.HasPrefix(id, "build-"):
			for _, s := range j.Steps {
				if strings.HasPrefix(s.Uses, "docker/login-action@") && !prGuarded(s.If) {
					t.Errorf("%s: login step runs on pull requests (if: %q)", id, s.If)
				}
				if out, ok := s.With["outputs"].(string); ok {
					i := strings.Index(out, "push=${{ ")
					if i < 0 || !prGuarded(strings.TrimSuffix(out[i+len("push=${{ "):], " }}")) {
						t.Errorf("%s: build may push on pull requests: %s", id, out)
					}
				}
			}
		default:
			if !prGuarded(j.If) {
				t.Errorf("%s: runs on pull requests (if: %q)", id, j.If)
			}
		}
		if strings.HasSuffix(j.If, "&& false") {
			t.Errorf("%s: a job that can never run (if: %s)", id, j.If)
		}
		// A long soak's job waits on ENV-soak, an environment of its own that
		// carries the wait timer and no reviewers.
		soakEnv := strings.HasPrefix(id, "soak-") && j.Environment != nil && j.Environment["name"] == strings.TrimPrefix(id, "soak-")+"-soak"
		if j.Environment != nil && !strings.HasPrefix(id, "deploy-") && !soakEnv {
			t.Errorf("%s: only deploy jobs name a GitHub environment (each one asks for approval again)", id)
		}
	}
}

// TestUndeployedEnvironmentHasNoJobs: an environment no run can deploy gets
// no jobs (rather than jobs whose if: is always false) and no settings in
// the header; the environment promoted from it neither.
func TestUndeployedEnvironmentHasNoJobs(t *testing.T) {
	p := base("app")
	p.Pipeline.On = ir.Triggers{PullRequest: []string{"main"}, Manual: true}
	p.Environments[0].Branches = nil
	p.Environments = append(p.Environments, prodAfterStaging(0))
	files, diags := New().Emit(p, ir.Options{Source: "pipec.hcl"})
	if len(diags) != 2 || diags.HasErrors() {
		t.Fatalf("want two warnings, got %v", diags)
	}
	f := mainFile(t, files, p)
	var got []string
	for id := range parseWorkflow(t, f.Path, f.Data).Jobs {
		got = append(got, id)
	}
	sort.Strings(got)
	if diff := cmpDiff([]string{"build-app", "publish-app", "scan-app", "test-unit"}, got); diff != "" {
		t.Errorf("jobs (-want +got):\n%s", diff)
	}
	if strings.Contains(string(f.Data), "Environments → staging") || strings.Contains(string(f.Data), "ARGOCD_SERVER") {
		t.Errorf("header lists settings of environments it never deploys:\n%s", f.Data)
	}
}
