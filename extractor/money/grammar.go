package money

import (
	"strings"

	"github.com/entityextraction/extractd/extractor/tokenize"
)

// parser finds amounts in one document. The grammar, over tokens:
//
//	amount   = [modifier] part [connector part]
//	part     = prefix quantity | quantity [suffix]
//	quantity = number [scale [scale]] | words [scale]
//	prefix   = symbol | ISO code          ("$", "US$", "€", "USD", "Rs.")
//	suffix   = name | ISO code | symbol   ("mln dlrs", "U.S. dollars", "EUR", "€")
//
// A part without a currency counts only as the first half of a range or list
// whose second half has one ("5 to 10 mln dlrs", "400 mln and 300 mln
// guilders"), or as a bare number compared with an amount just before it in
// the sentence ("385 mln francs vs 226.9", "rose to 9.67 billion marks from
// 10.43 billion"); see [parser.echo].
type parser struct {
	text string
	toks []tokenize.Token
	lx   *lexicon
	buf  []byte // scratch space for lower-casing

	ctx       Context
	last      [numFamilies]string // latest currency the text named explicitly, per family
	docScores *docScores          // what the document points at, once counted

	sentDollar    string // the last amount's dollar when the text named it: "41.6 mln Canadian dlrs"
	sentDollarEnd int    // the token after that amount

	codeDone, isCode bool // whether the text is about programming, once known

	skip int // bytes of the next token that quantityAt skips: the "US" of "$US2"

	prevEnd  int    // token just past the last amount found, or -1
	prevCode string // the currency of the last amount found
	lastPart part   // the first part of the last amount found
	curPart  part   // the first part of the amount being added
	big      bigRef // the last amount of a million or more
	out      []Amount
}

// quantity is a number with its scale: "1.5 billion", "five", "3-4 mln".
type quantity struct {
	lo, hi   value
	hasHi    bool
	scaleExp int // the power of ten of the scale, if scaled
	scaled   bool
	year     bool // a bare four-digit number such as 1990
	glued    unit // a currency glued to the number ("EUR5m", "25p")
	hasGlued bool
	gluedPre bool

	// cut, when not 0, is the byte offset inside the last token where the
	// quantity ends: "$1.5 billion-a-year" ends after "billion".
	cut int
}

// part is a quantity with the currency written around it.
type part struct {
	start, end int // tokens [start, end)
	cut        int // when not 0, the byte offset in the last token where the part ends
	q          quantity
	cur        unit
	hasCur     bool
	pre        bool // the currency comes before the number
	dollarSign bool // the currency is a bare "$"
}

func (p *parser) lower(s string) string {
	if len(s) > 40 {
		return ""
	}
	return lowerASCII(p.buf[:0], s)
}

func (p *parser) tok(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.toks[i].Text
}

// adjacent reports whether tokens i and i+1 touch.
func (p *parser) adjacent(i int) bool {
	return i+1 < len(p.toks) && p.toks[i].End == p.toks[i+1].Start
}

// mayStart is a cheap test of whether an amount can start at token i.
func (p *parser) mayStart(i int) bool {
	s := p.toks[i].Text
	c := s[0]
	switch {
	case isDigit(c):
		return true
	case !isLetter(c):
		// "$", "€", "₹", "US$"
		if _, ok := p.lx.symbols[s]; ok {
			return true
		}
		_, ok := p.lx.prefix[s]
		return ok
	}
	if len(s) <= 5 && p.lx.shortFirst[c] {
		if _, ok := p.lx.prefix[s]; ok {
			return true
		}
		if _, ok := p.lx.symbols[s]; ok {
			return true
		}
		if len(s) == 3 && p.lx.iso[s] {
			return true
		}
	}
	if p.tok(i+1) == "$" || strings.HasSuffix(s, "$") {
		return true // "U.S. $ 5", "Singapore $ 0.20", "US$"
	}
	if len(s) <= 12 {
		for k := 1; k < len(s); k++ {
			if isDigit(s[k]) {
				return true // "EUR5m", "Rs500"
			}
		}
	}
	switch c | 0x20 {
	case 'z', 'o', 't', 'f', 's', 'e', 'n', 'h', 'a':
	default:
		return false
	}
	w := p.lower(s)
	if h := strings.IndexByte(w, '-'); h > 0 {
		w = w[:h]
	}
	_, ok := smallNumbers[w]
	return ok || w == "a" || w == "an" || w == "half"
}

// prefixAt matches a currency written before the number at token i.
func (p *parser) prefixAt(i int) (unit, int, bool) {
	s := p.tok(i)
	if s == "" {
		return unit{}, i, false
	}
	if isLetter(s[0]) && p.tok(i+1) == "$" {
		// "U.S.$5", "US $5", "Singapore $ 0.20", and "CI$1.2" that the
		// tokenizer splits.
		if u, ok := p.lx.prefix[s+"$"]; ok && p.adjacent(i) {
			return u, i + 2, true
		}
		if p.lx.iso[s] && p.lx.codeFam[s] == famDollar { // "USD $1 billion"
			return unit{code: s, symbol: true}, i + 2, true
		}
		if u, ok := p.lx.names[p.lower(s)+" dollars"]; ok && u.code != "" {
			return unit{code: u.code, symbol: true}, i + 2, true
		}
		return unit{}, i, false
	}
	switch s {
	case "$":
		// Code, not money: "a$1", "{$1}", "\$1".
		if st := p.toks[i].Start; st > 0 {
			if c := p.text[st-1]; isLetter(c) || isDigit(c) || strings.IndexByte("{$\\=_", c) >= 0 {
				return unit{}, i, false
			}
		}
	}
	if u, ok := p.lx.prefix[s]; ok {
		if len(s) == 1 && isLetter(s[0]) {
			return unit{}, i, false // "R" only glued to the number
		}
		n := i + 1
		if p.tok(n) == "." && p.adjacent(i) { // "Rs. 500" is "Rs" "." "500"
			n++
		}
		return u, n, true
	}
	if u, ok := p.lx.symbols[s]; ok {
		return u, i + 1, true
	}
	if p.lx.iso[s] {
		return unit{code: s, symbol: true}, i + 1, true
	}
	return unit{}, i, false
}

// suffixAt matches a currency written after the number at token i: the
// longest name, or an ISO code or symbol.
func (p *parser) suffixAt(i int) (unit, int, bool) {
	if i >= len(p.toks) {
		return unit{}, i, false
	}
	s := p.toks[i].Text
	if p.lx.iso[s] {
		return unit{code: s, symbol: true}, i + 1, true
	}
	if u, ok := p.lx.symbols[s]; ok {
		return u, i + 1, true
	}
	if !isLetter(s[0]) {
		return unit{}, i, false
	}
	if sl := strings.IndexByte(s, '/'); sl > 0 {
		// "96.8 cents/litre": the name ends at the slash.
		if u, ok := p.lx.names[p.lower(s[:sl])]; ok && u.fam != famPound {
			return u, i + 1, true
		}
	}
	var best unit
	bestEnd := -1
	key := p.buf[:0]
	for n := 0; n < p.lx.maxName && i+n < len(p.toks); n++ {
		w := p.toks[i+n].Text
		if len(w) > 30 {
			break
		}
		if n > 0 {
			key = append(key, ' ')
		}
		for k := 0; k < len(w); k++ {
			c := w[k]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			key = append(key, c)
		}
		if u, ok := p.lx.names[string(key)]; ok {
			best, bestEnd = u, i+n+1
		}
	}
	p.buf = key[:0]
	if bestEnd < 0 {
		return unit{}, i, false
	}
	switch strings.ToLower(s) {
	case "rand", "won":
		if s[0] == 'R' && s[1] == 'a' || s[0] == 'W' && s[1] == 'o' {
			return unit{}, i, false // "Rand", "Won": names and headlines
		}
	}
	if best.fam == famPound && best.code == "" {
		switch next := p.tok(bestEnd); {
		case p.lower(next) == "of":
			if !p.moneyAfterOf(bestEnd + 1) {
				return unit{}, i, false // "500 mln pounds of copper": weight
			}
		case next == "(":
			// "182 pounds ( $ 282 )": a conversion says it is money.
			if _, _, ok := p.prefixAt(bestEnd + 1); ok {
				best.sure = true
			}
		}
	}
	return best, bestEnd, true
}

// quantityAt reads a number and its scale at token i.
func (p *parser) quantityAt(i int, prefixed bool) (quantity, int, bool) {
	var q quantity
	s := p.tok(i)
	if p.skip > 0 && p.skip < len(s) {
		s = s[p.skip:] // the number after "$US" in "$US2"
	}
	p.skip = 0
	if s == "" {
		return q, i, false
	}
	j := i + 1
	if isDigit(s[0]) || isLetter(s[0]) && strings.IndexAny(s, "0123456789") > 0 {
		_, dotThousands := p.lx.symbols[p.tok(i+1)]
		t, ok := p.lx.parseNumTok(s, dotThousands)
		if !ok && prefixed && isDigit(s[0]) {
			// "$5,000-a-year", "$1.2bn/year": the number ends at a hyphen or slash.
			if h := strings.IndexAny(s, "-/"); h > 0 {
				if t, ok = p.lx.parseNumTok(s[:h], false); ok && !t.hasCur {
					q.cut = p.toks[i].Start + h
				}
			}
		}
		if !ok {
			return q, i, false
		}
		q.lo, q.hi, q.hasHi, q.scaled, q.year = t.v, t.hi, t.hasHi, t.scaled, t.year
		q.glued, q.hasGlued, q.gluedPre = t.cur, t.hasCur, t.curPre
		if t.needScale {
			if _, ok := scaleWord(p.tok(j), p.buf); !ok {
				return q, i, false
			}
		}
		if t.group && !t.hasCur {
			if v, n, ok := p.spacedGroups(i); ok {
				q.lo, q.year, j = v, false, n
			}
		}
		if !t.integer && !t.hasHi && !t.scaled && !t.hasCur && p.tok(j) == "/" && j+1 < len(p.toks) && isDigit(p.tok(j + 1)[0]) {
			// A quote that the tokenizer spaced out: "57.50 / 60 cents".
			if u, ok := p.lx.parseNumTok(s+"/"+p.tok(j+1), false); ok && u.hasHi && !u.scaled && !u.hasCur {
				q.hi, q.hasHi, j = u.hi, true, j+2
			}
		}
		if t.integer && !t.hasCur {
			// "2 1/2 dollars"
			if f := p.tok(j); strings.IndexByte(f, '/') > 0 && j < len(p.toks) {
				if fr, ok := p.lx.parseNumTok(f, false); ok && !fr.hasCur && !fr.scaled && fr.v.den > 1 && fr.v.num < fr.v.den {
					q.lo = value{num: q.lo.num*fr.v.den + fr.v.num, den: fr.v.den, exp: 0}
					q.year = false
					j++
				}
			}
		}
	} else {
		v, n, needScale, ok := p.words(i)
		if !ok {
			return q, i, false
		}
		q.lo, j = v, n
		if needScale {
			exp, ok := scaleWord(p.tok(j), p.buf)
			if !ok {
				return q, i, false
			}
			q.lo, q.scaled, q.scaleExp = q.lo.scaled(exp), true, exp
			j++
		}
	}
	if !q.scaled && q.cut == 0 {
		if exp, cut, cur, ok := p.hyphenScale(j); ok {
			q.lo, q.hi, q.scaled, q.scaleExp, q.year = q.lo.scaled(exp), q.hi.scaled(exp), true, exp, false
			q.cut = cut
			if cur != nil && !q.hasGlued {
				q.glued, q.hasGlued = *cur, true
			}
			return q, j + 1, true
		}
		if exp, ok := scaleWord(p.tok(j), p.buf); ok {
			j++
			if exp == 3 || exp == 5 { // "thousand million", "lakh crore"
				if e2, ok := scaleWord(p.tok(j), p.buf); ok && e2 > exp {
					exp += e2
					j++
				}
			}
			q.lo, q.hi, q.scaled, q.scaleExp, q.year = q.lo.scaled(exp), q.hi.scaled(exp), true, exp, false
		}
	}
	return q, j, true
}

// hyphenScale reads a scale word joined by a hyphen to what follows it, at
// token j: "million-dollar" (a scale and a currency), "billion-a-year" (a
// scale, and the amount ends at the hyphen).
func (p *parser) hyphenScale(j int) (exp, cut int, cur *unit, ok bool) {
	s := p.tok(j)
	h := strings.IndexAny(s, "-/") // also "billion/year"
	if h <= 0 || h == len(s)-1 || len(s) > 40 {
		return 0, 0, nil, false
	}
	exp, ok = scaleWord(s[:h], p.buf)
	if !ok {
		return 0, 0, nil, false
	}
	if u, ok := p.lx.names[p.lower(s[h+1:])]; ok && u.fam != famPound && !u.minor && !u.scaledOnly {
		return exp, 0, &u, true
	}
	return exp, p.toks[j].Start + h, nil, true
}

// spacedGroups reads "1 500 000" (digits grouped by spaces) starting at token
// i, which holds one to three digits. The last group may carry decimals
// ("1 500,50").
func (p *parser) spacedGroups(i int) (value, int, bool) {
	digits := p.toks[i].Text
	j := i + 1
	frac := ""
	for ; j < len(p.toks) && j < i+6; j++ {
		gap := p.toks[j].Start - p.toks[j-1].End
		g := p.toks[j].Text
		if gap < 1 || gap > 3 || len(g) < 3 || !isDigit(g[0]) || !isDigit(g[1]) || !isDigit(g[2]) {
			break
		}
		if len(g) > 3 {
			if len(g) > 6 || (g[3] != ',' && g[3] != '.') || len(g) == 4 || strings.ContainsAny(g[4:], ".,") {
				break
			}
			for k := 4; k < len(g); k++ {
				if !isDigit(g[k]) {
					return value{}, 0, false
				}
			}
			digits += g[:3]
			frac = g[4:]
			j++
			break
		}
		digits += g
	}
	if j == i+1 {
		return value{}, 0, false
	}
	if frac != "" {
		digits += "." + frac
	}
	v, ok := parseDigits(digits, false)
	return v, j, ok
}

// words reads a number in words at token i: "five", "twenty-five", "two
// hundred", "two and a half", "a" or "half a" (which need a scale after them).
func (p *parser) words(i int) (v value, next int, needScale bool, ok bool) {
	w := p.lower(p.tok(i))
	switch w {
	case "a", "an":
		if _, ok := scaleWord(p.tok(i+1), p.buf); ok {
			return intValue(1), i + 1, true, true
		}
		if p.lower(p.tok(i+1)) == "hundred" {
			return intValue(100), i + 2, false, true
		}
		return v, i, false, false
	case "half":
		n := i + 1
		if a := p.lower(p.tok(n)); a == "a" || a == "an" {
			n++
		}
		return value{num: 1, den: 2}, n, true, true
	}
	// Flatten the words of the next tokens ("twenty-five" is two), run the
	// number through them, and keep the state at the last token boundary.
	type word struct {
		w    string
		tok  int
		last bool
	}
	var flat [16]word
	nw := 0
	for j := i; j < len(p.toks) && j < i+6 && nw < len(flat); j++ {
		t := p.tok(j)
		if len(t) > 40 {
			break
		}
		ws := strings.Split(strings.ToLower(t), "-")
		if len(ws) > len(flat)-nw {
			break
		}
		for k, w := range ws {
			flat[nw] = word{w, j, k == len(ws)-1}
			nw++
		}
	}
	var total uint64
	seen, half := false, false
	good := struct {
		total      uint64
		seen, half bool
		next       int
	}{}
	for idx := 0; idx < nw; {
		w := flat[idx].w
		n, isNum := smallNumbers[w]
		switch {
		case isNum && !half && (!seen || total%100 == 0 && n < 100 || total%10 == 0 && total%100 >= 20 && n < 10):
			total += n
			seen = true
			idx++
		case w == "hundred" && seen && total > 0 && total < 100 && !half:
			total *= 100
			idx++
		case w == "and" && seen && !half && idx+2 < nw && flat[idx+1].w == "a" && flat[idx+2].w == "half":
			half = true
			idx += 3
		case w == "and" && seen && !half && total >= 100 && total%100 == 0 && idx+1 < nw && smallNumbers[flat[idx+1].w] > 0:
			idx++
		default:
			idx = nw + 1 // stop
			continue
		}
		if flat[idx-1].last {
			good.total, good.seen, good.half, good.next = total, seen, half, flat[idx-1].tok+1
		}
	}
	if !good.seen {
		return v, i, false, false
	}
	v = intValue(good.total)
	if good.half {
		v = value{num: 2*good.total + 1, den: 2}
	}
	return v, good.next, false, true
}

// partAt reads a part at token i.
func (p *parser) partAt(i int) (part, bool) {
	pt := part{start: i}
	k := i
	if u, n, ok := p.prefixAt(i); ok {
		pt.cur, pt.hasCur, pt.pre = u, true, true
		pt.dollarSign = p.tok(i) == "$"
		k = n
		if pt.dollarSign {
			// Australian style "$US2 million", "$A 5 million".
			if u, n, ok := p.dollarCountry(k); ok {
				pt.cur, pt.dollarSign, k = u, false, n
			}
		}
	}
	q, j, ok := p.quantityAt(k, pt.hasCur)
	if !ok {
		return pt, false
	}
	pt.q, pt.end, pt.cut = q, j, q.cut
	if q.hasGlued {
		if pt.hasCur {
			return pt, false
		}
		pt.cur, pt.hasCur, pt.pre = q.glued, true, q.gluedPre
	}
	if pt.dollarSign {
		// "{print $1}": code.
		if e := p.toks[j-1].End; e < len(p.text) && strings.IndexByte("}]=", p.text[e]) >= 0 {
			return pt, false
		}
		// "$1, $2 and $0" in a text about awk or the shell: variables.
		if !q.scaled && q.lo.den == 1 && q.lo.exp == 0 && q.lo.num < 10 && len(p.tok(j-1)) == 1 && p.codeText() {
			return pt, false
		}
	}
	switch {
	case q.cut != 0:
		// The token goes on after the amount: nothing can follow.
	case !pt.hasCur:
		if u, n, ok := p.suffixAt(j); ok && (q.scaled || !u.scaledOnly) {
			pt.cur, pt.hasCur, pt.end = u, true, n
			if sl := strings.IndexByte(p.tok(j), '/'); sl > 0 {
				pt.cut = p.toks[j].Start + sl
			}
		}
	case pt.pre && p.isDollar(pt.cur):
		// "$3 billion USD", "$242 US dollars": the code after names the dollar;
		// "$5 million dlrs" says it twice.
		if u, n, ok := p.suffixAt(j); ok && !u.minor {
			switch {
			case u.code != "" && p.lx.codeFam[u.code] == famDollar:
				pt.cur, pt.end, pt.dollarSign = u, n, false
			case u.code == "" && u.fam == famDollar:
				pt.end = n
			}
		}
	}
	return pt, true
}

// dollarCountry reads the country code after a "$" at token k, spaced ("$US
// 2") or glued to the number ("$US2"), and returns the token where the number
// starts. A glued number stays in token k, and is read from after the code by
// quantityAt.
func (p *parser) dollarCountry(k int) (unit, int, bool) {
	s := p.tok(k)
	n := 0
	for n < len(s) && n < 3 && s[n] >= 'A' && s[n] <= 'Z' {
		n++
	}
	if n == 0 || n < len(s) && !isDigit(s[n]) || !p.adjacent(k-1) {
		return unit{}, k, false
	}
	u, ok := p.lx.prefix[s[:n]+"$"]
	if !ok || u.code == "" {
		return unit{}, k, false
	}
	if n == len(s) {
		return u, k + 1, true
	}
	p.skip = n
	return u, k, true
}

// isDollar reports whether u is a dollar: "$", "US$", "C$", ...
func (p *parser) isDollar(u unit) bool {
	return u.fam == famDollar && !u.minor || u.code != "" && p.lx.codeFam[u.code] == famDollar
}

// codeWords suggest a text about programming, where "$1" is a variable.
var codeWords = map[string]bool{
	"awk": true, "Awk": true, "bash": true, "shell": true, "Perl": true, "perl": true, "regex": true,
	"script": true, "variable": true, "variables": true, "argument": true, "arguments": true, "sed": true,
	"PHP": true, "printf": true, "echo": true,
}

// codeText reports whether the text looks like it is about code.
func (p *parser) codeText() bool {
	if p.codeDone {
		return p.isCode
	}
	p.codeDone = true
	for i, t := range p.toks {
		if codeWords[t.Text] || t.Text == "$" && p.adjacent(i) && (p.tok(i+1) == "(" || p.tok(i+1) == "{") {
			p.isCode = true
			break
		}
	}
	return p.isCode
}
