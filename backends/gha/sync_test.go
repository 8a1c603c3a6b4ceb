package gha

import (
	"strings"
	"testing"
)

// TestManualSyncSteps: an environment with sync { automated = false } gets
// a sync request between its commit and its wait, in the deploy and in the
// rollback; automated environments get none. The header asks for the sync
// permission on exactly those Applications.
func TestManualSyncSteps(t *testing.T) {
	f := fixture{name: "manual_sync", prog: manualSync}
	files := emitFixture(t, f)
	main := mainFile(t, files, f.prog())
	w := parseWorkflow(t, main.Path, main.Data)
	names := func(steps []stepDoc) []string {
		var out []string
		for _, s := range steps[len(steps)-3:] {
			out = append(out, s.Name)
		}
		return out
	}
	tests := map[string][]string{
		"deploy-staging":    {"Commit and push", "Ask Argo CD to sync rel-staging", "Wait until staging runs the new version, healthy"},
		"deploy-production": {"Publish production with its own base and pin digests", "Commit and push", "Wait until production runs the new version, healthy"},
	}
	got := map[string][]string{}
	for id := range tests {
		got[id] = names(w.Jobs[id].Steps)
	}
	if diff := cmpDiff(tests, got); diff != "" {
		t.Errorf("last steps (-want +got):\n%s", diff)
	}
	var rollback stepDoc
	for _, file := range files {
		if strings.HasSuffix(file.Path, "-rollback.yml") {
			for _, s := range parseWorkflow(t, file.Path, file.Data).Jobs["rollback"].Steps {
				if strings.HasPrefix(s.Name, "Ask Argo CD to sync") {
					rollback = s
				}
			}
		}
	}
	if rollback.If != "inputs.environment == 'staging'" || rollback.Env["APP"] != "rel-${{ inputs.environment }}" {
		t.Errorf("rollback sync step: if %q, APP %q", rollback.If, rollback.Env["APP"])
	}
	if want := "p, role:pipec, applications, sync, rel/rel-staging, allow"; !strings.Contains(string(main.Data), want) {
		t.Errorf("header does not ask for %q", want)
	}
	for _, file := range emitFixture(t, fixtures[0]) {
		if strings.Contains(string(file.Data), "/sync") {
			t.Errorf("%s: the seed syncs automatically everywhere, but the workflow asks Argo CD to sync", file.Path)
		}
	}
}
