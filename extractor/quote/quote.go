package quote

import (
	"context"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/internal/checkpoint"
	"github.com/entityextraction/extractd/extractor/internal/doc"
	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// Quote is a direct quotation: the quoted words text[Start:End], without the
// quotation marks, and who said them.
//
// A quotation that runs over several paragraphs is returned as one Quote per
// paragraph; every Quote but the last has Continued set, and all of them
// have the same speaker.
type Quote struct {
	Start, End               int
	SpeakerStart, SpeakerEnd int  // the attributing words ("Artyom Shraibman", "he", "the Kremlin"), or 0, 0
	Entity                   int  // index of the speaker in the entities, or -1
	Continued                bool // the quotation goes on in the next Quote (the next paragraph)
	// Sieve names the sieve that decided the speaker (see [Sieves]), or is
	// "" when none did.
	Sieve string
}

// MinWords is the fewest words a quotation must have to be reported when no
// speech verb attributes it and it does not go on from its speaker's
// quotation as a whole sentence. Shorter quoted phrases are usually scare
// quotes or titles ("the collective West").
const MinWords = 4

// Find returns the quotations in text, in text order. toks and sents are the
// tokens and sentences of text; ents are the entities found in it, which
// speakers are linked to. Find takes time linear in the length of text.
func Find(text string, toks []tokenize.Token, sents []segment.Sentence, ents []mention.Entity) []Quote {
	quotes, _ := FindContext(context.Background(), text, toks, sents, ents)
	return quotes
}

// FindContext is [Find], stopping with the context's error if ctx ends; it
// checks ctx between its passes and every [checkpoint.Every] quotations.
func FindContext(ctx context.Context, text string, toks []tokenize.Token, sents []segment.Sentence, ents []mention.Entity) ([]Quote, error) {
	ck := checkpoint.New(ctx)
	paras, spaced := paragraphs(text)
	pieces := findPieces(text, paras, spaced)
	if len(pieces) == 0 {
		return nil, ck.Err()
	}
	if err := ck.Err(); err != nil {
		return nil, err
	}
	named, corefAt := namesOnly(ents, len(toks))
	a := newAttributor(text, toks, sents, named, paras, pieces)
	a.corefAt = corefAt
	if err := ck.Err(); err != nil {
		return nil, err
	}
	a.ck = ck
	quotes := a.run()
	if err := ck.Err(); err != nil {
		return nil, err
	}
	return quotes, nil
}

// namesOnly returns ents with their names only, and the entity each token
// of a description or pronoun mention refers to (-1 for none).
func namesOnly(ents []mention.Entity, ntoks int) ([]mention.Entity, []int) {
	corefAt := make([]int, ntoks)
	for i := range corefAt {
		corefAt[i] = -1
	}
	named := make([]mention.Entity, len(ents))
	nm := 0
	for _, e := range ents {
		nm += len(e.Mentions)
	}
	refs := make([]mention.Ref, 0, nm) // every entity's names, in turn
	for ei, e := range ents {
		named[ei] = e
		first := len(refs)
		named[ei].Mentions = refs[first:first:first]
		for _, m := range e.Mentions {
			if m.Kind == doc.Proper {
				refs = append(refs, m)
				named[ei].Mentions = refs[first:len(refs):len(refs)]
				continue
			}
			for k := max(m.First, 0); k < m.Last && k < ntoks; k++ {
				corefAt[k] = ei
			}
		}
	}
	return named, corefAt
}

// group is one quotation: the pieces pieces[first:last] of it.
type group struct {
	first, last int
	openTok     int // index of the first token of the opening mark
	closeTok    int // index of the first token after the closing mark
	para        int // paragraph of the first piece
	lastPara    int
	words       int
	unclosed    bool // the last piece runs to the paragraph end

	found    bool
	tight    bool // a speech verb attributes the quotation directly
	follows  bool // it goes on from the reported quotation just before, by the same speaker
	attrEnd  int  // token index where the attribution after the quotation ends
	spStart  int
	spEnd    int
	entity   int
	reported bool
	sieve    string // the sieve that decided the speaker
}

// nounPhrase is a run of tokens that names or describes a speaker.
type nounPhrase struct{ lo, hi int }

type attributor struct {
	ck     *checkpoint.Counter // checks the call's context
	text   string
	toks   []tokenize.Token
	sents  []segment.Sentence
	ents   []mention.Entity
	paras  []paragraph
	pieces []piece
	groups []group

	tokPara  []int  // paragraph of each token
	tokSent  []int  // sentence of each token
	inQuote  []bool // the token is inside a quotation or is one of its marks
	inLong   []bool // the same, for quotations of at least MinWords words
	entAt    []int  // entity with a mention covering the token, or -1
	mentAt   []int  // start token of that mention
	corefAt  []int  // entity a description or pronoun refers to (from the coreference stage), or -1
	lowerUse map[string]bool
	names    map[string]int      // entity names and mention texts → entity
	surnames map[string]int      // last word of a person's name → entity, -1 if ambiguous
	bearers  map[string][]bearer // last word of a person's name of two words or more → its mentions, in text order; see namesake
}

func newAttributor(text string, toks []tokenize.Token, sents []segment.Sentence, ents []mention.Entity, paras []paragraph, pieces []piece) *attributor {
	a := &attributor{text: text, toks: toks, sents: sents, ents: ents, paras: paras, pieces: pieces}
	n := len(toks)
	a.tokPara = make([]int, n)
	p := 0
	for i, t := range toks {
		for p+1 < len(paras) && t.Start >= paras[p+1].start {
			p++
		}
		a.tokPara[i] = p
	}
	a.tokSent = make([]int, n)
	for i := range a.tokSent {
		a.tokSent[i] = -1
	}
	for si, s := range sents {
		for i := max(s.First, 0); i < s.Last && i < n; i++ {
			a.tokSent[i] = si
		}
	}
	a.entAt = make([]int, n)
	a.mentAt = make([]int, n)
	for i := range a.entAt {
		a.entAt[i] = -1
	}
	for ei, e := range ents {
		for _, m := range e.Mentions {
			for i := max(m.First, 0); i < m.Last && i < n; i++ {
				a.entAt[i] = ei
				a.mentAt[i] = m.First
			}
		}
	}
	a.inQuote = make([]bool, n)
	a.inLong = make([]bool, n)
	ngroups := 0
	for k := range pieces {
		if k == 0 || pieces[k].group != pieces[k-1].group {
			ngroups++
		}
	}
	a.groups = make([]group, 0, ngroups)
	// Group the pieces and mark the tokens inside quotations.
	for k := 0; k < len(pieces); {
		j := k + 1
		for j < len(pieces) && pieces[j].group == pieces[k].group {
			j++
		}
		first, last := pieces[k], pieces[j-1]
		g := group{first: k, last: j, para: first.para, lastPara: last.para, entity: -1,
			openTok: a.tokAt(first.open0), closeTok: a.tokAt(last.close1), unclosed: last.close0 == last.close1}
		for _, pc := range pieces[k:j] {
			lo, hi := a.tokAt(pc.open0), a.tokAt(pc.close1)
			for i := lo; i < hi; i++ {
				a.inQuote[i] = true
			}
			g.words += countWords(text[pc.start:pc.end])
		}
		g.attrEnd = g.closeTok
		if g.words >= MinWords {
			for i := g.openTok; i < g.closeTok; i++ {
				a.inLong[i] = true
			}
		}
		a.groups = append(a.groups, g)
		k = j
	}
	return a
}

// tokAt returns the index of the first token that ends after byte offset pos.
func (a *attributor) tokAt(pos int) int {
	return sort.Search(len(a.toks), func(i int) bool { return a.toks[i].End > pos })
}

func (a *attributor) run() []Quote {
	prev := -1 // the last attributed group
	for gi := range a.groups {
		if a.ck.Tick() != nil {
			return nil
		}
		g := &a.groups[gi]
		a.attribute(gi, prev)
		if g.found {
			prev = gi
		}
		// A short quotation is reported when a speech verb attributes it
		// ("“No,” she said.") or when it is a whole sentence going on from
		// its speaker's quotation ("“…,” he said. “Nobody believes that.”").
		g.reported = g.words >= MinWords || g.found && !g.unclosed && (g.tight || g.follows && a.wholeSentence(g))
	}
	out := make([]Quote, 0, len(a.pieces))
	for _, g := range a.groups {
		if !g.reported {
			continue
		}
		for _, pc := range a.pieces[g.first:g.last] {
			q := Quote{Start: pc.start, End: pc.end, Entity: -1, Continued: pc.continued}
			if g.found {
				q.SpeakerStart, q.SpeakerEnd, q.Entity = g.spStart, g.spEnd, g.entity
			}
			q.Sieve = g.sieve
			out = append(out, q)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// wholeSentence reports whether the quoted words of g start with a capital
// letter and end with a full stop, question or exclamation mark.
func (a *attributor) wholeSentence(g *group) bool {
	first, _ := utf8.DecodeRuneInString(a.text[a.pieces[g.first].start:])
	switch a.lastQuotedRune(g) {
	case '.', '?', '!':
		return unicode.IsUpper(first)
	}
	return false
}

// countWords counts the runs of non-space characters of s that hold a letter
// or digit: "won't be enough" has three words.
func countWords(s string) int {
	n, in, word := 0, false, false
	for _, r := range s {
		if isSpace(r) {
			if in && word {
				n++
			}
			in, word = false, false
			continue
		}
		in = true
		word = word || unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	if in && word {
		n++
	}
	return n
}

func isWordToken(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
