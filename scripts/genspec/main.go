// Command genspec writes a generated pipec spec of the given size, for
// measuring pipec on large inputs (docs/performance.md):
//
//	go run ./scripts/genspec -envs 500 -tests 500 -images 100 > /tmp/big/pipec.hcl
package main

import (
	"flag"
	"os"

	"github.com/pipec-dev/pipec/internal/specgen"
)

func main() {
	var s specgen.Size
	flag.IntVar(&s.Environments, "envs", 500, "environments")
	flag.IntVar(&s.Tests, "tests", 500, "tests")
	flag.IntVar(&s.Images, "images", 100, "images")
	flag.IntVar(&s.Workloads, "workloads", 0, "workloads (0: one per image)")
	flag.IntVar(&s.Chain, "chain", 10, "length of the promotion chains")
	flag.Parse()
	os.Stdout.Write(specgen.Spec(s))
}
