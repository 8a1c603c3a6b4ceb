package gha

import (
	"github.com/pipec-dev/pipec/backends/internal/shell"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// gitStepID is the step that derives values GitHub's expression language
// cannot compute (the 7-character short SHA).
const gitStepID = "pipec-git"

// scope says what a job can see when a runtime value is rendered in it.
type scope struct {
	job *job
	// images is true where image digests exist (after publish jobs).
	images bool
	// what names the place in diagnostics ("test", "image tag", ...).
	what string
	// shortSHA is set when a rendered value needs the pipec-git step.
	shortSHA bool
}

// expr returns the GitHub expression (without ${{ }}) that yields r in s.
func (g *gen) expr(r ir.Ref, s *scope) string {
	switch r.Kind {
	case ir.GitSHA:
		return "github.sha"
	case ir.GitShortSHA:
		s.shortSHA = true
		return "steps." + gitStepID + ".outputs.short-sha"
	case ir.GitBranch:
		// head_ref is the source branch of a pull request; ref_name is the
		// tag name on tag events, where git.branch must be empty.
		return "github.head_ref || (github.ref_type == 'branch' && github.ref_name) || ''"
	case ir.GitTag:
		return "github.ref_type == 'tag' && github.ref_name || ''"
	case ir.GitRef:
		return "github.ref"
	case ir.GitActor:
		return "github.actor"
	case ir.RunID:
		return "github.run_id"
	case ir.RunNumber:
		return "github.run_number"
	case ir.MatrixValue:
		return "matrix." + r.Name
	case ir.ImageDigest, ir.ImageRef:
		if !s.images {
			g.errorf(r.Range, "Image digest not available here",
				"%s is only known after the image is built, scanned and published, so a %s cannot use it. Use it in an environment's e2e block or a workload instead.", r.String(), s.what)
			return "''"
		}
		if s.job != nil {
			s.job.need(publishID(r.Name))
		}
		return "needs." + publishID(r.Name) + ".outputs.digest"
	case ir.SecretValue:
		if sec := g.p.Secret(r.Name); sec != nil {
			return "secrets." + sec.GitHub
		}
		return "secrets." + strings.ToUpper(r.Name)
	}
	g.errorf(r.Range, "Unsupported runtime value", "The GitHub Actions backend cannot render %s.", r.String())
	return "''"
}

// inline renders v for a YAML value GitHub evaluates (env, with, container):
// literals as written, references as ${{ expression }}.
func (g *gen) inline(v ir.Value, s *scope, rng hcl.Range) string {
	return v.Render(func(lit string) string {
		g.checkLiteral(lit, rng)
		return lit
	}, func(r ir.Ref) string {
		if r.Kind == ir.ImageRef {
			return g.imageRepo(r.Name) + "@${{ " + g.expr(r, s) + " }}"
		}
		return "${{ " + g.expr(r, s) + " }}"
	})
}

// checkLiteral rejects user text that GitHub would evaluate as an expression.
func (g *gen) checkLiteral(lit string, rng hcl.Range) {
	if strings.Contains(lit, "${{") {
		g.errorf(rng, "Text contains ${{",
			"GitHub Actions evaluates ${{ ... }} wherever it appears, so this text would run as an expression. Remove it, or use a pipec runtime value (git.sha, matrix.KEY, ...) instead.")
	}
}

// shellScript renders v as a run: script. A runtime value becomes a
// reference to an environment variable that the step's env sets from the
// expression, so no ${{ }} ever reaches the shell (no script injection).
// The reference is quoted to match where it stands: inside "..." it is
// ${VAR}; bare it is "${VAR}"; inside '...' the quote is closed around it.
func (g *gen) shellScript(v ir.Value, s *scope, env *ordered, rng hcl.Range) string {
	q := shell.None
	var b strings.Builder
	for _, p := range v.Parts {
		if p.Ref == nil {
			g.checkLiteral(p.Lit, rng)
			b.WriteString(p.Lit)
			q = q.Scan(p.Lit)
			continue
		}
		if p.Ref.Kind == ir.SecretValue {
			g.errorf(p.Ref.Range, "Secret in a run script",
				"A secret may not be part of a run string; put it in env (NAME = %s) and use $NAME in the script.", p.Ref.String())
			continue
		}
		name := refEnvName(*p.Ref)
		val := "${{ " + g.expr(*p.Ref, s) + " }}"
		if p.Ref.Kind == ir.ImageRef {
			val = g.imageRepo(p.Ref.Name) + "@" + val
		}
		setEnv(env, name, val)
		b.WriteString(q.Ref(name))
	}
	return b.String()
}

// setEnv adds name once; callers add the same reference twice when a script
// uses it twice.
func setEnv(env *ordered, name string, val any) {
	for _, e := range *env {
		if e.Key == name {
			return
		}
	}
	env.set(name, val)
}

// sortEnv orders env entries by name, the order ir uses for user env.
func sortEnv(env ordered) ordered {
	sort.SliceStable(env, func(i, j int) bool { return env[i].Key < env[j].Key })
	return env
}

// refEnvName is the environment variable a runtime value is passed in.
func refEnvName(r ir.Ref) string {
	switch r.Kind {
	case ir.MatrixValue:
		return "PIPEC_MATRIX_" + envSafe(r.Name)
	case ir.ImageDigest:
		return "PIPEC_IMAGE_" + envSafe(r.Name) + "_DIGEST"
	case ir.ImageRef:
		return "PIPEC_IMAGE_" + envSafe(r.Name) + "_REF"
	case ir.SecretValue:
		return "PIPEC_SECRET_" + envSafe(r.Name)
	}
	return "PIPEC_" + envSafe(r.String())
}

// envSafe upper-cases s and replaces what an env var name cannot hold.
func envSafe(s string) string {
	var b strings.Builder
	for _, c := range strings.ToUpper(s) {
		if (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' {
			b.WriteRune(c)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// userEnv renders env entries: values through inline, secrets as
// ${{ secrets.NAME }}. GitHub only exposes a secret where env names it.
func (g *gen) userEnv(vars []ir.EnvVar, s *scope, env *ordered) {
	for _, e := range vars {
		if strings.HasPrefix(e.Name, "PIPEC_") {
			g.errorf(e.Range, "Reserved environment variable name",
				"Names starting with PIPEC_ carry runtime values into scripts; rename %s.", e.Name)
		}
		if e.Secret != nil {
			setEnv(env, e.Name, "${{ secrets."+e.Secret.GitHub+" }}")
			continue
		}
		setEnv(env, e.Name, g.inline(e.Value, s, e.Range))
	}
}

// gitStep derives the short SHA into a step output; POSIX sh, so it also
// runs in minimal test containers.
func gitStep() step {
	return step{
		ID:   gitStepID,
		Name: "Derive git values",
		Run:  "printf 'short-sha=%.7s\\n' \"$GITHUB_SHA\" >> \"$GITHUB_OUTPUT\"\n",
	}
}
