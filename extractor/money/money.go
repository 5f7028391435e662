package money

import (
	"context"
	"strconv"
	"strings"

	"github.com/entityextraction/extractd/extractor/internal/checkpoint"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// Decimal is an exact amount in the layout of google.type.Money: Units whole
// units and Nanos billionths of a unit, both of the same sign.
type Decimal struct {
	Units int64
	Nanos int32
}

// String returns d in decimal notation without trailing zeros: "1500000",
// "0.5", "2.675".
func (d Decimal) String() string {
	s := strconv.FormatInt(d.Units, 10)
	if d.Nanos == 0 {
		return s
	}
	n := d.Nanos
	if n < 0 {
		n = -n
		if d.Units == 0 {
			s = "-0"
		}
	}
	frac := strings.TrimRight(strconv.FormatInt(int64(n)+1e9, 10)[1:], "0")
	return s + "." + frac
}

// Amount is an amount of money found in text: text[Start:End].
type Amount struct {
	Start, End  int
	Currency    string   // ISO 4217 code
	Value       Decimal  // the amount, or the lower bound of a range
	Upper       *Decimal // the upper bound of a range, or nil
	Approximate bool     // qualified by "about", "more than", ...
}

// Find returns the money amounts in tokenized text, in text order, without
// overlaps. toks must be the tokens of text, as [tokenize.Tokenize] makes
// them. Values are never negative: in "a loss of $5 million" the amount is
// $5 million. Find takes time linear in the number of tokens.
//
// Find settles a currency name that several countries share from the place
// names among the tokens; [FindIn] can use a tagger's places and a date.
func Find(text string, toks []tokenize.Token) []Amount {
	return FindIn(text, toks, Context{})
}

// FindIn is [Find] with what ctx knows about the document.
func FindIn(text string, toks []tokenize.Token, ctx Context) []Amount {
	amounts, _ := FindInContext(context.Background(), text, toks, ctx)
	return amounts
}

// FindInContext is [FindIn], stopping with the context's error if c ends;
// it checks c every [checkpoint.Every] tokens.
func FindInContext(c context.Context, text string, toks []tokenize.Token, ctx Context) ([]Amount, error) {
	ck := checkpoint.New(c)
	p := &parser{text: text, toks: toks, lx: getLexicon(), ctx: ctx, prevEnd: -1, buf: make([]byte, 0, 64)}
	for i := 0; i < len(toks); {
		if err := ck.Tick(); err != nil {
			return nil, err
		}
		if len(toks[i].Text) > 0 && p.mayStart(i) {
			if next, ok := p.amountAt(i); ok {
				i = next
				continue
			}
			if next, ok := p.echoAt(i); ok {
				i = next
				continue
			}
			if next, ok := p.smallEchoAt(i); ok {
				i = next
				continue
			}
		}
		p.noteQualifier(i)
		i++
	}
	return p.out, nil
}

// noteQualifier records a currency name that says which dollars, francs, ...
// the text means, such as "Canadian dollars" without a number ("all figures
// in Canadian dollars").
func (p *parser) noteQualifier(i int) {
	s := p.toks[i].Text
	if s == "" || s[0] < 'A' || s[0] > 'Z' || i+1 >= len(p.toks) {
		return
	}
	// Only worth a look when a currency word follows: "Canadian dollars",
	// "Swiss francs", "New Zealand dollars".
	next := p.toks[i+1].Text
	if k := i + 2; k < len(p.toks) && len(next) > 0 && next[0] >= 'A' && next[0] <= 'Z' {
		next = p.toks[k].Text
	}
	if u, ok := p.lx.names[p.lower(next)]; !ok || u.fam == famNone {
		return
	}
	u, _, ok := p.suffixAt(i)
	if ok && u.code != "" && !u.minor {
		if f := p.lx.codeFam[u.code]; f != famNone {
			p.last[f] = u.code
		}
	}
}

// connectors join the two halves of a range.
func (p *parser) connector(i int, between bool) bool {
	switch p.lower(p.tok(i)) {
	case "to", "-", "–", "—", "through":
		return true
	case "and":
		return between
	}
	return false
}

// amountAt reads an amount, or a range, starting at token i, adds what it
// finds to p.out and returns the token after it.
func (p *parser) amountAt(i int) (int, bool) {
	a, ok := p.partAt(i)
	if !ok {
		return i, false
	}
	prev := p.lower(p.tok(i - 1))
	between := prev == "between"
	upperSet := false
	var b part
	// "rose 38.5 billion francs to 5,719.4 billion francs" is a change, not a
	// range; "at 14.91 dlrs to 15.62 dlrs a share" is a range.
	suffixTo := a.hasCur && !a.pre && p.tok(a.end) == "to"
	if !a.q.hasHi && a.cut == 0 && !p.dateNumber(a) && p.connector(a.end, between) && !(suffixTo && p.changeBefore(i)) {
		if b2, ok := p.partAt(a.end + 1); ok && !b2.q.hasHi && !(suffixTo && farApart(a.q.lo, b2.q.lo)) {
			switch {
			case a.hasCur && b2.hasCur && b2.dollarSign && p.isDollar(a.cur):
				// "between US$9 and $12": the second dollar is the first's.
				b2.cur = a.cur
				upperSet = true
			case a.hasCur && b2.hasCur:
				upperSet = sameUnit(a.cur, b2.cur)
			case !a.hasCur && b2.hasCur && !b2.pre:
				a.cur, a.hasCur = b2.cur, true
				upperSet = true
			case a.hasCur && a.pre && !b2.hasCur && (b2.q.scaled || p.tok(a.end) != "to"):
				b2.cur, b2.hasCur = a.cur, true
				upperSet = true
			}
			b = b2
		}
	}
	if !a.hasCur {
		return p.listItem(a, between)
	}
	if a.q.year && !a.pre && !a.q.scaled {
		switch prev {
		case "in", "constant", "real", "current", "of", "nominal", "fiscal":
			return i, false // "in 1990 dollars"
		}
	}
	if upperSet {
		if !a.q.scaled && b.q.scaled {
			if lo := a.q.lo.scaled(b.q.scaleExp); lo.cmp(b.q.lo) <= 0 {
				a.q.lo = lo
			}
		}
		switch c := a.q.lo.cmp(b.q.lo); {
		case c == 0:
			upperSet = false
		case c > 0 && !p.isChange(i, a.q.lo, b.q.lo):
			// "traded 90.50 to 89.40 cents": the bounds in falling order.
			a.q.lo, b.q.lo = b.q.lo, a.q.lo
		}
	}
	code, ok := p.resolve(a)
	if !ok {
		return i, false
	}
	p.curPart = a
	if !upperSet {
		return p.single(a)
	}
	if p.lower(p.tok(a.end)) == "to" && p.isChange(i, a.q.lo, b.q.lo) {
		// "from $5 to $7", "rose 1-1/2 to 45 dlrs": two amounts.
		if !p.emitCut(a.start, a.end, a.cut, code, a.cur.minor, a.q.lo, nil, p.approximate(i)) {
			return i, false
		}
		p.emitCut(b.start, b.end, b.cut, code, a.cur.minor, b.q.lo, nil, false)
		p.note(a.cur, code)
		return b.end, true
	}
	hi := b.q.lo
	if !p.emitCut(a.start, b.end, b.cut, code, a.cur.minor, a.q.lo, &hi, p.approximate(i)) {
		return i, false
	}
	p.note(a.cur, code)
	return p.carryOver(b.end), true
}

// changeBefore reports whether a word of change comes in the four tokens
// before token i: "rose in April by a nominal 38.5 billion francs".
func (p *parser) changeBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		w := p.lower(p.tok(k))
		if changeWords[w] || w == "from" {
			return true
		}
		if w == "." || w == ";" || w == "," {
			return false
		}
	}
	return false
}

// months, before a number, make it a day of the month: "on October 16 to
// 12.8 billion dlrs" is no range.
var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true, "jan": true,
	"jan.": true, "feb": true, "feb.": true, "mar": true, "mar.": true, "apr": true, "apr.": true, "jun": true,
	"jun.": true, "jul": true, "jul.": true, "aug": true, "aug.": true, "sep": true, "sep.": true, "sept": true,
	"sept.": true, "oct": true, "oct.": true, "nov": true, "nov.": true, "dec": true, "dec.": true,
}

// dateNumber reports whether part a, with no currency of its own, is a day
// or a year rather than an amount.
func (p *parser) dateNumber(a part) bool {
	return !a.hasCur && !a.q.scaled && (a.q.year || months[p.lower(p.tok(a.start-1))])
}

// single adds the part a on its own.
func (p *parser) single(a part) (int, bool) {
	code, ok := p.resolve(a)
	if !ok {
		return a.start, false
	}
	p.curPart = a
	var hi *value
	if a.q.hasHi {
		hi = &a.q.hi
	}
	if !p.emitCut(a.start, a.end, a.cut, code, a.cur.minor, a.q.lo, hi, p.approximate(a.start)) {
		return a.start, false
	}
	p.note(a.cur, code)
	return p.carryOver(a.end), true
}

func sameUnit(a, b unit) bool { return a.code == b.code && a.fam == b.fam && a.minor == b.minor }

// note remembers the currency of the amount just found.
func (p *parser) note(u unit, code string) {
	p.prevCode = code
	p.lastPart = p.curPart
	if q := p.curPart.q; q.scaled && q.scaleExp >= 6 && !u.minor && p.out[len(p.out)-1].Upper == nil {
		p.big = bigRef{ok: true, code: code, exp: q.scaleExp, end: p.prevEnd}
	}
	// "Swiss francs" settles the later "francs"; an amount in C$ or
	// Canadian dollars leaves a later bare "$" to the document.
	if u.code != "" && !u.minor {
		switch f := p.lx.codeFam[code]; f {
		case famNone:
		case famDollar:
			p.sentDollar, p.sentDollarEnd = code, p.prevEnd
		default:
			p.last[f] = code
		}
	}
}

// sameSentence reports whether no full stop comes between tokens i and j.
func (p *parser) sameSentence(i, j int) bool {
	for k := max(i, 0); k < j && k < len(p.toks); k++ {
		switch p.toks[k].Text {
		case ".", "!", "?":
			return false
		}
	}
	return true
}

// emit adds an amount over tokens [start, end).
func (p *parser) emit(start, end int, code string, minor bool, lo value, hi *value, approx bool) bool {
	return p.emitCut(start, end, 0, code, minor, lo, hi, approx)
}

// emitCut is emit for an amount that ends at byte offset cut inside its last
// token, when cut is not 0.
func (p *parser) emitCut(start, end, cut int, code string, minor bool, lo value, hi *value, approx bool) bool {
	if minor {
		lo = lo.scaled(-2)
	}
	d, ok := lo.decimal()
	if !ok {
		return false
	}
	a := Amount{Start: p.toks[start].Start, End: p.toks[end-1].End, Currency: code, Value: d, Approximate: approx}
	if cut > a.Start && cut < a.End {
		a.End = cut
	}
	if hi != nil {
		h := *hi
		if minor {
			h = h.scaled(-2)
		}
		u, ok := h.decimal()
		if !ok {
			return false
		}
		a.Upper = &u
	}
	p.out = append(p.out, a)
	p.prevEnd = end
	return true
}

// centCodes are currencies whose hundredths are called cents.
var centCodes = map[string]bool{
	"USD": true, "CAD": true, "AUD": true, "NZD": true, "HKD": true, "SGD": true, "TWD": true, "EUR": true,
	"ZAR": true, "JMD": true, "TTD": true, "BBD": true, "BSD": true, "FJD": true, "NAD": true, "XCD": true,
}

// resolve returns the ISO code of the currency of part a: for a name, the
// code in force on the document's date.
func (p *parser) resolve(a part) (string, bool) {
	code, ok := p.resolveNow(a)
	if !ok || a.cur.code != "" && a.cur.symbol {
		return code, ok // a code or symbol means what it says
	}
	return p.inForce(code), true
}

// resolveNow returns the code of the currency of part a as named today.
func (p *parser) resolveNow(a part) (string, bool) {
	u := a.cur
	if u.code != "" {
		return u.code, true
	}
	if u.minor && u.fam != famDollar && p.prevEnd >= 0 && a.start-p.prevEnd < 40 && p.lx.famCodes[p.prevCode]&(1<<u.fam) != 0 {
		return p.prevCode, true // "5 pesos and 50 centavos"
	}
	if u.fam == famDollar {
		if u.minor && centCodes[p.prevCode] && p.prevEnd >= 0 && a.start-p.prevEnd < 40 {
			return p.prevCode, true
		}
		if u.minor {
			// "down eight cents at A$ 6.39": the dollar written just after.
			for k := a.end; k < a.end+6 && k < len(p.toks); k++ {
				if v, ok := p.lx.prefix[p.toks[k].Text]; ok && v.code != "" && p.lx.codeFam[v.code] == famDollar {
					return v.code, true
				}
			}
		}
		// A bare "$" in parentheses right after another amount is a
		// conversion into U.S. dollars: "£3.2bn ($4.1bn)".
		if a.dollarSign {
			open := a.start - 1
			if approx1[p.lower(p.tok(open))] { // "(about $1.50)"
				open--
			}
			if p.tok(open) == "(" && p.prevEnd == open {
				return "USD", true
			}
		}
		// "41.6 mln Canadian dlrs and ... 125 mln dlr": a dollar name in the
		// sentence of an amount in a named dollar is that dollar.
		if !a.dollarSign && p.sentDollar != "" && p.sameSentence(p.sentDollarEnd, a.start) {
			return p.sentDollar, true
		}
		// "All figures in Canadian dollars", then the document's places.
		if c := p.last[famDollar]; c != "" {
			return c, true
		}
		if c := p.placeCode(famDollar); c != "" {
			return c, true
		}
		return "USD", true
	}
	if c := p.last[u.fam]; c != "" {
		return c, true
	}
	cue := p.placeCode(u.fam)
	if (u.fam == famMark || u.fam == famCrown) && cue == "" && !u.symbol && !a.q.scaled && a.q.lo.den == 1 &&
		a.q.lo.exp == 0 && !p.moneyContext(a.start) {
		return "", false // "scored 95 marks", "won three crowns"
	}
	if cue != "" {
		return cue, true
	}
	// "3 trillion won" is money even without a Korean cue: no verb "won"
	// follows a scale word.
	if families[u.fam].needsCue && !u.symbol && !u.sure && !(u.fam == famWon && a.q.scaled) &&
		!(u.fam == famPound && a.q.scaled && p.moneyContext(a.start)) {
		return "", false
	}
	return families[u.fam].def, true
}

// moneyWords before "9.77 million pounds" say the pounds are money, not
// weight.
var moneyWords = map[string]bool{
	"profit": true, "profits": true, "loss": true, "losses": true, "revenue": true, "revenues": true,
	"turnover": true, "fee": true, "fees": true, "paid": true, "pay": true, "paying": true, "deal": true,
	"worth": true, "cost": true, "costs": true, "price": true, "fine": true, "fined": true, "earned": true,
	"earnings": true, "income": true, "bid": true, "offer": true, "budget": true, "debt": true, "investment": true,
	"raise": true, "raised": true, "spend": true, "spent": true, "funding": true, "transfer": true, "damages": true,
	"dividend": true, "div": true, "shr": true, "share": true, "bond": true, "bonds": true, "denominations": true,
	"loan": true, "capital": true, "tax": true,
}

// fundsNouns after "pounds of" say the pounds are money: "100 billion pounds
// of bond purchases", "2 billion pounds of new funding". Commodities are
// weighed: "500 mln pounds of copper".
var fundsNouns = map[string]bool{
	"bond": true, "bonds": true, "gilts": true, "debt": true, "assets": true, "investment": true, "investments": true,
	"funding": true, "funds": true, "spending": true, "savings": true, "cuts": true, "aid": true, "loans": true,
	"grants": true, "subsidies": true, "money": true, "cash": true, "stimulus": true, "borrowing": true,
	"taxpayers": true, "tax": true, "taxes": true, "revenue": true, "contracts": true, "support": true,
	"purchases": true, "deals": true, "profits": true, "losses": true, "fines": true, "damages": true,
}

// moneyAfterOf reports whether token i, just after "pounds of", or the one
// after it (past an adjective such as "new" or "government") is a funds noun.
func (p *parser) moneyAfterOf(i int) bool {
	return fundsNouns[p.lower(p.tok(i))] || fundsNouns[p.lower(p.tok(i+1))]
}

// moneyContext reports whether a money word comes in the 12 tokens before
// token i, in the same sentence.
func (p *parser) moneyContext(i int) bool {
	for k := i - 1; k >= 0 && k >= i-12; k-- {
		switch t := p.toks[k].Text; t {
		case ".", "!", "?", ";":
			return false
		default:
			if moneyWords[p.lower(t)] {
				return true
			}
		}
	}
	return false
}

// Words before an amount that make it approximate. They are not part of the
// span.
var (
	approx1 = map[string]bool{
		"about": true, "around": true, "approximately": true, "approx.": true, "roughly": true, "some": true,
		"nearly": true, "almost": true, "over": true, "under": true, "circa": true, "estimated": true, "~": true,
		"below": true, "above": true, "c.": true, "exceeding": true, "approx": true, "ca.": true, "near": true,
	}
	approx2 = map[string]bool{
		"more than": true, "less than": true, "fewer than": true, "at least": true, "at most": true, "up to": true,
		"close to": true, "upwards of": true, "just over": true, "just under": true, "well over": true,
		"well above": true, "north of": true, "nearly all": false, "no more": false, "or so": false,
		"well under": true, "just below": true, "just above": true,
	}
	approx3 = map[string]bool{
		"as much as": true, "as little as": true, "as high as": true, "as low as": true, "as many as": true,
		"in excess of": true, "as few as": true, "the region of": true,
	}
)

// approximate reports whether the words before token i qualify the amount.
func (p *parser) approximate(i int) bool {
	w1 := p.lower(p.tok(i - 1))
	if approx1[w1] {
		return true
	}
	w2 := p.lower(p.tok(i-2)) + " " + w1
	if approx2[w2] {
		return true
	}
	return approx3[p.lower(p.tok(i-3))+" "+w2]
}

// Words before a range that make it a change rather than a range: "rose 1-1/2
// to 45 dlrs", "from $5 to $7".
var changeWords = map[string]bool{
	"rose": true, "fell": true, "up": true, "down": true, "gained": true, "lost": true, "added": true,
	"climbed": true, "dropped": true, "declined": true, "eased": true, "slipped": true, "jumped": true,
	"increased": true, "decreased": true, "rising": true, "falling": true, "by": true, "firmed": true,
	"softened": true, "advanced": true, "shed": true, "plunged": true, "soared": true, "tumbled": true,
	"surged": true, "slid": true, "edged": true, "rises": true, "falls": true, "gains": true, "drops": true,
}

var rangeWords = map[string]bool{
	"ranging": true, "range": true, "ranged": true, "ranges": true, "anywhere": true, "vary": true,
	"varying": true, "varied": true, "varies": true,
}

func (p *parser) isChange(i int, lo, hi value) bool {
	k := i - 1
	// Skip a modifier: "from about $5 to $7".
	if approx1[p.lower(p.tok(k))] {
		k--
	}
	w := p.lower(p.tok(k))
	if w == "from" {
		return !rangeWords[p.lower(p.tok(k-1))]
	}
	if !changeWords[w] {
		return false
	}
	// "rose 1-1/2 to 45 dlrs" is a change and a level; "up 0.11 to 0.15
	// cent" is a range of changes, its bounds of a size.
	return farApart(lo, hi)
}

// farApart reports whether a and b differ by more than a factor of ten.
func farApart(a, b value) bool { return a.scaled(1).cmp(b) < 0 || b.scaled(1).cmp(a) < 0 }

// carryOver reads the bare number after "vs" that compares with the amount
// just found ("profit 385 mln francs vs 226.9"): same currency, and same scale
// when it has none of its own. It returns the token after what it read.
func (p *parser) carryOver(end int) int {
	i := end + 1
	needScale := false
	switch p.lower(p.tok(end)) {
	case "vs", "vs.", "versus", "against", "from":
	case "to", "after":
		needScale = true
	case "compared", "comparing":
		if w := p.lower(p.tok(end + 1)); w != "with" && w != "to" {
			return end
		}
		i++
		needScale = true
	default:
		return end
	}
	if j, ok := p.echo(i, needScale); ok {
		return j
	}
	return end
}

// echoTriggers are the words before a bare number that compares with an
// amount earlier in the sentence: "fell to 9.67 billion marks in the last
// quarter from 10.43 billion".
var echoTriggers = map[string]bool{
	"from": true, "to": true, "vs": true, "vs.": true, "versus": true, "against": true, "after": true, "with": true, "and": true,
	"reach": true, "reached": true, "reaching": true, "which": true, "worth": true, "was": true, "were": true, "totalled": true,
	"totaled": true, "totalling": true, "totaling": true, "at": true, "or": true, "including": true,
}

// fillers may come between a comparison word and the number it introduces.
var fillers = map[string]bool{
	"a": true, "an": true, "the": true, "its": true, "their": true, "present": true, "previous": true,
	"original": true, "initial": true, "record": true, "revised": true, "year-earlier": true, "year-ago": true,
}

// tableLabels name a figure in a table of results: "net 34 billion, current
// 81 billion and sales 1,250 billion".
var tableLabels = map[string]bool{"net": true, "current": true, "pretax": true, "operating": true, "gross": true}

// moneyNouns before "of" make a bare number there money too: "sales of 5.14
// billion", but not "a country of 11 million".
var moneyNouns = map[string]bool{
	"sales": true, "revenue": true, "revenues": true, "profit": true, "profits": true, "loss": true, "losses": true,
	"income": true, "turnover": true, "deficit": true, "surplus": true, "debt": true, "debts": true, "cost": true,
	"costs": true, "value": true, "budget": true, "assets": true, "earnings": true, "investment": true,
	"investments": true, "payment": true, "payments": true, "fine": true, "reserves": true, "capital": true,
	"exports": true, "imports": true, "spending": true, "expenditure": true, "borrowing": true, "borrowings": true,
	"credit": true, "credits": true, "loan": true, "loans": true, "aid": true, "shortfall": true, "provision": true,
	"provisions": true, "deposits": true, "dividend": true, "price": true, "writedown": true, "charge": true,
	"growth": true, "rise": true, "increase": true, "fall": true, "decline": true, "drop": true, "gain": true,
	"total": true, "amount": true, "sum": true,
}

// echoAt reads a bare scaled number at token i that compares with the last
// amount found in the same sentence, a few words back.
func (p *parser) echoAt(i int) (int, bool) {
	if !p.big.ok || i-p.big.end > 25 || i <= p.big.end {
		return i, false
	}
	// Skip the words that may stand between the comparison word and the
	// number: "from a 1.60 billion surplus", "from January's 1.9 billion",
	// "from the present 242 mln", "from 1985/86's record 50.14 billion".
	k := i - 1
	for n := 0; n < 3; n++ {
		w := p.lower(p.tok(k))
		if fillers[w] {
			k--
			continue
		}
		if w == "'s" || w == "’s" {
			k -= 2
			continue
		}
		break
	}
	w := p.lower(p.tok(k))
	if !echoTriggers[w] && !changeWords[w] && !moneyNouns[w] && !tableLabels[w] && !(w == "of" && moneyNouns[p.lower(p.tok(k-1))]) {
		return i, false
	}
	for k := p.big.end; k < i; k++ {
		switch p.toks[k].Text {
		case ".", "!", "?", ";", ":":
			return i, false
		}
	}
	return p.echo(i, true)
}

// smallEchoAt reads a bare number without a scale at token i that compares
// with the amount just before it, in the same sentence: "down from 13.80",
// "closing down 1.90 guilders at 58.70".
func (p *parser) smallEchoAt(i int) (int, bool) {
	if p.prevEnd < 0 || i <= p.prevEnd || i-p.prevEnd > 12 || p.lastPart.q.scaled || p.lastPart.cur.minor || len(p.out) == 0 {
		return i, false
	}
	switch p.lower(p.tok(i - 1)) {
	case "from", "vs", "vs.", "versus", "against", "at", "up", "down", "off":
	case "and", "with":
		// "against 1.8195/8205 at the opening and 1.8245/55 in Europe"
		if strings.IndexByte(p.tok(i), '/') < 0 {
			return i, false
		}
	default:
		return i, false
	}
	for k := p.prevEnd; k < i; k++ {
		switch t := p.toks[k].Text; {
		case t == "." || t == "!" || t == "?" || t == ";" || t == ":":
			return i, false
		case isDigit(t[0]):
			return i, false // "to 34.3 hours from 34.7": another quantity came between
		}
	}
	// Only a price with decimals and no scale: integers are too often counts
	// or dates.
	s := p.tok(i)
	switch {
	case !isDigit(s[len(s)-1]):
		return i, false
	case strings.ContainsAny(s, "./"):
		// A price has decimals or a fraction: "58.70", "2-1/8".
	case strings.IndexByte(s, ',') > 0 && p.lastPart.q.lo.cmp(intValue(1000)) >= 0:
		// "55,500 dlrs, but offers at 65,000"
	default:
		return i, false
	}
	if _, ok := scaleWord(p.tok(i+1), p.buf); ok {
		return i, false
	}
	return p.echo(i, false)
}

// bigRef is the last amount of a million or more, which a bare number
// later in the sentence may compare with.
type bigRef struct {
	ok   bool
	code string
	exp  int // its scale
	end  int // the token after it
}

// echo reads a bare number at token i as an amount in the currency of the
// last amount found, and with its scale when it has none of its own; with
// needScale, the number must have the same scale as that amount.
func (p *parser) echo(i int, needScale bool) (int, bool) {
	end := i
	prev := p.out[len(p.out)-1]
	if i >= len(p.toks) {
		return end, false
	}
	q, j, ok := p.quantityAt(i, false)
	if !ok || q.cut != 0 || q.hasGlued || q.year && !q.scaled || needScale && (!q.scaled || q.scaleExp < 6 || !p.big.ok) {
		return end, false
	}
	// Digits, or words with a scale ("on sales of three billion"). A range
	// compares only with another quote ("1.8215/25 marks against 1.8195/8205").
	if !isDigit(p.tok(i)[0]) && !q.scaled || prev.Upper != nil && !needScale && !q.hasHi {
		return end, false
	}
	// What follows must not be a unit of its own ("vs 5 pct", "vs 4 mln shares").
	switch next := p.tok(j); {
	case next == "":
	case isLetter(next[0]):
		if _, _, ok := p.suffixAt(j); ok {
			return end, false // a currency of its own: an amount the main loop reads
		}
		switch w := p.lower(next); w {
		case "in", "for", "a", "an", "the", "last", "and", "or", "on", "at", "during", "year", "previously", "before",
			"earlier", "from", "to", "vs", "vs.", "versus", "against", "after", "compared", "respectively", "by",
			"now", "yesterday", "today", "currently", "initially", "originally", "ago", "as":
		case "pct", "percent", "shares", "shrs", "tonnes", "points", "pts", "per", "pc":
			return end, false
		default:
			if (next[0] < 'A' || next[0] > 'Z') && !strings.HasSuffix(w, "ed") && !moneyNouns[w] {
				return end, false // "vs 4 mln barrels"; a capital starts the next line of a table
			}
		}
	case strings.IndexByte(",.;:()", next[0]) < 0 || next == "." && j+1 < len(p.toks) && isDigit(p.tok(j + 1)[0]):
		return end, false
	}
	if needScale {
		// A scaled number in the currency of the last big amount.
		if !p.emit(i, j, p.big.code, false, q.lo, nil, false) {
			return end, false
		}
		p.big.end = j
		return j, true
	}
	lo, hi := q.lo, q.hi
	// Same scale and unit as the amount compared with.
	first := p.lastPart
	if !q.scaled && first.q.scaled {
		lo, hi = lo.scaled(first.q.scaleExp), hi.scaled(first.q.scaleExp)
	}
	var upper *value
	if q.hasHi {
		upper = &hi
	}
	if !p.emit(i, j, prev.Currency, first.cur.minor, lo, upper, false) {
		return end, false
	}
	return j, true
}

// listItem reads the first of two amounts that share the currency after the
// second: "400 mln and 300 mln guilders", "1,000 and 10,000 Australian dlrs".
// It adds the first and returns the token after it; the main loop then reads
// the second.
func (p *parser) listItem(a part, between bool) (int, bool) {
	conj := p.lower(p.tok(a.end))
	switch conj {
	case "and", "or", "vs", "vs.", "versus", "against":
	default:
		return a.start, false
	}
	if between || a.q.year && !a.q.scaled || a.q.hasHi {
		return a.start, false
	}
	b, ok := p.partAt(a.end + 1)
	if !ok || !b.hasCur || b.pre || b.q.hasHi || b.cur.minor && conj != "and" && conj != "or" {
		return a.start, false
	}
	if !a.q.scaled && b.q.scaled {
		if lo := a.q.lo.scaled(b.q.scaleExp); lo.cmp(b.q.lo) <= 0 {
			a.q.lo, a.q.scaled, a.q.scaleExp = lo, true, b.q.scaleExp
		}
	}
	a.cur, a.hasCur = b.cur, true
	return p.single(a)
}
