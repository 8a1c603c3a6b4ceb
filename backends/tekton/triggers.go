package tekton

import (
	"fmt"
	"strings"

	"github.com/pipec-dev/pipec/backends/internal/kube"
)

// webhookSecret is the Secret (key "secret") holding the GitHub webhook
// secret the github interceptor checks every delivery against.
func (e *emitter) webhookSecret() string { return e.prefix + "-github-webhook" }

// emitTriggers writes the EventListener and, per event kind, a
// TriggerBinding (what to read from the payload) and a TriggerTemplate
// (the PipelineRun to create). Push and pull_request go to different
// Pipelines, so a pull request can never reach a push or deploy task.
func (e *emitter) emitTriggers(pushBuilds, prBuilds []pipelineTaskRunSpec) {
	on := e.p.Pipeline.On
	var triggers []elTrigger
	hdr := []string{
		"Tekton Triggers v1beta1 (validated against Triggers v0.36.0).",
		"Webhook secret: kubectl create secret generic " + e.webhookSecret() + " --from-literal=secret=<the GitHub webhook secret>",
	}
	if len(on.Push) > 0 || len(on.Tags) > 0 {
		name := e.prefix + "-push"
		triggers = append(triggers, elTrigger{
			Name:         "push",
			Interceptors: e.interceptors("push", e.pushFilter()),
			Bindings:     []bindingRef{{Ref: name, Kind: "TriggerBinding"}},
			Template:     templateRef{Ref: name},
		})
		e.write("triggers/triggerbinding-push.yaml", hdr[:1], triggerBinding{
			APIVersion: apiTriggers, Kind: "TriggerBinding",
			Metadata: kube.ObjectMeta{Name: name, Labels: e.labels()},
			Spec: triggerBindingSpec{Params: []param{
				{Name: "repo-url", Value: "$(body.repository.clone_url)"},
				{Name: "revision", Value: "$(body.after)"},
				{Name: "git-ref", Value: "$(body.ref)"},
				{Name: "actor", Value: "$(body.sender.login)"},
			}},
		})
		e.write("triggers/triggertemplate-push.yaml", hdr[:1], e.triggerTemplate(name, e.prefix, pushBuilds, false))
	}
	if len(on.PullRequest) > 0 {
		name := e.prefix + "-pull-request"
		triggers = append(triggers, elTrigger{
			Name:         "pull-request",
			Interceptors: e.interceptors("pull_request", e.pullRequestFilter()),
			Bindings:     []bindingRef{{Ref: name, Kind: "TriggerBinding"}},
			Template:     templateRef{Ref: name},
		})
		e.write("triggers/triggerbinding-pull-request.yaml", hdr[:1], triggerBinding{
			APIVersion: apiTriggers, Kind: "TriggerBinding",
			Metadata: kube.ObjectMeta{Name: name, Labels: e.labels()},
			Spec: triggerBindingSpec{Params: []param{
				// The base repository serves every pull request's head
				// commit, forks included, so no fork URL is ever cloned.
				{Name: "repo-url", Value: "$(body.repository.clone_url)"},
				{Name: "revision", Value: "$(body.pull_request.head.sha)"},
				{Name: "git-ref", Value: "refs/pull/$(body.number)/head"},
				{Name: "branch", Value: "$(body.pull_request.head.ref)"},
				{Name: "actor", Value: "$(body.sender.login)"},
			}},
		})
		e.write("triggers/triggertemplate-pull-request.yaml", hdr[:1], e.triggerTemplate(name, e.prefix+"-pull-request", prBuilds, true))
		if len(on.Paths) > 0 {
			addWarn(&e.diags, on.Range, "paths filter not applied to Tekton pull requests",
				"GitHub's pull_request payload lists no changed files, so the Tekton trigger runs every pull request; paths still filter pushes.")
		}
	}
	if len(triggers) == 0 {
		return
	}
	e.write("triggers/eventlistener.yaml", append(hdr,
		"The EventListener runs as ServiceAccount "+e.prefix+"-triggers, which needs the tekton-triggers-eventlistener-roles and -clusterroles bindings."),
		eventListener{
			APIVersion: apiTriggers, Kind: "EventListener",
			Metadata: kube.ObjectMeta{Name: e.prefix, Labels: e.labels()},
			Spec:     eventListenerSpec{ServiceAccountName: e.prefix + "-triggers", Triggers: triggers},
		})
}

func (e *emitter) interceptors(event, filter string) []triggerInterceptor {
	return []triggerInterceptor{
		{
			Name: "github-" + strings.ReplaceAll(event, "_", "-"),
			Ref:  interceptorRef{Name: "github", Kind: "ClusterInterceptor"},
			Params: []interceptorParam{
				{Name: "secretRef", Value: webhookSecretRef{SecretName: e.webhookSecret(), SecretKey: "secret"}},
				{Name: "eventTypes", Value: []string{event}},
			},
		},
		{
			Name:   "filter",
			Ref:    interceptorRef{Name: "cel", Kind: "ClusterInterceptor"},
			Params: []interceptorParam{{Name: "filter", Value: filter}},
		},
	}
}

func (e *emitter) triggerTemplate(name, pipelineName string, builds []pipelineTaskRunSpec, pr bool) triggerTemplate {
	specs := []paramSpec{
		{Name: "repo-url", Description: "Clone URL of the repository."},
		{Name: "revision", Description: "Commit to build."},
		{Name: "git-ref", Description: "Ref of the event."},
		{Name: "actor", Description: "Who caused the event."},
	}
	params := []param{
		{Name: "repo-url", Value: "$(tt.params.repo-url)"},
		{Name: "revision", Value: "$(tt.params.revision)"},
		{Name: "git-ref", Value: "$(tt.params.git-ref)"},
		{Name: "actor", Value: "$(tt.params.actor)"},
	}
	sa := e.serviceAccount()
	if pr {
		sa = e.prServiceAccount()
		specs = append(specs, paramSpec{Name: "branch", Description: "Head branch of the pull request."})
		params = append(params, param{Name: "branch", Value: "$(tt.params.branch)"})
	}
	return triggerTemplate{
		APIVersion: apiTriggers, Kind: "TriggerTemplate",
		Metadata: kube.ObjectMeta{Name: name, Labels: e.labels()},
		Spec: triggerTemplateSpec{
			Params:            specs,
			ResourceTemplates: []pipelineRun{e.pipelineRun(pipelineName, sa, params, builds)},
		},
	}
}

// pushFilter accepts pushes of on.push branches (and on.paths) and of
// on.tags tags; branch deletions carry no commit and are dropped.
func (e *emitter) pushFilter() string {
	on := e.p.Pipeline.On
	var alts []string
	if len(on.Push) > 0 {
		b := refMatch("refs/heads/", on.Push)
		if len(on.Paths) > 0 {
			b = "(" + b + " && " + pathsMatch(on.Paths) + ")"
		}
		alts = append(alts, b)
	}
	if len(on.Tags) > 0 {
		alts = append(alts, refMatch("refs/tags/", on.Tags))
	}
	f := "body.deleted == false && (" + strings.Join(alts, " || ") + ")"
	if g := e.p.GitOps; g != nil && g.SameRepo {
		// The deploy step commits to this repository; its "[skip ci]"
		// commits must not start another run.
		f += " && (body.head_commit == null || !body.head_commit.message.contains('[skip ci]'))"
	}
	return f
}

// pullRequestFilter runs pull requests from branches of this repository
// only. The pull-request Pipeline runs the same Tasks as a push, whose env
// reads Secrets by secretKeyRef, and the kubelet resolves those for any
// pod of the namespace whatever its ServiceAccount: a fork's code would
// get them. GitHub withholds secrets from forks; here forks do not run.
func (e *emitter) pullRequestFilter() string {
	return "body.action in ['opened', 'synchronize', 'reopened'] && " +
		"body.pull_request.head.repo.full_name == body.repository.full_name && " +
		globsMatch("body.pull_request.base.ref", "", e.p.Pipeline.On.PullRequest)
}

func refMatch(prefix string, globs []string) string { return globsMatch("body.ref", prefix, globs) }

// globsMatch is a CEL test of subject against GitHub-style globs; a
// leading "!" excludes.
func globsMatch(subject, prefix string, globs []string) string {
	pos, neg := globAlternatives(globs)
	s := subject + ".matches(" + celString("^"+regexQuote(prefix)+"("+strings.Join(pos, "|")+")$") + ")"
	if len(neg) > 0 {
		s = "(" + s + " && !" + subject + ".matches(" + celString("^"+regexQuote(prefix)+"("+strings.Join(neg, "|")+")$") + "))"
	}
	return s
}

// globAlternatives turns GitHub-style globs into regex alternatives: pos
// for the names to match and neg for the "!" ones. With only exclusions,
// pos is every name ("**"), so a list like ["!main"] means every other
// name, as GitHub reads it.
func globAlternatives(globs []string) (pos, neg []string) {
	for _, g := range globs {
		if strings.HasPrefix(g, "!") {
			neg = append(neg, globRegex(g[1:]))
		} else {
			pos = append(pos, globRegex(g))
		}
	}
	if len(pos) == 0 {
		pos = []string{globRegex("**")}
	}
	return pos, neg
}

// pathsMatch is true when a pushed commit touches a path matching globs.
func pathsMatch(globs []string) string {
	var pos []string
	for _, g := range globs {
		pos = append(pos, globRegex(strings.TrimPrefix(g, "!")))
	}
	re := celString("^(" + strings.Join(pos, "|") + ")$")
	return "body.commits.exists(c, c.added.exists(f, f.matches(" + re + ")) || c.modified.exists(f, f.matches(" + re + ")) || c.removed.exists(f, f.matches(" + re + ")))"
}

// globRegex translates a GitHub filter pattern into a regular expression
// that RE2 (CEL) and POSIX ERE (grep -E) read alike: ** spans '/', * does
// not; ? and + repeat the preceding character (zero or one, one or
// more); [a-z0-9] is one character of a class. Anything else is literal.
func globRegex(g string) string {
	var b strings.Builder
	repeatable := false // the last piece written is one character
	for i := 0; i < len(g); i++ {
		c := g[i]
		switch {
		case c == '*' && i+1 < len(g) && g[i+1] == '*':
			b.WriteString(".*")
			i++
			repeatable = false
		case c == '*':
			b.WriteString("[^/]*")
			repeatable = false
		case (c == '?' || c == '+') && repeatable:
			b.WriteByte(c)
			repeatable = false
		case c == '[' && classEnd(g, i) > 0:
			end := classEnd(g, i)
			b.WriteString(g[i : end+1])
			i = end
			repeatable = true
		default:
			b.WriteString(regexQuote(string(c)))
			repeatable = true
		}
	}
	return b.String()
}

// classEnd is the index of the ']' closing a GitHub character class that
// starts at g[start], or -1: only letters, digits and ranges of them
// (a-z, 0-9) may appear inside.
func classEnd(g string, start int) int {
	alnum := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' }
	for i := start + 1; i < len(g); i++ {
		switch c := g[i]; {
		case c == ']':
			if i == start+1 {
				return -1
			}
			return i
		case c == '-':
			if i == start+1 || i+1 >= len(g) || !alnum(g[i-1]) || !alnum(g[i+1]) || g[i-1] > g[i+1] {
				return -1
			}
		case !alnum(c):
			return -1
		}
	}
	return -1
}

func regexQuote(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\.+*?()|[]{}^$`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// celString quotes s as a CEL string literal; a raw line break would end
// the literal and break the filter.
func celString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\'':
			b.WriteString(`\'`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}
