package main

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// TestSnapshotPlanAgrees checks that a plan made against a snapshot is the
// plan made by reading the tree, for every state a file can be in, and
// that a snapshot over its budget falls back to reading.
func TestSnapshotPlanAgrees(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2)) // snapshots need a second CPU
	const src = "pipec.hcl"
	header := ir.Header(src)
	other := ir.Header("other/pipec.hcl")
	out := t.TempDir()
	write := func(rel, data string) { t.Helper(); writeTreeFile(t, out, rel, data) }
	write(".github/workflows/current.yml", header+"a: 1\n")
	write(".github/workflows/stale.yml", header+"a: 1\n")
	write(".github/workflows/foreign.yml", "name: hand-written\n")
	write(".github/workflows/orphan.yml", header+"gone: true\n")
	write(".github/workflows/not-ours.yml", other+"x: 1\n")
	write(".github/workflows/README.md", header+"not yaml by name\n")
	write("deploy/overlays/prod/kustomization.yaml", header+"resources: []\n")
	write("deploy/published/app.yaml", header+"published: true\n")
	write("deploy/target.yaml", header+"linked: true\n")
	if err := os.Symlink("../target.yaml", filepath.Join(out, "deploy/overlays/link.yaml")); err != nil {
		t.Fatal(err)
	}
	files := []ir.File{
		{Path: ".github/workflows/current.yml", Data: []byte(header + "a: 1\n")},
		{Path: ".github/workflows/stale.yml", Data: []byte(header + "a: 2\n")},
		{Path: ".github/workflows/foreign.yml", Data: []byte(header + "b: 1\n")},
		{Path: ".github/workflows/new.yml", Data: []byte(header + "c: 1\n")},
		{Path: "deploy/overlays/prod/kustomization.yaml", Data: []byte(header + "resources: []\n")},
		{Path: "deploy/overlays/link.yaml", Data: []byte(header + "linked: true\n")},
		{Path: "deploy/target.yaml", Data: []byte(header + "linked: true\n")},
		{Path: "tekton/pipeline.yaml", Data: []byte(header + "kind: Pipeline\n")},
	}
	roots := []string{".github/workflows", "deploy", "tekton"}
	keep := []string{"deploy/published"}

	want, err := planOutput(out, files, src, roots, nil, keep...)
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]fileState{}
	for _, p := range want {
		states[p.path] = p.state
	}
	// The reference plan itself must be right, or agreeing with it
	// proves nothing.
	if diff := cmp.Diff(map[string]fileState{
		".github/workflows/current.yml":           stateCurrent,
		".github/workflows/stale.yml":             stateStale,
		".github/workflows/foreign.yml":           stateForeign,
		".github/workflows/new.yml":               stateMissing,
		".github/workflows/orphan.yml":            stateOrphaned,
		"deploy/overlays/prod/kustomization.yaml": stateCurrent,
		"deploy/overlays/link.yaml":               stateCurrent,
		"deploy/target.yaml":                      stateCurrent,
		"tekton/pipeline.yaml":                    stateMissing,
	}, states); diff != "" {
		t.Fatalf("plan without a snapshot (-want +got)\n%s", diff)
	}

	snap := startSnapshot(out, roots, false, nil)
	if !snap.wait() {
		t.Fatal("snapshot of a small tree is not usable")
	}
	got, err := planOutput(out, files, src, roots, snap, keep...)
	if err != nil {
		t.Fatal(err)
	}
	opt := cmp.AllowUnexported(plannedFile{})
	if diff := cmp.Diff(want, got, opt); diff != "" {
		t.Errorf("plan with a snapshot (-want +got)\n%s", diff)
	}

	defer func(b int64) { snapshotBudget = b }(snapshotBudget)
	snapshotBudget = 10
	full := startSnapshot(out, roots, false, nil)
	if full.wait() {
		t.Fatal("a snapshot over its budget claims to be usable")
	}
	got, err = planOutput(out, files, src, roots, full, keep...)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, opt); diff != "" {
		t.Errorf("plan with a snapshot over budget (-want +got)\n%s", diff)
	}
}

func TestSnapshotMissingOut(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	out := filepath.Join(t.TempDir(), "never-built")
	snap := startSnapshot(out, []string{"deploy"}, false, nil)
	if !snap.wait() {
		t.Fatal("a missing output folder should give an empty, usable snapshot")
	}
	if _, exists, read := snap.lookup("deploy/base/kustomization.yaml"); exists || !read {
		t.Errorf("lookup in a missing root: exists %v, read %v; want false, true", exists, read)
	}
	if _, _, read := snap.lookup("elsewhere/file.yaml"); read {
		t.Error("a path outside the roots must be read from disk")
	}
}

func TestSnapshotNeedsTwoCPUs(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	ran := false
	if snap := startSnapshot(t.TempDir(), []string{"deploy"}, false, func() { ran = true }); snap != nil || ran {
		t.Errorf("with GOMAXPROCS=1 startSnapshot gave %v and ran its follow-up: %v; want nil and not run", snap, ran)
	}
}

// writeTreeFile writes data to the slash path rel under out, creating
// its folders.
func writeTreeFile(t *testing.T, out, rel, data string) {
	t.Helper()
	p := filepath.Join(out, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
