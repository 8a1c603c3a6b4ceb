package lang

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCountLimits refuses specs past the block and deployment limits with
// one diagnostic at the first block over the limit.
func TestCountLimits(t *testing.T) {
	head := "pipeline \"app\" {\n  repository = \"github.com/org/app\"\n}\n"
	tests := []struct {
		name    string
		src     func() string
		summary string
		line    int
	}{
		{"tests", func() string {
			var b strings.Builder
			b.WriteString(head)
			for i := range maxBlocks + 1 {
				fmt.Fprintf(&b, "test \"t%d\" {\n  image = \"alpine\"\n  run = [\"true\"]\n}\n", i)
			}
			return b.String()
		}, "Too many test blocks", 4 + 4*maxBlocks},
		{"deployments", func() string {
			var b strings.Builder
			b.WriteString(head + "gitops {\n  repository = \"https://github.com/org/app.git\"\n  path = \"deploy\"\n}\nimage \"app\" {\n  repository = \"ghcr.io/org/app\"\n}\n")
			for i := range 1000 {
				fmt.Fprintf(&b, "workload \"w%d\" {\n  image = image.app\n}\n", i)
			}
			for i := range 501 {
				fmt.Fprintf(&b, "environment \"e%d\" {\n}\n", i)
			}
			return b.String()
		}, "Too many deployments", 3 + 4 + 3 + 3*1000 + 2*500 + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := LoadSources([]Source{{Name: "pipec.hcl", Data: []byte(tt.src())}}, Options{})
			var got []string
			for _, d := range diags {
				if strings.HasPrefix(d.Summary, "Too many") {
					got = append(got, fmt.Sprintf("%d: %s", d.Subject.Start.Line, d.Summary))
				}
			}
			want := []string{fmt.Sprintf("%d: %s", tt.line, tt.summary)}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}
