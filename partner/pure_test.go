package partner

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPure keeps the package's promise mechanically: no init, no package
// variables but the embedded data and the two sentinel errors, and no
// imports beyond the standard library's pure parts.
func TestPure(t *testing.T) {
	checkPure(t, map[string]bool{"data": true, "ErrInvalid": true, "ErrNotFound": true})
}

func checkPure(t *testing.T, allowedVars map[string]bool) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	allowedImports := map[string]bool{
		"bytes": true, "embed": true, "encoding/json": true, "errors": true, "fmt": true, "io": true,
		"io/fs": true, "regexp": true, "sort": true, "strconv": true, "strings": true, "time": true,
		"unicode": true, "unicode/utf8": true,
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		checked++
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if !allowedImports[path] {
				t.Errorf("%s imports %s: this package is pure", name, path)
			}
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.Name == "init" {
					t.Errorf("%s has an init function", name)
				}
			case *ast.GenDecl:
				if d.Tok != token.VAR {
					continue
				}
				for _, s := range d.Specs {
					for _, n := range s.(*ast.ValueSpec).Names {
						if !allowedVars[n.Name] {
							t.Errorf("%s: package variable %s; keep state out of this package", name, n.Name)
						}
					}
				}
			}
		}
	}
	if checked < 5 {
		t.Fatalf("only %d files checked", checked)
	}
}
