package gha

import (
	"fmt"
	"strings"
)

// A GitOps repository outside github.com (GitLab, Bitbucket, Gitea, GitHub
// Enterprise Server, ...) is cloned and pushed with plain git over HTTPS.
// The token reaches git only through a credential helper that reads it
// from the step's env: it is never in a command line, in the clone URL or
// in .git/config, so nothing is left to clean up (what
// persist-credentials: false achieves for actions/checkout).

// defaultGitUser is the user name sent with the token when the URL names
// none. GitHub (and GitHub Enterprise) App tokens need exactly this one;
// GitLab personal, project and group tokens, Gitea and Azure DevOps tokens
// accept any name.
const defaultGitUser = "x-access-token"

// gitRemote is a GitOps repository reached with plain git.
type gitRemote struct {
	URL      string // https URL without user info
	Origin   string // https://host[:port], the credential helper's scope
	Username string
}

type remoteProblem struct{ summary, detail string }

// parseRemote reads an HTTPS clone URL; a user name in it (oauth2@,
// x-token-auth@) is sent with the token. SSH URLs are refused with the
// matching HTTPS URL: a deploy key would need the server's host key, which
// the spec cannot pin, and accepting any host key on each fresh runner
// would let anyone on the path take the push.
func parseRemote(raw string) (gitRemote, *remoteProblem) {
	if host, path, ok := sshRemote(raw); ok {
		return gitRemote{}, &remoteProblem{"GitOps repository over SSH is not supported",
			fmt.Sprintf("The GitHub Actions backend pushes to a GitOps repository outside github.com with git over HTTPS, authenticated by the gitops token. It does not use SSH deploy keys, because the spec cannot pin the server's host key. Use repository = %q and set token = secret.NAME to an access token that can push to it.", "https://"+host+"/"+path)}
	}
	u, ok := parseHTTPS(raw)
	if !ok || strings.Trim(u.path, "/") == "" {
		return gitRemote{}, &remoteProblem{"GitOps repository is not an HTTPS clone URL",
			fmt.Sprintf("Deploys clone and push %q with git over HTTPS. Use a clone URL such as \"https://gitlab.example.com/acme/deploy.git\".", raw)}
	}
	if u.password {
		return gitRemote{}, &remoteProblem{"GitOps repository URL holds a password",
			"A password in the URL would be written into the workflow and the clone's .git/config. Remove it and set token = secret.NAME: deploys hand that secret to git through a credential helper."}
	}
	user := defaultGitUser
	if u.user != "" {
		user = u.user
	}
	return gitRemote{URL: u.String(), Origin: "https://" + u.host, Username: user}, nil
}

// sshRemote splits ssh://[user@]host[:port]/path and user@host:path into
// host and path.
func sshRemote(raw string) (host, path string, ok bool) {
	s := strings.TrimSuffix(raw, "/")
	if rest, found := strings.CutPrefix(s, "ssh://"); found {
		hostPart, path, found := strings.Cut(rest, "/")
		if !found {
			return "", "", false
		}
		hostPart = hostPart[strings.LastIndex(hostPart, "@")+1:]
		// The SSH port says nothing about the HTTPS one.
		if h, _, cut := strings.Cut(hostPart, ":"); cut {
			hostPart = h
		}
		return hostPart, strings.TrimPrefix(path, "~"), hostPart != "" && path != ""
	}
	if strings.Contains(s, "://") {
		return "", "", false
	}
	hostPart, path, found := strings.Cut(s, ":")
	if !found || strings.Contains(hostPart, "/") {
		return "", "", false
	}
	hostPart = hostPart[strings.LastIndex(hostPart, "@")+1:]
	return hostPart, strings.TrimPrefix(path, "/"), hostPart != "" && path != ""
}

// credentialHelper answers git's "get" with the user name and the token
// from the env; git runs it with sh, so neither reaches a command line.
// Other actions (store, erase) do nothing, so nothing is saved. printf,
// not echo: dash's echo would rewrite backslashes in a token.
const credentialHelper = `!f() { test "$1" = get || return 0; printf 'username=%s\npassword=%s\n' "${GITOPS_USERNAME}" "${GITOPS_TOKEN}"; }; f`

// gitCredentialEnv configures git through GIT_CONFIG_* (never written to a
// file): an empty credential.helper drops any helper the runner has (a
// "store" helper would save the token), then the helper above is scoped
// to the GitOps host, so a redirect elsewhere gets no token.
func (g *gen) gitCredentialEnv() ordered {
	r, _ := parseRemote(g.p.GitOps.Repository)
	token := ""
	if t := g.p.GitOps.Token; t != nil {
		token = "${{ secrets." + t.GitHub + " }}"
	}
	return ordered{
		{"GIT_TERMINAL_PROMPT", "0"},
		{"GIT_CONFIG_COUNT", "2"},
		{"GIT_CONFIG_KEY_0", "credential.helper"},
		{"GIT_CONFIG_VALUE_0", ""},
		{"GIT_CONFIG_KEY_1", "credential." + r.Origin + ".helper"},
		{"GIT_CONFIG_VALUE_1", credentialHelper},
		{"GITOPS_USERNAME", r.Username},
		{"GITOPS_TOKEN", token},
	}
}

// gitopsClone clones gitops.revision into gitops/, as shallow as
// actions/checkout does.
func (g *gen) gitopsClone() step {
	r, _ := parseRemote(g.p.GitOps.Repository)
	env := ordered{{"GITOPS_URL", r.URL}, {"GITOPS_REVISION", nonEmpty(g.p.GitOps.Revision, "main")}}
	env = append(env, g.gitCredentialEnv()...)
	return step{Name: "Check out the GitOps repository", Env: env, Run: cloneScript}
}
