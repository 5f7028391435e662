package money

import (
	"math"
	"math/big"
	"math/bits"
	"strings"
)

// value is an exact non-negative number: num/den × 10^exp.
type value struct {
	num uint64
	den uint64 // never 0
	exp int
}

// maxDigits bounds the significant digits of a number, so that num and the
// products below never overflow.
const maxDigits = 18

func intValue(n uint64) value { return value{num: n, den: 1} }

// scaled multiplies v by 10^k.
func (v value) scaled(k int) value { v.exp += k; return v }

// rat returns v as an exact rational.
func (v value) rat() *big.Rat {
	r := new(big.Rat).SetFrac(new(big.Int).SetUint64(v.num), new(big.Int).SetUint64(v.den))
	if v.exp != 0 {
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(v.exp))), nil)
		if v.exp > 0 {
			r.Mul(r, new(big.Rat).SetInt(p))
		} else {
			r.Quo(r, new(big.Rat).SetInt(p))
		}
	}
	return r
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// cmp compares v and w.
func (v value) cmp(w value) int {
	if v.den == 1 && w.den == 1 {
		// Bring both to the smaller exponent when that does not overflow.
		a, b := v, w
		if a.exp < b.exp {
			a, b = b, a
		}
		if m, ok := mulPow10(a.num, a.exp-b.exp); ok {
			c := 0
			switch {
			case m < b.num:
				c = -1
			case m > b.num:
				c = 1
			}
			if v.exp < w.exp {
				c = -c
			}
			return c
		}
	}
	return v.rat().Cmp(w.rat())
}

// mulPow10 returns n × 10^k, reporting false if it overflows.
func mulPow10(n uint64, k int) (uint64, bool) {
	for ; k > 0; k-- {
		hi, lo := bits.Mul64(n, 10)
		if hi != 0 {
			return 0, false
		}
		n = lo
	}
	return n, true
}

var (
	nanosPerUnit = big.NewInt(1e9)
	maxUnits     = new(big.Int).SetInt64(math.MaxInt64)
)

// decimal returns v in units and nanos, rounded half up to the nano. It
// reports false if v does not fit in int64 units.
func (v value) decimal() (Decimal, bool) {
	if v.exp > 30 || v.exp < -40 {
		return Decimal{}, false
	}
	if v.den == 1 && v.exp >= -9 {
		// The common case, without big numbers: an integer count of nanos.
		if n, ok := mulPow10(v.num, v.exp+9); ok && n/1e9 <= math.MaxInt64 {
			return Decimal{Units: int64(n / 1e9), Nanos: int32(n % 1e9)}, true
		}
	}
	n := new(big.Int).SetUint64(v.num)
	d := new(big.Int).SetUint64(v.den)
	if e := v.exp + 9; e >= 0 {
		n.Mul(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil))
	} else {
		d.Mul(d, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-e)), nil))
	}
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	if r.Lsh(r, 1).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	units, nanos := new(big.Int).QuoRem(q, nanosPerUnit, new(big.Int))
	if units.Cmp(maxUnits) > 0 {
		return Decimal{}, false
	}
	return Decimal{Units: units.Int64(), Nanos: int32(nanos.Int64())}, true
}

// numTok is what one token says as a number: "1,500.25", "3-4", "8-1/2",
// "1.5bn", "EUR5m", "25p", "10-cent".
type numTok struct {
	v, hi   value
	hasHi   bool // a range inside the token: "3-4"
	scaled  bool // a scale was glued on: "5bn", "5-million"
	cur     unit // a currency glued on, when hasCur
	hasCur  bool
	curPre  bool // the glued currency comes first: "EUR5m"
	group   bool // 1 to 3 digits with no separator: may start "1 500 000"
	group3  bool // exactly 3 digits: may continue "1 500 000"
	integer bool // digits only
	year    bool // 4 digits from 1000 to 2999: "1990"

	needScale bool // only a number before a scale word
}

// scaleSuffix are scales that may be glued to a number or stand as their own
// token (the latter only when sep is true), with their powers of ten.
var scales = map[string]struct {
	exp int
	sep bool
}{
	"k": {3, false}, "K": {3, false}, "thousand": {3, true}, "thousands": {3, true},
	"m": {6, false}, "M": {6, false}, "mil": {6, true}, "bil": {9, true}, "mn": {6, true}, "mln": {6, true}, "million": {6, true}, "millions": {6, true},
	"bn": {9, true}, "b": {9, false}, "B": {9, false}, "bln": {9, true}, "billion": {9, true}, "billions": {9, true},
	"tn": {12, true}, "trn": {12, true}, "tln": {12, true}, "trillion": {12, true}, "trillions": {12, true},
	"lakh": {5, true}, "lakhs": {5, true}, "lac": {5, false}, "lacs": {5, false},
	"crore": {7, true}, "crores": {7, true}, "cr": {7, false},
	"Mn": {6, false}, "MN": {6, false}, "Bn": {9, false}, "BN": {9, false}, "Tn": {12, false},
}

// scaleWord returns the power of ten of a scale token ("million", "MLN", "bn").
func scaleWord(s string, buf []byte) (int, bool) {
	if len(s) > 12 {
		return 0, false
	}
	sc, ok := scales[lowerASCII(buf, s)]
	if !ok || !sc.sep {
		return 0, false
	}
	return sc.exp, true
}

// lowerASCII lower-cases the ASCII letters of s into buf.
func lowerASCII(buf []byte, s string) string {
	buf = buf[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return string(buf)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// parseNumTok reads a token as a number, with any scale or currency glued on.
// dotThousands says a single period before three digits groups thousands
// ("1.500 €"), as in much of Europe.
func (l *lexicon) parseNumTok(s string, dotThousands bool) (numTok, bool) {
	var t numTok
	if len(s) == 0 || len(s) > 40 {
		return t, false
	}
	i, isoGlued := 0, false
	if !isDigit(s[0]) {
		// A glued prefix: "EUR5m", "Rs500", "DM5m".
		for i < len(s) && (isLetter(s[i]) || s[i] == '.') {
			i++
		}
		if i == 0 || i == len(s) || i > 4 || !isDigit(s[i]) {
			return t, false
		}
		p := s[:i]
		switch u, ok := l.prefix[p]; {
		case ok:
			t.cur, t.hasCur, t.curPre = u, true, true
		case l.iso[p]:
			t.cur, t.hasCur, t.curPre, isoGlued = unit{code: p, symbol: true}, true, true, true
		default:
			return t, false
		}
	}
	start := i
	for i < len(s) && (isDigit(s[i]) || s[i] == ',' || s[i] == '.') {
		i++
	}
	core := s[start:i]
	v, ok := parseDigits(core, dotThousands)
	if !ok {
		return t, false
	}
	t.v = v
	t.integer = !strings.ContainsAny(core, ".,")
	if t.integer {
		t.group = len(core) <= 3
		t.group3 = len(core) == 3
		t.year = len(core) == 4 && (core[0] == '1' || core[0] == '2')
	}
	rest := s[i:]
	if isoGlued && t.integer && len(core) <= 2 && rest == "" {
		return t, false // "COP28", "ALL3": names, not "COP 28"
	}
	switch {
	case len(rest) > 1 && rest[0] == '-' && isDigit(rest[1]):
		// "3-4" (a range) or "8-1/2" (a mixed fraction).
		j := 1
		for j < len(rest) && (isDigit(rest[j]) || rest[j] == ',' || rest[j] == '.') {
			j++
		}
		second := rest[1:j]
		if j < len(rest) && rest[j] == '/' {
			fr, n, ok := parseFraction(second, rest[j+1:])
			if !ok || !t.integer || v.exp != 0 {
				return t, false
			}
			t.v = value{num: v.num*fr.den + fr.num, den: fr.den}
			rest = rest[j+1+n:]
		} else {
			hi, ok := parseDigits(second, dotThousands)
			if !ok || hi.cmp(v) <= 0 {
				return t, false
			}
			t.hi, t.hasHi = hi, true
			rest = rest[j:]
		}
		t.group, t.group3, t.year, t.integer = false, false, false, false
	case len(rest) > 1 && rest[0] == '/' && t.integer:
		fr, n, ok := parseFraction(core, rest[1:])
		if !ok {
			return t, false
		}
		t.v = fr
		rest = rest[1+n:]
		t.group, t.group3, t.year, t.integer = false, false, false, false
	case len(rest) > 1 && rest[0] == '/' && strings.IndexByte(core, '.') > 0:
		// A bid/offer quote: "1.6040/50" is 1.6040 to 1.6050, "422.25/3.25"
		// is 422.25 to 423.25: the digits after the slash replace the last
		// ones of the bid.
		j := 1
		for j < len(rest) && (isDigit(rest[j]) || rest[j] == '.') {
			j++
		}
		ask := rest[1:j]
		if len(ask) == 0 || len(ask) > len(core) || !isDigit(ask[len(ask)-1]) {
			return t, false
		}
		full := core[:len(core)-len(ask)] + ask
		if strings.Count(full, ".") != 1 {
			return t, false
		}
		hi, ok := parseDigits(full, false)
		if !ok || hi.cmp(v) <= 0 {
			return t, false
		}
		t.hi, t.hasHi = hi, true
		rest = rest[j:]
		t.group, t.group3, t.year, t.integer = false, false, false, false
	}
	if rest == "" {
		// A one-letter prefix ("R5", "N6.06") is a currency only before a
		// scale word: "R5 billion", "N6.06 trillion".
		t.needScale = t.hasCur && t.curPre && start == 1
		return t, true
	}
	// A glued scale or currency: "5bn", "5-million", "25p", "10-cent".
	if suffix, ok := strings.CutPrefix(rest, "-"); ok {
		// "5-million", "29.4-mln-dlr", "10-cent", "5-million-dollar".
		suffix = strings.ToLower(suffix)
		word, more, _ := strings.Cut(suffix, "-")
		if sc, ok := scales[word]; ok && sc.sep {
			t = t.withScale(sc.exp)
			if more == "" {
				return t, true
			}
			word = more
		}
		if t.hasCur || strings.IndexByte(word, '-') >= 0 {
			return t, false
		}
		if u, ok := l.names[word]; ok && u.fam != famPound && (!u.minor || u.fam == famDollar) && !u.scaledOnly {
			t.cur, t.hasCur = u, true
			return t, true
		}
		return t, false
	}
	if sc, ok := scales[rest]; ok {
		return t.withScale(sc.exp), true
	}
	if sc, ok := scales[strings.ToLower(rest)]; ok && sc.sep {
		return t.withScale(sc.exp), true
	}
	if rest == "p" && !t.hasCur && !t.hasHi && !videoLines[t.v] {
		t.cur, t.hasCur = unit{code: "GBP", minor: true, symbol: true}, true
		return t, true
	}
	return t, false
}

func (t numTok) withScale(exp int) numTok {
	t.v = t.v.scaled(exp)
	t.hi = t.hi.scaled(exp)
	t.scaled = true
	t.group, t.group3, t.year, t.integer = false, false, false, false
	return t
}

// videoLines are the "1080p" of video resolutions, which are not pence.
var videoLines = map[value]bool{}

func init() {
	for _, n := range []uint64{144, 240, 360, 480, 576, 720, 1080, 1440, 2160, 4320} {
		videoLines[intValue(n)] = true
	}
}

// parseFraction reads "1" and "2/…" as 1/2, returning how many bytes of rest
// it used.
func parseFraction(num, rest string) (value, int, bool) {
	n := 0
	for n < len(rest) && isDigit(rest[n]) {
		n++
	}
	if n == 0 || n > 4 || len(num) == 0 || len(num) > 4 || strings.ContainsAny(num, ".,") {
		return value{}, 0, false
	}
	a, b := atoi(num), atoi(rest[:n])
	if b == 0 || a >= b || n < len(rest) && (rest[n] == '/' || isDigit(rest[n])) {
		return value{}, 0, false
	}
	return value{num: a, den: b}, n, true
}

func atoi(s string) uint64 {
	var n uint64
	for i := 0; i < len(s); i++ {
		n = n*10 + uint64(s[i]-'0')
	}
	return n
}

// parseDigits reads digits with thousands separators and a decimal mark:
// "1,500.25", "1.500,25", "1,5" (a decimal comma), "1.500.000".
func parseDigits(s string, dotThousands bool) (value, bool) {
	if s == "" || !isDigit(s[0]) || !isDigit(s[len(s)-1]) {
		return value{}, false
	}
	lastComma, lastDot := strings.LastIndexByte(s, ','), strings.LastIndexByte(s, '.')
	commas, dots := strings.Count(s, ","), strings.Count(s, ".")
	var group byte
	dec := -1 // index of the decimal mark
	switch {
	case commas > 0 && dots > 0:
		if lastDot > lastComma {
			group, dec = ',', lastDot
		} else {
			group, dec = '.', lastComma
		}
		if strings.Count(s, string(s[dec])) > 1 {
			return value{}, false
		}
	case commas > 0:
		group = ','
		if commas == 1 && !groupedBy3(s, ',', len(s)) {
			group, dec = 0, lastComma
		}
	case dots > 1:
		group = '.'
	case dots == 1:
		dec = lastDot
		if dotThousands && len(s)-lastDot == 4 {
			group, dec = '.', -1
		}
	}
	intEnd := len(s)
	if dec >= 0 {
		intEnd = dec
	}
	if group != 0 && !groupedBy3(s, group, intEnd) {
		return value{}, false
	}
	var v value
	v.den = 1
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) {
			continue
		}
		if i > dec && dec >= 0 {
			v.exp--
		}
		if v.num == 0 && c == '0' {
			continue
		}
		if digits++; digits > maxDigits {
			return value{}, false
		}
		v.num = v.num*10 + uint64(c-'0')
	}
	return v, true
}

// groupedBy3 reports whether s[:end] is digits in groups of three separated by
// sep, the first group of one to three.
func groupedBy3(s string, sep byte, end int) bool {
	n := 0
	first := true
	for i := 0; i < end; i++ {
		switch {
		case s[i] == sep:
			if (first && (n == 0 || n > 3)) || (!first && n != 3) {
				return false
			}
			first, n = false, 0
		case isDigit(s[i]):
			n++
		default:
			return false
		}
	}
	return first || n == 3
}

// Number words.
var smallNumbers = map[string]uint64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
