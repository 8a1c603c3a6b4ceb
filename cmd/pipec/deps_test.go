package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestBinaryDependencies keeps test-only modules (and net/url) out of the
// pipec binary:
// every package linked in runs its init on every start (go-cmp's alone
// was 0.5 ms of a 2 ms `pipec version`), and the upstream API modules
// would add tens of megabytes (docs/performance.md).
func TestBinaryDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	banned := []string{
		"github.com/google/go-cmp", "github.com/hashicorp/hcl/v2/hclwrite", "sigs.k8s.io/yaml", "go.yaml.in/yaml",
		"k8s.io/", "github.com/tektoncd/", "github.com/argoproj/", "sigs.k8s.io/kustomize", "github.com/rhysd/actionlint",
		"github.com/rogpeppe/go-internal",
		// net/url brings net/netip, whose init and the goroutine package
		// unique starts cost every start 0.06-0.12 ms; internal/fileuri
		// and gha's parseHTTPS do what pipec needed of it.
		"net/url", "net/netip",
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, b := range banned {
			if strings.HasPrefix(pkg, b) {
				t.Errorf("pipec links %s; keep it to tests", pkg)
			}
		}
	}
}
