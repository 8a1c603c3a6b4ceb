package gha

import (
	"strings"
)

// How deploys write to the GitOps repository: which repository, with which
// credentials, and the commit-and-push step.

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

// gitopsCheckout checks out the GitOps repository into gitops/ with the
// credentials kept, because this job pushes.
func (g *gen) gitopsCheckout() step {
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
		g.errorf(gi.Range, "GitOps repository is not on GitHub",
			"The GitHub Actions backend pushes with actions/checkout, which reaches github.com repositories; use a URL like https://github.com/ORG/REPO.git.")
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
	return step{
		Name:             "Commit and push",
		WorkingDirectory: "gitops",
		Env: ordered{
			{"GITOPS_PATH", g.p.GitOps.Path},
			{"GITOPS_REVISION", nonEmpty(g.p.GitOps.Revision, "main")},
			{"MESSAGE", message},
		},
		Run: commitScript,
	}
}
