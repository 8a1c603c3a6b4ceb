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

// TestChecksRejectBrokenTrees mutates fixture trees in ways pipec must
// never produce and asserts the suite notices each one, so a passing suite
// means something.
func TestChecksRejectBrokenTrees(t *testing.T) {
	const (
		rollout = "deploy/apps/my-app/base/api-rollout.yaml"
		prod    = "deploy/apps/my-app/overlays/production/kustomization.yaml"
		app     = "deploy/argocd/my-app-production.yaml"
		project = "deploy/argocd/my-app-project.yaml"
	)
	const (
		nginx = "deploy/apps/storefront/overlays/production/"
		alb   = "deploy/apps/gateway/overlays/production/kustomization.yaml"
	)
	tests := []struct {
		name, file, old, new, want string
	}{
		{"no canary Service", nginx + "kustomization.yaml", "- web-canary-service.yaml\n", "", "references Service web-canary"},
		{"no routed Ingress", nginx + "kustomization.yaml", "- web-ingress.yaml\n", "", "references Ingress web"},
		{"routed Ingress of another class", nginx + "web-ingress.yaml", "ingressClassName: nginx", "ingressClassName: traefik", "acts only on class nginx"},
		{"routed Ingress to another Service", nginx + "web-ingress.yaml", "name: web\n            port", "name: other\n            port", "no rules using service web"},
		{"no traffic routing", nginx + "kustomization.yaml", "          trafficRouting:\n            nginx:\n              stableIngress: web\n", "", "TrafficRouting"},
		{"ALB backend on the Service port", alb, "name: use-annotation", "name: http", "use-annotation"},
		{"bad CloudWatch field", "deploy/apps/gateway/overlays/production/analysistemplate-alb-errors.yaml", "period: 60", "periodSeconds: 60", "unknown field"},
		{"privilege escalation", rollout, "allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true", "allowPrivilegeEscalation"},
		{"writable root", rollout, "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", "root file system is writable"},
		{"deprecated kustomize field", prod, "namespace: production\n", "namespace: production\ncommonLabels:\n  team: a\n", "commonLabels"},
		{"canary scale without traffic routing", prod, "setWeight: 30", "setCanaryScale: {weight: 30}", "TrafficRouting"},
		{"unknown field", app, "targetRevision: main\n", "targetRevision: main\n    bogus: true\n", "unknown field"},
		{"destination outside the project", project, "namespace: production\n", "namespace: prod\n", "is not in project"},
		{"tag instead of digest", prod, "  digest: sha256:0000000000000000000000000000000000000000000000000000000000000000\n", "  newTag: latest\n", "digest"},
		{"indefinite metric in a step", "deploy/apps/my-app/overlays/production/analysistemplate-success-rate.yaml", "    count: 5\n", "", "runs indefinitely"},
	}
	fixtures := fixtureTrees(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := tree{}
			for _, f := range fixtures {
				if _, ok := f[tt.file]; ok {
					for p, d := range f {
						tr[p] = d
					}
				}
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
