package gha

// action is one third-party action pinned to a full commit SHA. The tag is
// written as a comment next to the pin so humans and Dependabot can read it.
type action struct {
	Repo string
	SHA  string
	Tag  string
}

// Uses is the value of a step's uses: key.
func (a action) Uses() pin { return pin(a.Repo + "@" + a.SHA) }

// pin is a step's uses: value, an action at a commit. It is written with
// the action's tag as a comment ("# v4.2.2").
type pin string

// YAMLComment is the tag of a pinned action, or nothing for any other
// value.
func (p pin) YAMLComment() string { return pinTags[p] }

// pinTags maps each pinned uses: value to its tag.
var pinTags = func() map[pin]string {
	m := make(map[pin]string, len(pinnedActions))
	for _, a := range pinnedActions {
		m[a.Uses()] = a.Tag
	}
	return m
}()

// The one table of pinned actions. SHAs are the commits the tags point to in
// the upstream repositories (checked against the repositories' tag lists);
// tags can be moved (aquasecurity/trivy-action tags were force-pushed to a
// credential stealer on 2026-03-19), commits cannot.
var (
	actCheckout    = action{"actions/checkout", "3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"}
	actSetupGo     = action{"actions/setup-go", "b7ad1dad31e06c5925ef5d2fc7ad053ef454303e", "v7.0.0"}
	actSetupBuildx = action{"docker/setup-buildx-action", "37fe631027851001ddb9b187196cc803df7f5f0e", "v4.3.0"}
	actLogin       = action{"docker/login-action", "4907a6ddec9925e35a0a9e82d7399ccc52663121", "v4.1.0"}
	actBuildPush   = action{"docker/build-push-action", "53b7df96c91f9c12dcc8a07bcb9ccacbed38856a", "v7.3.0"}
	actTrivy       = action{"aquasecurity/trivy-action", "ed142fd0673e97e23eac54620cfb913e5ce36c25", "v0.36.0"}
	actCosign      = action{"sigstore/cosign-installer", "6f9f17788090df1f26f669e9d70d6ae9567deba6", "v4.1.2"}
)

// pinnedActions lists every action the backend may emit; the uses: comments
// and the pinning test read it.
var pinnedActions = []action{actCheckout, actSetupGo, actSetupBuildx, actLogin, actBuildPush, actTrivy, actCosign}

// Tool versions installed inside jobs. Pinned so a run is reproducible and
// no action downloads "latest" at run time.
const (
	trivyVersion     = "v0.70.0" // the trivy-action v0.36.0 default
	cosignVersion    = "v3.0.6"  // the cosign-installer v4.1.2 default
	goVersion        = "1.24"    // builds kustomize; go.sum-verified modules
	kustomizeModule  = "sigs.k8s.io/kustomize/kustomize/v5"
	kustomizeVersion = "v5.7.1" // needs go >= 1.22.7, so no toolchain download
	runner           = "ubuntu-24.04"
)
