package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/entityextraction/extractd/extractor/ner/conll"
)

// The GUM NER files name people, places and organizations only. GUM's
// CoNLL-U files also mark every other named thing (events such as "Cyclone
// Phailin", works, products, laws, languages), which CoNLL-2003 calls MISC.
// addGUMMisc labels those names MISC in the NER documents, so that the
// tagger learns them as names of another kind instead of guessing a person
// or an organization.

// miscKinds are the GUM entity types whose proper names are MISC.
var miscKinds = map[string]bool{"event": true, "object": true, "abstract": true, "substance": true, "plant": true, "animal": true}

// addGUMMisc labels MISC the proper-noun words of docs (in the order of ids)
// that GUM's CoNLL-U files in dir put in a mention of a miscKinds type and
// the NER file leaves O. It returns how many names it labelled; a document
// whose words do not line up with its CoNLL-U file is left as it is.
func addGUMMisc(docs []conll.Document, ids []string, dir string) (int, error) {
	n := 0
	for i, d := range docs {
		words, err := readGUMWords(filepath.Join(dir, ids[i]+".conllu"))
		if err != nil {
			return n, err
		}
		if len(words) != d.NumTokens() {
			continue
		}
		k := 0
		for _, s := range d.Sentences {
			inside := false
			for j := range s.Tokens {
				w := words[k]
				k++
				if s.Tags[j] != "O" || !w.misc || w.form != s.Tokens[j] {
					inside = false
					continue
				}
				if inside {
					s.Tags[j] = "I-MISC"
				} else {
					s.Tags[j] = "B-MISC"
					n++
				}
				inside = true
			}
		}
	}
	return n, nil
}

// gumWord is a syntactic word of a CoNLL-U file: its form, and whether it is
// a proper noun whose innermost mention is of a miscKinds type.
type gumWord struct {
	form string
	misc bool
}

func readGUMWords(path string) ([]gumWord, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var words []gumWord
	var stack []gumMention // mentions open at the current word, innermost last
	var closes []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 10 {
			return nil, fmt.Errorf("%s: a line with %d columns", path, len(cols))
		}
		if strings.ContainsAny(cols[0], "-.") {
			continue // multiword token or empty node
		}
		closes = closes[:0]
		for _, field := range strings.Split(cols[9], "|") {
			v, ok := strings.CutPrefix(field, "Entity=")
			if !ok {
				continue
			}
			stack, closes = parseEntityField(v, stack, closes)
		}
		w := gumWord{form: cols[1]}
		if len(stack) > 0 && (cols[4] == "NNP" || cols[4] == "NNPS") && strings.ContainsFunc(cols[1], unicode.IsUpper) {
			w.misc = miscKinds[stack[len(stack)-1].kind]
		}
		words = append(words, w)
		for _, id := range closes {
			for j := len(stack) - 1; j >= 0; j-- {
				if stack[j].id == id {
					stack = append(stack[:j], stack[j+1:]...)
					break
				}
			}
		}
	}
	return words, sc.Err()
}

// gumMention is a GUM mention: its entity id and type.
type gumMention struct{ id, kind string }

// parseEntityField reads one Entity= value ("(3-event-new-...", "3)",
// "(5-person-...)" for one word, several run together) and returns the
// stack with the mentions it opens pushed and the ids of the mentions that
// end at this word appended to closes. A mention that opens and closes on
// this word is pushed and closed.
func parseEntityField(v string, stack []gumMention, closes []string) ([]gumMention, []string) {
	for len(v) > 0 {
		switch {
		case v[0] == '(':
			end := strings.IndexAny(v[1:], "()")
			var body string
			if end < 0 {
				body, v = v[1:], ""
			} else {
				body, v = v[1:1+end], v[1+end:]
			}
			parts := strings.SplitN(body, "-", 3)
			if len(parts) < 2 {
				continue
			}
			stack = append(stack, gumMention{id: parts[0], kind: parts[1]})
			if strings.HasPrefix(v, ")") {
				closes = append(closes, parts[0])
				v = v[1:]
			}
		default:
			end := strings.IndexByte(v, ')')
			if end < 0 {
				return stack, closes
			}
			closes = append(closes, v[:end])
			v = v[end+1:]
		}
	}
	return stack, closes
}
