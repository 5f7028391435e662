// Command nameprior counts how capitalised names are used in unlabeled text
// and writes the counts as a table that the NER tagger learns from: for each
// name (a word, or a run of capitalised words such as "Bank of America"), how
// often it occurs inside a sentence, how often capitalised, and how often in
// each class of context of contexts.txt ("Mr. X", "X, who", "X said", "in X",
// "at X", "the X", "X's", "X Inc", "X's chief executive", "X-based").
//
// Basic usage, from the module root:
//
//	go run ./cmd/nameprior -out extractor/ner/priors/names.tsv
//
// It reads the unlabeled corpora under ../shared/data/unlabeled (Reuters-21578
// bodies, English Wikipedia, the NLTK State of the Union and MASC texts; the
// Brown corpus only with -brown), never labelled text. Text is tokenized and
// split into sentences with the project's tokenizer and sentence splitter.
// The output holds counts only, never text: see
// extractor/ner/priors/README.md.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"slices"
	"strings"
	"time"

	"github.com/entityextraction/extractd/cmd/internal/cmdfile"
	"github.com/entityextraction/extractd/cmd/internal/unlabeled"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

type config struct {
	dataDir, out, contexts string
	minWord, minName       int
	withBrown              bool
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("nameprior: ")
	var cfg config
	flag.StringVar(&cfg.dataDir, "data", "", "shared data directory (default: ../shared/data beside the module root)")
	flag.StringVar(&cfg.out, "out", "", "write the table to this file")
	flag.StringVar(&cfg.contexts, "contexts", "cmd/nameprior/contexts.txt", "the classes of contexts")
	flag.IntVar(&cfg.minWord, "min-word", 5, "keep words seen at least this often inside sentences")
	flag.IntVar(&cfg.minName, "min-name", 3, "keep names of several words seen at least this often")
	flag.BoolVar(&cfg.withBrown, "brown", false, "also read the NLTK Brown corpus (non-commercial licence)")
	flag.Parse()
	if err := run(cfg); err != nil {
		log.Fatal(err)
	}
}

func run(cfg config) error {
	if cfg.out == "" {
		return errors.New("-out is required")
	}
	ctxs, err := cmdfile.Read(cfg.contexts, readContexts)
	if err != nil {
		return err
	}
	if cfg.dataDir == "" {
		dir, err := cmdfile.SharedData()
		if err != nil {
			return fmt.Errorf("%w; use -data", err)
		}
		cfg.dataDir = dir
	}
	srcs, err := unlabeled.Sources(cfg.dataDir, cfg.withBrown, false)
	if err != nil {
		return err
	}
	start := time.Now()
	c := newCounter(ctxs)
	for _, src := range srcs {
		before := c.tokens
		if err := src.Read(c.add); err != nil {
			return err
		}
		log.Printf("read %-18s %3d files %10d tokens (%s)", src.Name, len(src.Files), c.tokens-before, time.Since(start).Round(time.Second))
	}
	n, err := cmdfile.Write(cfg.out, func(w io.Writer) (int, error) { return c.write(w, cfg.minWord, cfg.minName) })
	if err != nil {
		return err
	}
	log.Printf("wrote %s: %d names (%s)", cfg.out, n, time.Since(start).Round(time.Second))
	return nil
}

// maxClasses is the most classes of contexts a table may have (the tagger
// packs a name's classes into one 32-bit value).
const maxClasses = 12

// contexts are the classes of contexts read from contexts.txt.
type contexts struct {
	classes []string
	before  map[string]int // lower-cased tokens joined by spaces → class
	after   map[string]int
	head    map[string]int
	suffix  map[string]int
	maxLen  int // the longest before/after pattern, in tokens
}

func readContexts(r io.Reader) (*contexts, error) {
	c := &contexts{before: map[string]int{}, after: map[string]int{}, head: map[string]int{}, suffix: map[string]int{}}
	index := map[string]int{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("line %d: want class, where and tokens separated by tabs", line)
		}
		cl, ok := index[f[0]]
		if !ok {
			cl = len(c.classes)
			if cl == maxClasses {
				return nil, fmt.Errorf("line %d: more than %d classes", line, maxClasses)
			}
			index[f[0]] = cl
			c.classes = append(c.classes, f[0])
		}
		pat := strings.Join(strings.Fields(strings.ToLower(f[2])), " ")
		var m map[string]int
		switch f[1] {
		case "before":
			m = c.before
		case "after":
			m = c.after
		case "head":
			m = c.head
		case "suffix":
			m = c.suffix
		default:
			return nil, fmt.Errorf("line %d: unknown place %q", line, f[1])
		}
		if _, dup := m[pat]; dup {
			return nil, fmt.Errorf("line %d: %q listed twice", line, pat)
		}
		m[pat] = cl
		c.maxLen = max(c.maxLen, len(strings.Fields(pat)))
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(c.classes) == 0 {
		return nil, errors.New("no contexts")
	}
	return c, nil
}

// stat is what is counted for one name.
type stat struct {
	n, cap int64             // occurrences inside a sentence, in any case and capitalised (words only)
	occ    int64             // occurrences as a name or inside one
	class  [maxClasses]int64 // of which in each class of contexts
}

type counter struct {
	ctx    *contexts
	names  map[string]*stat
	tokens int64
	low    []string // scratch: the lower-cased tokens of a sentence
}

func newCounter(ctx *contexts) *counter {
	return &counter{ctx: ctx, names: map[string]*stat{}}
}

func (c *counter) get(name string) *stat {
	s := c.names[name]
	if s == nil {
		s = &stat{}
		c.names[name] = s
	}
	return s
}

// add counts one unit of raw text.
func (c *counter) add(text string) {
	toks := tokenize.Tokenize(text)
	if len(toks) == 0 {
		return
	}
	for _, s := range segment.Sentences(text, toks) {
		words := make([]string, 0, s.Last-s.First)
		for _, t := range toks[s.First:s.Last] {
			words = append(words, t.Text)
		}
		c.addSentence(words)
	}
}

// addSentence counts the words and names of one tokenized sentence. The
// first word is left out (its capital says nothing), and so are title-case
// sentences (headings, titles, headlines).
func (c *counter) addSentence(words []string) {
	c.tokens += int64(len(words))
	if len(words) < 3 || titleCase(words) {
		return
	}
	c.low = c.low[:0]
	for _, w := range words {
		c.low = append(c.low, strings.ToLower(w))
	}
	for i := 1; i < len(words); i++ {
		if !hasLetter(words[i]) {
			continue
		}
		s := c.get(c.low[i])
		s.n++
		if !capitalised(words[i]) {
			continue
		}
		s.cap++
		if cl, ok := c.suffixClass(c.low[i]); ok {
			var classes [maxClasses]bool
			classes[cl] = true
			c.credit(c.low[i][:strings.LastIndexByte(c.low[i], '-')], &classes)
		}
	}
	for i := 1; i < len(words); {
		j := c.nameEnd(words, i)
		if j == i {
			i++
			continue
		}
		// An abbreviated title ("Mr.", "Gen.") is a context, not part of
		// the name.
		k := i
		for k < j-1 && strings.HasSuffix(c.low[k], ".") && c.isBefore(c.low[k]) {
			k++
		}
		c.addName(k, j)
		i = j
	}
}

// maxNameTokens is the longest name counted, as the tagger's name lists.
const maxNameTokens = 6

// connectors may join capitalised words into one name: "Bank of America",
// "Army of the Rhine".
var connectors = map[string]bool{"of": true, "for": true, "de": true, "von": true, "van": true, "der": true, "del": true, "da": true, "du": true, "la": true, "le": true}

// nameEnd returns the end of the run of capitalised words that starts at i,
// or i if none does.
func (c *counter) nameEnd(words []string, i int) int {
	if !c.nameWord(words[i]) {
		return i
	}
	j := i + 1
	for j < len(words) {
		switch {
		case c.nameWord(words[j]):
			j++
			continue
		case connectors[c.low[j]]:
			k := j + 1
			if k < len(words) && c.low[k] == "the" {
				k++
			}
			if k < len(words) && c.nameWord(words[k]) {
				j = k + 1
				continue
			}
		}
		break
	}
	return j
}

// nameWord reports whether w can be part of a name: capitalised, not "I",
// and not a word with a suffix context ("London-based"), which is counted
// on its own.
func (c *counter) nameWord(w string) bool {
	if !capitalised(w) || w == "I" {
		return false
	}
	_, ok := c.suffixClass(strings.ToLower(w))
	return !ok
}

func (c *counter) isBefore(low string) bool {
	_, ok := c.ctx.before[low]
	return ok
}

// suffixClass returns the class and the length of the first part of a word
// such as "london-based".
func (c *counter) suffixClass(low string) (int, bool) {
	k := strings.LastIndexByte(low, '-')
	if k <= 0 {
		return 0, false
	}
	cl, ok := c.ctx.suffix[low[k+1:]]
	return cl, ok
}

// addName counts the name of tokens [i, j) of the sentence in c.low, and
// its last word, with the classes of its contexts.
func (c *counter) addName(i, j int) {
	var classes [maxClasses]bool
	for n := 1; n <= c.ctx.maxLen; n++ {
		if i-n >= 0 {
			if cl, ok := c.ctx.before[strings.Join(c.low[i-n:i], " ")]; ok {
				classes[cl] = true
			}
		}
		if j+n <= len(c.low) {
			if cl, ok := c.ctx.after[strings.Join(c.low[j:j+n], " ")]; ok {
				classes[cl] = true
			}
		}
	}
	if j-i <= maxNameTokens {
		c.credit(strings.Join(c.low[i:j], " "), &classes)
		if j-i > 1 {
			if cl, ok := c.ctx.head[c.low[j-1]]; ok {
				var h [maxClasses]bool
				h[cl] = true
				c.credit(strings.Join(c.low[i:j-1], " "), &h)
			}
		}
	}
	// The last word of a longer name shares its contexts: "Clinton" in
	// "Bill Clinton said", "York" in "in New York". The other words are
	// modifiers whose use says less ("London" in "the London Stock
	// Exchange").
	if j-i > 1 {
		c.credit(c.low[j-1], &classes)
	}
}

// credit counts one occurrence of name with the given classes.
func (c *counter) credit(name string, classes *[maxClasses]bool) {
	s := c.get(name)
	s.occ++
	for k, on := range classes {
		if on {
			s.class[k]++
		}
	}
}

// write writes the table: a header, then one line per name, sorted. It
// keeps the words seen at least minWord times inside sentences and the names
// seen at least minName times, and returns the number of lines.
func (c *counter) write(w io.Writer, minWord, minName int) (int, error) {
	var keys []string
	for k, s := range c.names {
		if s.occ >= int64(minName) || strings.IndexByte(k, ' ') < 0 && s.n >= int64(minWord) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	if _, err := fmt.Fprintf(w, "name\tn\tcap\tocc\t%s\n", strings.Join(c.ctx.classes, "\t")); err != nil {
		return 0, err
	}
	var b strings.Builder
	for _, k := range keys {
		s := c.names[k]
		n, cp := s.n, s.cap
		if strings.IndexByte(k, ' ') >= 0 {
			n, cp = s.occ, s.occ
		}
		b.Reset()
		fmt.Fprintf(&b, "%s\t%d\t%d\t%d", k, n, cp, s.occ)
		for cl := range c.ctx.classes {
			fmt.Fprintf(&b, "\t%d", s.class[cl])
		}
		b.WriteByte('\n')
		if _, err := io.WriteString(w, b.String()); err != nil {
			return 0, err
		}
	}
	return len(keys), nil
}

// capitalised reports whether w starts with an upper-case letter.
func capitalised(w string) bool {
	for _, r := range w {
		return r >= 'A' && r <= 'Z' || r > 127 && strings.ToLower(string(r)) != string(r)
	}
	return false
}

func hasLetter(w string) bool {
	return strings.IndexFunc(w, func(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 }) >= 0
}

// titleCase reports whether every word of four letters or more starts with
// a capital: a title, a heading or a headline, whose capitals say nothing
// of names.
func titleCase(words []string) bool {
	for _, w := range words {
		if len(w) >= 4 && hasLetter(w) && !capitalised(w) {
			return false
		}
	}
	return true
}
