package gha

import (
	"strings"
)

// The branches job matches the pushed ref against the environments' branch
// patterns with GitHub's own filter rules, which no expression on
// github.ref can state exactly: * does not cross /, ** does, ? and + repeat
// the character before them, [...] is one character, and a pattern that
// starts with ! excludes what earlier patterns included (the last pattern
// that matches decides). It only exists when some environment needs it;
// plain names and prefix/** stay expressions (branchExpr).

// branchesID is the job's ID. No prefix of names.go starts it, so it
// cannot collide with a block's job.
const branchesID = "branches"

// branchPattern is one entry of environment.branches as a POSIX extended
// regular expression that bash's =~ evaluates.
type branchPattern struct {
	exclude bool
	regex   string
}

// parseBranchPattern converts a GitHub branch filter pattern. It returns a
// reason when the pattern is not one GitHub accepts.
func parseBranchPattern(glob string) (branchPattern, string) {
	var p branchPattern
	if rest, ok := strings.CutPrefix(glob, "!"); ok {
		p.exclude, glob = true, rest
	}
	if glob == "" {
		return p, "the pattern is empty"
	}
	var b strings.Builder
	b.WriteString("^")
	// atom: the last thing written can take a ? or + after it.
	atom := false
	for i := 0; i < len(glob); i++ {
		c := glob[i]
		switch c {
		case '*':
			if i+1 < len(glob) && glob[i+1] == '*' {
				b.WriteString(".*")
				i++
			} else {
				b.WriteString("[^/]*")
			}
			atom = false
		case '?', '+':
			if !atom {
				return p, "'" + string(c) + "' must follow a character it repeats"
			}
			b.WriteByte(c)
			atom = false
		case '[':
			end := strings.IndexByte(glob[i+1:], ']')
			if end <= 0 {
				return p, "'[' has no closing ']'"
			}
			set := glob[i+1 : i+1+end]
			for j := 0; j < len(set); j++ {
				if !isAlnum(set[j]) && set[j] != '-' {
					return p, "[...] may only list letters, digits and ranges such as a-z"
				}
			}
			b.WriteString("[" + set + "]")
			i += end + 1
			atom = true
		case '\\':
			if i+1 == len(glob) {
				return p, "it ends in an escaping \\"
			}
			i++
			b.WriteString(ereLiteral(glob[i]))
			atom = true
		default:
			b.WriteString(ereLiteral(c))
			atom = true
		}
	}
	b.WriteString("$")
	p.regex = b.String()
	return p, ""
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// ereLiteral escapes c for a POSIX extended regular expression.
func ereLiteral(c byte) string {
	if strings.IndexByte(`.[]{}()\*+?^$|`, c) >= 0 {
		return `\` + string(c)
	}
	return string(c)
}

// shellQuote writes s as one single-quoted shell word.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// branchesJob computes deploy-<env> = true/false for each environment whose
// gate needs it, or returns nil when none does.
func (g *gen) branchesJob() *job {
	var calls []string
	outputs := ordered{}
	for _, e := range g.p.Environments {
		gate := g.refCond(e)
		if !g.deployable[e.Name] || gate.patterns == nil {
			continue
		}
		call := "match " + deployID(e.Name)
		for _, p := range gate.patterns {
			sign := "+"
			if p.exclude {
				sign = "-"
			}
			call += " " + shellQuote(sign+p.regex)
		}
		calls = append(calls, call+"\n")
		outputs.set(deployID(e.Name), "${{ steps.match.outputs."+deployID(e.Name)+" }}")
	}
	if len(calls) == 0 {
		return nil
	}
	return &job{
		Name:           "match the branch against each environment's branches",
		If:             publishIf(g.p),
		RunsOn:         runner,
		Permissions:    permissions{},
		TimeoutMinutes: 5,
		Outputs:        outputs,
		Steps: []step{{
			ID:   "match",
			Name: "Match the branch against the environments' patterns",
			Run:  matchBranchesScript + strings.Join(calls, ""),
		}},
	}
}
