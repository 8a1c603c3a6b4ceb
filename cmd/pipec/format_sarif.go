package main

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/internal/fileuri"
	"github.com/pipec-dev/pipec/lang/diag"
)

// SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif).
// Only the fields code scanning reads are emitted; see docs/cli.md.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	pipecURL     = "https://github.com/pipec-dev/pipec"
	diagDocsURL  = pipecURL + "/blob/main/docs/diagnostics.md"
	// targetRuleID is the rule of diagnostics a backend reports (a target
	// that cannot express part of the spec): they carry no PC code.
	targetRuleID = "PCTARGET"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	ColumnKind  string            `json:"columnKind"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool `json:"executionSuccessful"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifText       `json:"shortDescription"`
	FullDescription      sarifText       `json:"fullDescription"`
	HelpURI              string          `json:"helpUri"`
	Help                 sarifText       `json:"help"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	Properties           sarifRuleProps  `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// sarifRules lists every code of diag.All, then the target rule, so rule
// indexes are stable across runs.
func sarifRules() []sarifRule {
	var rules []sarifRule
	for _, info := range diag.All {
		level := "error"
		summary := info.Summary
		if strings.HasPrefix(summary, "Warning: ") {
			level = "warning"
		}
		rules = append(rules, sarifRule{
			ID:                   string(info.Code),
			Name:                 info.Name,
			ShortDescription:     sarifText{strings.TrimPrefix(summary, "Warning: ")},
			FullDescription:      sarifText{summary},
			HelpURI:              diagDocsURL,
			Help:                 sarifText{string(info.Code) + " " + info.Name + ": " + summary + " See " + diagDocsURL + "."},
			DefaultConfiguration: sarifRuleConfig{level},
			Properties:           sarifRuleProps{Tags: []string{"pipec"}},
		})
	}
	rules = append(rules, sarifRule{
		ID:                   targetRuleID,
		Name:                 "TargetLimitation",
		ShortDescription:     sarifText{"A build target cannot express part of the spec."},
		FullDescription:      sarifText{"A backend (GitHub Actions, Tekton or Argo) cannot express part of the spec; the message proposes a fix."},
		HelpURI:              pipecURL + "/blob/main/docs/backends.md",
		Help:                 sarifText{"A backend cannot express part of the spec. See " + pipecURL + "/blob/main/docs/backends.md."},
		DefaultConfiguration: sarifRuleConfig{"error"},
		Properties:           sarifRuleProps{Tags: []string{"pipec"}},
	})
	return rules
}

// toSARIF converts diagnostics; fallbackFile locates diagnostics without a
// range (code scanning drops results without a location).
func toSARIF(diags hcl.Diagnostics, fallbackFile string) sarifLog {
	rules := sarifRules()
	index := map[string]int{}
	for i, r := range rules {
		index[r.ID] = i
	}
	results := []sarifResult{}
	for _, d := range diags {
		id := string(diag.CodeOf(d))
		if _, ok := index[id]; !ok {
			id = targetRuleID
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += "\n\n" + d.Detail
		}
		file, reg := diagFile(fallbackFile), sarifRegion{StartLine: 1, StartColumn: 1, EndLine: 1, EndColumn: 1}
		if d.Subject != nil {
			if d.Subject.Filename != "" {
				file = diagFile(d.Subject.Filename)
			}
			if s, e := d.Subject.Start, d.Subject.End; s.Line > 0 {
				reg = sarifRegion{StartLine: s.Line, StartColumn: max(s.Column, 1), EndLine: max(e.Line, s.Line), EndColumn: max(e.Column, 1)}
				if reg.EndLine == reg.StartLine && reg.EndColumn < reg.StartColumn {
					reg.EndColumn = reg.StartColumn
				}
			}
		}
		results = append(results, sarifResult{
			RuleID:    id,
			RuleIndex: index[id],
			Level:     severityName(d),
			Message:   sarifText{msg},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: fileuri.Ref(file), URIBaseID: "%SRCROOT%"},
				Region:           reg,
			}}},
		})
	}
	return sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool:        sarifTool{Driver: sarifDriver{Name: "pipec", Version: currentVersion(), InformationURI: pipecURL, Rules: rules}},
			ColumnKind:  "unicodeCodePoints",
			Invocations: []sarifInvocation{{ExecutionSuccessful: true}},
			Results:     results,
		}},
	}
}

func writeSARIF(w io.Writer, diags hcl.Diagnostics, fallbackFile string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(toSARIF(diags, fallbackFile))
}
