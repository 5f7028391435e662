package money

import (
	_ "embed"
	"slices"
	"strings"
	"time"

	"github.com/entityextraction/extractd/extractor/tokenize"
)

//go:embed data/places.tsv
var placesTSV string

//go:embed data/periods.tsv
var periodsTSV string

// Context is what Find may know about a document beyond its tokens.
type Context struct {
	// Places returns the places the document names, as a tagger found them.
	// Find calls it at most once, and only when a currency name that several
	// countries share has to be settled ("pesos", a bare "$"). When Places is
	// nil, Find looks for place names among the tokens itself.
	Places func() []Place

	// Date is when the document was written. A currency name that has had
	// several codes over time gets the one in force that day; the zero Date
	// gives today's code.
	Date time.Time
}

// Place is a place a document names.
type Place struct {
	Name     string // its canonical name: "Bogotá", "United States"
	Mentions int    // how many times the text names it
	Dateline bool   // the document's dateline names it ("BOGOTA, May 3 (Reuters) -")
	Start    int    // byte offset of its first mention
}

// datelineWeight is what a dateline's place counts for, in mentions.
const datelineWeight = 3

// A bare "$" is the U.S. dollar in a document that writes another dollar
// with its own sign or name ("HK$0.163", "C$1.2 billion", "Canadian
// dollars"): it tells the two apart. Otherwise the document's places decide.
//
// minForeignDollar is the score a dollar other than the U.S. dollar needs to
// take a bare "$": the dateline, or three mentions of the country's places,
// more than the United States gets. Only the tagger's places count, not
// adjectives ("the $2 million Canadian Open") or words in names ("Shell
// Canada").
const minForeignDollar = 3

// country is a line of places.tsv.
type country struct {
	codes []string
}

// placeName is a place or adjective of places.tsv, for matching tokens.
type placeName struct {
	rest    []string // the tokens after the first
	country int
	adj     bool
}

// period is a line of periods.tsv.
type period struct {
	code        string
	from, until time.Time // zero: open
}

// loadPlaces reads places.tsv and periods.tsv into l.
func (l *lexicon) loadPlaces() {
	l.placeByName = map[string][]int{}
	l.placeByTok = map[string][]placeName{}
	for _, line := range strings.Split(placesTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			continue
		}
		c := len(l.countries)
		l.countries = append(l.countries, country{codes: strings.Fields(f[1])})
		for col, adj := range []bool{false, true} {
			for _, name := range strings.Split(f[2+col], "|") {
				if name == "" {
					continue
				}
				if !adj {
					k := strings.ToLower(name)
					l.placeByName[k] = append(l.placeByName[k], c)
				}
				l.addPlaceTokens(name, c, adj)
			}
		}
	}
	l.periods = map[string][]period{}
	for _, line := range strings.Split(periodsTSV, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			continue
		}
		from, _ := time.Parse(time.DateOnly, f[2])
		until, _ := time.Parse(time.DateOnly, f[3])
		l.periods[f[0]] = append(l.periods[f[0]], period{code: f[1], from: from, until: until})
	}
}

// addPlaceTokens indexes name by its first token, as written and in capitals
// ("BOGOTA" in a dateline).
func (l *lexicon) addPlaceTokens(name string, c int, adj bool) {
	toks := tokenize.Tokenize(name)
	if len(toks) == 0 {
		return
	}
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Text
	}
	pn := placeName{rest: words[1:], country: c, adj: adj}
	l.placeByTok[words[0]] = append(l.placeByTok[words[0]], pn)
	if up := strings.ToUpper(words[0]); up != words[0] {
		l.placeByTok[up] = append(l.placeByTok[up], pn)
	}
}

// docScores is how strongly the document points at each currency.
type docScores struct {
	score   map[string]int  // all the evidence
	places  map[string]int  // the tagger's places only
	first   map[string]int  // byte offset of the first evidence
	written map[string]bool // dollars the text writes with their sign or name: HKD for "HK$"

	tokenPlaces map[string]bool // codes of the countries whose place names are among the tokens
	tagged      bool            // the tagger's places are counted
}

func (s *docScores) add(code string, n, at int) {
	if f, ok := s.first[code]; !ok || at < f {
		s.first[code] = at
	}
	s.score[code] += n
}

// scores counts, once per document, the evidence for each currency: the
// adjectives of countries ("Colombian") and the cue words of names.tsv
// ("sterling") among the tokens, and the places the document names. Without
// a tagger (Context.Places nil) those are the place names among the tokens.
// With one, they are the tagger's places, with the dateline; but the tagger
// is asked only when family f needs it: when a country of f (other than the
// United States, for the dollar) has a place name among the tokens. Without
// one, no place the tagger finds can point at f either.
func (p *parser) scores(f family) *docScores {
	s := p.docScores
	if s == nil {
		s = p.tokenScores()
		p.docScores = s
	}
	if p.ctx.Places == nil || s.tagged {
		return s
	}
	need := false
	for code := range s.tokenPlaces {
		if p.lx.famCodes[code]&(1<<f) != 0 && !(f == famDollar && code == "USD") {
			need = true
			break
		}
	}
	if !need {
		return s
	}
	s.tagged = true
	byCountry := map[int]int{}
	firstAt := map[int]int{}
	for _, pl := range p.ctx.Places() {
		n := max(pl.Mentions, 1)
		if pl.Dateline {
			n += datelineWeight
		}
		for _, c := range uniqueInts(p.lx.placeByName[strings.ToLower(pl.Name)]) {
			if at, ok := firstAt[c]; !ok || pl.Start < at {
				firstAt[c] = pl.Start
			}
			byCountry[c] += n
		}
	}
	for c, n := range byCountry {
		for _, code := range p.lx.countries[c].codes {
			s.add(code, n, firstAt[c])
			s.places[code] += n
		}
	}
	return s
}

// tokenScores counts the evidence among the tokens: cue words, adjectives,
// and, when there is no tagger, place names.
func (p *parser) tokenScores() *docScores {
	s := &docScores{score: map[string]int{}, places: map[string]int{}, first: map[string]int{},
		written: map[string]bool{}, tokenPlaces: map[string]bool{}}
	byCountry := map[int]int{}
	firstAt := map[int]int{}
	tagged := p.ctx.Places != nil
	var voted []int // countries that the token at hand voted for
	for i, t := range p.toks {
		if t.Text == "" {
			continue
		}
		if p.lx.cueFirst[t.Text[0]] {
			if code, ok := p.lx.cueWords[t.Text]; ok {
				s.add(code, 1, t.Start)
			}
		}
		if code := p.writtenDollar(i); code != "" {
			s.written[code] = true
		}
		if c := t.Text[0]; c < 'A' || c > 'Z' && c < 0x80 {
			continue // places and adjectives start with a capital
		}
		voted = voted[:0]
		for _, pn := range p.lx.placeByTok[t.Text] {
			if slices.Contains(voted, pn.country) || !p.wordsAt(i+1, pn.rest) {
				continue
			}
			voted = append(voted, pn.country)
			if !pn.adj {
				for _, code := range p.lx.countries[pn.country].codes {
					s.tokenPlaces[code] = true
				}
			}
			if pn.adj || !tagged {
				if at, ok := firstAt[pn.country]; !ok || t.Start < at {
					firstAt[pn.country] = t.Start
				}
				byCountry[pn.country]++
			}
		}
	}
	for c, n := range byCountry {
		for _, code := range p.lx.countries[c].codes {
			s.add(code, n, firstAt[c])
		}
	}
	return s
}

func uniqueInts(a []int) []int {
	out := a[:0:0]
	for _, x := range a {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// writtenDollar returns the dollar that token i writes with its sign
// ("HK$", "C$") or ends the name of ("Canadian dollars"), or "".
func (p *parser) writtenDollar(i int) string {
	t := p.toks[i].Text
	if strings.IndexByte(t, '$') >= 0 {
		if u, ok := p.lx.prefix[t]; ok && u.code != "" && p.lx.famCodes[u.code]&(1<<famDollar) != 0 {
			return u.code
		}
		return ""
	}
	// The dollar names: dollar(s), dlr(s), buck(s).
	if len(t) < 3 || len(t) > 7 || t[0]|0x20 != 'd' && t[0]|0x20 != 'b' {
		return ""
	}
	if u, ok := p.lx.names[p.lower(t)]; !ok || u.fam != famDollar {
		return ""
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		w := make([]string, 0, i-k+1)
		for j := k; j <= i; j++ {
			w = append(w, strings.ToLower(p.toks[j].Text))
		}
		if u, ok := p.lx.names[strings.Join(w, " ")]; ok && u.code != "" && !u.minor {
			return u.code
		}
	}
	return ""
}

// wordsAt reports whether the tokens from i are words, as written or in
// capitals.
func (p *parser) wordsAt(i int, words []string) bool {
	for k, w := range words {
		t := p.tok(i + k)
		if t != w && t != strings.ToUpper(w) {
			return false
		}
	}
	return true
}

// placeCode returns the currency of family f that the document points at
// most strongly, or "" when it points at none. For the dollar only the
// tagger's places count, and a dollar other than the U.S. dollar needs a
// score of minForeignDollar and more than the U.S. dollar's.
func (p *parser) placeCode(f family) string {
	s := p.scores(f)
	score := s.score
	if f == famDollar {
		score = s.places
	}
	best, bestScore := "", 0
	for code, n := range score {
		if n == 0 {
			continue
		}
		if p.lx.famCodes[code]&(1<<f) == 0 {
			continue
		}
		if n > bestScore || n == bestScore && (s.first[code] < s.first[best] || s.first[code] == s.first[best] && code < best) {
			best, bestScore = code, n
		}
	}
	if f == famDollar && best != "USD" && (bestScore < minForeignDollar || bestScore <= score["USD"] || s.written[best]) {
		return ""
	}
	return best
}

// inForce returns the code in force on the document's date for a currency
// that today has code: "roubles" in 1995 are RUR.
func (p *parser) inForce(code string) string {
	ps := p.lx.periods[code]
	if p.ctx.Date.IsZero() || len(ps) == 0 {
		return code
	}
	d := p.ctx.Date
	if d.Before(ps[0].from) {
		return ps[0].code
	}
	out := ps[0].code
	for _, pr := range ps {
		if !pr.from.IsZero() && d.Before(pr.from) {
			break
		}
		out = pr.code
		if pr.until.IsZero() || !d.After(pr.until) {
			break
		}
	}
	return out
}
