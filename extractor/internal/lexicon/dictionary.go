package lexicon

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
)

//go:embed dictionary/english-lower-only.txt
var lowerOnlyFile string

// lowerOnly is the sorted words of lowerOnlyFile, read the first time they
// are asked for: the file's lines themselves, not copies, so that a
// process that never asks keeps nothing in memory but the embedded text.
var lowerOnly = sync.OnceValue(func() []string {
	words := make([]string, 0, strings.Count(lowerOnlyFile, "\n"))
	for line := range strings.Lines(lowerOnlyFile) {
		if w := strings.TrimSpace(line); w != "" && !strings.HasPrefix(w, "#") {
			words = append(words, w)
		}
	}
	return words
})

// LowerOnly reports whether an English dictionary lists the lower-case word
// w in lower case only: "ammonia", "theorem", "marbles"; not "china" or
// "bill", which it also lists capitalized ("China", "Bill"). The list is
// dictionary/english-lower-only.txt (see its PROVENANCE.md).
func LowerOnly(w string) bool {
	words := lowerOnly()
	i := sort.SearchStrings(words, w)
	return i < len(words) && words[i] == w
}
