package server

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoRequestDrivenIO checks, by reading the source, that nothing that
// serves a request (this package and the extractor) can fetch a URL, open a
// network connection, run a program or open a file: the only file the
// extractor may read is a model named by the operator at start-up
// (ner.LoadFile), which no request reaches.
func TestNoRequestDrivenIO(t *testing.T) {
	forbidden := map[string]bool{
		"http.Get": true, "http.Post": true, "http.PostForm": true, "http.Head": true, "http.NewRequest": true,
		"http.NewRequestWithContext": true, "http.DefaultClient": true, "net.Dial": true, "net.DialTimeout": true,
		"exec.Command": true, "exec.CommandContext": true, "os.Open": true, "os.OpenFile": true, "os.ReadFile": true,
		"os.ReadDir": true, "os.Create": true, "os.WriteFile": true, "plugin.Open": true,
	}
	allowed := map[string]bool{
		"extractor/ner/model.go:os.Open":                        true, // ner.LoadFile, from the --model flag
		"extractor/dictionary/load.go:os.Open":                  true, // dictionary.Load, from --dictionary at start-up or on a reload by the operator
		"extractor/dictionary/parse.go:os.Open":                 true, // dictionary.ParseFile, the same
		"extractor/internal/dictgen/dictgen.go:os.Create":       true, // synthetic dictionaries for benchmarks
		"extractor/internal/casetable/casetable.go:os.ReadFile": true, // the tests' case tables in testdata
	}
	var checked int
	for _, dir := range []string{".", filepath.Join("..", "extractor")} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || d.Name() == "web" && dir == ".") {
				return filepath.SkipDir // server/web serves embedded files only
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
			if err != nil {
				return err
			}
			checked++
			rel := filepath.ToSlash(strings.TrimPrefix(path, "../"))
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				id, ok := sel.X.(*ast.Ident)
				if !ok {
					return true
				}
				name := id.Name + "." + sel.Sel.Name
				if forbidden[name] && !allowed[rel+":"+name] {
					t.Errorf("%s uses %s: request handling must not reach files, programs or the network", rel, name)
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 10 {
		t.Fatalf("checked only %d files; the walk is broken", checked)
	}
}
