package tekton

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tektoncd/pipeline/pkg/apis/config"
	v1 "github.com/tektoncd/pipeline/pkg/apis/pipeline/v1"
	"github.com/tektoncd/triggers/pkg/apis/triggers/contexts"
	tv1b1 "github.com/tektoncd/triggers/pkg/apis/triggers/v1beta1"
	"knative.dev/pkg/apis"
	"sigs.k8s.io/yaml"
)

// betaHeader is the header line the backend writes on files that need
// matrix; every other file must validate with only stable API fields.
const betaHeader = `enable-api-fields: "beta"`

type validatable interface {
	apis.Defaultable
	apis.Validatable
}

// apiFieldsFor reads the feature flag a file's header asks for.
func apiFieldsFor(data []byte) string {
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		if strings.Contains(line, betaHeader) {
			return config.BetaAPIFields
		}
	}
	return config.StableAPIFields
}

// pipelineContext is the context Tekton's admission webhook builds, with
// enable-api-fields set to apiFields.
func pipelineContext(apiFields string) (context.Context, error) {
	ctx := context.Background()
	cfg := config.FromContextOrDefaults(ctx)
	ff, err := config.NewFeatureFlagsFromMap(map[string]string{"enable-api-fields": apiFields})
	if err != nil {
		return nil, err
	}
	cfg.FeatureFlags = ff
	return apis.WithinCreate(config.ToContext(ctx, cfg)), nil
}

func triggersContext() context.Context {
	return contexts.WithUpgradeViaDefaulting(apis.WithinCreate(context.Background()))
}

// strictDecode decodes a YAML document into out, rejecting unknown fields.
func strictDecode(data []byte, out any) error {
	js, err := yaml.YAMLToJSON(data)
	if err != nil {
		return fmt.Errorf("yaml: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil {
		return fmt.Errorf("strict decode: %w", err)
	}
	return nil
}

func check(ctx context.Context, obj validatable) error {
	obj.SetDefaults(ctx)
	if fe := obj.Validate(ctx); fe != nil {
		return fmt.Errorf("validate: %s", fe.Error())
	}
	return nil
}

// validateFile checks one generated file and returns its kind.
func validateFile(data []byte) (string, error) {
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if err := yaml.Unmarshal(data, &head); err != nil {
		return "", err
	}
	kind := head.APIVersion + "/" + head.Kind
	pctx, err := pipelineContext(apiFieldsFor(data))
	if err != nil {
		return kind, err
	}
	var obj validatable
	ctx := pctx
	switch kind {
	case "tekton.dev/v1/Task":
		obj = &v1.Task{}
	case "tekton.dev/v1/Pipeline":
		obj = &v1.Pipeline{}
	case "tekton.dev/v1/PipelineRun":
		obj = &v1.PipelineRun{}
	case "triggers.tekton.dev/v1beta1/EventListener":
		obj, ctx = &tv1b1.EventListener{}, triggersContext()
	case "triggers.tekton.dev/v1beta1/TriggerBinding":
		obj, ctx = &tv1b1.TriggerBinding{}, triggersContext()
	case "triggers.tekton.dev/v1beta1/TriggerTemplate":
		tt := &tv1b1.TriggerTemplate{}
		if err := strictDecode(data, tt); err != nil {
			return kind, err
		}
		if err := check(triggersContext(), tt); err != nil {
			return kind, err
		}
		for i, rt := range tt.Spec.ResourceTemplates {
			var pr v1.PipelineRun
			if err := strictDecode(rt.Raw, &pr); err != nil {
				return kind, fmt.Errorf("resourcetemplates[%d]: %w", i, err)
			}
			if pr.Name == "" {
				// Validate needs a name; the template's generateName
				// stands for the one Kubernetes will generate.
				pr.Name = pr.GenerateName + "x"
			}
			if err := check(pctx, &pr); err != nil {
				return kind, fmt.Errorf("resourcetemplates[%d]: %w", i, err)
			}
		}
		return kind, nil
	case "external-secrets.io/v1/ExternalSecret":
		return kind, checkExternalSecret(data)
	default:
		return kind, fmt.Errorf("unexpected object %s", kind)
	}
	if err := strictDecode(data, obj); err != nil {
		return kind, err
	}
	if pr, ok := obj.(*v1.PipelineRun); ok && pr.Name == "" {
		pr.Name = pr.GenerateName + "x"
	}
	return kind, check(ctx, obj)
}

// checkExternalSecret decodes strictly into the fields of
// external-secrets.io/v1 that pipec may write (the operator's Go module is
// not imported: it would drag in every cloud SDK) and checks the required
// ones.
func checkExternalSecret(data []byte) error {
	var es struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Name   string            `json:"name"`
			Labels map[string]string `json:"labels"`
		} `json:"metadata"`
		Spec struct {
			RefreshInterval string `json:"refreshInterval"`
			SecretStoreRef  struct {
				Name string `json:"name"`
				Kind string `json:"kind"`
			} `json:"secretStoreRef"`
			Target struct {
				Name           string `json:"name"`
				CreationPolicy string `json:"creationPolicy"`
			} `json:"target"`
			Data []struct {
				SecretKey string `json:"secretKey"`
				RemoteRef struct {
					Key      string `json:"key"`
					Property string `json:"property"`
				} `json:"remoteRef"`
			} `json:"data"`
		} `json:"spec"`
	}
	if err := strictDecode(data, &es); err != nil {
		return err
	}
	switch {
	case es.Metadata.Name == "", es.Spec.SecretStoreRef.Name == "", len(es.Spec.Data) == 0:
		return fmt.Errorf("ExternalSecret needs metadata.name, spec.secretStoreRef.name and spec.data")
	case es.Spec.SecretStoreRef.Kind != "SecretStore" && es.Spec.SecretStoreRef.Kind != "ClusterSecretStore":
		return fmt.Errorf("secretStoreRef.kind %q", es.Spec.SecretStoreRef.Kind)
	}
	for _, d := range es.Spec.Data {
		if d.SecretKey == "" || d.RemoteRef.Key == "" {
			return fmt.Errorf("data entry needs secretKey and remoteRef.key")
		}
	}
	return nil
}
