package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// family groups quotation marks that close each other.
type family uint8

const (
	famDouble family = iota // " “ ” „ `` ''
	famSingle               // ' ‘ ’ ‚
	famGuill                // « »
	numFamilies
)

// role is what a quotation mark does where it stands.
type role uint8

const (
	roleOpen   role = iota + 1
	roleClose       // closes an open mark of its family, if there is one
	roleEither      // closes an open mark of its family, or else opens
)

// mark is one quotation mark: text[pos:pos+size].
type mark struct {
	pos       int
	glyph     rune // the first rune of the mark; '`' for ``, '\x00' for ''
	size      uint8
	fam       family
	role      role
	strong    bool // unambiguously an opening mark
	lineStart bool // the first thing on a line after a line that ends a sentence
}

func (m mark) end() int { return m.pos + int(m.size) }

// piece is the part of a quotation inside one paragraph.
type piece struct {
	start, end   int // the quoted words, trimmed of space
	open0, open1 int // the opening mark
	close0       int // the closing mark starts here; close0 == close1 when the quote runs to the paragraph end
	close1       int
	para         int
	group        int  // pieces of one multi-paragraph quotation share a group
	continued    bool // the quotation goes on in the next paragraph
}

// paragraph is a run of text between paragraph breaks, text[start:end].
type paragraph struct{ start, end int }

// paragraphs splits text into paragraphs. Normally every line is a
// paragraph, as in the segment package. In hard-wrapped text (most line
// breaks fall inside sentences, as in old newswire) a paragraph ends only at
// a blank line or before an indented line. In text of space-separated tokens
// with one sentence per line (CoNLL, PTB) a paragraph ends only at a blank
// line, and spaced reports that.
func paragraphs(text string) (paras []paragraph, spaced bool) {
	type line struct{ start, end int }
	var lines []line
	start := 0
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf && c != '\n' && c != '\r' {
			i++ // the usual case
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' {
			lines = append(lines, line{start, i})
			start = i + size
		}
		i += size
	}
	lines = append(lines, line{start, len(text)})
	soft, breaks := 0, 0
	for k := 0; k+1 < len(lines); k++ {
		cur, next := text[lines[k].start:lines[k].end], text[lines[k+1].start:lines[k+1].end]
		if isBlank(cur) || isBlank(next) {
			continue
		}
		breaks++
		r, _ := utf8.DecodeRuneInString(next)
		last, _ := utf8.DecodeLastRuneInString(cur)
		if unicode.IsLower(r) && !unicode.IsSpace(last) && last != '.' && last != ':' && len(cur) >= 40 {
			soft++
		}
	}
	wrapped := soft >= 2 && soft*4 >= breaks
	nonBlank, tokenEnds := 0, 0
	for _, l := range lines {
		line := text[l.start:l.end]
		if isBlank(line) {
			continue
		}
		nonBlank++
		_, e := trimSpace(line, 0, len(line))
		if e >= 2 && line[e-2] == ' ' && strings.IndexByte(".?!\"'", line[e-1]) >= 0 {
			tokenEnds++
		}
	}
	spaced = nonBlank >= 3 && tokenEnds*10 >= nonBlank*6
	wrapped = wrapped || spaced
	cur := paragraph{-1, -1}
	for _, l := range lines {
		if isBlank(text[l.start:l.end]) {
			if cur.start >= 0 {
				paras = append(paras, cur)
				cur = paragraph{-1, -1}
			}
			continue
		}
		indented := !spaced && l.start < len(text) && (text[l.start] == ' ' || text[l.start] == '\t')
		if cur.start >= 0 && (!wrapped || indented) {
			paras = append(paras, cur)
			cur = paragraph{-1, -1}
		}
		if cur.start < 0 {
			cur.start = l.start
		}
		cur.end = l.end
	}
	if cur.start >= 0 {
		paras = append(paras, cur)
	}
	return paras, spaced
}

func isBlank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// scanMarks returns the quotation marks of one paragraph, text[start:end],
// in order. Apostrophes (Lukashenka’s, ’90s, rock ’n’ roll) are left out.
func scanMarks(text string, start, end int, marks []mark) []mark {
	marks = marks[:0]
	lineStart := false // only spaces since a line break after a sentence end
	var last byte      // the last byte that is not a space
	for i := start; i < end; {
		if isPlainByte(text[i]) {
			// A run of them, as a word: the usual case.
			j := i + 1
			for j < end && isPlainByte(text[j]) {
				j++
			}
			lineStart, last, i = false, text[j-1], j
			continue
		}
		if c := text[i]; c < utf8.RuneSelf && c != '"' && c != '\'' && c != '`' {
			switch {
			case c == '\n':
				lineStart = last == '.' || last == '?' || last == '!'
			case c != ' ' && c != '\t' && c != '\r':
				lineStart = false
				last = c
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:end])
		if !isMarkRune(r) {
			lineStart = lineStart && isSpace(r)
			i += size
			continue
		}
		m, skip, ok := classify(text, start, end, i, r, size)
		if ok {
			m.lineStart = lineStart
			marks = append(marks, m)
		}
		lineStart = false
		last = text[i]
		i += size + skip
		if ok && int(m.size) > size {
			i = m.end()
		}
	}
	markPossessives(text, end, marks)
	return marks
}

// isPlainByte reports whether c is ASCII, no quotation mark and no space
// or line break: a byte that scanMarks only notes as the last one seen.
func isPlainByte(c byte) bool {
	return c > ' ' && c < utf8.RuneSelf && c != '"' && c != '\'' && c != '`'
}

func isMarkRune(r rune) bool {
	switch r {
	case '"', '\'', '`', '“', '”', '„', '‘', '’', '‚', '«', '»':
		return true
	}
	return false
}

// classify decides whether the rune r at text[i:] is a quotation mark, and
// which. skip is how many more bytes to skip (the second mark of ’n’).
func classify(text string, pstart, pend, i int, r rune, size int) (m mark, skip int, ok bool) {
	left, right := before(text, pstart, i), after(text, pend, i+size)
	lf := !isSpace(right) && (isSpace(left) || isOpenPunct(left))
	rf := !isSpace(left) && (isSpace(right) || isClosePunct(right))
	m = mark{pos: i, size: uint8(size), glyph: r}
	switch r {
	case '"':
		m.fam, m.role, m.strong = famDouble, flankRole(lf, rf), lf && !rf
	case '“':
		m.fam, m.role, m.strong = famDouble, roleOpen, true
		if rf && !lf {
			m.role, m.strong = roleEither, false
		}
	case '”':
		m.fam, m.role = famDouble, roleClose
		if lf && !rf {
			m.role = roleEither
		}
	case '„':
		m.fam, m.role, m.strong = famDouble, roleOpen, true
	case '«':
		m.fam, m.role, m.strong = famGuill, roleOpen, true
		if rf && !lf { // closes »…« (Danish, German)
			m.role, m.strong = roleEither, false
		}
	case '»':
		m.fam, m.role = famGuill, roleClose
		if lf && !rf {
			m.role = roleEither
		}
	case '`':
		if i+1 < pend && text[i+1] == '`' {
			m.fam, m.role, m.size, m.strong = famDouble, roleOpen, 2, true
			return m, 0, true
		}
		return m, 0, false
	case '‚':
		if !isSpace(left) && !isOpenPunct(left) { // a comma look-alike
			return m, 0, false
		}
		m.fam, m.role, m.strong = famSingle, roleOpen, true
	case '‘', '’', '\'':
		if r == '\'' && i+1 < pend && text[i+1] == '\'' {
			// '' is a double mark, PTB or newspaper style.
			left2, right2 := left, after(text, pend, i+2)
			lf2 := !isSpace(right2) && (isSpace(left2) || isOpenPunct(left2))
			rf2 := !isSpace(left2) && (isSpace(right2) || isClosePunct(right2))
			m.fam, m.role, m.size, m.glyph, m.strong = famDouble, flankRole(lf2, rf2), 2, 0, lf2 && !rf2
			return m, 0, true
		}
		return classifySingle(text, pend, i, r, size, left, right, lf, rf)
	default:
		return m, 0, false
	}
	return m, 0, true
}

// classifySingle tells single quotation marks from apostrophes.
func classifySingle(text string, pend, i int, r rune, size int, left, right rune, lf, rf bool) (m mark, skip int, ok bool) {
	m = mark{pos: i, size: uint8(size), fam: famSingle, glyph: r}
	if isWordRune(left) && isWordRune(right) {
		return m, 0, false // don't, Lukashenka’s, O'Neill
	}
	if !isWordRune(left) {
		rest := text[i+size : pend]
		if unicode.IsDigit(right) && elidedYear(rest) {
			return m, 0, false // ’90s, '87
		}
		// rock ’n’ roll, rock 'n' roll
		if len(rest) >= 1 && (rest[0] == 'n' || rest[0] == 'N') {
			r2, s2 := utf8.DecodeRuneInString(rest[1:])
			if isApostropheRune(r2) && !isWordRune(after(text, pend, i+size+1+s2)) {
				return m, 1 + s2, false
			}
		}
		if elidedWord(rest) {
			return m, 0, false // ’em, 'til, 'cause
		}
	}
	switch {
	case r == '‘' && !isSpace(right):
		m.role, m.strong = roleOpen, true
	case r != '‘' && lf && !rf:
		m.role = roleOpen
		m.strong = r == '\''
	case r != '‘' && rf && !lf:
		m.role = roleClose
	default:
		return m, 0, false
	}
	return m, 0, true
}

// markPossessives drops closing single marks that are more likely the
// apostrophe of a plural possessive ("the workers’ union") because another
// closing single mark follows later in the paragraph and a lower-case word
// follows this one.
func markPossessives(text string, pend int, marks []mark) {
	later := false
	for k := len(marks) - 1; k >= 0; k-- {
		m := &marks[k]
		if m.fam != famSingle || m.role != roleClose {
			if m.fam == famSingle && m.role == roleOpen {
				later = false
			}
			continue
		}
		isClose := later
		later = true
		if !isClose {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(text[:m.pos])
		if prev != 's' && prev != 'S' {
			continue
		}
		j := m.end()
		for j < pend && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		next, _ := utf8.DecodeRuneInString(text[j:pend])
		if j > m.end() && unicode.IsLower(next) {
			m.role = 0 // not a quotation mark
		}
	}
}

func flankRole(lf, rf bool) role {
	switch {
	case lf && !rf:
		return roleOpen
	case rf && !lf:
		return roleClose
	}
	return roleEither
}

func elidedYear(s string) bool {
	n := 0
	for n < len(s) && n < 3 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n != 2 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[n:])
	return r == 's' || !isWordRune(r)
}

func elidedWord(s string) bool {
	n := 0
	for n < len(s) && n < 8 && (s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z') {
		n++
	}
	if n == 0 || n == len(s) && n == 8 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[n:])
	if isWordRune(r) {
		return false
	}
	switch s[:n] {
	case "em", "til", "cause", "bout", "tis", "twas", "cos", "coz", "n", "nuff", "round", "Tis", "Twas", "Til", "Cause", "Em",
		"s", "re", "ve", "ll", "d", "m", "t", "S", "RE", "VE", "LL", "D", "M", "T": // CoNLL tokens: "Britain 's"
		return true
	}
	return false
}

func before(text string, pstart, i int) rune {
	if i <= pstart {
		return ' '
	}
	r, _ := utf8.DecodeLastRuneInString(text[pstart:i])
	return r
}

func after(text string, pend, i int) rune {
	if i >= pend {
		return ' '
	}
	r, _ := utf8.DecodeRuneInString(text[i:pend])
	return r
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

func isApostropheRune(r rune) bool { return r == '\'' || r == '’' }

func isOpenPunct(r rune) bool {
	switch r {
	case '(', '[', '{', '—', '–', '-', '/', '“', '‘', '«', '„', '"', '\'', '`', '‚', ':', '<', '¡', '¿', '…':
		return true
	}
	return false
}

func isClosePunct(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '—', '–', '-', '”', '’', '»', '"', '\'', '…', '/', '>', '*':
		return true
	}
	return false
}

// pairer matches quotation marks paragraph by paragraph. Its work is linear
// in the number of marks: every mark is pushed and popped at most once.
type pairer struct {
	stack  []mark
	counts [numFamilies]int
}

const maxDepth = 32

func (p *pairer) reset() {
	p.stack = p.stack[:0]
	p.counts = [numFamilies]int{}
}

func (p *pairer) push(m mark) {
	if len(p.stack) >= maxDepth {
		return
	}
	p.stack = append(p.stack, m)
	p.counts[m.fam]++
}

// closeTo pops the stack down to and including the innermost open mark of
// family f, and returns it and the depth it was at.
func (p *pairer) closeTo(f family) (mark, int) {
	for {
		top := p.stack[len(p.stack)-1]
		p.stack = p.stack[:len(p.stack)-1]
		p.counts[top.fam]--
		if top.fam == f {
			return top, len(p.stack)
		}
	}
}

// innermost returns the innermost open mark of family f.
func (p *pairer) innermost(f family) (mark, bool) {
	if p.counts[f] == 0 {
		return mark{}, false
	}
	for k := len(p.stack) - 1; k >= 0; k-- {
		if p.stack[k].fam == f {
			return p.stack[k], true
		}
	}
	return mark{}, false
}

// findPieces pairs the quotation marks of text and returns the outermost
// quotations, one piece per paragraph.
//
// With spaced set (one sentence per line), a double quotation mark that
// starts a line while a quotation is open reopens it, as a new paragraph of
// a multi-paragraph quotation would.
func findPieces(text string, paras []paragraph, spaced bool) []piece {
	var (
		pieces = make([]piece, 0, len(text)/256+4)
		p      pairer
		marks  []mark
		group  = -1
		carry  = -1 // group to give the first quotation of the next paragraph
	)
	for pi, para := range paras {
		p.reset()
		marks = scanMarks(text, para.start, para.end, marks)
		contGroup := carry
		carry = -1
		emit := func(open mark, close0, close1 int, continued bool) int {
			s, e := trimSpace(text, open.end(), close0)
			g := contGroup
			if g < 0 {
				group++
				g = group
			}
			contGroup = -1
			if s >= e {
				return g
			}
			pieces = append(pieces, piece{start: s, end: e, open0: open.pos, open1: open.end(),
				close0: close0, close1: close1, para: pi, group: g, continued: continued})
			return g
		}
		for _, m := range marks {
			if spaced && m.lineStart && m.fam == famDouble && m.role != roleClose && len(p.stack) > 0 && p.counts[famDouble] > 0 {
				open := p.stack[0]
				_, lineEnd := trimSpace(text, open.end(), m.pos)
				contGroup = emit(open, lineEnd, lineEnd, true)
				p.reset()
				p.push(mark{pos: m.pos, size: m.size, glyph: m.glyph, fam: m.fam, role: roleOpen})
				continue
			}
			switch m.role {
			case roleOpen:
				if open, depth, ok := closesLow(&p, m); ok {
					if depth == 0 {
						emit(open, m.pos, m.end(), false)
					}
					continue
				}
				p.push(m)
			case roleClose, roleEither:
				if p.counts[m.fam] > 0 {
					open, depth := p.closeTo(m.fam)
					if depth == 0 {
						emit(open, m.pos, m.end(), false)
					}
				} else if m.role == roleEither {
					p.push(m)
				}
			}
		}
		if len(p.stack) == 0 {
			continue
		}
		// An open quotation at the end of the paragraph: it goes on if the
		// next paragraph opens with a mark of its family; otherwise it is
		// reported up to the paragraph end when its opening mark is
		// unambiguous, and dropped when it is not.
		open := p.stack[0]
		if pi+1 < len(paras) && reopens(text, paras[pi+1], open.fam) && (open.fam != famSingle || open.strong) {
			carry = emit(open, para.end, para.end, true)
			continue
		}
		if open.strong && open.fam != famSingle {
			emit(open, para.end, para.end, false)
		}
	}
	return pieces
}

// closesLow reports whether m, an opening “ or ‘, closes the innermost
// quotation of its family opened by a low mark („…“, ‚…‘), and returns
// that quotation's opening mark and depth as [pairer.closeTo] does.
func closesLow(p *pairer, m mark) (mark, int, bool) {
	fam, low := famDouble, '„'
	switch m.glyph {
	case '“':
	case '‘':
		fam, low = famSingle, '‚'
	default:
		return mark{}, 0, false
	}
	if in, ok := p.innermost(fam); !ok || in.glyph != low {
		return mark{}, 0, false
	}
	open, depth := p.closeTo(fam)
	return open, depth, true
}

// reopens reports whether paragraph para starts with an opening mark of
// family f.
func reopens(text string, para paragraph, f family) bool {
	s, _ := trimSpace(text, para.start, para.end)
	r, size := utf8.DecodeRuneInString(text[s:para.end])
	switch f {
	case famDouble:
		if r == '\'' {
			return s+size < para.end && text[s+size] == '\''
		}
		return r == '"' || r == '“' || r == '„' || r == '`' || r == '”'
	case famSingle:
		return r == '‘' || r == '\'' || r == '‚'
	case famGuill:
		return r == '«' || r == '»'
	}
	return false
}

// trimSpace returns the bounds of text[start:end] without leading and
// trailing white space.
func trimSpace(text string, start, end int) (int, int) {
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if !isSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !isSpace(r) {
			break
		}
		end -= size
	}
	return start, end
}
