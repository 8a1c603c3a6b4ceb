package argo

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"sigs.k8s.io/yaml"
)

// argoCDModule is the module whose manifests/crds hold the CRD schemas the
// Argo CD API server enforces.
const argoCDModule = "github.com/argoproj/argo-cd/v3"

var (
	crdOnce    sync.Once
	crdSchemas map[string]*jsonschema.Schema // by kind
	crdErr     error
)

// crdSchema returns the openAPIV3Schema of the Argo CD CRD for kind.
func crdSchema(kind string) (*jsonschema.Schema, error) {
	crdOnce.Do(func() {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", argoCDModule).Output()
		if err != nil {
			crdErr = fmt.Errorf("locating %s: %w", argoCDModule, err)
			return
		}
		dir := filepath.Join(strings.TrimSpace(string(out)), "manifests", "crds")
		crdSchemas = map[string]*jsonschema.Schema{}
		for kind, file := range map[string]string{"Application": "application-crd.yaml", "AppProject": "appproject-crd.yaml"} {
			s, err := compileCRD(filepath.Join(dir, file))
			if err != nil {
				crdErr = err
				return
			}
			crdSchemas[kind] = s
		}
	})
	if crdErr != nil {
		return nil, crdErr
	}
	return crdSchemas[kind], nil
}

func compileCRD(file string) (*jsonschema.Schema, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	j, err := yaml.YAMLToJSON(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	// jsonschema.UnmarshalJSON keeps numbers as json.Number, as the
	// compiler expects.
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	spec, _ := doc.(map[string]any)["spec"].(map[string]any)
	versions, _ := spec["versions"].([]any)
	for _, v := range versions {
		v, _ := v.(map[string]any)
		if v["name"] != "v1alpha1" {
			continue
		}
		schema, _ := v["schema"].(map[string]any)
		c := jsonschema.NewCompiler()
		if err := c.AddResource(file, schema["openAPIV3Schema"]); err != nil {
			return nil, err
		}
		return c.Compile(file)
	}
	return nil, fmt.Errorf("%s: no v1alpha1 schema", file)
}

// validateCRDSchema checks an Argo CD object against its CRD schema.
func validateCRDSchema(kind string, data []byte) error {
	s, err := crdSchema(kind)
	if err != nil {
		return err
	}
	j, err := yaml.YAMLToJSON(data)
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}
