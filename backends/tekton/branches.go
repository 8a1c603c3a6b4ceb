package tekton

import (
	"strings"

	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// branchMatch is the push Pipeline task that decides, per environment
// with branch globs, whether the pushed branch deploys there. Tekton's
// when-expression "in" compares whole strings and CEL when-expressions
// are an alpha field, so the glob test runs in a step and each verdict
// becomes a result ("true"/"false") that the environment's tasks compare.
const branchMatch = "branch-match"

// envBranches are the branch globs that deploy env: its own, or the
// first on.push glob.
func (e *emitter) envBranches(env *ir.Environment) []string {
	if len(env.Branches) > 0 {
		return env.Branches
	}
	if len(e.p.Pipeline.On.Push) > 0 {
		return e.p.Pipeline.On.Push[:1]
	}
	return nil
}

// globEnvironments are the environments the push Pipeline deploys whose
// branches use a glob; only they need the branch-match task.
func (e *emitter) globEnvironments() []*ir.Environment {
	var out []*ir.Environment
	for _, env := range e.pushEnvironments() {
		for _, b := range e.envBranches(env) {
			if containsGlob(b) {
				out = append(out, env)
				break
			}
		}
	}
	return out
}

// branchWhen limits an environment's tasks to pushes of its branches.
// Literal names compare exactly against the clone's branch result; a glob
// reads the branch-match verdict.
func (e *emitter) branchWhen(env *ir.Environment) []whenExpression {
	branches := e.envBranches(env)
	if len(branches) == 0 {
		return nil
	}
	for _, b := range branches {
		if containsGlob(b) {
			return []whenExpression{{Input: "$(tasks." + branchMatch + ".results." + deployResult(env) + ")", Operator: "in", Values: []string{"true"}}}
		}
	}
	return []whenExpression{{Input: "$(tasks.clone.results.branch)", Operator: "in", Values: append([]string(nil), branches...)}}
}

func deployResult(env *ir.Environment) string { return "deploy-" + dnsLabel(env.Name) }

// branchMatchTask writes one result per glob environment. The branch and
// the patterns reach the script only through env, so neither a branch
// name nor a pattern is ever pasted into shell code.
func (e *emitter) branchMatchTask() *builtTask {
	bt := e.newTask(branchMatch, "Decide, for each environment whose branches are globs, whether the pushed branch deploys there.")
	bt.obj.Spec.Params = []paramSpec{{Name: "branch", Type: "string", Description: "The pushed branch; empty on tag events (which deploy nowhere)."}}
	env := []kube.EnvVar{homeEnv(), {Name: "PIPEC_BRANCH", Value: "$(params.branch)"}}
	var idx []string
	for i, x := range e.globEnvironments() {
		n := itoa(i)
		idx = append(idx, n)
		include, exclude := branchRegexes(e.envBranches(x))
		bt.obj.Spec.Results = append(bt.obj.Spec.Results, taskResult{
			Name: deployResult(x), Type: "string",
			Description: "\"true\" when the branch matches environment " + x.Name + "'s branches " + strings.Join(e.envBranches(x), ", ") + ".",
		})
		env = append(env, kube.EnvVar{Name: "PIPEC_ENV_" + n + "_INCLUDE", Value: include})
		if exclude != "" {
			env = append(env, kube.EnvVar{Name: "PIPEC_ENV_" + n + "_EXCLUDE", Value: exclude})
		}
		env = append(env,
			kube.EnvVar{Name: "PIPEC_ENV_" + n + "_NAME", Value: x.Name},
			kube.EnvVar{Name: "PIPEC_ENV_" + n + "_RESULT", Value: "$(results." + deployResult(x) + ".path)"},
		)
	}
	env = append(env, kube.EnvVar{Name: "PIPEC_ENV_INDEXES", Value: strings.Join(idx, " ")})
	bt.obj.Spec.Steps = []step{{
		Name: "match", Image: gitImage, Env: env, SecurityContext: restricted(),
		Script: `#!/bin/sh
set -eu
matches() {
  [ -n "$2" ] && printf '%s\n' "$1" | grep -Eq -- "$2"
}
for i in $PIPEC_ENV_INDEXES; do
  include="$(printenv "PIPEC_ENV_${i}_INCLUDE" || true)"
  exclude="$(printenv "PIPEC_ENV_${i}_EXCLUDE" || true)"
  name="$(printenv "PIPEC_ENV_${i}_NAME")"
  result="$(printenv "PIPEC_ENV_${i}_RESULT")"
  deploy=false
  if [ -n "$PIPEC_BRANCH" ] && matches "$PIPEC_BRANCH" "$include" && ! matches "$PIPEC_BRANCH" "$exclude"; then
    deploy=true
  fi
  printf '%s' "$deploy" > "$result"
  echo "environment $name: deploy=$deploy (branch '$PIPEC_BRANCH')"
done
`,
	}}
	return bt
}

// branchRegexes turns GitHub branch globs into anchored POSIX EREs: one
// for the patterns a branch must match, one for the "!" patterns it must
// not match ("" when there are none), as the push trigger's filter does.
func branchRegexes(globs []string) (include, exclude string) {
	pos, neg := globAlternatives(globs)
	include = "^(" + strings.Join(pos, "|") + ")$"
	if len(neg) > 0 {
		exclude = "^(" + strings.Join(neg, "|") + ")$"
	}
	return include, exclude
}
