package tokenize

import (
	"os"
	"strings"
	"testing"
)

// TestCases runs the cases of testdata/cases.tsv.
func TestCases(t *testing.T) {
	data, err := os.ReadFile("testdata/cases.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("cases.tsv:%d: want a name, a text and its tokens", n+1)
		}
		var got []string
		for _, tok := range Tokenize(cols[1]) {
			got = append(got, tok.Text)
		}
		if g := strings.Join(got, " | "); g != cols[2] {
			t.Errorf("cases.tsv:%d (%s): Tokenize(%q) = %s; want %s", n+1, cols[0], cols[1], g, cols[2])
		}
	}
}
