package gha

import (
	"regexp"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// TestBranchExpr: only patterns an expression on github.ref states exactly
// stay expressions; a single * stops at / and so goes to the branches job.
func TestBranchExpr(t *testing.T) {
	type res struct {
		Cond string
		OK   bool
	}
	tests := map[string]res{
		"main":       {"github.ref == 'refs/heads/main'", true},
		"it's":       {"github.ref == 'refs/heads/it''s'", true},
		"hotfix/**":  {"startsWith(github.ref, 'refs/heads/hotfix/')", true},
		"release/*":  {"", false},
		"rel-[0-9]*": {"", false},
		"*/stable":   {"", false},
		"!main":      {"", false},
		"":           {"", false},
	}
	got := map[string]res{}
	for glob := range tests {
		c, ok := branchExpr(glob)
		got[glob] = res{c, ok}
	}
	if diff := cmp.Diff(tests, got); diff != "" {
		t.Errorf("branchExpr (-want +got):\n%s", diff)
	}
}

// TestBranchPatternMatch checks the regular expressions against GitHub's
// filter pattern cheat sheet, with Go's regexp (the same ERE subset bash
// uses; TestMatchBranchesScript runs them in bash).
func TestBranchPatternMatch(t *testing.T) {
	tests := []struct {
		glob    string
		match   []string
		noMatch []string
	}{
		{"release/*", []string{"release/1.0", "release/"}, []string{"release/a/b", "release", "xrelease/1"}},
		{"release/**", []string{"release/1.0", "release/a/b"}, []string{"release"}},
		{"*", []string{"main", "feature"}, []string{"feature/x"}},
		{"**", []string{"main", "a/b/c"}, nil},
		{"v1.?", []string{"v1", "v1."}, []string{"v1..", "v1.0"}},
		{"ab+c", []string{"abc", "abbbc"}, []string{"ac"}},
		{"[CB]at", []string{"Cat", "Bat"}, []string{"cat", "CBat"}},
		{"rel-[0-9]*", []string{"rel-1", "rel-2x"}, []string{"rel-x", "rel-1/a"}},
		{"a.b", []string{"a.b"}, []string{"axb"}},
		{`x\*`, []string{"x*"}, []string{"xy"}},
		{"it's", []string{"it's"}, nil},
	}
	for _, tt := range tests {
		p, err := parseBranchPattern(tt.glob)
		if err != "" {
			t.Errorf("%q: %s", tt.glob, err)
			continue
		}
		re := regexp.MustCompile(p.regex)
		for _, b := range tt.match {
			if !re.MatchString(b) {
				t.Errorf("%q (%s) does not match %q", tt.glob, p.regex, b)
			}
		}
		for _, b := range tt.noMatch {
			if re.MatchString(b) {
				t.Errorf("%q (%s) matches %q", tt.glob, p.regex, b)
			}
		}
	}
	for _, bad := range []string{"", "!", "rel-[0-9", "[a_b]", "+x", "a**?", `x\`} {
		if _, err := parseBranchPattern(bad); err == "" {
			t.Errorf("%q: accepted, want an error", bad)
		}
	}
}

func TestGitopsRepo(t *testing.T) {
	tests := map[string]string{
		"https://github.com/acme/manifests.git": "acme/manifests",
		"https://github.com/acme/manifests":     "acme/manifests",
		"github.com/acme/manifests":             "acme/manifests",
		"git@github.com:acme/manifests.git":     "acme/manifests",
		"https://gitlab.com/acme/manifests.git": "",
		"https://github.com/acme":               "",
		"https://github.com/acme/a/b":           "",
	}
	got := map[string]string{}
	for url := range tests {
		got[url], _ = gitopsRepo(url)
	}
	if diff := cmp.Diff(tests, got); diff != "" {
		t.Errorf("gitopsRepo (-want +got):\n%s", diff)
	}
}

func TestRegistryOf(t *testing.T) {
	tests := map[string]string{
		"ghcr.io/acme/app":                   "ghcr.io",
		"registry.example.com:5000/acme/lib": "registry.example.com:5000",
		"localhost/app":                      "localhost",
		"acme/app":                           "",
		"app":                                "",
	}
	got := map[string]string{}
	for repo := range tests {
		got[repo] = registryOf(repo)
	}
	if diff := cmp.Diff(tests, got); diff != "" {
		t.Errorf("registryOf (-want +got):\n%s", diff)
	}
}

func TestWaitBudget(t *testing.T) {
	g := &gen{p: blueGreen()}
	five := ir.Duration(5 * time.Minute)
	tests := []struct {
		name string
		env  *ir.Environment
		want time.Duration
	}{
		{"rolling", &ir.Environment{}, 10 * time.Minute},
		{"canary pauses and analysis", &ir.Environment{Canary: &ir.Canary{Steps: []*ir.CanaryStep{
			{Weight: intp(10)}, {Pause: &ir.Pause{Duration: five}}, {Analysis: []string{"smoke"}}, {Pause: &ir.Pause{Manual: true}},
		}}}, 10*time.Minute + 5*time.Minute + 3*time.Minute + time.Hour},
		{"blue-green manual promotion", &ir.Environment{BlueGreen: &ir.BlueGreen{PrePromotion: []string{"smoke"}}}, 10*time.Minute + time.Hour + 3*time.Minute},
		{"capped under the job limit", &ir.Environment{Canary: &ir.Canary{Steps: []*ir.CanaryStep{
			{Pause: &ir.Pause{Duration: ir.Duration(9 * time.Hour)}},
		}}}, 330 * time.Minute},
	}
	for _, tt := range tests {
		if got := g.waitBudget(tt.env); got != tt.want {
			t.Errorf("%s: waitBudget = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestWorkflowConcurrency: cancel-previous cancels superseded pull request
// runs only (a push run has a group of its own); queue never cancels a
// running run, pull requests included.
func TestWorkflowConcurrency(t *testing.T) {
	prGroup := "${{ github.workflow }}-${{ github.event.pull_request.number || github.run_id }}"
	tests := map[string]*concurrency{
		"":                {Group: prGroup, CancelInProgress: "${{ github.event_name == 'pull_request' }}"},
		"cancel-previous": {Group: prGroup, CancelInProgress: "${{ github.event_name == 'pull_request' }}"},
		"queue":           {Group: "${{ github.workflow }}-${{ github.ref }}", CancelInProgress: false},
	}
	for mode, want := range tests {
		p := base("app")
		p.Pipeline.Concurrency = mode
		g := &gen{p: p}
		if diff := cmp.Diff(want, g.workflowConcurrency()); diff != "" {
			t.Errorf("concurrency %q (-want +got):\n%s", mode, diff)
		}
		if len(g.diags) > 0 {
			t.Errorf("concurrency %q: %v", mode, g.diags)
		}
	}
}

func TestGlobsMayMeet(t *testing.T) {
	tests := []struct {
		push, branch string
		want         bool
	}{
		{"main", "main", true},
		{"main", "develop", false},
		{"release/*", "release/v1", true},
		{"release/**", "hotfix/x", false},
		{"release/*", "rel*", true},
		{"hotfix/*", "release/*", false},
		{"*", "anything", true},
		{"v[0-9]*", "main", true}, // not decided: may meet
		{"!main", "main", false},
	}
	for _, tt := range tests {
		if got := globsMayMeet(tt.push, tt.branch); got != tt.want {
			t.Errorf("globsMayMeet(%q, %q) = %v, want %v", tt.push, tt.branch, got, tt.want)
		}
	}
}
