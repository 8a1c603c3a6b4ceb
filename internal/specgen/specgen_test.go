package specgen_test

import (
	"testing"

	"github.com/pipec-dev/pipec/backends/argo"
	"github.com/pipec-dev/pipec/backends/gha"
	"github.com/pipec-dev/pipec/backends/tekton"
	"github.com/pipec-dev/pipec/compiler"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/internal/specgen"
	"github.com/pipec-dev/pipec/lang"
)

// TestFewerWorkloads leaves images undeployed: warnings, and still a build.
func TestFewerWorkloads(t *testing.T) {
	src := specgen.Spec(specgen.Size{Environments: 3, Tests: 4, Images: 5, Workloads: 2})
	_, diags := lang.LoadSources([]lang.Source{{Name: "pipec.hcl", Data: src}}, lang.Options{})
	if diags.HasErrors() || len(diags) != 3 {
		t.Errorf("want 3 'not deployed' warnings, got %s", diags.Error())
	}
}

// TestSpecsAreClean checks that generated specs of every size load with
// no diagnostic at all (not even a warning) and build for every target,
// so benchmarks measure real work rather than error paths.
func TestSpecsAreClean(t *testing.T) {
	reg := &compiler.Registry{}
	reg.Register(gha.New())
	reg.Register(tekton.New())
	reg.Register(argo.New())
	for _, size := range []specgen.Size{{}, {Environments: 1, Tests: 1, Images: 1}, {Environments: 10, Tests: 10, Images: 3}, specgen.Scaled(5), {Environments: 3, Tests: 40, Images: 7, Workloads: 7}} {
		src := specgen.Spec(size)
		m, diags := lang.LoadSources([]lang.Source{{Name: "pipec.hcl", Data: src}}, lang.Options{})
		if len(diags) > 0 {
			t.Fatalf("%+v: %s", size, diags.Error())
		}
		p, diags := compiler.Lower(m, "pipec.hcl")
		if diags.HasErrors() {
			t.Fatalf("%+v: %s", size, diags.Error())
		}
		files, diags := reg.Emit(p, []string{"github", "tekton", "argo"}, ir.Options{Source: "pipec.hcl"})
		if len(diags) > 0 || len(files) == 0 {
			t.Fatalf("%+v: %d files, %s", size, len(files), diags.Error())
		}
	}
}
