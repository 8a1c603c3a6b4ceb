package gha

import (
	"regexp"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

// Generic views of a generated workflow, decoded from its YAML: the tests
// check what GitHub will read, not our structs.
type wfDoc struct {
	On          map[string]any    `json:"on"`
	Permissions *map[string]any   `json:"permissions"`
	Jobs        map[string]jobDoc `json:"jobs"`
}

type jobDoc struct {
	Needs       []string           `json:"needs"`
	If          string             `json:"if"`
	Environment map[string]string  `json:"environment"`
	Permissions *map[string]string `json:"permissions"`
	Concurrency map[string]any     `json:"concurrency"`
	Timeout     int                `json:"timeout-minutes"`
	Outputs     map[string]string  `json:"outputs"`
	Steps       []stepDoc          `json:"steps"`
}

type stepDoc struct {
	ID    string            `json:"id"`
	Name  string            `json:"name"`
	If    string            `json:"if"`
	Uses  string            `json:"uses"`
	With  map[string]any    `json:"with"`
	Env   map[string]string `json:"env"`
	Shell string            `json:"shell"`
	Run   string            `json:"run"`
}

func parseWorkflow(t *testing.T, name string, data []byte) wfDoc {
	t.Helper()
	var w wfDoc
	if err := yaml.Unmarshal(data, &w); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return w
}

var pinnedUses = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[^@]+)?@[0-9a-f]{40}$`)

// checkSecurity asserts security-rules.md on one workflow.
func checkSecurity(t *testing.T, name string, data []byte) {
	t.Helper()
	raw := string(data)
	for _, bad := range []string{"pull_request_target", "workflow_run", "secrets: inherit", "toJSON(secrets)"} {
		if strings.Contains(raw, bad) {
			t.Errorf("%s contains %q", name, bad)
		}
	}
	for _, line := range strings.Split(raw, "\n") {
		if i := strings.Index(line, "uses: "); i >= 0 && !strings.HasPrefix(strings.TrimSpace(line), "#") {
			if !regexp.MustCompile(`@[0-9a-f]{40} # v\d+\.\d+\.\d+$`).MatchString(line) {
				t.Errorf("%s: uses line without a SHA pin and # vX.Y.Z comment: %s", name, line)
			}
		}
	}
	w := parseWorkflow(t, name, data)
	if w.Permissions == nil || len(*w.Permissions) != 0 {
		t.Errorf("%s: top-level permissions must be {}, got %v", name, w.Permissions)
	}
	for id, j := range w.Jobs {
		where := name + " job " + id
		if j.Permissions == nil {
			t.Errorf("%s: no permissions", where)
		}
		if j.Timeout < 1 || j.Timeout > maxJobMinutes {
			t.Errorf("%s: timeout-minutes %d not in 1..%d", where, j.Timeout, maxJobMinutes)
		}
		pushes, logsIn, signs := false, false, false
		for _, s := range j.Steps {
			pushes = pushes || strings.Contains(s.Run, "git push")
			logsIn = logsIn || strings.HasPrefix(s.Uses, "docker/login-action@")
			signs = signs || strings.HasPrefix(s.Uses, "sigstore/cosign-installer@")
		}
		perms := map[string]string{}
		if j.Permissions != nil {
			perms = *j.Permissions
		}
		if perms["packages"] == "write" && !logsIn {
			t.Errorf("%s: packages: write without a registry login", where)
		}
		if perms["id-token"] == "write" && !signs {
			t.Errorf("%s: id-token: write without signing", where)
		}
		if perms["contents"] == "write" && !pushes {
			t.Errorf("%s: contents: write without a git push", where)
		}
		if j.Environment != nil && !strings.HasPrefix(id, "soak-") {
			if j.Concurrency == nil || j.Concurrency["cancel-in-progress"] != false {
				t.Errorf("%s: deploy job without concurrency {cancel-in-progress: false}: %v", where, j.Concurrency)
			}
		}
		for _, s := range j.Steps {
			if strings.Contains(s.Run, "${{") {
				t.Errorf("%s step %q: ${{ in run:\n%s", where, s.Name, s.Run)
			}
			if s.Uses != "" && !pinnedUses.MatchString(s.Uses) {
				t.Errorf("%s step %q: uses %q is not pinned to a commit", where, s.Name, s.Uses)
			}
			if strings.HasPrefix(s.Uses, "actions/checkout@") {
				if pc, _ := s.With["persist-credentials"].(bool); pc && !pushes {
					t.Errorf("%s step %q keeps credentials but the job never pushes", where, s.Name)
				} else if !pc && s.With["persist-credentials"] != false {
					t.Errorf("%s step %q: persist-credentials must be set to false", where, s.Name)
				}
			}
			if ba, ok := s.With["build-args"].(string); ok && strings.Contains(ba, "secrets.") {
				t.Errorf("%s step %q: secret in build-args", where, s.Name)
			}
		}
	}
}

func TestSecurityRules(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			for _, file := range emitFixture(t, f) {
				checkSecurity(t, file.Path, file.Data)
			}
		})
	}
}

func TestPinnedActionTable(t *testing.T) {
	sha := regexp.MustCompile(`^[0-9a-f]{40}$`)
	tag := regexp.MustCompile(`^v\d+\.\d+\.\d+$`)
	seen := map[string]bool{}
	for _, a := range pinnedActions {
		if !sha.MatchString(a.SHA) {
			t.Errorf("%s: SHA %q is not 40 hex digits", a.Repo, a.SHA)
		}
		if !tag.MatchString(a.Tag) {
			t.Errorf("%s: tag %q is not vX.Y.Z", a.Repo, a.Tag)
		}
		if seen[a.Repo] {
			t.Errorf("%s pinned twice", a.Repo)
		}
		seen[a.Repo] = true
	}
}

// TestRuntimeValuesInRun checks the quoting of runtime values in scripts:
// each becomes a step env entry and a shell reference that keeps its
// meaning inside double quotes, single quotes and bare words. The run list
// is one script, so the cd and the export hold for the later entries.
func TestRuntimeValuesInRun(t *testing.T) {
	files := emitFixture(t, fixture{name: "matrix_services", prog: matrixServices})
	w := parseWorkflow(t, "matrix", files[0].Data)
	var got []stepDoc
	for _, s := range w.Jobs["test-integration"].Steps {
		if s.Uses == "" && s.ID == "" {
			got = append(got, stepDoc{Name: s.Name, Env: s.Env, Shell: s.Shell, Run: s.Run})
		}
	}
	want := []stepDoc{{
		Name: "Run integration",
		Env: map[string]string{
			"DATABASE_URL":        "postgres://test@postgres:5432/${{ matrix.db }}",
			"DB_PASSWORD":         "${{ secrets.DB_PASSWORD }}",
			"PIPEC_MATRIX_DB":     "${{ matrix.db }}",
			"PIPEC_GIT_SHORT_SHA": "${{ steps.pipec-git.outputs.short-sha }}",
			"PIPEC_GIT_BRANCH":    "${{ github.head_ref || (github.ref_type == 'branch' && github.ref_name) || '' }}",
			"PIPEC_RUN_NUMBER":    "${{ github.run_number }}",
		},
		Shell: "sh",
		Run: "cd web\n" +
			"export NODE_ENV=test\n" +
			"npm ci\n" +
			"npm test -- --db=\"${PIPEC_MATRIX_DB}\"\n" +
			"echo \"testing ${PIPEC_GIT_SHORT_SHA} on ${PIPEC_GIT_BRANCH}\"\n" +
			"echo 'run '\"${PIPEC_RUN_NUMBER}\"''\nnpm run e2e:ci\n",
	}}
	if diff := cmpDiff(want, got); diff != "" {
		t.Errorf("test-integration steps (-want +got):\n%s", diff)
	}
}
