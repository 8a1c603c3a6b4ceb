package lang

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/pipec-dev/pipec/internal/rawfile"
	"github.com/pipec-dev/pipec/lang/diag"
)

// IsSpecFile reports whether a file name belongs to a spec directory.
func IsSpecFile(name string) bool {
	return name == "pipec.hcl" || strings.HasSuffix(name, ".pipec.hcl") || strings.HasSuffix(name, ".pipec.json") || name == "pipec.json"
}

// SpecFiles returns the spec files at path: path itself when it is a file,
// else the directory's spec files in name order.
func SpecFiles(path string) ([]string, hcl.Diagnostics) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, hcl.Diagnostics{diag.Error(diag.NoFiles, hcl.Range{Filename: path}, "Cannot read spec",
			"pipec could not read "+path+": "+describeErr(err)+". Pass a pipec.hcl file or a directory that holds one.")}
	}
	if !st.IsDir() {
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, hcl.Diagnostics{diag.Error(diag.NoFiles, hcl.Range{Filename: path}, "Cannot read spec directory",
			"pipec could not list "+path+": "+describeErr(err)+".")}
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && IsSpecFile(e.Name()) {
			files = append(files, filepath.Join(path, e.Name()))
		}
	}
	// pipec.hcl is the spec's main file: it loads first, so a block
	// repeated in another file is the one reported as the duplicate.
	sort.Slice(files, func(i, j int) bool {
		mi, mj := isMainFile(files[i]), isMainFile(files[j])
		if mi != mj {
			return mi
		}
		return files[i] < files[j]
	})
	if len(files) == 0 {
		return nil, hcl.Diagnostics{diag.Error(diag.NoFiles, hcl.Range{Filename: path}, "No spec files",
			"The directory "+path+" has no pipec.hcl, *.pipec.hcl or *.pipec.json file. Run `pipec init` to write a starter spec, or pass the spec's path.")}
	}
	return files, nil
}

func describeErr(err error) string {
	if os.IsNotExist(err) {
		return "no such file or directory"
	}
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// Source is one spec file's name and content.
type Source struct {
	Name string
	Data []byte
}

// ReadSources reads the spec files at path.
func ReadSources(path string) ([]Source, hcl.Diagnostics) {
	files, diags := SpecFiles(path)
	var out []Source
	for _, f := range files {
		data, err := rawfile.ReadFile(f)
		if err != nil {
			diags = append(diags, diag.Error(diag.NoFiles, hcl.Range{Filename: f}, "Cannot read spec file",
				"pipec could not read "+f+": "+describeErr(err)+"."))
			continue
		}
		out = append(out, Source{Name: f, Data: data})
	}
	return out, diags
}

// Parse parses sources with one parser (kept for diagnostic snippets).
func Parse(srcs []Source, cache *ParseCache) (*hclparse.Parser, []*hcl.File, hcl.Diagnostics) {
	p := hclparse.NewParser()
	var files []*hcl.File
	var diags hcl.Diagnostics
	for _, s := range srcs {
		var f *hcl.File
		var ds hcl.Diagnostics
		if d := checkLimits(s.Data, s.Name); d != nil {
			// Keep the text for the diagnostic's snippet, but no body.
			p.AddFile(s.Name, &hcl.File{Body: hcl.EmptyBody(), Bytes: s.Data})
			diags = append(diags, d)
			continue
		}
		if strings.HasSuffix(s.Name, ".json") {
			f, ds = p.ParseJSON(s.Data, s.Name)
		} else {
			f, ds = parseNative(p, s.Data, s.Name, cache)
			pointAtOpenLine(ds, s.Data)
		}
		diags = append(diags, diag.Tag(ds, diag.Syntax)...)
		if f != nil {
			files = append(files, f)
		}
	}
	return p, files, diags
}

func isMainFile(path string) bool {
	b := filepath.Base(path)
	return b == "pipec.hcl" || b == "pipec.json"
}
