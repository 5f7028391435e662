package coref

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/ner"
)

// Word lists of the turn cues, from the lexicon.
var (
	secondPronouns = lexicon.Set("pronouns-second")
	pluralYou      = lexicon.Set("plural-you")
	introductions  = splitPhrases(lexicon.Words("self-introductions"))
	introFillers   = lexicon.Set("self-introduction-fillers")
	coHosts        = splitPhrases(lexicon.Words("co-host-cues"))
	salutations    = lexicon.Set("salutations")
	bylines        = splitPhrases(lexicon.Words("bylines"))
	interviewWords = splitPhrases(lexicon.Words("interview-words"))
	closings       = lexicon.Set("letter-closings")
	prepositions   = lexicon.Set("prepositions")
)

// How far into a text its title, byline, salutation or the lead naming
// the person interviewed are looked for, in paragraphs, and how close to
// its end a signature.
const (
	headParagraphs = 4
	// salutationParagraphs is how far into a letter its salutation is
	// looked for, after a letterhead, a date and the addressee's address.
	salutationParagraphs = 6
	// titleParagraphs is how many paragraphs can hold the title (after a
	// date line) that says a text is an interview.
	titleParagraphs = 2
	// floorTokens is how long a paragraph must be to be taken for a turn
	// of the person who last took the floor, rather than a reply.
	floorTokens    = 30
	tailParagraphs = 3
	// introSentences is how far into a paragraph a speaker introduces
	// themselves: "Good morning, your honors. My name is Amy Sells."; a
	// host may greet and name the show first ("Good evening everybody and
	// welcome to Beyond the Mat! … I'm your host as always, Dave"). On GUM
	// dev 6 to 30 find the same two hosts, 3 to 5 neither; GUM train has
	// no introduction past the third sentence.
	introSentences = 8
	// storyDialogue is how many paragraphs opening with a quotation mark
	// make a text a story with dialogue, whose narrator need not be the
	// author under its title.
	storyDialogue = 3
)

// para is a paragraph: the tokens toks[first:last].
type para struct{ first, last int }

// turns holds who speaks each paragraph and to whom, when the text says so
// (-1 when it does not): the person "I" refers to outside quotations, and
// the one "you" refers to.
type turns struct {
	paras     []para
	speaker   []int
	addressee []int
	// author and reader are the person who writes or speaks the whole text
	// (a byline, a signature, the person an interview is with) and the one
	// it is addressed to (a letter's salutation), or -1.
	author, reader int
	// writer is true when the author writes the text (a byline, a
	// signature): every paragraph outside a quotation is theirs.
	writer bool
	// interviewee is the person an interview is with, or -1: the one
	// "you" refers to in its questions.
	interviewee int
	// floor is who last took the floor before or at each paragraph.
	floor []int
	// intro is who introduces themselves in each paragraph, or -1.
	intro []int
}

// findTurns reads the cues that say who speaks a paragraph: a turn label
// ("Mara: ..."), a self-introduction ("I'm Tomás Herrera"), a name
// addressed at the end of the paragraph before ("What did you do, Sam?"),
// and for the whole text a byline, a signature or the title of an
// interview; and the cues that say to whom: a salutation ("Dear Margaret:")
// and a name addressed in the paragraph itself.
func (r *resolver) findTurns() {
	t := &r.turns
	t.paras = r.paragraphs()
	t.speaker = make([]int, len(t.paras))
	t.addressee = make([]int, len(t.paras))
	for i := range t.paras {
		t.speaker[i], t.addressee[i] = -1, -1
	}
	t.author, t.reader = -1, -1
	r.labels()
	t.intro = make([]int, len(t.paras))
	for p := range t.paras {
		t.intro[p] = r.introduction(p)
		if e := t.intro[p]; e >= 0 {
			t.speaker[p] = e
		}
		if e, last := r.vocative(p); e >= 0 {
			t.addressee[p] = e
			if last && p+1 < len(t.paras) && t.speaker[p+1] < 0 {
				t.speaker[p+1] = e
			}
		}
	}
	t.floor = make([]int, len(t.paras))
	holder := -1
	for p := range t.paras {
		switch {
		case t.intro[p] >= 0:
			holder = -1 // one of several voices, not one given the floor
		case t.speaker[p] >= 0:
			holder = t.speaker[p]
		}
		t.floor[p] = holder
	}
	r.pairTurns()
	t.interviewee = r.interviewee()
	t.author, t.writer = r.author()
	t.reader = r.salutation()
}

// paragraphs returns the paragraphs of the text in order.
func (r *resolver) paragraphs() []para {
	var ps []para
	for k := range r.d.Toks {
		if k == 0 || r.d.TokPara[k] != r.d.TokPara[k-1] {
			ps = append(ps, para{k, k + 1})
		} else {
			ps[len(ps)-1].last = k + 1
		}
	}
	return ps
}

// speakerAt returns the person the first person refers to at token k,
// outside a quotation, or -1.
func (r *resolver) speakerAt(k int) int {
	p := r.paraOf(k)
	if p < 0 {
		return -1
	}
	if s := r.turns.speaker[p]; s >= 0 {
		return s
	}
	if r.turns.writer {
		return r.turns.author // a letter or an essay: its questions are the writer's too
	}
	if r.question(p) {
		return -1 // a question is usually the other party's
	}
	if f := r.turns.floor[p]; f >= 0 && r.turns.paras[p].last-r.turns.paras[p].first >= floorTokens {
		return f
	}
	return r.turns.author
}

// addresseeAt returns the person the second person refers to at token k,
// outside a quotation, or -1.
func (r *resolver) addresseeAt(k int) int {
	p := r.paraOf(k)
	if p < 0 {
		return -1
	}
	if a := r.turns.addressee[p]; a >= 0 {
		return a
	}
	if r.question(p) {
		switch f := r.turns.floor[p]; {
		case r.turns.interviewee >= 0:
			return r.turns.interviewee
		case f >= 0 && f != r.turns.speaker[p] && p > 0 && r.speakerAt(r.turns.paras[p-1].first) == f:
			return f // a question put to the one who has just spoken
		}
	}
	return r.turns.reader
}

// paraOf returns the index of the paragraph that holds token k.
func (r *resolver) paraOf(k int) int {
	ps := r.turns.paras
	lo, hi := 0, len(ps)
	for lo < hi {
		m := (lo + hi) / 2
		if ps[m].last <= k {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(ps) && ps[lo].first <= k {
		return lo
	}
	return -1
}

// question reports whether paragraph p ends with a question mark.
func (r *resolver) question(p int) bool {
	pa := r.turns.paras[p]
	for k := pa.last - 1; k >= pa.first; k-- {
		w := r.d.Lower[k]
		if isWord(w) {
			return false
		}
		if w == "?" {
			return true
		}
	}
	return false
}

// person returns the person whose name starts at token k, or -1.
func (r *resolver) person(k int) int {
	if k < 0 || k >= len(r.d.Toks) {
		return -1
	}
	e := r.entAt[k]
	if e < 0 || r.ents[e].Label != ner.PER || k > 0 && r.entAt[k-1] == e {
		return -1
	}
	return e
}

// nameEnd returns the token just past the name of entity e that starts at k.
func (r *resolver) nameEnd(k, e int) int {
	for k < len(r.d.Toks) && r.entAt[k] == e {
		k++
	}
	return k
}

// nameStart returns the first token of entity e's name that covers token k.
func (r *resolver) nameStart(k, e int) int {
	for k > 0 && r.entAt[k-1] == e {
		k--
	}
	return k
}

// labels reads turn labels, a person's name and a colon opening a
// paragraph ("DAVE: ..."): the person speaks that paragraph and the ones
// after it, up to the next label of any kind ("THE PRESIDENT: ...").
func (r *resolver) labels() {
	t := &r.turns
	cur := -1
	for p, pa := range t.paras {
		if e := r.person(pa.first); e >= 0 {
			if end := r.nameEnd(pa.first, e); end < pa.last && r.d.Lower[end] == ":" {
				cur = e
			}
		} else if r.labelled(pa) {
			cur = -1
		}
		t.speaker[p] = cur
	}
}

// labelled reports whether a paragraph opens with a label that is not a
// name: up to four capitalized words and a colon ("THE VICE PRESIDENT:").
func (r *resolver) labelled(pa para) bool {
	for k := pa.first; k < pa.last && k < pa.first+5; k++ {
		w := r.d.Toks[k].Text
		if w == ":" {
			return k > pa.first
		}
		c, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(c) && w != "." {
			return false
		}
	}
	return false
}

// introduction returns the person who introduces themselves in the first
// sentences of paragraph p, outside quotations: "I'm Tomás Herrera",
// "my name is Amy Sells", "Hey, it's Jackie", or -1.
func (r *resolver) introduction(p int) int {
	pa := r.turns.paras[p]
	s0 := r.d.SentenceOf(pa.first)
	for k := pa.first; k < pa.last; k++ {
		if r.d.SentenceOf(k) >= s0+introSentences {
			break
		}
		if r.d.InQuote[k] {
			continue
		}
		n := r.matchAt(k, introductions)
		if n == 0 {
			continue
		}
		j := k + n
		for j < pa.last && introFillers[r.d.Lower[j]] && r.entAt[j] < 0 {
			j++
		}
		if e := r.person(j); e >= 0 {
			return e
		}
	}
	return -1
}

// phraseSet is phrases of words, with straight apostrophes.
type phraseSet struct {
	words [][]string // each phrase's words
	first [256]bool  // the first bytes of the phrases' first words
}

// splitPhrases returns the set of phrases, each of words joined by spaces.
func splitPhrases(phrases []string) *phraseSet {
	ps := &phraseSet{words: make([][]string, len(phrases))}
	for i, ph := range phrases {
		ps.words[i] = strings.Fields(ph)
		if len(ps.words[i]) > 0 {
			ps.first[ps.words[i][0][0]] = true
		}
	}
	return ps
}

// matchAt returns the number of tokens of the longest phrase of phrases
// (each phrase's words, with straight apostrophes) that the text has at
// token k, or 0.
func (r *resolver) matchAt(k int, phrases *phraseSet) int {
	w := r.d.Lower[k]
	if w == "" {
		return 0
	}
	if c := w[0]; !phrases.first[c] && (c != "’"[0] || !phrases.first['\'']) {
		return 0 // the usual case: no phrase starts with the word's first byte, straightened
	}
	best := 0
	first := straight(w)
	for _, ws := range phrases.words {
		if len(ws) == 0 || k+len(ws) > len(r.d.Toks) || ws[0] != first {
			continue
		}
		ok := true
		for i, w := range ws[1:] {
			if straight(r.d.Lower[k+1+i]) != w {
				ok = false
				break
			}
		}
		if ok {
			best = max(best, len(ws))
		}
	}
	return best
}

// straight returns w with curly apostrophes made straight.
func straight(w string) string {
	if !strings.ContainsRune(w, '’') {
		return w
	}
	return strings.ReplaceAll(w, "’", "'")
}

// vocative returns the person a paragraph addresses by name, and whether
// the name ends the paragraph (so that the person speaks next): a name
// closing a question (not after a preposition: "the program about
// Hantavirus?"), after a comma or alone ("What did you do, Sam?",
// "So, Mae –"), or with a title alone in the last sentence ("General
// Okafor.", not the salutation "Dr. Levin,"); or opening the paragraph
// before a comma ("Ruth, just let it go.").
func (r *resolver) vocative(p int) (int, bool) {
	pa := r.turns.paras[p]
	end := pa.last
	for end > pa.first && !hasWord(r.d.Lower[end-1]) {
		end--
	}
	if end == pa.first || r.d.InQuote[end-1] {
		return -1, false
	}
	e := r.entAt[end-1]
	if e >= 0 && r.ents[e].Label == ner.PER {
		k := end - 1
		for k > pa.first && r.entAt[k-1] == e {
			k--
		}
		name := k
		for k > pa.first && r.titleWord(k-1) {
			k-- // "General Okafor.", "Miss Stevens?"
		}
		closing := ""
		if end < pa.last {
			closing = r.d.Lower[end]
		}
		alone := k == pa.first || r.sentenceStart(k)
		switch closing {
		case ",", "": // a salutation, a heading
		case ".":
			if k < name && alone {
				return e, true
			}
		default:
			// not after a preposition or "the": "a guy called the Invisible Man?"
			if alone || r.d.Lower[k-1] == "," || closing == "?" && !prepositions[r.d.Lower[k-1]] && r.d.Lower[k-1] != "the" {
				return e, true
			}
		}
	}
	if e := r.person(pa.first); e >= 0 {
		if n := r.nameEnd(pa.first, e); n < pa.last && r.d.Lower[n] == "," {
			return e, false
		}
	}
	return r.addressedYou(pa), false
}

// addressedYou returns the person a paragraph addresses by a name set off
// by a comma before "you" or "your", after a comma or at a sentence's
// start ("Just to confirm, Mr. Sova, you've reserved ten minutes"), outside
// quotations; or -1.
func (r *resolver) addressedYou(pa para) int {
	for k := pa.first + 1; k+2 < pa.last; k++ {
		e := r.person(k)
		if e < 0 || r.d.InQuote[k] {
			continue
		}
		start := k
		for start > pa.first && r.titleWord(start-1) {
			start--
		}
		n := r.nameEnd(k, e)
		if n+1 < pa.last && r.d.Lower[n] == "," && secondPronouns[r.d.Lower[n+1]] &&
			(r.sentenceStart(start) || start > pa.first && r.d.Lower[start-1] == ",") {
			return e
		}
	}
	return -1
}

// titleWord reports whether token k is a title or an honorific: "General",
// "Miss", "Dr.".
func (r *resolver) titleWord(k int) bool {
	w := trimDot(r.d.Lower[k])
	return titles[w] || honorificsMale[w] || honorificsFem[w]
}

// sentenceStart reports whether token k opens a sentence.
func (r *resolver) sentenceStart(k int) bool {
	s := r.d.SentenceOf(k)
	return s >= 0 && r.d.Sents[s].First == k
}

// author returns the person who writes or speaks the whole text, and
// whether they write it (rather than speak it): the name
// under a title ("By Cory Doctorow") unless the text is a story with
// dialogue, a signature (a name alone in one of the last paragraphs), the
// person an interview is with, or one who introduces themselves at the
// head of the text ("Hey, it's Jackie") when nobody else does; or -1.
func (r *resolver) author() (int, bool) {
	ps := r.turns.paras
	for p := 0; p < len(ps) && p < headParagraphs && !r.story(); p++ {
		if n := r.matchAt(ps[p].first, bylines); n > 0 {
			if e := r.person(ps[p].first + n); e >= 0 {
				return e, true
			}
		}
	}
	for p := len(ps) - 1; p > 0 && p >= len(ps)-tailParagraphs; p-- {
		if e := r.signature(ps[p]); e >= 0 {
			return e, true
		}
	}
	if e := r.turns.interviewee; e >= 0 {
		return e, false
	}
	intro := -1
	for p, e := range r.turns.intro {
		switch {
		case e < 0:
		case intro >= 0 && intro != e:
			return -1, false // two people introduce themselves
		case p < headParagraphs && r.joinedBy(p):
			return -1, false // "I am joined by Alex": two voices
		case p < headParagraphs:
			intro = e
		}
	}
	return intro, false
}

// joinedBy reports whether paragraph p names a person after words that
// say they are another voice of the text: "I am joined by Alex".
func (r *resolver) joinedBy(p int) bool {
	pa := r.turns.paras[p]
	for k := pa.first; k < pa.last; k++ {
		if n := r.matchAt(k, coHosts); n > 0 && r.person(k+n) >= 0 {
			return true
		}
	}
	return false
}

// story reports whether the text has paragraphs of dialogue, opening with
// a quotation mark.
func (r *resolver) story() bool {
	n := 0
	for _, pa := range r.turns.paras {
		if pa.last > pa.first+1 && r.d.InQuote[pa.first+1] {
			n++
		}
	}
	return n >= storyDialogue
}

// signature returns the person whose name is alone in paragraph pa but for
// punctuation and the words that close a letter ("Sincerely, Ruth
// Adler"), or -1.
func (r *resolver) signature(pa para) int {
	k := pa.first
	for k < pa.last && r.entAt[k] < 0 && (closings[r.d.Lower[k]] || !isWord(r.d.Lower[k])) {
		k++
	}
	e := r.person(k)
	if e < 0 {
		return -1
	}
	for k = r.nameEnd(k, e); k < pa.last; k++ {
		if isWord(r.d.Lower[k]) {
			return -1
		}
	}
	return e
}

// interviewee returns the person a text is an interview with: its title
// says it is one, and the person is named next to the words that say so
// in the title or the paragraphs after it ("Wikinews interviews Israeli
// mathematician Aner Shalev", "Jack Herrick, wikiHow founder, interviewed
// by Wikinews", "Wikinews spoke with William Evans"); or -1.
func (r *resolver) interviewee() int {
	ps := r.turns.paras
	if len(ps) == 0 {
		return -1
	}
	is := false
	for k := ps[0].first; k < len(r.d.Toks) && r.paraOf(k) < titleParagraphs && !is; k++ {
		is = r.matchAt(k, interviewWords) > 0
	}
	for k := ps[0].first; is && k < len(r.d.Toks) && r.paraOf(k) < headParagraphs; k++ {
		n := r.matchAt(k, interviewWords)
		if n == 0 {
			continue
		}
		if e := r.nextPerson(k+n, 1); e >= 0 {
			return e
		}
		if e := r.nextPerson(k-1, -1); e >= 0 && r.paraOf(k) < titleParagraphs {
			return e
		}
	}
	return -1
}

// nextPerson returns the first person named from token k on in direction
// dir (1 or -1) in k's sentence, when only a description of them stands
// between ("Israeli mathematician and writer"), or -1.
func (r *resolver) nextPerson(k, dir int) int {
	s := r.d.SentenceOf(k)
	for ; k >= 0 && k < len(r.d.Toks) && r.d.SentenceOf(k) == s; k += dir {
		if e := r.entAt[k]; e >= 0 {
			if r.ents[e].Label == ner.PER {
				if dir > 0 && r.twoPeople(k, e) {
					return -1 // "Tomás Herrera and Lena Vogt"
				}
				return e
			}
			continue
		}
		w := r.d.Lower[k]
		if stopWords[w] && w != "and" || !isWord(w) && (w != "," || dir > 0) {
			return -1
		}
	}
	return -1
}

// twoPeople reports whether the name of e at token k is followed by "and"
// and another person's name.
func (r *resolver) twoPeople(k, e int) bool {
	end := r.nameEnd(k, e)
	if end+1 >= len(r.d.Toks) || r.d.Lower[end] != "and" {
		return false
	}
	x := r.person(end + 1)
	return x >= 0 && x != e
}

// salutation returns the person a letter is addressed to ("Dear Margaret:"),
// or -1.
func (r *resolver) salutation() int {
	ps := r.turns.paras
	for p := 0; p < len(ps) && p < salutationParagraphs; p++ {
		k := ps[p].first
		if salutations[r.d.Lower[k]] {
			if e := r.person(k + 1); e >= 0 {
				return e
			}
		}
		if e := r.titledAlone(ps[p]); e >= 0 {
			return e
		}
	}
	return -1
}

// titledAlone returns the person whose name, after a title, is all of
// paragraph pa but for a comma closing it: the salutation "Dr.
// Pangborn,"; or -1. ("Dr. Pangborn:" would rather label a turn.)
func (r *resolver) titledAlone(pa para) int {
	k := pa.first
	for k < pa.last && r.titleWord(k) {
		k++
	}
	e := r.person(k)
	if k == pa.first || e < 0 {
		return -1
	}
	end := r.nameEnd(k, e)
	if end+1 != pa.last || r.d.Lower[end] != "," {
		return -1
	}
	return e
}

// firstPerson: "I", "me", "my" (and the "I" of "I've") outside
// quotations, for the person who speaks the paragraph (see findTurns).
func (r *resolver) firstPerson(k int) (int, int, bool) {
	if !firstSingular[r.d.Lower[k]] && !firstContracted[r.d.Lower[k]] || r.d.InQuote[k] {
		return 0, 0, false
	}
	e := r.speakerAt(k)
	return e, k + 1, e >= 0
}

// secondPerson: "you", "your" outside quotations, for the person a
// paragraph or a letter is addressed to; not "you guys", "you all".
func (r *resolver) secondPerson(k int) (int, int, bool) {
	if !secondPronouns[r.d.Lower[k]] || r.d.InQuote[k] {
		return 0, 0, false
	}
	if k+1 < len(r.d.Toks) && pluralYou[r.d.Lower[k+1]] {
		return 0, 0, false
	}
	e := r.addresseeAt(k)
	return e, k + 1, e >= 0
}

// hasWord reports whether token text w is a word: letters or digits, not
// only punctuation.
func hasWord(w string) bool {
	for _, c := range w {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return true
		}
	}
	return false
}

// pairTurns gives a paragraph with no speaker to one of the two people who
// introduced themselves in the text when it names the other beside "I" or
// "me" ("Isabel and I", "me and Isabel"). It gives no floor: the next long
// paragraph may be either's.
func (r *resolver) pairTurns() {
	t := &r.turns
	a, b := -1, -1
	for _, e := range t.intro {
		switch {
		case e < 0 || e == a || e == b:
		case a < 0:
			a = e
		case b < 0:
			b = e
		default:
			return // three voices
		}
	}
	if b < 0 {
		return
	}
	for p, pa := range t.paras {
		if t.speaker[p] >= 0 {
			continue
		}
		switch r.besideI(pa) {
		case a:
			t.speaker[p] = b
		case b:
			t.speaker[p] = a
		}
	}
}

// besideI returns the person named next to "I" or "me" in paragraph pa,
// outside quotations ("Isabel and I", "me and Isabel"), or -1.
func (r *resolver) besideI(pa para) int {
	for k := pa.first; k+2 < pa.last; k++ {
		if r.d.InQuote[k] || r.d.Lower[k+1] != "and" {
			continue
		}
		if firstSingular[r.d.Lower[k]] {
			if e := r.person(k + 2); e >= 0 {
				return e
			}
		}
		if e := r.entAt[k]; e >= 0 && r.ents[e].Label == ner.PER && firstSingular[r.d.Lower[k+2]] {
			return e
		}
	}
	return -1
}
