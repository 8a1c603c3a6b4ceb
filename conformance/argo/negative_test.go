package argo

import (
	"fmt"
	"strings"
	"testing"
)

// collector records what the checks report.
type collector struct{ msgs []string }

func (c *collector) Errorf(format string, args ...any) {
	c.msgs = append(c.msgs, fmt.Sprintf(format, args...))
}
func (c *collector) Fatal(args ...any) { c.msgs = append(c.msgs, fmt.Sprint(args...)) }

// TestChecksRejectBrokenTrees mutates the seed's tree in ways pipec must
// never produce and asserts the suite notices each one, so a passing suite
// means something.
func TestChecksRejectBrokenTrees(t *testing.T) {
	const (
		rollout = "deploy/apps/my-app/base/api-rollout.yaml"
		prod    = "deploy/apps/my-app/overlays/production/kustomization.yaml"
		app     = "deploy/argocd/my-app-production.yaml"
		project = "deploy/argocd/my-app-project.yaml"
	)
	tests := []struct {
		name, file, old, new, want string
	}{
		{"privilege escalation", rollout, "allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true", "allowPrivilegeEscalation"},
		{"writable root", rollout, "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", "root file system is writable"},
		{"deprecated kustomize field", prod, "namespace: production\n", "namespace: production\ncommonLabels:\n  team: a\n", "commonLabels"},
		{"canary scale without traffic routing", prod, "setWeight: 30", "setCanaryScale: {weight: 30}", "TrafficRouting"},
		{"unknown field", app, "targetRevision: main\n", "targetRevision: main\n    bogus: true\n", "unknown field"},
		{"destination outside the project", project, "namespace: production\n", "namespace: prod\n", "is not in project"},
		{"tag instead of digest", prod, "- digest: sha256:0000000000000000000000000000000000000000000000000000000000000000\n", "- newTag: latest\n", "digest"},
		{"indefinite metric in a step", "deploy/apps/my-app/overlays/production/analysistemplate-success-rate.yaml", "  - count: 5\n    interval: 1m\n", "  - interval: 1m\n", "runs indefinitely"},
	}
	seed := fixtureTrees(t)["fixture/seed"]
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := tree{}
			for p, d := range seed {
				tr[p] = d
			}
			if !strings.Contains(string(tr[tt.file]), tt.old) {
				t.Fatalf("%s does not contain %q; update the mutation", tt.file, tt.old)
			}
			tr[tt.file] = []byte(strings.Replace(string(tr[tt.file]), tt.old, tt.new, 1))
			c := &collector{}
			checkTree(c, tr)
			if !strings.Contains(strings.Join(c.msgs, "\n"), tt.want) {
				t.Errorf("mutation not caught: want a report containing %q, got:\n%s", tt.want, strings.Join(c.msgs, "\n"))
			}
		})
	}
}
