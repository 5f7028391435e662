package tokenize

import (
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/internal/casetable"
)

// TestCases runs the cases of testdata/cases.tsv.
func TestCases(t *testing.T) {
	for _, row := range casetable.Read(t, "testdata/cases.tsv") {
		n, cols := row.Line, row.Cols
		if len(cols) != 3 {
			t.Fatalf("cases.tsv:%d: want a name, a text and its tokens", n)
		}
		var got []string
		for _, tok := range Tokenize(cols[1]) {
			got = append(got, tok.Text)
		}
		if g := strings.Join(got, " | "); g != cols[2] {
			t.Errorf("cases.tsv:%d (%s): Tokenize(%q) = %s; want %s", n, cols[0], cols[1], g, cols[2])
		}
	}
}

// TestFileExtensions checks that no extension in the lexicon is longer than
// fileNameIn reads.
func TestFileExtensions(t *testing.T) {
	for ext := range fileExtensions {
		if len(ext) > maxExtension {
			t.Errorf("extension %q is longer than maxExtension (%d)", ext, maxExtension)
		}
	}
}
