package gha

import "strings"

// How deploys write to the GitOps repository: which repository, with which
// credentials, and the commit-and-push step. A github.com repository (or
// this one) is checked out with actions/checkout; any other host is cloned
// and pushed with plain git over HTTPS (gitops_git.go).

// gitopsRepo returns owner/name of a GitHub repository URL.
func gitopsRepo(url string) (string, bool) {
	s := strings.TrimSuffix(strings.TrimSuffix(url, "/"), ".git")
	for _, pre := range []string{"https://github.com/", "http://github.com/", "ssh://git@github.com/", "git@github.com:", "github.com/"} {
		rest, ok := strings.CutPrefix(s, pre)
		if !ok {
			continue
		}
		owner, name, ok := strings.Cut(rest, "/")
		if ok && owner != "" && name != "" && !strings.Contains(name, "/") {
			return rest, true
		}
	}
	return "", false
}

// plainGit is true when deploys reach the GitOps repository with plain git
// rather than actions/checkout: it is neither this repository nor on
// github.com.
func (g *gen) plainGit() bool {
	gi := g.p.GitOps
	if gi == nil || gi.SameRepo {
		return false
	}
	_, onGitHub := gitopsRepo(gi.Repository)
	return !onGitHub
}

// gitopsCheckout checks out the GitOps repository into gitops/ with the
// credentials kept, because this job pushes.
func (g *gen) gitopsCheckout() step {
	if g.plainGit() {
		return g.gitopsClone()
	}
	gi := g.p.GitOps
	with := ordered{}
	if gi.SameRepo {
		with.set("repository", "${{ github.repository }}")
	} else {
		repo, _ := gitopsRepo(gi.Repository)
		with.set("repository", repo)
	}
	with.set("ref", nonEmpty(gi.Revision, "main"))
	if gi.Token != nil {
		with.set("token", "${{ secrets."+gi.Token.GitHub+" }}")
	}
	with.set("path", "gitops")
	with.set("persist-credentials", true)
	return step{Name: "Check out the GitOps repository", Uses: actCheckout.Uses(), With: with}
}

// checkGitOps reports GitOps settings this backend cannot push with.
func (g *gen) checkGitOps() {
	gi := g.p.GitOps
	if gi.SameRepo {
		return
	}
	if _, ok := gitopsRepo(gi.Repository); !ok {
		if _, bad := parseRemote(gi.Repository); bad != nil {
			g.errorf(gi.Range, bad.summary, "%s", bad.detail)
		}
		g.checkLiteral(gi.Repository, gi.Range)
	}
	if gi.Token == nil {
		g.errorf(gi.Range, "GitOps block needs a token",
			"Pushing to %s from GitHub Actions needs credentials; set token = secret.NAME to a secret holding a token with contents: write on that repository.", gi.Repository)
	}
}

// gitopsPermissions: with the pipeline's own repository and no token, the
// job pushes with GITHUB_TOKEN, which then needs contents: write.
func (g *gen) gitopsPermissions(perm permissions) {
	if g.p.GitOps.SameRepo && g.p.GitOps.Token == nil {
		perm["contents"] = "write"
	}
}

// gitopsTarget names the GitOps repository in the header's secret list.
func (g *gen) gitopsTarget() string {
	gi := g.p.GitOps
	if gi.SameRepo {
		return "this repository"
	}
	if repo, ok := gitopsRepo(gi.Repository); ok {
		return repo
	}
	r, _ := parseRemote(gi.Repository)
	return r.URL + " (git over HTTPS as " + r.Username + ")"
}

func kustomizeSteps() []step {
	return []step{
		{Name: "Set up Go (builds kustomize)", Uses: actSetupGo.Uses(), With: ordered{{"go-version", goVersion}, {"cache", false}}},
		{Name: "Install kustomize " + kustomizeVersion, Env: ordered{{"KUSTOMIZE_MODULE", kustomizeModule}, {"KUSTOMIZE_VERSION", kustomizeVersion}}, Run: installKustomize},
	}
}

func (g *gen) commitStep(message string) step {
	if g.p.GitOps.SameRepo {
		// The push lands on this repository; [skip ci] keeps it from
		// starting this workflow again.
		message += " [skip ci]"
	}
	env := ordered{
		{"GITOPS_PATH", g.p.GitOps.Path},
		{"GITOPS_REVISION", nonEmpty(g.p.GitOps.Revision, "main")},
		{"MESSAGE", message},
	}
	if g.plainGit() {
		// The push and the rebase's fetch authenticate like the clone.
		env = append(env, g.gitCredentialEnv()...)
	}
	return step{
		Name:             "Commit and push",
		WorkingDirectory: "gitops",
		Env:              env,
		Run:              commitScript,
	}
}
