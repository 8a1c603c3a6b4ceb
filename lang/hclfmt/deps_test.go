package hclfmt

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoHCLWriteDependency protects the reason this package exists: if
// hclwrite or go-cmp creep back into the non-test import graph, their init
// cost returns to every pipec process start.
func TestNoHCLWriteDependency(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not available")
	}
	out, err := exec.Command(gobin, "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list failed: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.Contains(pkg, "go-cmp") || strings.Contains(pkg, "hclwrite") {
			t.Errorf("non-test dependency %s is linked into hclfmt", pkg)
		}
	}
}
