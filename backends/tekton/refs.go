package tekton

import (
	"github.com/pipec-dev/pipec/backends/internal/shell"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// A runtime value reaches a Task only as a Task param, and reaches a
// script only through an env entry whose value is that param: Tekton
// pastes $(params.x) into a script unescaped, which would let a branch
// name run shell code. binder collects the params a Task needs while its
// env entries and scripts are rendered; the Pipeline later binds each
// param to where the value lives in that Pipeline (scope.source).
type binder struct {
	p      *ir.Program
	rng    hcl.Range // the node being rendered, for diagnostics
	what   string    // "test \"unit\"", for messages
	matrix map[string]bool
	params map[string]ir.Ref
	diags  *hcl.Diagnostics
}

func newBinder(p *ir.Program, rng hcl.Range, what string, diags *hcl.Diagnostics) *binder {
	return &binder{p: p, rng: rng, what: what, matrix: map[string]bool{}, params: map[string]ir.Ref{}, diags: diags}
}

// refParam names the Task param that carries r; "" for matrix values and
// secrets, which never travel as ordinary params.
func refParam(r ir.Ref) string {
	switch r.Kind {
	case ir.GitSHA:
		return "git-sha"
	case ir.GitShortSHA:
		return "git-short-sha"
	case ir.GitBranch:
		return "git-branch"
	case ir.GitTag:
		return "git-tag"
	case ir.GitRef:
		return "git-ref"
	case ir.GitActor:
		return "git-actor"
	case ir.RunID:
		return "run-id"
	case ir.RunNumber:
		return "run-number"
	case ir.ImageDigest, ir.ImageRef:
		return "image-" + dnsLabel(r.Name) + "-digest"
	}
	return ""
}

// refEnv names the env entry that carries r into a script.
func refEnv(r ir.Ref) string {
	switch r.Kind {
	case ir.MatrixValue:
		return "PIPEC_MATRIX_" + envName(r.Name)
	case ir.ImageDigest:
		return envName("PIPEC_IMAGE", r.Name, "DIGEST")
	case ir.ImageRef:
		return envName("PIPEC_IMAGE", r.Name, "REF")
	}
	return "PIPEC_" + envName(strings.ReplaceAll(r.String(), ".", "_"))
}

func (b *binder) rangeOf(r ir.Ref) hcl.Range {
	if r.Range.Filename != "" || r.Range.End.Byte > 0 {
		return r.Range
	}
	return b.rng
}

// expr is the Task-side expression for r: $(params.NAME).
func (b *binder) expr(r ir.Ref) string {
	switch r.Kind {
	case ir.MatrixValue:
		if !b.matrix[r.Name] {
			addErr(b.diags, b.rangeOf(r), "matrix value outside a matrix",
				"matrix."+r.Name+" is used by "+b.what+", which has no matrix key "+r.Name+". Use matrix values only inside the test that declares the matrix.")
			return ""
		}
		return "$(params." + r.Name + ")"
	case ir.SecretValue:
		addErr(b.diags, b.rangeOf(r), "secret used inside a string",
			"secret."+r.Name+" in "+b.what+" must be the whole value of an env entry, so Tekton can read it with secretKeyRef; it cannot be part of a string, an image or a script.")
		return ""
	case ir.ImageRef:
		im := b.p.Image(r.Name)
		if im == nil {
			addErr(b.diags, b.rangeOf(r), "unknown image", "image."+r.Name+" does not exist; declare an image block named "+r.Name+".")
			return ""
		}
		name := refParam(r)
		b.params[name] = ir.Ref{Kind: ir.ImageDigest, Name: r.Name, Range: r.Range}
		return im.Repository + "@$(params." + name + ")"
	case ir.RunNumber:
		addWarn(b.diags, b.rangeOf(r), "run.number has no Tekton equivalent",
			"Tekton numbers no runs; pipec passes the PipelineRun name instead. Use run.id for a unique value.")
	}
	name := refParam(r)
	if name == "" {
		addErr(b.diags, b.rangeOf(r), "unsupported runtime value",
			r.String()+" in "+b.what+" has no Tekton equivalent; use one of git.sha, git.short_sha, git.branch, git.tag, git.ref, git.actor, run.id or an image digest.")
		return ""
	}
	b.params[name] = r
	return "$(params." + name + ")"
}

// value renders v for a field Tekton substitutes (env values, images).
func (b *binder) value(v ir.Value) string {
	return v.Render(func(s string) string {
		if tektonVariable(s) {
			addErr(b.diags, b.rng, "Tekton variable in a value",
				"A value of "+b.what+" contains text of the form $(params.…); Tekton substitutes such text in env values and parameters, so the step would not get it as written. Remove it, or use a pipec runtime value (git.sha, matrix.KEY) instead.")
		}
		return s
	}, b.expr)
}

// tektonVariable reports whether s holds text Tekton would substitute.
func tektonVariable(s string) bool {
	for _, p := range []string{"$(params.", "$(tasks.", "$(context.", "$(workspaces.", "$(results.", "$(steps.", "$(step.", "$(inputs.", "$(outputs.", "$(resources."} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// script renders run lines as a sh script. Runtime values become
// references to env entries appended to env, quoted so a value stays one
// word (quote.go).
func (b *binder) script(lines []ir.Value, env *[]kube.EnvVar) string {
	var sb strings.Builder
	sb.WriteString("#!/bin/sh\nset -e\n")
	seen := map[string]bool{}
	for _, e := range *env {
		seen[e.Name] = true
	}
	for _, line := range lines {
		q := shell.None
		text := line.Render(func(s string) string {
			if tektonVariable(s) {
				addErr(b.diags, b.rng, "Tekton variable in a run line",
					"A run line of "+b.what+" contains text of the form $(params.…); Tekton would substitute it into the script unescaped. Write the value in the spec with a runtime value (git.sha, matrix.KEY) instead, or escape the $.")
			}
			q = q.Scan(s)
			return s
		}, func(r ir.Ref) string {
			if r.Kind == ir.SecretValue {
				addErr(b.diags, b.rangeOf(r), "secret in a run line",
					"secret."+r.Name+" is used in a run line of "+b.what+". Put it in env (NAME = secret."+r.Name+") and read $NAME in the script.")
				return ""
			}
			name := refEnv(r)
			if !seen[name] {
				seen[name] = true
				*env = append(*env, kube.EnvVar{Name: name, Value: b.expr(r)})
			}
			return q.Ref(name)
		})
		sb.WriteString(text)
		if !strings.HasSuffix(text, "\n") {
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

// env renders env entries: secrets as secretKeyRef, the rest as values.
func (b *binder) env(evs []ir.EnvVar) []kube.EnvVar {
	var out []kube.EnvVar
	for _, e := range evs {
		if e.Secret != nil {
			out = append(out, secretEnv(e.Name, e.Secret))
			continue
		}
		if refs := e.Value.Refs(); len(refs) == 1 && refs[0].Kind == ir.SecretValue && len(e.Value.Parts) == 1 {
			if s := b.p.Secret(refs[0].Name); s != nil {
				out = append(out, secretEnv(e.Name, s))
				continue
			}
		}
		out = append(out, kube.EnvVar{Name: e.Name, Value: b.value(e.Value)})
	}
	return out
}

func secretEnv(name string, s *ir.Secret) kube.EnvVar {
	secret, key := secretKey(s)
	return kube.SecretEnv(name, secret, key)
}

// secretKey is the Kubernetes Secret and key that hold s. Lowering fills
// both; the fallbacks keep a hand-built IR usable.
func secretKey(s *ir.Secret) (secret, key string) {
	secret, key = s.Kubernetes, s.Key
	if secret == "" {
		secret = s.Name
	}
	if key == "" {
		key = "token"
	}
	return secret, key
}

// taskParams declares the collected params, sorted by name.
func (b *binder) taskParams() []paramSpec {
	var out []paramSpec
	for _, name := range b.paramNames() {
		out = append(out, paramSpec{Name: name, Type: "string", Description: "runtime value " + b.params[name].String()})
	}
	return out
}

func (b *binder) paramNames() []string {
	names := make([]string, 0, len(b.params))
	for n := range b.params {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// addErr and addWarn report a problem once per summary, detail and
// range: a test is compiled into the push and the pull-request Pipelines,
// but its mistake is one place in the spec.
func addErr(diags *hcl.Diagnostics, rng hcl.Range, summary, detail string) {
	add(diags, hcl.DiagError, rng, summary, detail)
}

func addWarn(diags *hcl.Diagnostics, rng hcl.Range, summary, detail string) {
	add(diags, hcl.DiagWarning, rng, summary, detail)
}

func add(diags *hcl.Diagnostics, sev hcl.DiagnosticSeverity, rng hcl.Range, summary, detail string) {
	for _, d := range *diags {
		if d.Severity == sev && d.Summary == summary && d.Detail == detail && d.Subject != nil && *d.Subject == rng {
			return
		}
	}
	r := rng
	*diags = append(*diags, &hcl.Diagnostic{Severity: sev, Summary: summary, Detail: detail, Subject: &r})
}
