package tokenize

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/entityextraction/extractd/extractor/ner/conll"
)

// sharedData finds ../shared/data beside the module root.
func sharedData(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "data")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("module root not found")
		}
		dir = parent
	}
}

// TestCoNLLTokens checks that the raw text of the CoNLL-2003 dev set, tokens
// joined by spaces, tokenizes back into the CoNLL tokens.
func TestCoNLLTokens(t *testing.T) {
	path := filepath.Join(sharedData(t), "conll2003", "dev.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("CoNLL dev set not available (%v); skipping", err)
	}
	defer f.Close()
	docs, err := conll.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	total, bad := 0, 0
	shown := 0
	for _, d := range docs {
		text, offs := d.Text()
		starts := map[int]int{}
		for _, tok := range Tokenize(text) {
			starts[tok.Start] = tok.End
		}
		for i, o := range offs {
			total++
			if end, ok := starts[o.Start]; !ok || end != o.End {
				bad++
				if shown < 60 && testing.Verbose() {
					shown++
					if len(text[o.Start:o.End]) <= 3 && text[o.End-1] == 0x2e {
						continue
					}
					t.Logf("token %q in %q", text[o.Start:o.End], text[max(0, offs[max(0, i-2)].Start):offs[min(len(offs)-1, i+2)].End])
				}
			}
		}
	}
	rate := float64(bad) / float64(total)
	t.Logf("%d of %d CoNLL tokens not reproduced (%.3f%%)", bad, total, 100*rate)
	if rate > 0.001 {
		t.Errorf("Tokenize misses %.3f%% of CoNLL tokens; want at most 0.1%%", 100*rate)
	}
}
