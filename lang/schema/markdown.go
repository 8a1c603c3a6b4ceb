package schema

import (
	"fmt"
	"strings"
)

// Markdown renders the language reference (docs/language.md) from the
// schema, so the reference can never disagree with the decoder.
func Markdown() string {
	var b strings.Builder
	b.WriteString("# pipec language reference\n\n")
	b.WriteString("<!-- generated from lang/schema by `go test ./lang/schema -update`; do not edit -->\n\n")
	b.WriteString("A spec is HCL (native syntax, or HCL's JSON syntax). This reference lists every block and attribute pipec accepts; ")
	b.WriteString("the contract it implements is LANGUAGE.md, and docs/extensions.md lists what pipec adds to it. ")
	b.WriteString("Diagnostic codes are listed in docs/diagnostics.md.\n\n")
	b.WriteString("## Values\n\n")
	b.WriteString("Compile-time values: literals, `var.NAME`, `local.NAME`, functions, and static attributes of blocks ")
	b.WriteString("(`environment.NAME.namespace`, `.cluster`, `.host`, `.replicas`, `.approval`; `image.NAME.repository`; `workload.NAME.port`, `.host`, `.replicas`; `BLOCK.NAME.name`).\n\n")
	b.WriteString("Runtime values, known only when the pipeline runs; each backend renders them in its own syntax:\n\n")
	b.WriteString("| value | meaning |\n|---|---|\n")
	for _, root := range []string{"git", "run"} {
		for _, a := range RuntimeRoots[root] {
			fmt.Fprintf(&b, "| `%s.%s` | %s |\n", root, a, RuntimeDocs[root+"."+a])
		}
	}
	b.WriteString("| `matrix.KEY` | The current value of a matrix key, inside a test with `matrix`. |\n")
	b.WriteString("| `image.NAME.digest` | The pushed image's digest (`sha256:...`); in `e2e` blocks. |\n")
	b.WriteString("| `image.NAME.ref` | `repository@digest` of the pushed image; in `e2e` blocks. |\n")
	b.WriteString("| `secret.NAME` | A secret; only as an `env` value or a secret-typed attribute, never in a `run` string. |\n\n")
	b.WriteString("Which attributes accept which runtime values is given per attribute below (\"runtime\").\n\n")
	b.WriteString("## Blocks\n\n")
	for _, blk := range Root.Blocks {
		writeBlock(&b, blk, nil)
	}
	return b.String()
}

func writeBlock(b *strings.Builder, blk *Block, parents []string) {
	path := append(append([]string(nil), parents...), blk.Type)
	level := len(path) + 2
	if level > 6 {
		level = 6
	}
	title := strings.Join(path, " > ")
	for _, l := range blk.Labels {
		title += ` "` + strings.ToUpper(l) + `"`
	}
	fmt.Fprintf(b, "%s `%s`\n\n%s\n\n", strings.Repeat("#", level), title, blk.Doc)
	var facts []string
	if len(parents) == 0 {
		switch {
		case blk.Min == 1 && blk.Max == 1:
			facts = append(facts, "exactly one per spec")
		case blk.Max == 1:
			facts = append(facts, "at most one per spec")
		}
	} else {
		if blk.Min > 0 {
			facts = append(facts, fmt.Sprintf("at least %d", blk.Min))
		}
		if blk.Max > 0 {
			facts = append(facts, fmt.Sprintf("at most %d", blk.Max))
		}
	}
	if len(facts) > 0 {
		fmt.Fprintf(b, "Occurs: %s.\n\n", strings.Join(facts, ", "))
	}
	if blk.AnyAttrs {
		b.WriteString("Any attribute name; each is a compile-time expression.\n\n")
	}
	if len(blk.Attrs) > 0 {
		b.WriteString("| attribute | type | required | default | description |\n|---|---|---|---|---|\n")
		for _, a := range blk.Attrs {
			req := ""
			if a.Required {
				req = "yes"
			}
			desc := a.Doc
			if len(a.Enum) > 0 {
				desc += " One of: " + codeList(a.Enum) + "."
			}
			if r := runtimeDoc(a.Runtime); r != "" {
				desc += " Runtime: " + r + "."
			}
			fmt.Fprintf(b, "| `%s` | %s | %s | %s | %s |\n", a.Name, escape(a.TypeString()), req, escape(a.Default), escape(desc))
		}
		b.WriteString("\n")
	}
	if blk.Example != "" {
		fmt.Fprintf(b, "```hcl\n%s\n```\n\n", blk.Example)
	}
	for _, c := range blk.Blocks {
		writeBlock(b, c, path)
	}
}

func runtimeDoc(r Runtime) string {
	switch r {
	case GitRun:
		return "`git.*`, `run.*`"
	case GitRunMatrix:
		return "`git.*`, `run.*`, `matrix.*`"
	case AfterBuild:
		return "`git.*`, `run.*`, `image.NAME.digest|ref`"
	}
	return ""
}

func codeList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = "`" + s + "`"
	}
	return strings.Join(q, ", ")
}

func escape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
