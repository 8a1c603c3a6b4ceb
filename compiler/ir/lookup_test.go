package ir

import "testing"

// Lookups tolerate nil entries and a nil pipeline: backends call them on
// partial programs in their nil-safety tests.
func TestLookupsNilSafe(t *testing.T) {
	p := &Program{
		Images:       []*Image{nil, {Name: "a"}},
		Workloads:    []*Workload{nil, {Name: "w", Image: "a"}},
		Secrets:      []*Secret{nil},
		Analyses:     []*Analysis{nil},
		Environments: []*Environment{nil},
		Tests:        []*Test{nil},
	}
	if p.Image("a") == nil || p.Image("b") != nil || p.Secret("x") != nil || p.Analysis("x") != nil ||
		p.Environment("x") != nil || p.Test("x") != nil || p.HasCI("github") {
		t.Error("unexpected lookup result")
	}
	if got := p.DeployedImages(); len(got) != 1 || got[0].Name != "a" {
		t.Errorf("DeployedImages = %v", got)
	}
}

func TestDurationString(t *testing.T) {
	for d, want := range map[Duration]string{
		0: "0s", Duration(90e9): "1m30s", Duration(300e9): "5m", Duration(5400e9): "1h30m", Duration(1500e6): "1s500ms",
	} {
		if got := d.String(); got != want {
			t.Errorf("%d: got %q, want %q", d, got, want)
		}
	}
}
