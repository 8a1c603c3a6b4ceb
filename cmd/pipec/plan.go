package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/lang/didyoumean"
)

func init() {
	register(&command{
		name:    "plan",
		summary: "Show what each environment will run and deploy, and which files a build would change.",
		usage:   "pipec plan [--env NAME] [--target LIST] [--out DIR] [-var NAME=VALUE] [-var-file FILE] [PATH]",
		run:     runPlan,
	})
}

func runPlan(args []string, e *env) int {
	fs := flagsFor("plan", e)
	envName := fs.String("env", "", "show only this environment (and no CI section)")
	targets := fs.targets("targets whose files to plan (default: the ones the spec builds)")
	out := fs.String("out", "", "root directory of the output to compare with (default: the spec's repository root, else the current directory)")
	vars := fs.vars()
	path, code, ok := fs.parsePath(args)
	if !ok {
		return code
	}
	explicit := parseTargets(*targets)
	if !knownTargets(explicit, e) {
		return exitUsage
	}
	if *out == "" {
		*out = defaultOut(path)
	}
	roots := rootsFor(explicit)
	snap := startSnapshot(*out, roots, false, nil)
	res := compileSpec(path, vars, explicit, e)
	if len(res.diags) > 0 {
		writeDiags(e.stderr, res.mod, res.diags)
	}
	if res.diags.HasErrors() {
		return exitSpec
	}
	p := res.prog
	if *envName != "" && p.Environment(*envName) == nil {
		var names []string
		for _, x := range p.Environments {
			names = append(names, x.Name)
		}
		known := "the spec has no environments"
		if len(names) > 0 {
			known = "the spec's environments are " + strings.Join(names, ", ")
			if s := didyoumean.Suggest(*envName, names); s != "" {
				known = fmt.Sprintf("did you mean %q? ", s) + known
			}
		}
		fmt.Fprintf(e.stderr, "pipec plan: no environment %q: %s\n", *envName, known)
		return exitUsage
	}
	plan, err := planOutput(*out, res.files, p.Source, roots, snap, publishedTree(p)...)
	if err != nil {
		fmt.Fprintf(e.stderr, "pipec plan: %v\n", err)
		return exitSpec
	}
	w := e.stdout
	if *envName == "" {
		writeCIPlan(w, p)
	}
	for i, env := range p.Environments {
		if *envName == "" || env.Name == *envName {
			writeEnvPlan(w, p, env, i)
		}
	}
	if *envName == "" && len(p.Environments) == 0 {
		fmt.Fprintln(w, "\nNo environments: nothing is deployed.")
	}
	writeFilePlan(w, plan, *out, res.targets)
	return exitOK
}

func writeCIPlan(w io.Writer, p *ir.Program) {
	pl := p.Pipeline
	fmt.Fprintf(w, "Pipeline %s (%s), CI on %s\n", pl.Name, pl.Repository, strings.Join(pl.CI, ", "))
	fmt.Fprintf(w, "  runs on: %s\n", triggersLine(pl.On))
	if len(p.Tests) > 0 {
		fmt.Fprintln(w, "\nTests (every event)")
		for _, t := range p.Tests {
			fmt.Fprintf(w, "  %s in %s", t.Name, t.Image.String())
			if len(t.Needs) > 0 {
				fmt.Fprintf(w, ", after %s", strings.Join(t.Needs, ", "))
			}
			fmt.Fprintln(w)
			for _, r := range t.Run {
				fmt.Fprintf(w, "    $ %s\n", oneLine(r.String()))
			}
		}
	}
	if len(p.Images) > 0 {
		fmt.Fprintln(w, "\nImages (built on every event; pushed on push and tag events only)")
		for _, im := range p.Images {
			fmt.Fprintf(w, "  %s: %s from %s (context %s)\n", im.Name, im.Repository, im.Dockerfile, im.Context)
			if len(im.Needs) > 0 {
				fmt.Fprintf(w, "    after tests: %s\n", strings.Join(im.Needs, ", "))
			}
			if im.Scan.Enabled {
				fmt.Fprintf(w, "    scan: %s, fails on %s before the push\n", im.Scan.Scanner, strings.Join(im.Scan.Severity, ", "))
			} else {
				fmt.Fprintln(w, "    scan: off")
			}
			if tags := tagsLine(im.Tags); tags != "" {
				fmt.Fprintf(w, "    %s\n", tags)
			}
		}
	}
}

func triggersLine(t ir.Triggers) string {
	var parts []string
	if len(t.Push) > 0 {
		parts = append(parts, "push to "+strings.Join(t.Push, ", "))
	}
	if len(t.PullRequest) > 0 {
		parts = append(parts, "pull requests to "+strings.Join(t.PullRequest, ", "))
	}
	if len(t.Tags) > 0 {
		parts = append(parts, "tags "+strings.Join(t.Tags, ", "))
	}
	if t.Manual {
		parts = append(parts, "manual runs")
	}
	if len(parts) == 0 {
		return "nothing (no triggers)"
	}
	s := strings.Join(parts, "; ")
	if len(t.Paths) > 0 {
		s += " (only when " + strings.Join(t.Paths, ", ") + " change)"
	}
	return s
}

// writeEnvPlan describes one environment as the numbered steps its deploy
// goes through, gates first.
func writeEnvPlan(w io.Writer, p *ir.Program, env *ir.Environment, index int) {
	fmt.Fprintf(w, "\nEnvironment %s (%d of %d): namespace %s on %s\n", env.Name, index+1, len(p.Environments), env.Namespace, env.Cluster)
	fmt.Fprintf(w, "  deploys on: push to %s\n", strings.Join(env.Branches, ", "))
	var steps []string
	if env.After != "" {
		s := "wait until " + env.After + " is deployed"
		if env.Soak > 0 {
			s += " and has run healthy for " + env.Soak.String() + " (soak)"
		}
		if prev := p.Environment(env.After); prev != nil && len(prev.E2E) > 0 {
			s += " and its e2e tests passed"
		}
		steps = append(steps, s)
	}
	if env.Manual {
		steps = append(steps, "gate: manual approval (the run waits for a reviewer)")
	}
	var images []string
	for _, im := range p.DeployedImages() {
		images = append(images, im.Name+" = "+im.Repository+"@<digest of this run>")
	}
	if p.GitOps != nil {
		where := p.GitOps.Repository + " (" + p.GitOps.Revision + ")"
		if p.GitOps.SameRepo {
			where = "this repository (" + p.GitOps.Revision + ")"
		}
		s := "commit " + p.GitOps.Path + "/overlays/" + env.Name + " to " + where
		if len(images) > 0 {
			s += ", setting " + strings.Join(images, ", ")
		}
		steps = append(steps, s)
		sync := "Argo CD syncs it"
		if !env.Sync.Automated {
			sync = "Argo CD shows it out of sync (automated sync is off: sync by hand)"
		}
		steps = append(steps, sync)
	}
	for _, wl := range p.Workloads {
		replicas := wl.Replicas
		if env.Replicas > 0 {
			replicas = env.Replicas
		}
		s := fmt.Sprintf("workload %s: image %s, %s", wl.Name, wl.Image, plural(replicas, "replica"))
		if wl.Port > 0 {
			s += ", port " + strconv.Itoa(wl.Port)
		}
		host := wl.Host
		if env.Host != "" {
			host = env.Host
		}
		if host != "" {
			s += ", host " + host
		}
		steps = append(steps, s)
	}
	steps = append(steps, "rollout: "+strategyDetail(env))
	for _, x := range env.E2E {
		var cmds []string
		for _, r := range x.Run {
			cmds = append(cmds, oneLine(r.String()))
		}
		steps = append(steps, fmt.Sprintf("e2e %s in %s: %s", x.Name, x.Image, strings.Join(cmds, "; ")))
	}
	for i, s := range steps {
		fmt.Fprintf(w, "  %d. %s\n", i+1, s)
	}
}

func strategyDetail(env *ir.Environment) string {
	switch {
	case env.Canary != nil:
		var steps []string
		for _, s := range env.Canary.Steps {
			switch {
			case s.Weight != nil:
				steps = append(steps, "weight "+strconv.Itoa(*s.Weight)+"%")
			case s.Pause != nil && s.Pause.Manual:
				steps = append(steps, "pause until promoted by hand")
			case s.Pause != nil:
				steps = append(steps, "pause "+s.Pause.Duration.String())
			case len(s.Analysis) > 0:
				steps = append(steps, "analysis "+strings.Join(s.Analysis, " + "))
			case s.CanaryScale != nil:
				steps = append(steps, "scale canary to "+strconv.Itoa(*s.CanaryScale)+"%")
			}
		}
		out := "canary: " + strings.Join(steps, ", ")
		if b := env.Canary.Background; b != nil && len(b.Analyses) > 0 {
			out += "; background analysis " + strings.Join(b.Analyses, ", ")
		}
		return out + "; a failed analysis aborts back to the stable version"
	case env.BlueGreen != nil:
		bg := env.BlueGreen
		out := "blue-green: the new version starts as preview"
		if len(bg.PrePromotion) > 0 {
			out += ", analysis " + strings.Join(bg.PrePromotion, ", ") + " before promotion"
		}
		switch {
		case !bg.AutoPromote:
			out += ", promoted to active by hand"
		case bg.AutoPromoteAfter > 0:
			out += ", promoted to active after " + bg.AutoPromoteAfter.String()
		default:
			out += ", promoted to active when ready"
		}
		if len(bg.PostPromotion) > 0 {
			out += ", analysis " + strings.Join(bg.PostPromotion, ", ") + " after promotion"
		}
		return out
	}
	return "rolling update"
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}

// writeFilePlan lists what `pipec build` would do to the tree under out.
func writeFilePlan(w io.Writer, plan []plannedFile, out string, targets []string) {
	fmt.Fprintf(w, "\nFiles under %s for %s:\n", out, strings.Join(targets, ", "))
	var create, update, remove, blocked, same int
	for _, p := range plan {
		mark, what := "", ""
		switch p.state {
		case stateCurrent:
			same++
			continue
		case stateMissing:
			mark, what = "+", "create"
			create++
		case stateStale:
			mark, what = "~", "update"
			update++
		case stateOrphaned:
			mark, what = "-", "remove: no longer generated"
			remove++
		case stateForeign:
			mark, what = "!", "blocked: exists without pipec's header; build will refuse"
			blocked++
		}
		fmt.Fprintf(w, "  %s %s (%s)\n", mark, p.path, what)
	}
	fmt.Fprintf(w, "  %d to create, %d to update, %d to remove, %d unchanged", create, update, remove, same)
	if blocked > 0 {
		fmt.Fprintf(w, ", %d blocked", blocked)
	}
	fmt.Fprintln(w)
}
