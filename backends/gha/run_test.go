package gha

import (
	"testing"

	"github.com/pipec-dev/pipec/compiler/ir"
)

// TestRunShell: one step per test or e2e, under bash on the runner and sh
// in a job container (slim images have no bash; sh -e is GitHub's own
// default there).
func TestRunShell(t *testing.T) {
	type run struct{ Name, Shell, Run string }
	tests := []struct {
		name  string
		image string
		job   string
		want  []run
	}{
		{"e2e on the runner", "", "e2e-staging-smoke", []run{{"Run e2e smoke", "bash", "cd tests\nexport BASE=https://x\n./smoke.sh\n"}}},
		{"e2e in a container", "alpine:3.20", "e2e-staging-smoke", []run{{"Run e2e smoke", "sh", "cd tests\nexport BASE=https://x\n./smoke.sh\n"}}},
		{"test in its image", "", "test-unit", []run{{"Run unit", "sh", "go test ./...\n"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base("app")
			p.Environments[0].E2E = []*ir.E2E{{Name: "smoke", Image: tt.image,
				Run: []ir.Value{ir.Lit("cd tests"), ir.Lit("export BASE=https://x"), ir.Lit("./smoke.sh")}}}
			files := emitFixture(t, fixture{name: "app", prog: func() *ir.Program { return p }})
			f := mainFile(t, files, p)
			lint(t, f.Path, f.Data)
			var got []run
			for _, s := range parseWorkflow(t, f.Path, f.Data).Jobs[tt.job].Steps {
				if s.Run != "" {
					got = append(got, run{s.Name, s.Shell, s.Run})
				}
			}
			if diff := cmpDiff(tt.want, got); diff != "" {
				t.Errorf("%s run steps (-want +got):\n%s", tt.job, diff)
			}
		})
	}
}
