package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang"
	"github.com/pipec-dev/pipec/lang/diag"
)

// TestSARIFRequiredFields decodes the SARIF document generically, as code
// scanning does, and checks every field SARIF 2.1.0 and GitHub require.
func TestSARIFRequiredFields(t *testing.T) {
	src := []byte("pipeline \"x\" {\n  repository = \"github.com/o/x\"\n  repositry  = \"oops\"\n}\n")
	_, diags := lang.LoadSources([]lang.Source{{Name: "specs/pipec.hcl", Data: src}}, lang.Options{})
	// Unused-block warnings are held back while a spec has errors, so the
	// warning comes from a second, clean spec in the same file.
	clean := []byte("pipeline \"x\" {\n  repository = \"github.com/o/x\"\n}\n\n\n\nsecret \"unused\" {}\n")
	_, warns := lang.LoadSources([]lang.Source{{Name: "specs/pipec.hcl", Data: clean}}, lang.Options{})
	diags = append(diags, warns...)
	if len(diags) != 2 {
		t.Fatalf("want 2 diagnostics from the fixture, got %d: %v", len(diags), diags)
	}
	// A target's limitation has no code; a problem with the output tree
	// has no range.
	diags = append(diags,
		&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot express", Detail: "Use canary.", Subject: diags[0].Subject},
		diag.Error(diag.NoFiles, hcl.Range{}, "No spec files", ""))
	var buf bytes.Buffer
	if err := writeSARIF(&buf, diags, "specs/pipec.hcl"); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if doc["version"] != "2.1.0" || doc["$schema"] == nil {
		t.Errorf("version = %v, $schema = %v; want 2.1.0 and a schema", doc["version"], doc["$schema"])
	}
	runs := list(t, doc, "runs")
	if len(runs) != 1 {
		t.Fatalf("want 1 run, got %d", len(runs))
	}
	run := runs[0].(map[string]any)
	driver := obj(t, obj(t, run, "tool"), "driver")
	if driver["name"] != "pipec" || str(t, driver, "version") == "" || str(t, driver, "informationUri") == "" {
		t.Errorf("driver name/version/informationUri = %v/%v/%v", driver["name"], driver["version"], driver["informationUri"])
	}
	rules := list(t, driver, "rules")
	if len(rules) != len(diag.All)+1 {
		t.Errorf("want a rule per code plus the target rule (%d), got %d", len(diag.All)+1, len(rules))
	}
	ids := map[string]int{}
	for i, r := range rules {
		r := r.(map[string]any)
		id := str(t, r, "id")
		if _, dup := ids[id]; dup {
			t.Errorf("rule %s listed twice", id)
		}
		ids[id] = i
		if str(t, obj(t, r, "shortDescription"), "text") == "" {
			t.Errorf("rule %s has no shortDescription.text", id)
		}
		if lvl := str(t, obj(t, r, "defaultConfiguration"), "level"); lvl != "error" && lvl != "warning" {
			t.Errorf("rule %s level %q", id, lvl)
		}
	}
	results := list(t, run, "results")
	var got []string
	for _, r := range results {
		r := r.(map[string]any)
		id := str(t, r, "ruleId")
		if idx, ok := ids[id]; !ok || int(r["ruleIndex"].(float64)) != idx {
			t.Errorf("result ruleId %s / ruleIndex %v does not match the rules", id, r["ruleIndex"])
		}
		level := str(t, r, "level")
		if str(t, obj(t, r, "message"), "text") == "" {
			t.Errorf("result %s has no message text", id)
		}
		locs := list(t, r, "locations")
		if len(locs) == 0 {
			t.Fatalf("result %s has no location", id)
		}
		phys := obj(t, locs[0].(map[string]any), "physicalLocation")
		uri := str(t, obj(t, phys, "artifactLocation"), "uri")
		reg := obj(t, phys, "region")
		n := func(k string) int { return int(reg[k].(float64)) }
		if n("startLine") < 1 || n("startColumn") < 1 || n("endLine") < n("startLine") || n("endColumn") < 1 {
			t.Errorf("result %s region %v is not a valid 1-based region", id, reg)
		}
		got = append(got, id+" "+level+" "+uri)
	}
	// URIs are relative to the repository root, wherever pipec runs.
	f := relName("specs/pipec.hcl")
	want := []string{"PC0002 error " + f, "PC0028 warning " + f, "PCTARGET error " + f, "PC0033 error " + f}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("results (-want +got):\n%s", d)
	}
}

func obj(t *testing.T, m map[string]any, k string) map[string]any {
	t.Helper()
	v, ok := m[k].(map[string]any)
	if !ok {
		t.Fatalf("%s: missing or not an object in %v", k, m)
	}
	return v
}

func list(t *testing.T, m map[string]any, k string) []any {
	t.Helper()
	v, ok := m[k].([]any)
	if !ok {
		t.Fatalf("%s: missing or not an array", k)
	}
	return v
}

func str(t *testing.T, m map[string]any, k string) string {
	t.Helper()
	v, ok := m[k].(string)
	if !ok {
		t.Fatalf("%s: missing or not a string in %v", k, m)
	}
	return v
}

func TestAnnotationEscaping(t *testing.T) {
	tests := []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"a,b:c", "a,b:c", "a%2Cb%3Ac"},
		{"50%\nnext\r", "50%25%0Anext%0D", "50%25%0Anext%0D"},
	}
	for _, tt := range tests {
		if got := escapeData(tt.in); got != tt.data {
			t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := escapeProperty(tt.in); got != tt.prop {
			t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.prop)
		}
	}
}
