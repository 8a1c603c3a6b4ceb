package lang

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/pipec-dev/pipec/lang/diag"
	"github.com/pipec-dev/pipec/lang/didyoumean"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// VarArg is one -var or -var-file flag, in command-line order.
type VarArg struct {
	File  bool   // -var-file
	Value string // "name=value" for -var, a path for -var-file
	// Data is a -var-file's contents when the caller has read them (a
	// pipe can be read once, and a file read twice may change between);
	// nil means Load reads Value.
	Data []byte
}

// Options are the inputs of Load besides the spec.
type Options struct {
	Vars []VarArg
	// Environ is the process environment, read for PIPEC_VAR_name; nil
	// means none (tests), the CLI passes os.Environ().
	Environ []string
	// Cache, when set, reuses parsed blocks from earlier loads (the LSP
	// keeps one per workspace).
	Cache *ParseCache
}

type varSource struct {
	val cty.Value
	rng *hcl.Range // where the value was written; nil for -var and env
}

// computeVars sets m.VarValues: defaults, then PIPEC_VAR_ environment
// variables, then -var and -var-file in order (later wins, as in Terraform).
func (e *evaluator) computeVars(opt Options) {
	vars := e.m.Order["variable"]
	types := map[string]cty.Type{}
	sensitive := map[string]bool{}
	set := map[string]varSource{}
	badDefault := map[string]bool{} // reported already; not "missing" too
	for _, n := range vars {
		ty := cty.DynamicPseudoType
		if a := n.Attr("type"); a != nil {
			t, ds := typeexpr.TypeConstraint(a.Expr)
			e.diags = append(e.diags, diag.Tag(ds, diag.WrongType)...)
			if !ds.HasErrors() {
				ty = t
			}
		}
		types[n.Name()] = ty
		if a := n.Attr("sensitive"); a != nil {
			if v, ds := a.Expr.Value(nil); !ds.HasErrors() && v.Type() == cty.Bool && v.IsKnown() && !v.IsNull() {
				sensitive[n.Name()] = v.True()
			}
		}
		if a := n.Attr("default"); a != nil {
			v, ds := a.Expr.Value(nil)
			if ds.HasErrors() {
				badDefault[n.Name()] = true
				e.errf(diag.InvalidExpression, a.Expr.Range(), "Variable default must be a literal")("The default of variable %q cannot refer to other values; write a literal value.", n.Name())
				continue
			}
			cv, err := convert.Convert(v, ty)
			if err != nil {
				badDefault[n.Name()] = true
				e.errf(diag.WrongType, a.Expr.Range(), "Default does not match the variable's type")("The default of variable %q must be %s: %s.", n.Name(), typeexpr.TypeString(ty), err)
				continue
			}
			rng := a.Expr.Range()
			set[n.Name()] = varSource{val: cv, rng: &rng}
		}
	}
	names := keysOf(types)
	attempted := map[string]bool{}
	parse := func(name, raw, origin string) {
		attempted[name] = true
		ty, ok := types[name]
		if !ok {
			e.diags = append(e.diags, diag.Error(diag.VariableValue, cliRange(origin), fmt.Sprintf("Value for undeclared variable %q", name),
				fmt.Sprintf("%s sets %q, but the spec declares no such variable.%s Declare it with a variable %q block or remove the value.", origin, name, didyoumean.Suffix(name, names), name)))
			return
		}
		var v cty.Value
		if ty == cty.String || ty == cty.DynamicPseudoType {
			v = cty.StringVal(raw)
		} else {
			expr, ds := hclsyntax.ParseExpression([]byte(raw), origin, hcl.InitialPos)
			if !ds.HasErrors() {
				v, ds = expr.Value(nil)
			}
			if ds.HasErrors() {
				e.diags = append(e.diags, diag.Error(diag.VariableValue, cliRange(origin), fmt.Sprintf("Invalid value for variable %q", name),
					fmt.Sprintf("%s: %s is not a valid %s value. Write it in HCL syntax, e.g. 3, true, [\"a\"] or {k = \"v\"}.", origin, shown(raw, sensitive[name]), typeexpr.TypeString(ty))))
				return
			}
		}
		cv, err := convert.Convert(v, ty)
		if err != nil {
			e.diags = append(e.diags, diag.Error(diag.VariableValue, cliRange(origin), fmt.Sprintf("Invalid value for variable %q", name),
				fmt.Sprintf("%s: variable %q must be %s: %s.", origin, name, typeexpr.TypeString(ty), err)))
			return
		}
		set[name] = varSource{val: cv}
	}
	var env []string
	for _, kv := range opt.Environ {
		if strings.HasPrefix(kv, "PIPEC_VAR_") {
			env = append(env, kv)
		}
	}
	sort.Strings(env)
	for _, kv := range env {
		name, val, _ := strings.Cut(strings.TrimPrefix(kv, "PIPEC_VAR_"), "=")
		if _, ok := types[name]; ok { // unknown names are ignored, as Terraform does
			parse(name, val, "PIPEC_VAR_"+name)
		}
	}
	for _, va := range opt.Vars {
		if !va.File {
			name, val, ok := strings.Cut(va.Value, "=")
			if !ok || name == "" {
				e.diags = append(e.diags, diag.Error(diag.VariableValue, cliRange("-var "+va.Value), "Invalid -var option",
					fmt.Sprintf("-var %q must be written NAME=VALUE, e.g. -var replicas=3.", va.Value)))
				continue
			}
			parse(name, val, "-var "+name)
			continue
		}
		e.varFile(va, types, set, names)
	}
	for _, n := range vars {
		name := n.Name()
		src, ok := set[name]
		if !ok {
			if _, typed := types[name]; typed && !attempted[name] && !badDefault[name] && !n.Misspelt["default"] {
				e.errf(diag.VariableValue, n.DefRange, "No value for required variable %q", name)("Variable %q has no default. Set it with -var %s=VALUE, a -var-file, or the environment variable PIPEC_VAR_%s.", name, name, name)
			}
			continue
		}
		e.m.VarValues[name] = src.val
		e.validateVar(n, src)
	}
}

func cliRange(origin string) hcl.Range {
	return hcl.Range{Filename: "<" + origin + ">", Start: hcl.InitialPos, End: hcl.InitialPos}
}

func (e *evaluator) varFile(va VarArg, types map[string]cty.Type, set map[string]varSource, names []string) {
	path, data := va.Value, va.Data
	if data == nil {
		var err error
		if data, err = os.ReadFile(path); err != nil {
			e.diags = append(e.diags, diag.Error(diag.VariableValue, cliRange("-var-file "+path), "Cannot read variable file",
				fmt.Sprintf("pipec could not read %s: %s.", path, describeErr(err))))
			return
		}
	}
	var f *hcl.File
	var ds hcl.Diagnostics
	if strings.HasSuffix(path, ".json") {
		f, ds = e.m.Parser.ParseJSON(data, path)
	} else {
		f, ds = e.m.Parser.ParseHCL(data, path)
	}
	e.diags = append(e.diags, diag.Tag(ds, diag.Syntax)...)
	if f == nil {
		return
	}
	attrs, ds := f.Body.JustAttributes()
	e.diags = append(e.diags, diag.Tag(ds, diag.VariableValue)...)
	for _, k := range keysOf(attrs) {
		a := attrs[k]
		ty, ok := types[k]
		if !ok {
			e.diags = append(e.diags, diag.Warning(diag.VariableValue, a.NameRange, fmt.Sprintf("Value for undeclared variable %q", k),
				fmt.Sprintf("The spec declares no variable %q, so this value is ignored.%s", k, didyoumean.Suffix(k, names))))
			continue
		}
		v, ds := a.Expr.Value(nil)
		if ds.HasErrors() {
			e.diags = append(e.diags, diag.Tag(ds, diag.VariableValue)...)
			continue
		}
		cv, err := convert.Convert(v, ty)
		if err != nil {
			e.errf(diag.VariableValue, a.Expr.Range(), "Invalid value for variable %q", k)("Variable %q must be %s: %s.", k, typeexpr.TypeString(ty), err)
			continue
		}
		rng := a.Expr.Range()
		set[k] = varSource{val: cv, rng: &rng}
	}
}

// validateVar runs a variable's validation blocks against its value.
func (e *evaluator) validateVar(n *Node, src varSource) {
	name := n.Name()
	for _, vb := range n.ChildrenOf("validation") {
		cond := vb.Attr("condition")
		if cond == nil {
			continue
		}
		ctx := &hcl.EvalContext{
			Variables: map[string]cty.Value{"var": cty.ObjectVal(map[string]cty.Value{name: src.val})},
			Functions: functions(),
		}
		for _, t := range cond.Expr.Variables() {
			if t.RootName() != "var" || traversalAddr(t) != "var."+name && !strings.HasPrefix(traversalAddr(t), "var."+name+".") {
				e.errf(diag.InvalidExpression, t.SourceRange(), "Validation may only refer to var.%s", name)("A validation condition checks one variable's value; it cannot read %s.", traversalAddr(t))
				return
			}
		}
		v, ds := evalGuarded(cond.Expr, e.inspect(cond.Expr), ctx)
		if ds.HasErrors() {
			e.diags = append(e.diags, diag.Tag(ds, diag.InvalidExpression)...)
			continue
		}
		if !v.IsKnown() {
			continue // a broken condition, already reported
		}
		if v.IsNull() || v.Type() != cty.Bool {
			e.errf(diag.WrongType, cond.Expr.Range(), "Validation condition must be a bool")("The condition of variable %q must be true or false.", name)
			continue
		}
		if v.True() {
			continue
		}
		msg := fmt.Sprintf("The value of variable %q is not valid.", name)
		if em := vb.Attr("error_message"); em != nil {
			if mv, ds := evalGuarded(em.Expr, e.inspect(em.Expr), ctx); !ds.HasErrors() && mv.Type() == cty.String && !mv.IsNull() {
				msg = mv.AsString()
			}
		}
		rng := cond.Expr.Range()
		if src.rng != nil {
			rng = *src.rng
		}
		e.errf(diag.VariableValidation, rng, "Invalid value for variable %q", name)("%s (from the validation rule at %s.)", msg, where(cond.Expr.Range()))
	}
}

// shown quotes a raw variable value for a message, unless the variable is
// sensitive.
func shown(raw string, sensitive bool) string {
	if sensitive {
		return "the (sensitive) value"
	}
	return fmt.Sprintf("%q", raw)
}
