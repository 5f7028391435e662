package dictionary

import (
	"fmt"
	"math/bits"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/tokenize"
)

// Limits on patterns.
const (
	// MaxRepeat is how many times * and + repeat an element at most.
	MaxRepeat = 16
	// MaxPatternSlots is the most tokens one pattern can match, counting
	// every repetition an element allows.
	MaxPatternSlots = 63
)

// elemKind is what one element of a pattern tests a token with.
type elemKind uint8

const (
	kindLiteral elemKind = iota
	kindClass
	kindShape
	kindRegexp
)

// tokenClass is a named shape class.
type tokenClass uint8

const (
	classAny tokenClass = iota
	classWord
	classAlpha
	classUpper
	classLower
	classCap
	classDigits
	classNumber
	classAlnum
	classPunct
)

var classNames = map[string]tokenClass{
	"any": classAny, "word": classWord, "alpha": classAlpha, "upper": classUpper, "lower": classLower,
	"cap": classCap, "title": classCap, "digits": classDigits, "number": classNumber, "alnum": classAlnum,
	"punct": classPunct,
}

// elem is one element of a pattern: a test of one token, repeated from min
// to max times.
type elem struct {
	kind     elemKind
	lit      string // a literal, normalized as tokens are (see normTok), or a shape
	class    tokenClass
	re       *regexp.Regexp
	min, max int
}

// pattern is a compiled token pattern. Its elements are laid out as slots,
// one per token it may match: an element repeated {m,n} times takes m slots
// that must match and n-m that may be skipped. A match is then a run of a
// bit-parallel automaton whose state is the set of slots reached, one uint64.
type pattern struct {
	entry    int32
	elems    []elem
	slotElem []uint8 // the element of each slot
	opt      uint64  // the slots that may be skipped
	accept   uint64  // the bit past the last slot
	caseSens bool
}

// compilePattern parses a pattern. caseSens makes its literals
// case-sensitive.
func compilePattern(src string, caseSens bool) (*pattern, error) {
	p := &pattern{caseSens: caseSens}
	s := src
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		if s == "" {
			break
		}
		var (
			els []elem
			err error
		)
		els, s, err = p.parseElem(s)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadPattern, err)
		}
		p.elems = append(p.elems, els...)
	}
	if len(p.elems) == 0 {
		return nil, fmt.Errorf("%w: the pattern is empty", ErrBadPattern)
	}
	if len(p.elems) > MaxPatternSlots {
		return nil, fmt.Errorf("%w: %d elements, the limit is %d", ErrBadPattern, len(p.elems), MaxPatternSlots)
	}
	mandatory := false
	for i, e := range p.elems {
		for k := range e.max {
			if len(p.slotElem) == MaxPatternSlots {
				return nil, fmt.Errorf("%w: it can match more than %d tokens (each * or + counts %d)", ErrBadPattern, MaxPatternSlots, MaxRepeat)
			}
			if k >= e.min {
				p.opt |= 1 << len(p.slotElem)
			} else {
				mandatory = true
			}
			p.slotElem = append(p.slotElem, uint8(i))
		}
	}
	if !mandatory {
		return nil, fmt.Errorf("%w: every element is optional, so it could match no token", ErrBadPattern)
	}
	p.accept = 1 << len(p.slotElem)
	return p, nil
}

// parseElem parses the element at the start of s and returns it (a literal
// of several tokens is several elements) and the rest of s.
func (p *pattern) parseElem(s string) ([]elem, string, error) {
	var e elem
	var words []string // for a literal
	switch s[0] {
	case '/':
		var b strings.Builder
		i := 1
		for ; i < len(s) && s[i] != '/'; i++ {
			if s[i] == '\\' && i+1 < len(s) && s[i+1] == '/' {
				i++
			} else if s[i] == '\\' && i+1 < len(s) {
				b.WriteByte(s[i])
				i++
			}
			b.WriteByte(s[i])
		}
		if i == len(s) {
			return nil, "", fmt.Errorf("regular expression %s has no closing /", quoteShort(s))
		}
		if b.Len() == 0 {
			return nil, "", fmt.Errorf("empty regular expression //")
		}
		if _, err := regexp.Compile(b.String()); err != nil {
			return nil, "", fmt.Errorf("regular expression /%s/: %v", b.String(), strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		}
		re, err := regexp.Compile(`^(?:` + b.String() + `)$`)
		if err != nil {
			return nil, "", fmt.Errorf("regular expression /%s/: %v", b.String(), strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		}
		e.kind, e.re = kindRegexp, re
		s = s[i+1:]
	case '<':
		end := strings.IndexByte(s, '>')
		if end < 0 {
			return nil, "", fmt.Errorf("class %s has no closing >", quoteShort(s))
		}
		name := s[1:end]
		if shape, ok := strings.CutPrefix(name, "shape:"); ok {
			if shape == "" {
				return nil, "", fmt.Errorf("empty shape <shape:>")
			}
			e.kind, e.lit = kindShape, shape
		} else {
			c, ok := classNames[name]
			if !ok {
				return nil, "", fmt.Errorf("unknown class <%s>; the classes are <any> <word> <alpha> <upper> <lower> <cap> <digits> <number> <alnum> <punct> and <shape:Xxdd>", name)
			}
			e.kind, e.class = kindClass, c
		}
		s = s[end+1:]
	case '"':
		var b strings.Builder
		i := 1
		for ; i < len(s) && s[i] != '"'; i++ {
			if s[i] == '\\' && i+1 < len(s) {
				i++
			}
			b.WriteByte(s[i])
		}
		if i == len(s) {
			return nil, "", fmt.Errorf("literal %s has no closing quote", quoteShort(s))
		}
		if strings.TrimSpace(b.String()) == "" {
			return nil, "", fmt.Errorf(`empty literal ""`)
		}
		words = []string{b.String()}
		s = s[i+1:]
	case '?', '*', '+', '{':
		return nil, "", fmt.Errorf("quantifier %q follows no element", s[0])
	default:
		end := strings.IndexAny(s, " \t\r\n")
		if end < 0 {
			end = len(s)
		}
		word := s[:end]
		rest := s[end:]
		// A quantifier at the end of a bare word belongs to the word.
		q := quantStart(word)
		words = []string{word[:q]}
		s = word[q:] + rest
	}
	e.min, e.max = 1, 1
	if s != "" && strings.IndexByte("?*+{", s[0]) >= 0 {
		var err error
		if e.min, e.max, s, err = parseQuant(s); err != nil {
			return nil, "", err
		}
	}
	if s != "" && !strings.ContainsRune(" \t\r\n", rune(s[0])) {
		return nil, "", fmt.Errorf("%s: elements are separated by spaces", quoteShort(s))
	}
	if words == nil {
		return []elem{e}, s, nil
	}
	toks := tokenize.Tokenize(words[0])
	if len(toks) > 1 && (e.min != 1 || e.max != 1) {
		return nil, "", fmt.Errorf("literal %q is %d tokens; a quantifier applies to one token", words[0], len(toks))
	}
	out := make([]elem, len(toks))
	for i, t := range toks {
		out[i] = elem{kind: kindLiteral, lit: normTok(t.Text, !p.caseSens), min: e.min, max: e.max}
	}
	return out, s, nil
}

// quantStart returns where a quantifier ends the bare word w, or len(w).
func quantStart(w string) int {
	n := len(w)
	switch {
	case n > 1 && strings.IndexByte("?*+", w[n-1]) >= 0:
		return n - 1
	case n > 2 && w[n-1] == '}':
		if i := strings.LastIndexByte(w, '{'); i > 0 {
			if _, _, rest, err := parseQuant(w[i:]); err == nil && rest == "" {
				return i
			}
		}
	}
	return n
}

// parseQuant parses the quantifier at the start of s.
func parseQuant(s string) (lo, hi int, rest string, err error) {
	switch s[0] {
	case '?':
		return 0, 1, s[1:], nil
	case '*':
		return 0, MaxRepeat, s[1:], nil
	case '+':
		return 1, MaxRepeat, s[1:], nil
	}
	end := strings.IndexByte(s, '}')
	if end < 0 {
		return 0, 0, "", fmt.Errorf("quantifier %s has no closing }", quoteShort(s))
	}
	body := s[1:end]
	a, b, comma := strings.Cut(body, ",")
	lo, err1 := strconv.Atoi(strings.TrimSpace(a))
	hi = lo
	var err2 error
	if comma {
		if strings.TrimSpace(b) == "" {
			hi = MaxRepeat
		} else {
			hi, err2 = strconv.Atoi(strings.TrimSpace(b))
		}
	}
	switch {
	case err1 != nil || err2 != nil:
		return 0, 0, "", fmt.Errorf("quantifier {%s}: want {n}, {m,n} or {m,}", body)
	case lo < 0 || hi < 1 || lo > hi:
		return 0, 0, "", fmt.Errorf("quantifier {%s}: want 0 <= m <= n and n >= 1", body)
	case hi > MaxRepeat:
		return 0, 0, "", fmt.Errorf("quantifier {%s}: an element repeats at most %d times", body, MaxRepeat)
	}
	return lo, hi, s[end+1:], nil
}

func quoteShort(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strconv.Quote(strings.ToValidUTF8(s, "\uFFFD"))
}

// normTok is how pattern literals and tokens are compared: apostrophes
// straight, every hyphen "-", and lower case when fold is set.
func normTok(t string, fold bool) string {
	plain := true
	for i := 0; i < len(t); i++ {
		if c := t[i]; c >= utf8.RuneSelf || c == '`' || fold && 'A' <= c && c <= 'Z' {
			plain = false
			break
		}
	}
	if plain {
		return t
	}
	var b strings.Builder
	b.Grow(len(t))
	for _, r := range t {
		switch {
		case r == '’' || r == 'ʼ' || r == '‘' || r == '`':
			r = '\''
		case isHyphen(r):
			r = '-'
		case fold:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// tokens holds one text's tokens and their normalized forms, made when a
// literal first needs them.
type tokens struct {
	toks        []tokenize.Token
	fold, exact []string
}

func (ts *tokens) norm(i int, fold bool) string {
	cache := &ts.exact
	if fold {
		cache = &ts.fold
	}
	if *cache == nil {
		*cache = make([]string, len(ts.toks))
	}
	if (*cache)[i] == "" {
		(*cache)[i] = normTok(ts.toks[i].Text, fold)
	}
	return (*cache)[i]
}

// matches reports whether token i fits e.
func (p *pattern) matches(e *elem, ts *tokens, i int) bool {
	t := ts.toks[i].Text
	switch e.kind {
	case kindLiteral:
		return ts.norm(i, !p.caseSens) == e.lit
	case kindRegexp:
		return e.re.MatchString(t)
	case kindShape:
		return shapeIs(t, e.lit)
	}
	return classIs(t, e.class)
}

// longest returns the end of the longest match of p starting at token i, or
// -1. It looks at no more than MaxPatternSlots tokens.
func (p *pattern) longest(ts *tokens, i int) int {
	state := p.closure(1)
	best := -1
	for k := i; ; k++ {
		if state&p.accept != 0 {
			best = k
		}
		live := state &^ p.accept
		if k == len(ts.toks) || live == 0 {
			return best
		}
		var tested, ok uint64 // by element
		next := uint64(0)
		for ; live != 0; live &= live - 1 {
			j := bits.TrailingZeros64(live)
			e := uint64(1) << p.slotElem[j]
			if tested&e == 0 {
				tested |= e
				if p.matches(&p.elems[p.slotElem[j]], ts, k) {
					ok |= e
				}
			}
			if ok&e != 0 {
				next |= 1 << (j + 1)
			}
		}
		state = p.closure(next)
	}
}

// closure adds to s the slots reached by skipping optional slots.
func (p *pattern) closure(s uint64) uint64 {
	for {
		t := s | (s&p.opt)<<1
		if t == s {
			return s
		}
		s = t
	}
}

// shapeIs reports whether t has the shape: each upper-case letter X, each
// other letter x, each digit d, anything else itself.
func shapeIs(t, shape string) bool {
	j := 0
	for _, r := range t {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		sr, size := utf8.DecodeRuneInString(shape[j:])
		if size == 0 || sr != c {
			return false
		}
		j += size
	}
	return j == len(shape)
}

func classIs(t string, c tokenClass) bool {
	if c == classAny {
		return true
	}
	var letters, uppers, lowers, digits, others int
	first := rune(-1)
	for _, r := range t {
		if first < 0 {
			first = r
		}
		switch {
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				uppers++
			} else if unicode.IsLower(r) {
				lowers++
			}
		case unicode.IsDigit(r):
			digits++
		case unicode.IsMark(r):
		default:
			others++
		}
	}
	switch c {
	case classWord:
		return unicode.IsLetter(first) || unicode.IsDigit(first)
	case classAlpha:
		return letters > 0 && digits == 0 && others == 0
	case classUpper:
		return letters > 0 && lowers == 0 && digits == 0 && others == 0
	case classLower:
		return letters > 0 && uppers == 0 && digits == 0 && others == 0
	case classCap:
		return unicode.IsUpper(first) || unicode.IsTitle(first)
	case classDigits:
		return digits > 0 && letters == 0 && others == 0
	case classNumber:
		return isNumber(t)
	case classAlnum:
		return letters+digits > 0 && others == 0
	case classPunct:
		return letters == 0 && digits == 0
	}
	return false
}

// isNumber reports whether t is a number as the tokenizer keeps one:
// digits with , . separators, optionally signed ("1,500.25", "+44", ".5").
func isNumber(t string) bool {
	t = strings.TrimPrefix(strings.TrimPrefix(t, "+"), "-")
	digits := 0
	prevSep := true
	for _, r := range t {
		switch {
		case unicode.IsDigit(r):
			digits++
			prevSep = false
		case r == ',' || r == '.':
			if prevSep && digits > 0 {
				return false
			}
			prevSep = true
		default:
			return false
		}
	}
	return digits > 0 && !prevSep
}
