// Package lexicon holds the word lists the rule stages share, as data files
// embedded in the binary: one list per file in data/, one word or phrase per
// line, in lower case and sorted, after a header of comment lines (starting
// with "#") that says what belongs in the list.
//
// Basic usage:
//
//	titles := lexicon.Set("titles")
//	if titles[strings.ToLower(word)] { ... }
//
// Lists are read once, the first time any list is asked for, and are shared:
// callers must not modify them.
package lexicon

import (
	"embed"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed data/*.txt
var files embed.FS

var (
	once  sync.Once
	sets  map[string]map[string]bool
	lists map[string][]string
)

func load() {
	sets = map[string]map[string]bool{}
	lists = map[string][]string{}
	entries, _ := files.ReadDir("data") // embedded: cannot fail
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".txt")
		if !ok {
			continue
		}
		b, _ := files.ReadFile(path.Join("data", e.Name()))
		words := Parse(string(b))
		lists[name] = words
		set := make(map[string]bool, len(words))
		for _, w := range words {
			set[w] = true
		}
		sets[name] = set
	}
}

// Parse returns the words of a list file: every line that is not empty and
// not a comment, with surrounding white space removed.
func Parse(file string) []string {
	var words []string
	for _, line := range strings.Split(file, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		words = append(words, line)
	}
	return words
}

// Set returns the list data/name.txt as a set. It returns nil for a list
// that does not exist (see [Names]).
func Set(name string) map[string]bool {
	once.Do(load)
	return sets[name]
}

// Words returns the list data/name.txt in file order (sorted).
func Words(name string) []string {
	once.Do(load)
	return lists[name]
}

// Names returns the names of all lists, sorted.
func Names() []string {
	once.Do(load)
	names := make([]string, 0, len(lists))
	for n := range lists {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Union returns a new set holding the words of every named list.
func Union(names ...string) map[string]bool {
	out := map[string]bool{}
	for _, n := range names {
		for w := range Set(n) {
			out[w] = true
		}
	}
	return out
}

// Lengths holds, for each first byte, the lengths (modulo 64) of the words
// of some sets: a word whose first byte and length match none of theirs is
// in none of the sets, which it tells without hashing the word. Most words
// of a text are in no small set.
type Lengths [256]uint64

// LengthsOf returns the Lengths of the words of sets.
func LengthsOf(sets ...map[string]bool) *Lengths {
	var l Lengths
	for _, set := range sets {
		for w := range set {
			l.Add(w)
		}
	}
	return &l
}

// Add records w.
func (l *Lengths) Add(w string) {
	if w != "" {
		l[w[0]] |= 1 << (len(w) & 63)
	}
}

// MayHave reports whether w may be in the sets; if not, it is in none.
func (l *Lengths) MayHave(w string) bool {
	return w != "" && l[w[0]]>>(len(w)&63)&1 != 0
}
