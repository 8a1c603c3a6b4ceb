package lang

import (
	"fmt"
	"math/big"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/pipec-dev/pipec/lang/diag"
	"github.com/pipec-dev/pipec/lang/didyoumean"
	"github.com/pipec-dev/pipec/lang/schema"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// evaluator evaluates attribute expressions. Locals and static block
// attributes are evaluated on first use and memoised; a stack of the
// addresses in progress finds cycles.
type evaluator struct {
	m       *Module
	diags   hcl.Diagnostics
	memo    map[memoKey]memoVal
	stack   []frame
	seenRef map[rangeKey]struct{}
	// bare is the context of expressions that read no variables and call
	// no functions, most of a spec: evaluating them needs nothing more.
	bare   hcl.EvalContext
	walker factWalker
}

// memoKey names a memoised value: a local (node nil) or a static
// attribute of a block.
type memoKey struct {
	node *Node
	name string
}

type memoVal struct {
	v  cty.Value
	ok bool
}

func newEvaluator(m *Module) *evaluator {
	return &evaluator{m: m, memo: map[memoKey]memoVal{}, seenRef: map[rangeKey]struct{}{},
		bare: hcl.EvalContext{Variables: map[string]cty.Value{}}}
}

// errf returns a function taking the detail format, so call sites read
// summary first, then detail.
func (e *evaluator) errf(code diag.Code, rng hcl.Range, summary string, args ...any) func(string, ...any) {
	return func(detail string, dargs ...any) {
		e.diags = append(e.diags, diag.Error(code, rng, fmt.Sprintf(summary, args...), fmt.Sprintf(detail, dargs...)))
	}
}

// frame is one value being evaluated and the reference that asked for it.
type frame struct {
	addr string
	from hcl.Range
}

func (e *evaluator) enter(addr string, rng hcl.Range) bool {
	for i, f := range e.stack {
		if f.addr == addr {
			var cycle []string
			for _, g := range e.stack[i:] {
				cycle = append(cycle, g.addr)
			}
			cycle = append(cycle, addr)
			// Point at the cycle's first edge: the reference written in
			// the value the cycle starts from.
			at := rng
			if i+1 < len(e.stack) {
				at = e.stack[i+1].from
			}
			e.errf(diag.Cycle, at, "Cycle in %s", cycle[0])("These values depend on each other: %s. Break the cycle by replacing one reference with a literal or a variable.", strings.Join(cycle, " -> "))
			return false
		}
	}
	e.stack = append(e.stack, frame{addr, rng})
	return true
}

func (e *evaluator) leave() { e.stack = e.stack[:len(e.stack)-1] }

// local evaluates local.name once.
func (e *evaluator) local(name string, rng hcl.Range) (cty.Value, bool) {
	key := memoKey{nil, name}
	if m, done := e.memo[key]; done {
		return m.v, m.ok
	}
	if !e.enter("local."+name, rng) {
		return cty.DynamicVal, false
	}
	defer e.leave()
	a := e.m.Locals[name]
	v, ok := e.value(a.Expr, e.inspect(a.Expr), &scope{})
	e.memo[key] = memoVal{v, ok}
	if ok {
		e.m.LocalValues[name] = v
	}
	return v, ok
}

// static evaluates a compile-time attribute of a block for another
// expression, applying the schema's defaults.
func (e *evaluator) static(n *Node, attr string, rng hcl.Range) (cty.Value, bool) {
	key := memoKey{n, attr}
	if m, done := e.memo[key]; done {
		return m.v, m.ok
	}
	if attr == "name" {
		return cty.StringVal(n.Name()), true
	}
	addr := n.Type + "." + n.Name() + "." + attr
	if !e.enter(addr, rng) {
		return cty.DynamicVal, false
	}
	defer e.leave()
	var v cty.Value
	ok := true
	if a := n.Attr(attr); a != nil {
		v, ok = e.value(a.Expr, e.inspect(a.Expr), &scope{from: n})
		if ok && strings.Contains(safeString(v), sentOpen) {
			e.errf(diag.RuntimeNotAllowed, rng, "%s is not known at compile time", addr)("%s uses a runtime value, so other blocks cannot read it while pipec runs.", addr)
			ok = false
		}
	} else {
		v = staticDefault(n, attr)
	}
	e.memo[key] = memoVal{v, ok}
	return v, ok
}

func staticDefault(n *Node, attr string) cty.Value {
	switch attr {
	case "namespace":
		return cty.StringVal(KubeName(n.Name()))
	case "cluster":
		return cty.StringVal(DefaultCluster)
	case "approval":
		return cty.StringVal("auto")
	case "replicas":
		if n.Type == "workload" {
			return cty.NumberIntVal(1)
		}
	}
	return cty.NullVal(cty.DynamicPseudoType)
}

// DefaultCluster is the in-cluster API server URL.
const DefaultCluster = "https://kubernetes.default.svc"

func safeString(v cty.Value) string {
	if v.IsKnown() && !v.IsNull() && v.Type() == cty.String {
		return v.AsString()
	}
	return ""
}

// value resolves the expression's references and evaluates it; f are
// the expression's facts (see inspect).
func (e *evaluator) value(expr hcl.Expression, f exprFacts, s *scope) (cty.Value, bool) {
	ok := true
	for _, t := range f.vars {
		if !e.resolve(t, s) {
			ok = false
		}
	}
	if !e.checkRuntimeOperands(f) {
		ok = false
	}
	if !ok {
		return cty.DynamicVal, false
	}
	ctx := &e.bare
	if len(s.vars) > 0 || f.calls {
		ctx = s.ctx(f.calls)
	}
	v, ds := evalGuarded(expr, f, ctx)
	e.diags = append(e.diags, diag.Tag(ds, diag.InvalidExpression)...)
	if ds.HasErrors() {
		return cty.DynamicVal, false
	}
	return v, true
}

// isRuntime reports whether a traversal names a runtime value.
func isRuntime(t hcl.Traversal) bool {
	switch t.RootName() {
	case "git", "run", "matrix", "secret":
		return true
	case "image":
		a, _, ok := traversalStep(t, 2)
		return ok && contains(imageRuntimeAttrs, a)
	}
	return false
}

// checkRuntimeOperands rejects runtime values given to functions,
// operators, conditions and indexes: pipec cannot compute those at
// compile time, and the backends can only substitute whole values.
func (e *evaluator) checkRuntimeOperands(f exprFacts) bool {
	ok := true
	var seen map[rangeKey]bool
	for _, n := range f.operators {
		what := operandUse(n)
		for _, t := range n.Variables() {
			if !isRuntime(t) || seen[keyOf(t.SourceRange())] {
				continue
			}
			if seen == nil {
				seen = map[rangeKey]bool{}
			}
			seen[keyOf(t.SourceRange())] = true
			ok = false
			addr := traversalAddr(t)
			e.errf(diag.RuntimeFunction, t.SourceRange(), "Runtime value %s used in %s", addr, what)("%s is known only when the pipeline runs, so pipec cannot pass it to %s. Use it on its own or interpolate it in a string, e.g. \"v-${%s}\".", addr, what, addr)
		}
	}
	return ok
}

func traversalAddr(t hcl.Traversal) string {
	parts := []string{t.RootName()}
	for i := 1; ; i++ {
		s, _, ok := traversalStep(t, i)
		if !ok {
			break
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ".")
}

// decodeTemplate splits a string into literal parts and runtime references;
// vars are expr's variables.
func (e *evaluator) decodeTemplate(s string, expr hcl.Expression, vars []hcl.Traversal) (Template, bool) {
	var t Template
	for {
		i := strings.Index(s, sentOpen)
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], sentClose)
		if j < 0 {
			e.errf(diag.RuntimeFunction, expr.Range(), "Runtime value changed by a function")("A runtime value was passed through a function or operator. Runtime values can only stand alone or be interpolated in a string.")
			return t, false
		}
		if i > 0 {
			t.Parts = append(t.Parts, TPart{Lit: s[:i]})
		}
		addr := s[i+len(sentOpen) : i+j]
		r, ok := parseRuntimeAddr(addr)
		if !ok {
			e.errf(diag.RuntimeFunction, expr.Range(), "Runtime value changed by a function")("A runtime value (%q) was changed by a function or operator. Runtime values can only stand alone or be interpolated in a string.", addr)
			return t, false
		}
		r.Range = rangeOfRuntime(expr, vars, addr)
		t.Parts = append(t.Parts, TPart{Ref: &r})
		s = s[i+j+len(sentClose):]
	}
	if s != "" {
		t.Parts = append(t.Parts, TPart{Lit: s})
	}
	return t, true
}

func parseRuntimeAddr(addr string) (RuntimeRef, bool) {
	p := strings.Split(addr, ".")
	switch {
	case len(p) == 2 && (p[0] == "git" || p[0] == "run") && contains(schema.RuntimeRoots[p[0]], p[1]):
		return RuntimeRef{Root: p[0], Name: p[1]}, true
	case len(p) == 2 && (p[0] == "matrix" || p[0] == "secret"):
		return RuntimeRef{Root: p[0], Name: p[1]}, true
	case len(p) == 3 && p[0] == "image" && contains(imageRuntimeAttrs, p[2]):
		return RuntimeRef{Root: p[0], Name: p[1], Attr: p[2]}, true
	}
	return RuntimeRef{}, false
}

// rangeOfRuntime finds the traversal among expr's vars that wrote addr
// directly, or falls back to the whole expression (the value came through
// a local).
func rangeOfRuntime(expr hcl.Expression, vars []hcl.Traversal, addr string) hcl.Range {
	for _, t := range vars {
		if traversalAddr(t) == addr {
			return t.SourceRange()
		}
	}
	return expr.Range()
}

// evalAttr evaluates one attribute per its schema type.
func (e *evaluator) evalAttr(n *Node, a *hcl.Attribute, sa *schema.Attr, matrix []string) *Val {
	v := &Val{Schema: sa, Attr: a}
	switch sa.Type {
	case schema.Ref, schema.RefList, schema.SecretRef:
		refs, ok := e.blockRefs(n, a, sa)
		v.Refs = refs
		if !ok {
			return nil
		}
		return v
	case schema.TypeExpr:
		ty, ds := typeexpr.TypeConstraint(a.Expr)
		if ds.HasErrors() {
			e.diags = append(e.diags, diag.Tag(ds, diag.WrongType)...)
			return nil
		}
		v.Type = ty
		return v
	}
	f := e.inspect(a.Expr)
	raw, ok := e.value(a.Expr, f, &scope{from: n, matrix: matrix})
	if !ok {
		return nil
	}
	if raw.IsNull() {
		return nil
	}
	if !raw.IsWhollyKnown() {
		return nil // only a broken (already reported) expression is unknown
	}
	if !isTemplateType(sa.Type) && containsSentinel(raw) {
		for _, t := range f.vars {
			if isRuntime(t) {
				e.errf(diag.RuntimeNotAllowed, t.SourceRange(), "Runtime value %s not allowed in %q", traversalAddr(t), a.Name)("%s is known only when the pipeline runs, but %s in the %s block needs a value pipec knows at compile time (%s). Use a literal, var.NAME or local.NAME.", traversalAddr(t), a.Name, n.Path(), sa.TypeString())
				return nil
			}
		}
		e.errf(diag.RuntimeNotAllowed, a.Expr.Range(), "Runtime value not allowed in %q", a.Name)("%s in the %s block needs a value pipec knows at compile time (%s), but this expression holds a runtime value.", a.Name, n.Path(), sa.TypeString())
		return nil
	}
	if !e.convertVal(v, raw, f.vars, n, a, sa) {
		return nil
	}
	if !e.checkRuntime(v, n, a, sa, matrix) {
		return nil
	}
	return v
}

func (e *evaluator) typeErr(a *hcl.Attribute, sa *schema.Attr, n *Node, err error) bool {
	msg := ""
	if err != nil {
		msg = " (" + err.Error() + ")"
	}
	e.errf(diag.WrongType, a.Expr.Range(), "Incorrect value type for %q", a.Name)("%s in the %s block must be %s%s.", a.Name, n.Path(), sa.TypeString(), msg)
	return false
}

func (e *evaluator) convertVal(v *Val, raw cty.Value, vars []hcl.Traversal, n *Node, a *hcl.Attribute, sa *schema.Attr) bool {
	expr := a.Expr
	switch sa.Type {
	case schema.String, schema.Duration:
		sv, err := convert.Convert(raw, cty.String)
		if err != nil {
			return e.typeErr(a, sa, n, err)
		}
		t, ok := e.decodeTemplate(sv.AsString(), expr, vars)
		if !ok {
			return false
		}
		v.Str = t
		if sa.Type == schema.Duration {
			if !t.IsLiteral() {
				return true // reported by checkRuntime
			}
			d, ok := e.duration(t.String(), a)
			v.Dur = d
			return ok
		}
		if len(sa.Enum) > 0 && t.IsLiteral() && !contains(sa.Enum, t.String()) {
			e.errf(diag.InvalidValue, expr.Range(), "Invalid value for %q", a.Name)("%q is not one of %s.%s", t.String(), quoteList(sa.Enum), didyoumean.Suffix(t.String(), sa.Enum))
			return false
		}
	case schema.Lines:
		if raw.Type() == cty.String {
			t, ok := e.decodeTemplate(raw.AsString(), expr, vars)
			v.List = []Template{t}
			return ok
		}
		fallthrough
	case schema.StringList:
		elems, err := stringElems(raw)
		if err != nil {
			return e.typeErr(a, sa, n, err)
		}
		ok := true
		for _, el := range elems {
			if el.IsNull() {
				return e.typeErr(a, sa, n, fmt.Errorf("an element is null"))
			}
			t, tok := e.decodeTemplate(el.AsString(), expr, vars)
			ok = ok && tok
			if tok && len(sa.Enum) > 0 && t.IsLiteral() && !contains(sa.Enum, t.String()) {
				e.errf(diag.InvalidValue, expr.Range(), "Invalid value %q in %q", t.String(), a.Name)("Each element must be one of %s.%s", quoteList(sa.Enum), didyoumean.Suffix(t.String(), sa.Enum))
				ok = false
			}
			v.List = append(v.List, t)
		}
		return ok
	case schema.StringMap, schema.EnvMap:
		mv, err := convert.Convert(raw, cty.Map(cty.String))
		if err != nil {
			return e.typeErr(a, sa, n, err)
		}
		ok := true
		for k, el := range mv.AsValueMap() {
			if el.IsNull() {
				return e.typeErr(a, sa, n, fmt.Errorf("the value of %q is null", k))
			}
			t, tok := e.decodeTemplate(el.AsString(), expr, vars)
			ok = ok && tok
			v.Map = append(v.Map, MapEntry{Key: k, Value: t, Range: mapItemRange(expr, k)})
		}
		sort.Slice(v.Map, func(i, j int) bool { return v.Map[i].Key < v.Map[j].Key })
		return ok
	case schema.Number:
		i, ok := e.wholeNumber(raw, a, sa, n)
		v.Num = i
		return ok
	case schema.NumberList:
		lv, err := convert.Convert(raw, cty.List(cty.Number))
		if err != nil {
			return e.typeErr(a, sa, n, err)
		}
		for _, el := range lv.AsValueSlice() {
			i, ok := e.wholeNumber(el, a, sa, n)
			if !ok {
				return false
			}
			v.Nums = append(v.Nums, i)
		}
	case schema.Bool:
		bv, err := convert.Convert(raw, cty.Bool)
		if err != nil || bv.IsNull() {
			return e.typeErr(a, sa, n, err)
		}
		v.Bool = bv.True()
	case schema.Matrix:
		mv, err := convert.Convert(raw, cty.Map(cty.List(cty.String)))
		if err != nil {
			return e.typeErr(a, sa, n, err)
		}
		for _, k := range keysOf(mv.AsValueMap()) {
			axis := MatrixAxis{Key: k}
			for _, el := range mv.AsValueMap()[k].AsValueSlice() {
				if strings.Contains(el.AsString(), sentOpen) {
					e.errf(diag.RuntimeNotAllowed, expr.Range(), "Runtime value in a matrix")("Matrix values must be known when pipec runs.")
					return false
				}
				axis.Values = append(axis.Values, el.AsString())
			}
			if len(axis.Values) == 0 {
				e.errf(diag.InvalidValue, expr.Range(), "Empty matrix axis %q", k)("Give %s at least one value, or remove it.", k)
				return false
			}
			v.Matrix = append(v.Matrix, axis)
		}
		combos := 1
		for _, axis := range v.Matrix {
			combos *= len(axis.Values)
			if combos > maxMatrix {
				e.errf(diag.InvalidValue, expr.Range(), "Matrix too large")("This matrix makes more than %d combinations; GitHub Actions and Tekton both stop at %d runs per matrix. Split the test into several, or drop values.", maxMatrix, maxMatrix)
				return false
			}
		}
	case schema.Any:
		v.Cty = raw
	}
	return true
}

// stringElems returns the elements of raw converted to list(string). A
// tuple of strings, which is how a spec writes a list, converts to the
// same elements: building the list only to take it apart again was most
// of the cost of a list attribute.
func stringElems(raw cty.Value) ([]cty.Value, error) {
	if ty := raw.Type(); ty.IsTupleType() {
		same := true
		for _, et := range ty.TupleElementTypes() {
			same = same && et.Equals(cty.String)
		}
		if same {
			return raw.AsValueSlice(), nil
		}
	}
	lv, err := convert.Convert(raw, cty.List(cty.String))
	if err != nil {
		return nil, err
	}
	return lv.AsValueSlice(), nil
}

func (e *evaluator) wholeNumber(raw cty.Value, a *hcl.Attribute, sa *schema.Attr, n *Node) (int, bool) {
	nv, err := convert.Convert(raw, cty.Number)
	if err != nil || nv.IsNull() {
		if raw.Type() == cty.String && strings.Contains(raw.AsString(), sentOpen) {
			return 0, true // reported by checkRuntime with a better message
		}
		return 0, e.typeErr(a, sa, n, err)
	}
	bf := nv.AsBigFloat()
	if !bf.IsInt() {
		e.errf(diag.WrongType, a.Expr.Range(), "%q must be a whole number", a.Name)("%s is %s; use a whole number.", a.Name, bf.Text('g', 10))
		return 0, false
	}
	i, acc := bf.Int64()
	if acc != big.Exact || i > 1<<31 || i < -(1<<31) {
		e.errf(diag.InvalidValue, a.Expr.Range(), "%q is out of range", a.Name)("%s must fit in 32 bits.", a.Name)
		return 0, false
	}
	return int(i), true
}

// duration parses a duration string as pipec accepts it: Go syntax
// without negative values, plus "d" for days.
func (e *evaluator) duration(s string, a *hcl.Attribute) (time.Duration, bool) {
	d, err := ParseDuration(s)
	if err != nil {
		e.errf(diag.InvalidDuration, a.Expr.Range(), "Invalid duration %q", s)("%s must be a duration such as \"30s\", \"5m\" or \"1h30m\": a number followed by s, m, h or d.", a.Name)
		return 0, false
	}
	return d, true
}

// ParseDuration parses "30s", "5m", "1h30m", "2d".
func ParseDuration(s string) (time.Duration, error) {
	if s == "" || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		return 0, fmt.Errorf("invalid duration %q", s)
	}
	var days time.Duration
	if i := strings.Index(s, "d"); i > 0 {
		var n int
		if _, err := fmt.Sscanf(s[:i], "%d", &n); err != nil || fmt.Sprint(n) != s[:i] {
			return 0, fmt.Errorf("invalid duration %q", s)
		}
		days = time.Duration(n) * 24 * time.Hour
		s = s[i+1:]
		if s == "" {
			return days, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, err
	}
	return days + d, nil
}

func quoteList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// mapItemRange returns the range of the value of key in a native object
// constructor, or the whole expression.
func mapItemRange(expr hcl.Expression, key string) hcl.Range {
	if oc, ok := expr.(*hclsyntax.ObjectConsExpr); ok {
		for _, it := range oc.Items {
			k, ds := it.KeyExpr.Value(nil)
			if !ds.HasErrors() && k.Type() == cty.String && k.AsString() == key {
				return hcl.RangeBetween(it.KeyExpr.Range(), it.ValueExpr.Range())
			}
		}
	}
	return expr.Range()
}

// checkRuntime enforces where runtime values may appear.
func (e *evaluator) checkRuntime(v *Val, n *Node, a *hcl.Attribute, sa *schema.Attr, matrix []string) bool {
	ok := true
	check := func(t Template, isMapValue bool) {
		for _, p := range t.Parts {
			if p.Ref == nil {
				continue
			}
			r := p.Ref
			if r.Root == "secret" {
				if len(t.Parts) == 1 && (sa.Type == schema.EnvMap && isMapValue || sa.SecretOK) {
					continue
				}
				ok = false
				if a.Name == "run" {
					e.errf(diag.SecretInRun, r.Range, "Secret in a run string")("secret.%s would be written into the script. Pass it through env instead: env = { TOKEN = secret.%s }, then use $TOKEN in the command.", r.Name, r.Name)
				} else if sa.Type == schema.EnvMap {
					e.errf(diag.SecretInRun, r.Range, "Secret inside a longer string")("An env value that uses secret.%s must be exactly secret.%s; build any longer string from it inside the command.", r.Name, r.Name)
				} else {
					e.errf(diag.SecretInRun, r.Range, "Secret not allowed in %q", a.Name)("secret.%s may only be the value of an env entry or of an attribute that takes a secret. %s takes plain values.", r.Name, a.Name)
				}
				continue
			}
			allowed := false
			switch sa.Runtime {
			case schema.GitRun:
				allowed = r.Root == "git" || r.Root == "run"
			case schema.GitRunMatrix:
				allowed = r.Root == "git" || r.Root == "run" || (r.Root == "matrix" && matrix != nil)
			case schema.AfterBuild:
				allowed = r.Root == "git" || r.Root == "run" || r.Root == "image"
			}
			if !allowed {
				ok = false
				e.errf(diag.RuntimeNotAllowed, r.Range, "Runtime value %s not allowed in %q", r.Addr(), a.Name)("%s is known only when the pipeline runs, but %s in the %s block needs %s. %s", r.Addr(), a.Name, n.Path(), runtimeNeed(sa), runtimeHint(r, sa))
			}
		}
	}
	check(v.Str, false)
	for _, t := range v.List {
		check(t, false)
	}
	for _, me := range v.Map {
		check(me.Value, true)
	}
	return ok
}

func runtimeNeed(sa *schema.Attr) string {
	switch sa.Runtime {
	case schema.GitRun:
		return "values pipec knows at compile time or git.* and run.* values"
	case schema.GitRunMatrix:
		return "values pipec knows at compile time, git.*, run.* or matrix.* values"
	case schema.AfterBuild:
		return "values known before or right after the build"
	}
	return "a value pipec knows at compile time"
}

func runtimeHint(r *RuntimeRef, sa *schema.Attr) string {
	if r.Root == "image" {
		return "Image digests exist only after the build, so only e2e blocks may use them."
	}
	if sa.Runtime == schema.CompileTime {
		return "Use a literal, var.NAME or local.NAME."
	}
	return ""
}

func isTemplateType(t schema.Type) bool {
	switch t {
	case schema.String, schema.Duration, schema.Lines, schema.StringList, schema.StringMap, schema.EnvMap:
		return true
	}
	return false
}

// containsSentinel reports whether any string inside v holds a runtime value.
func containsSentinel(v cty.Value) bool {
	found := false
	_ = cty.Walk(v, func(_ cty.Path, x cty.Value) (bool, error) {
		if x.IsKnown() && !x.IsNull() && x.Type() == cty.String && strings.Contains(x.AsString(), sentOpen) {
			found = true
		}
		return !found, nil
	})
	return found
}
