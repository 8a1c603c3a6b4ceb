package lang

import (
	"sort"

	"github.com/zclconf/go-cty/cty"
)

var (
	ctyBool    = cty.Bool
	ctyNumber  = cty.Number
	ctyString  = cty.String
	ctyListDyn = cty.List(cty.DynamicPseudoType)
	ctyMapDyn  = cty.Map(cty.DynamicPseudoType)
	ctySetDyn  = cty.Set(cty.DynamicPseudoType)
)

func sortStrings(s []string) { sort.Strings(s) }

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
