package argo

// Kustomization files, mirroring sigs.k8s.io/kustomize/api/types. Only
// current fields are used: labels (not commonLabels), patches (not
// patchesStrategicMerge or patchesJson6902), resources (not bases), images
// with digest (not imageTags), and no vars.

const kustomizeAPIVersion = "kustomize.config.k8s.io/v1beta1"

type kustomization struct {
	APIVersion     string     `json:"apiVersion"`
	Kind           string     `json:"kind"`
	Namespace      string     `json:"namespace,omitempty"`
	Resources      []string   `json:"resources"`
	Configurations []string   `json:"configurations,omitempty"`
	Labels         []kLabel   `json:"labels,omitempty"`
	Images         []kImage   `json:"images,omitempty"`
	Replicas       []kReplica `json:"replicas,omitempty"`
	Patches        []kPatch   `json:"patches,omitempty"`
}

type kLabel struct {
	Pairs            map[string]string `json:"pairs"`
	IncludeSelectors bool              `json:"includeSelectors,omitempty"`
	IncludeTemplates bool              `json:"includeTemplates,omitempty"`
	Fields           []fieldSpec       `json:"fields,omitempty"`
}

type fieldSpec struct {
	Group  string `json:"group,omitempty"`
	Kind   string `json:"kind,omitempty"`
	Path   string `json:"path"`
	Create bool   `json:"create,omitempty"`
}

type kImage struct {
	Name    string `json:"name"`
	NewName string `json:"newName,omitempty"`
	Digest  string `json:"digest,omitempty"`
}

type kReplica struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// kPatch is an inline JSON 6902 patch of the objects Target selects.
type kPatch struct {
	Target kTarget `json:"target"`
	Patch  string  `json:"patch"`
}

type kTarget struct {
	Group   string `json:"group,omitempty"`
	Version string `json:"version,omitempty"`
	Kind    string `json:"kind"`
	Name    string `json:"name"`
}

type jsonPatchOp struct {
	Op    string `json:"op"`
	Path  string `json:"path"`
	Value any    `json:"value,omitempty"`
}

// transformerConfig is the base's kustomizeconfig.yaml. Kustomize's
// built-in replicas transformer knows only apps kinds; this teaches it the
// Rollout's spec/replicas so overlays can use the replicas field.
type transformerConfig struct {
	Replicas []fieldSpec `json:"replicas"`
}

const transformerConfigFile = "kustomizeconfig.yaml"

func rolloutTransformerConfig() transformerConfig {
	return transformerConfig{Replicas: []fieldSpec{{Group: "argoproj.io", Kind: "Rollout", Path: "spec/replicas", Create: true}}}
}

// rolloutTemplateLabels and rolloutSelectorLabels extend the labels
// transformer to Rollouts, whose pod template and selector Kustomize does
// not know.
var (
	rolloutTemplateLabels = fieldSpec{Group: "argoproj.io", Kind: "Rollout", Path: "spec/template/metadata/labels", Create: true}
	rolloutSelectorLabels = fieldSpec{Group: "argoproj.io", Kind: "Rollout", Path: "spec/selector/matchLabels", Create: true}
)

// placeholderDigest stands in for the image digest until CI's first deploy
// writes the real one. It is a well-formed digest, so Kustomize builds the
// overlay, but no registry holds it, so nothing unverified can run.
const placeholderDigest = "sha256:0000000000000000000000000000000000000000000000000000000000000000"
