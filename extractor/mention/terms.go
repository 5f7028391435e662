package mention

import (
	"slices"

	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/ner"
)

const (
	// maxTermWords is how many words a term defined in brackets has:
	// `(the "Confidential Information")`.
	maxTermWords = 4
	// maxAliasReach is how many tokens before its brackets a short form may
	// look for the name it stands for: `Halvorsen Marine Systems AS, a
	// company organized under the laws of Norway with its registered office
	// at Strandkaien 14, 5013 Bergen, Norway ("Halvorsen")`.
	maxAliasReach = 60
)

// termDeterminers may stand before a defined term's quotes: `(the
// "Purpose")`, `(this "Agreement")`.
var termDeterminers = set(`the this a an each`)

// definedTerms reads the terms a text defines in brackets and quotes, as
// contracts, filings and press releases do. It returns, normalized:
//   - the short forms defined for a name before them in the sentence, with
//     that name's type: `Cascade Freight Solutions, Inc. ("Cascade")`, whose
//     words open the name; whatever the tagger read elsewhere, `Cascade` is
//     then the company;
//   - the terms of ordinary words, which name no one wherever the text uses
//     them: `to the other Party (the "Receiving Party")`, `(this
//     "Agreement")`, where an English dictionary writes every word in lower
//     case only.
//
// Both are nil if the text defines none.
func (g *grouper) definedTerms(tags []ner.Mention) (aliases map[string]ner.Label, terms map[string]bool) {
	for i := 0; i+4 < len(g.toks); i++ {
		if g.toks[i].Text != "(" {
			continue
		}
		if g.ck.Tick() != nil {
			return nil, nil
		}
		first, last, ok := g.termAt(i)
		if !ok {
			continue
		}
		key := g.joinNorm(first, last)
		if l, ok := g.aliasOf(tags, i, last-first, key); ok {
			if aliases == nil {
				aliases = map[string]ner.Label{}
			}
			aliases[key] = l
			continue
		}
		if g.lowerOnlyWords(first, last) {
			if terms == nil {
				terms = map[string]bool{}
			}
			terms[key] = true
		}
	}
	return aliases, terms
}

// termAt returns the words of a term defined in the brackets that open at
// token open: `(`, perhaps a determiner, a quote, one to four capitalized
// words, a quote and `)`.
func (g *grouper) termAt(open int) (first, last int, ok bool) {
	if g.toks[open].Text != "(" {
		return 0, 0, false
	}
	q := open + 1
	if termDeterminers[g.lowerAt(q)] {
		q++
	}
	if q >= len(g.toks) || !isDoubleQuote(g.toks[q].Text) {
		return 0, 0, false
	}
	first = q + 1
	for last = first; last < len(g.toks) && last-first <= maxTermWords; last++ {
		if t := g.toks[last].Text; isDoubleQuote(t) {
			return first, last, last > first && g.text1(last+1) == ")"
		} else if !isCapitalized(t) {
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// aliasOf returns the type of the name that a term of n words, defined in
// the brackets at token open, is a short form of: the nearest person's,
// place's or organization's tag before the brackets, in their sentence,
// whose first words are the term's (key, as joinNorm writes it).
func (g *grouper) aliasOf(tags []ner.Mention, open, n int, key string) (ner.Label, bool) {
	j, _ := slices.BinarySearchFunc(tags, open, func(m ner.Mention, i int) int { return m.First - i })
	for j--; j >= 0 && tags[j].First >= max(open-maxAliasReach, 0); j-- {
		m := tags[j]
		if m.Label == ner.MISC || m.First < 0 || m.Last > open || m.Last-m.First <= n || !g.sameSentence(m.First, open) {
			continue
		}
		if g.joinNorm(m.First, m.First+n) == key {
			return m.Label, true
		}
	}
	return 0, false
}

// lowerOnlyWords reports whether every word of toks[first:last] is one an
// English dictionary writes in lower case only: "Receiving Party".
func (g *grouper) lowerOnlyWords(first, last int) bool {
	for i := first; i < last; i++ {
		if !lexicon.LowerOnly(g.norm(i)) {
			return false
		}
	}
	return true
}

// definedTerm reports whether the name of key (see grouper.name) is a
// short form or a term of ordinary words that the text defines (see
// definedTerms).
func (g *grouper) definedTerm(key string) (alias, term bool) {
	return g.aliases[key] != 0, g.terms[key]
}
