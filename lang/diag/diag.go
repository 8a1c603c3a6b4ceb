package diag

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// Code is a stable diagnostic identifier such as "PC1001".
type Code string

// codeExtra carries a Code in hcl.Diagnostic.Extra.
type codeExtra struct{ code Code }

// DiagnosticCode returns the code; the LSP and JSON output read it.
func (c codeExtra) DiagnosticCode() string { return string(c.code) }

// CodeOf returns the code of d, or "" when it has none.
func CodeOf(d *hcl.Diagnostic) Code {
	if c, ok := hcl.DiagnosticExtra[interface{ DiagnosticCode() string }](d); ok {
		return Code(c.DiagnosticCode())
	}
	return ""
}

// Error builds an error diagnostic.
func Error(code Code, subject hcl.Range, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: subject.Ptr(), Extra: codeExtra{code}}
}

// Warning builds a warning diagnostic.
func Warning(code Code, subject hcl.Range, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: summary, Detail: detail, Subject: subject.Ptr(), Extra: codeExtra{code}}
}

// Tag gives every diagnostic in diags without a code the code that its
// summary maps to (diagnostics made by HCL itself), or def.
func Tag(diags hcl.Diagnostics, def Code) hcl.Diagnostics {
	for _, d := range diags {
		if CodeOf(d) != "" {
			continue
		}
		c, ok := hclSummaries[d.Summary]
		switch {
		case ok:
		case strings.HasPrefix(d.Summary, "Missing ") && strings.Contains(d.Summary, " for "):
			c = MissingLabel
		case strings.HasPrefix(d.Summary, "Extraneous label for "):
			c = ExtraLabel
		default:
			c = def
		}
		d.Extra = codeExtra{c}
	}
	return diags
}

// hclSummaries maps the summaries HCL's own diagnostics use to our codes.
var hclSummaries = map[string]Code{
	"Unsupported argument":            UnsupportedAttribute,
	"Unsupported block type":          UnsupportedBlock,
	"Missing required argument":       MissingAttribute,
	"Attribute redefined":             DuplicateAttribute,
	"Duplicate argument":              DuplicateAttribute,
	"Missing name for":                MissingLabel,
	"Extraneous label for":            ExtraLabel,
	"Unsupported attribute":           UnsupportedReference,
	"Incorrect attribute value type":  WrongType,
	"Invalid function argument":       InvalidFunctionCall,
	"Error in function call":          InvalidFunctionCall,
	"Not enough function arguments":   InvalidFunctionCall,
	"Too many function arguments":     InvalidFunctionCall,
	"Call to unknown function":        InvalidFunctionCall,
	"Variables not allowed":           InvalidExpression,
	"Function calls not allowed":      InvalidExpression,
	"Unknown variable":                UndefinedReference,
	"Extraneous JSON object property": UnsupportedAttribute,
}
