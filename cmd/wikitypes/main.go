// Command wikitypes derives a typed list of names from unlabeled text: the
// title of each Wikipedia article typed by the head noun of its first
// sentence ("X is an American rock band" → ORG, "X is a city in …" → LOC,
// "X (born 1950) is a British politician" → PER, "X is a 1995 film" → MISC),
// and names defined in running text in the same way ("X is a …" opening a
// sentence, "X, a British politician, …"). The head nouns and their types
// are data: extractor/definition/heads.txt, which mention grouping
// reads too.
//
// Basic usage, from the module root:
//
//	go run ./cmd/wikitypes -out extractor/ner/wikitypes/names.tsv
//
// It reads the unlabeled corpora under ../shared/data/unlabeled (English
// Wikipedia, Reuters-21578, the NLTK State of the Union and MASC texts; never
// labelled text, never Brown), and writes one name per line with its type
// and the number of definitions behind it: a list of names, never text.
// -unknown FILE lists the head nouns that heads.txt does not type, with
// their counts, to extend it.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/entityextraction/extractd/cmd/internal/cmdfile"
	"github.com/entityextraction/extractd/cmd/internal/unlabeled"
	"github.com/entityextraction/extractd/extractor/definition"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

type config struct {
	dataDir, out, unknown string
	minShare              float64
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("wikitypes: ")
	var cfg config
	flag.StringVar(&cfg.dataDir, "data", "", "shared data directory (default: ../shared/data beside the module root)")
	flag.StringVar(&cfg.out, "out", "", "write the typed names to this file")
	flag.StringVar(&cfg.unknown, "unknown", "", "also write the head nouns that extractor/definition/heads.txt does not type, most frequent first")
	flag.Float64Var(&cfg.minShare, "min-share", 0.75, "keep a name whose most frequent type has at least this share of its definitions")
	flag.Parse()
	if err := run(cfg); err != nil {
		log.Fatal(err)
	}
}

func run(cfg config) error {
	if cfg.out == "" {
		return errors.New("-out is required")
	}
	if cfg.dataDir == "" {
		dir, err := cmdfile.SharedData()
		if err != nil {
			return fmt.Errorf("%w; use -data", err)
		}
		cfg.dataDir = dir
	}
	start := time.Now()
	c := newCollector()
	wiki, err := filepath.Glob(filepath.Join(cfg.dataDir, "unlabeled", "wikipedia-en-2015", "wiki_*"))
	if err != nil {
		return err
	}
	if len(wiki) == 0 {
		return fmt.Errorf("no Wikipedia files under %s", cfg.dataDir)
	}
	sort.Strings(wiki)
	for _, path := range wiki {
		if err := readFile(path, c.addArticles); err != nil {
			return err
		}
	}
	log.Printf("read %d Wikipedia titles (%s)", c.titles, time.Since(start).Round(time.Second))
	srcs, err := unlabeled.Sources(cfg.dataDir, false, false)
	if err != nil {
		return err
	}
	for _, src := range srcs {
		if err := src.Read(c.addText); err != nil {
			return err
		}
		log.Printf("read %-18s %3d files (%s)", src.Name, len(src.Files), time.Since(start).Round(time.Second))
	}
	n, err := cmdfile.Write(cfg.out, func(w io.Writer) (int, error) { return c.write(w, cfg.minShare) })
	if err != nil {
		return err
	}
	log.Printf("wrote %s: %d typed names (%s)", cfg.out, n, time.Since(start).Round(time.Second))
	if cfg.unknown != "" {
		if _, err := cmdfile.Write(cfg.unknown, c.writeUnknown); err != nil {
			return err
		}
	}
	return nil
}

func readFile(path string, read func(io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := read(bufio.NewReaderSize(f, 1<<20)); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Weights of the evidence: an article's title is what its first sentence
// defines; a definition in running text may be about something else.
const (
	titleWeight = 3
	textWeight  = 1
)

type collector struct {
	votes   map[string]*[definition.NumTypes]int
	unknown map[string]int
	// lower and capital count, for each word, its lower-case and capitalised
	// occurrences inside sentences: a one-word name that is mostly a common
	// word ("Will", "Bank") is dropped.
	lower, capital map[string]int
	// initial holds the names defined only where they open a sentence, whose
	// first word may be no part of them ("While Agamemnon was …").
	initial map[string]bool
	titles  int
}

func newCollector() *collector {
	return &collector{votes: map[string]*[definition.NumTypes]int{}, unknown: map[string]int{},
		lower: map[string]int{}, capital: map[string]int{}, initial: map[string]bool{}}
}

func (c *collector) vote(name string, t definition.Type, w int, atStart bool) {
	v := c.votes[name]
	switch {
	case v == nil:
		c.initial[name] = atStart
	case !atStart:
		c.initial[name] = false
	}
	if v == nil {
		v = new([definition.NumTypes]int)
		c.votes[name] = v
	}
	v[t] += w
}

// addArticles reads a WikiExtractor file and types each article's title by
// its first sentence.
func (c *collector) addArticles(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), unlabeled.MaxLine)
	title, lines := "", 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "<doc "):
			title, lines = docTitle(line), 0
			continue
		case line == "" || line == "</doc>" || title == "":
			continue
		}
		lines++
		if lines == 1 { // the title line
			continue
		}
		c.addTitle(title, line)
		title = ""
	}
	return sc.Err()
}

// docTitle returns the title attribute of a <doc …> line.
func docTitle(line string) string {
	_, rest, ok := strings.Cut(line, `title="`)
	if !ok {
		return ""
	}
	t, _, _ := strings.Cut(rest, `"`)
	return strings.NewReplacer("&amp;", "&", "&quot;", `"`, "&#39;", "'").Replace(t)
}

// addTitle types title by the first sentence of its article: the head of
// the predicate after its first "is", "was", "are" or "were".
func (c *collector) addTitle(title, para string) {
	if strings.Contains(title, "disambiguation") || strings.HasPrefix(title, "List of") {
		return
	}
	toks := tokenize.Tokenize(para)
	sents := segment.Sentences(para, toks)
	if len(sents) == 0 {
		return
	}
	words := texts(toks[sents[0].First:sents[0].Last])
	depth, years := 0, false
	for i, w := range words {
		switch {
		case w == "(":
			depth++
		case w == ")":
			depth = max(depth-1, 0)
		case depth > 0:
			years = years || w == "born" || isYear(w)
		case definition.Copula(w):
			t, ok := c.predicate(words[i+1:])
			if !ok && years && personLike(title) {
				t, ok = definition.PER, true
			}
			if !ok {
				return
			}
			c.titles++
			base := strings.TrimSpace(cutParen(title))
			c.vote(title, t, titleWeight, false)
			if base != title && base != "" {
				c.vote(base, t, titleWeight-1, false)
			}
			return
		}
		if i > 40 {
			return
		}
	}
}

// predicate types the head noun of a defining phrase (see
// definition.Predicate), counting the heads heads.txt does not type.
func (c *collector) predicate(words []string) (definition.Type, bool) {
	t, head, ok := definition.Predicate(words)
	if !ok && head != "" {
		c.unknown[head]++
	}
	return t, ok
}

// addText reads one unit of running text and types the names it defines: a
// name that opens a sentence followed by "is a …" or by ", a …" (an
// apposition: "Paris, a city on the Seine, …"). Appositions elsewhere are
// too often a list or the end of an opening phrase ("In Italy, a number of
// …", "born in London, the son of …").
func (c *collector) addText(text string) {
	toks := tokenize.Tokenize(text)
	for _, s := range segment.Sentences(text, toks) {
		words := texts(toks[s.First:s.Last])
		if len(words) < 4 || titleCase(words) {
			continue
		}
		c.count(words)
		c.sentence(words)
	}
}

// count counts the lower-case and capitalised occurrences of each word
// inside a sentence.
func (c *collector) count(words []string) {
	for _, w := range words[1:] {
		switch {
		case capitalised(w):
			c.capital[strings.ToLower(w)]++
		case definition.IsWord(w):
			c.lower[w]++
		}
	}
}

func (c *collector) sentence(words []string) {
	for i := 0; i < len(words); {
		j := nameEnd(words, i)
		if j == i {
			i++
			continue
		}
		name := words[i:j]
		if i == 0 && (name[0] == "The" || name[0] == "A") {
			name = name[1:]
		}
		if i == 0 && len(name) > 0 && prepositions[strings.ToLower(name[0])] { // "In Italy, a …"
			name = nil
		}
		if len(name) > 0 && j+2 < len(words) {
			k := j
			if words[k] == "(" { // "Aristotle (384–322 BC) was …"
				for k < len(words) && words[k] != ")" {
					k++
				}
				k++
			}
			switch {
			case i == 0 && k < len(words) && definition.Copula(words[k]):
				if t, ok := c.predicate(words[k+1:]); ok {
					c.vote(strings.Join(name, " "), t, textWeight, true)
				}
			case words[j] == "," && j+1 < len(words) && (words[j+1] == "a" || words[j+1] == "an") && (i == 0 || !afterPhrase(words[:i])):
				if t, ok := c.predicate(words[j+1:]); ok && apposition(words[j+1:]) {
					c.vote(strings.Join(name, " "), t, textWeight, i == 0)
				}
			}
		}
		i = j
	}
}

// afterPhrase reports whether a name inside a sentence follows a
// preposition, or has no comma before it: its comma then more often ends an
// opening phrase ("In Italy, a number of …") or is one of a list than opens
// an apposition.
func afterPhrase(before []string) bool {
	if !slices.Contains(before, ",") {
		return true
	}
	k := len(before) - 1
	if before[k] == "the" && k > 0 {
		k--
	}
	return prepositions[strings.ToLower(before[k])]
}

var prepositions = map[string]bool{"after": true, "in": true, "at": true, "on": true, "by": true, "for": true,
	"from": true, "with": true, "during": true, "since": true, "before": true, "under": true, "to": true,
	"like": true, "unlike": true, "besides": true, "as": true, "of": true, "near": true, "outside": true,
	"inside": true, "throughout": true, "across": true, "into": true, "within": true, "between": true,
	"among": true, "against": true, "towards": true, "toward": true, "via": true, "about": true}

// apposition reports whether the phrase after a name's comma is closed by a
// comma or the end of the sentence within a few words: "Paris, a city on
// the Seine, …", not a list "Paris, a city, and …".
func apposition(words []string) bool {
	for i, w := range words {
		if i > 12 {
			return false
		}
		if w == "," || w == "." || w == ";" {
			return true
		}
	}
	return true
}

// maxNameTokens is the longest name kept, as the tagger's name lists.
const maxNameTokens = 6

// connectors join capitalised words into one name: "Bank of America".
var connectors = map[string]bool{"of": true, "de": true, "von": true, "van": true, "der": true, "del": true, "da": true, "du": true, "la": true, "le": true, "and": true, "the": true}

// nameEnd returns the end of the run of capitalised words that starts at i,
// or i if none does. A connector is taken only with a capitalised word
// after it; "and" and "the" only after "of" or inside.
func nameEnd(words []string, i int) int {
	if !nameWord(words[i]) {
		return i
	}
	j := i + 1
	for j < len(words) && j-i < maxNameTokens {
		if nameWord(words[j]) {
			j++
			continue
		}
		if connectors[words[j]] {
			k := j + 1
			if k < len(words) && words[k] == "the" {
				k++
			}
			if k < len(words) && nameWord(words[k]) {
				j = k + 1
				continue
			}
		}
		break
	}
	if j-i > maxNameTokens {
		return i
	}
	return j
}

func nameWord(w string) bool { return capitalised(w) && w != "I" }

// write writes the typed names: name <TAB> type <TAB> weight of its
// definitions, sorted by name. A name is kept when one type has at least
// minShare of its weight, and a one-word name only when it is capitalised
// more often than not inside sentences.
func (c *collector) write(w io.Writer, minShare float64) (int, error) {
	names := make([]string, 0, len(c.votes))
	for name := range c.votes {
		names = append(names, name)
	}
	sort.Strings(names)
	n := 0
	for _, name := range names {
		v := c.votes[name]
		best, total := 0, 0
		for t, x := range v {
			total += x
			if x > v[best] {
				best = t
			}
		}
		if float64(v[best]) < minShare*float64(total) || !c.keep(name, total) {
			continue
		}
		if _, err := fmt.Fprintf(w, "%s\t%s\t%d\n", name, definition.Type(best), total); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// keep reports whether a name may go into the list: it has a capital, no
// tab or line break, and a one-word name is not mostly a common word and
// rests on a title or two definitions.
func (c *collector) keep(name string, weight int) bool {
	if !strings.ContainsFunc(name, func(r rune) bool { return r >= 'A' && r <= 'Z' || r > 127 }) ||
		strings.ContainsAny(name, "\t\n\"") || len(tokenize.Tokenize(name)) > maxNameTokens {
		return false
	}
	first, _, several := strings.Cut(name, " ")
	if c.initial[name] && c.common(first) {
		return false
	}
	return several || !c.common(name) && weight >= 2
}

// common reports whether a word is more often in lower case than
// capitalised inside sentences.
func (c *collector) common(word string) bool {
	low := strings.ToLower(word)
	return c.lower[low] > c.capital[low]
}

// writeUnknown writes the untyped heads, most frequent first.
func (c *collector) writeUnknown(w io.Writer) (int, error) {
	heads := make([]string, 0, len(c.unknown))
	for h := range c.unknown {
		heads = append(heads, h)
	}
	sort.Slice(heads, func(i, j int) bool {
		if c.unknown[heads[i]] != c.unknown[heads[j]] {
			return c.unknown[heads[i]] > c.unknown[heads[j]]
		}
		return heads[i] < heads[j]
	})
	for _, h := range heads {
		if _, err := fmt.Fprintf(w, "%d\t%s\n", c.unknown[h], h); err != nil {
			return 0, err
		}
	}
	return len(heads), nil
}

func texts(toks []tokenize.Token) []string {
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Text
	}
	return words
}

// cutParen removes a parenthesised qualifier: "Baku (spirit)" → "Baku".
func cutParen(s string) string {
	if i := strings.Index(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		return s[:i]
	}
	return s
}

// personLike reports whether a title looks like a person's name: two to four
// capitalised words.
func personLike(title string) bool {
	ws := strings.Fields(cutParen(title))
	if len(ws) < 2 || len(ws) > 4 {
		return false
	}
	for _, w := range ws {
		if !capitalised(w) {
			return false
		}
	}
	return true
}

// isYear reports whether w is a year or a range of years ("1950", "1815–1864").
func isYear(w string) bool {
	digits := 0
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '-' || r == '–':
		default:
			return false
		}
	}
	return digits >= 3
}

// capitalised reports whether w starts with an upper-case letter.
func capitalised(w string) bool {
	for _, r := range w {
		return r >= 'A' && r <= 'Z' || r > 127 && strings.ToLower(string(r)) != string(r)
	}
	return false
}

// titleCase reports whether every word of four letters or more starts with
// a capital: a heading or a title, whose capitals say nothing of names.
func titleCase(words []string) bool {
	for _, w := range words {
		if len(w) >= 4 && definition.IsWord(w) && !capitalised(w) {
			return false
		}
	}
	return true
}
