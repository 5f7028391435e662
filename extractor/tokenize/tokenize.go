package tokenize

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/internal/checkpoint"
	"github.com/entityextraction/extractd/extractor/internal/lexicon"
)

// Token is one word, number or punctuation mark of the text.
type Token struct {
	Start int    // byte offset of the first byte, starting at 0
	End   int    // byte offset just past the last byte
	Text  string // text[Start:End]
}

// Tokenize splits text into tokens in Penn-Treebank style, the style of the
// CoNLL-2003 training data:
//
//   - punctuation is split off words: "(Reuters)" → "(" "Reuters" ")";
//   - clitics are split: "Lukashenka’s" → "Lukashenka" "’s", "don't" → "do" "n't";
//   - currency symbols are split from numbers: "$1.5" → "$" "1.5", "US$5" → "US$" "5";
//   - numbers keep their separators ("1,500.25"), hyphenated words stay whole
//     ("26-year-old", "1996-08-22"), and so do abbreviations ("U.S.", "Jan.",
//     "Gov."), URLs, e-mail addresses and file names ("Lisa_resume.doc");
//   - letters of any script, digits and combining marks make up words; any other
//     symbol (an emoji with its modifiers, say) is a token of its own.
//
// Invalid UTF-8 bytes are not an error: each one becomes a one-byte token.
// Tokens are in order, never overlap and cover every non-space byte of text.
func Tokenize(text string) []Token {
	toks, _ := TokenizeContext(context.Background(), text)
	return toks
}

// TokenizeContext is [Tokenize], stopping with the context's error if ctx
// ends; it checks ctx every [checkpoint.Every] tokens.
func TokenizeContext(ctx context.Context, text string) ([]Token, error) {
	ck := checkpoint.New(ctx)
	toks := make([]Token, 0, len(text)/5+1)
	for i := 0; i < len(text); {
		if err := ck.Tick(); err != nil {
			return nil, err
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if isSpace(r, size) {
			i += size
			continue
		}
		end := i + size
		// A URL, an e-mail address, a file name or a handle has an '@', a
		// ':', a '.' or a '/'.
		mayURL := r == '@' || r == ':' || r == '.' || r == '/'
		for end < len(text) {
			if c := text[end]; c < utf8.RuneSelf {
				if isASCIISpace(c) {
					break
				}
				mayURL = mayURL || c == '@' || c == ':' || c == '.' || c == '/'
				end++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[end:])
			if isSpace(r, size) {
				break
			}
			end += size
		}
		if isListNumber(text, i, end) {
			toks = append(toks, Token{i, end, text[i:end]})
		} else {
			toks = appendChunk(toks, text, i, end, mayURL, ck)
		}
		i = end
	}
	if err := ck.Err(); err != nil {
		return nil, err
	}
	return toks, nil
}

// isListNumber reports whether text[start:end] is a list number such as "1."
// or "12." at the start of a line, which keeps its period.
func isListNumber(text string, start, end int) bool {
	n := end - start
	if n < 2 || n > 4 || text[end-1] != '.' {
		return false
	}
	for _, c := range []byte(text[start : end-1]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	for j := start - 1; j >= 0; j-- {
		switch text[j] {
		case '\n', '\r':
			return true
		case ' ', '\t':
			continue
		}
		return false
	}
	return true
}

func isSpace(r rune, size int) bool {
	if r < utf8.RuneSelf {
		return isASCIISpace(byte(r))
	}
	if r == utf8.RuneError && size == 1 {
		return false
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// appendChunk tokenizes text[start:end], a run of non-space characters;
// mayURL is false when it has no '@', ':', '.' or '/', which rules out a
// URL, an e-mail address, a file name or a handle.
func appendChunk(toks []Token, text string, start, end int, mayURL bool, ck *checkpoint.Counter) []Token {
	chunk := text[start:end]
	if !mayURL {
		return appendPieces(toks, text, start, end, ck)
	}
	if core0, core1, ok := addressIn(chunk); ok {
		toks = appendPieces(toks, text, start, start+core0, ck)
		toks = append(toks, Token{start + core0, start + core1, text[start+core0 : start+core1]})
		return appendPieces(toks, text, start+core1, end, ck)
	}
	return appendPieces(toks, text, start, end, ck)
}

// addressIn reports whether chunk, once stripped of surrounding punctuation,
// is a URL, an e-mail address or a forum handle (see handleIn), or holds a
// file's name (see fileNameIn), and where that core lies in chunk.
func addressIn(chunk string) (int, int, bool) {
	if f0, f1, ok := fileNameIn(chunk); ok {
		return f0, f1, true
	}
	if h0, h1, ok := handleIn(chunk); ok {
		return h0, h1, true
	}
	if !mayBeURLOrEmail(chunk) {
		return 0, 0, false // the common case, without allocating
	}
	lo := 0
	for lo < len(chunk) && strings.IndexByte("(<[{\"'", chunk[lo]) >= 0 {
		lo++
	}
	hi := len(chunk)
	for hi > lo {
		r, size := utf8.DecodeLastRuneInString(chunk[lo:hi])
		if !strings.ContainsRune(".,;:!?)>]}\"'’”", r) {
			break
		}
		hi -= size
	}
	core := strings.ToLower(chunk[lo:hi])
	switch {
	case strings.HasPrefix(core, "http://"), strings.HasPrefix(core, "https://"),
		strings.HasPrefix(core, "ftp://"), strings.HasPrefix(core, "www.") && len(core) > 6:
		return lo, hi, true
	}
	return emailIn(chunk)
}

// minHandle is the fewest characters of a forum handle's name.
const minHandle = 2

// handleIn returns where a forum's handle for a user or a community lies
// in chunk, Reddit's form: "u/bogtrotter_88", "/r/Scotland" of
// "(/r/Scotland)."; not "w/o".
func handleIn(chunk string) (int, int, bool) {
	lo := 0
	for lo < len(chunk) && strings.IndexByte("(<[{\"'", chunk[lo]) >= 0 {
		lo++
	}
	k := lo
	if k < len(chunk) && chunk[k] == '/' {
		k++
	}
	if k+2 > len(chunk) || chunk[k] != 'u' && chunk[k] != 'r' || chunk[k+1] != '/' {
		return 0, 0, false
	}
	hi := k + 2
	for hi < len(chunk) && (isASCIIAlnum(chunk[hi]) || chunk[hi] == '_' || chunk[hi] == '-') {
		hi++
	}
	return lo, hi, hi-k-2 >= minHandle
}

// emailIn returns where the e-mail address in chunk lies, also when other
// characters are glued to it: "jane.doe@example.com" of
// "\"Jane\"<jane...@example.com>". The part after the '@' must have a dot
// inside it.
func emailIn(chunk string) (int, int, bool) {
	at := strings.IndexByte(chunk, '@')
	if at <= 0 {
		return 0, 0, false
	}
	lo := at
	for lo > 0 && isEmailByte(chunk[lo-1]) {
		lo--
	}
	hi := at + 1
	for hi < len(chunk) && isEmailByte(chunk[hi]) {
		hi++
	}
	for hi > at+1 && (chunk[hi-1] == '.' || chunk[hi-1] == '-') {
		hi--
	}
	domain := chunk[at+1 : hi]
	if lo == at || len(domain) < 4 || strings.IndexByte(domain, '.') <= 0 || strings.LastIndexByte(domain, '.') == len(domain)-1 {
		return 0, 0, false
	}
	return lo, hi, true
}

// isEmailByte reports whether c may be part of an e-mail address.
func isEmailByte(c byte) bool {
	return isASCIIAlnum(c) || strings.IndexByte(".-_+%", c) >= 0
}

// fileExtensions are the extensions of file names (lexicon file-extensions).
var fileExtensions = lexicon.Set("file-extensions")

// maxExtension is the longest extension in fileExtensions (a test checks
// the list against it).
const maxExtension = 4

// IsAddress reports whether s is a URL, an e-mail address, a forum handle
// or a file's name (see handleIn, fileNameIn): a token the tokenizer keeps whole, which no person,
// place or organization is named by.
func IsAddress(s string) bool {
	lo, hi, ok := addressIn(s)
	return ok && lo == 0 && hi == len(s)
}

// fileNameIn returns where the first file's name in chunk lies: ASCII
// letters, digits, '_', '-' and '.', with a letter before the last dot and
// a known extension after it ("Lisa_coverletter.doc"; "UnleadedStocks.pdf"
// of "UnleadedStocks.pdf)(See"; lexicon file-extensions).
func fileNameIn(chunk string) (int, int, bool) {
	for dot := strings.IndexByte(chunk, '.'); dot > 0; {
		end := dot + 1
		var ext [maxExtension]byte
		for end < len(chunk) && end-dot-1 < maxExtension && isASCIIAlnum(chunk[end]) {
			c := chunk[end]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			ext[end-dot-1] = c
			end++
		}
		if n := end - dot - 1; n >= 2 && nameEnds(chunk, end) && fileExtensions[string(ext[:n])] {
			start, letter := dot, false
			for start > 0 && isFileNameByte(chunk[start-1]) {
				start--
				c := chunk[start]
				letter = letter || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z'
			}
			if letter {
				return start, end, true
			}
		}
		next := strings.IndexByte(chunk[dot+1:], '.')
		if next < 0 {
			break
		}
		dot += 1 + next
	}
	return 0, 0, false
}

// nameEnds reports whether a file's name can end at chunk[end]: at its
// end, before a character no name has, or before a last period ("See
// report.pdf.").
func nameEnds(chunk string, end int) bool {
	return end == len(chunk) || !isFileNameByte(chunk[end]) || chunk[end] == '.' && (end+1 == len(chunk) || !isFileNameByte(chunk[end+1]))
}

// isFileNameByte reports whether c may be part of a file's name.
func isFileNameByte(c byte) bool {
	return isASCIIAlnum(c) || c == '_' || c == '-' || c == '.'
}

// mayBeURLOrEmail reports whether chunk has an '@', a ':', "ww." or "WW.":
// what any URL or e-mail address that addressIn accepts has.
func mayBeURLOrEmail(chunk string) bool {
	for i := 0; i < len(chunk); i++ {
		switch chunk[i] {
		case '@', ':':
			return true
		case '.':
			if i >= 2 && (chunk[i-2:i] == "ww" || chunk[i-2:i] == "WW") {
				return true
			}
		}
	}
	return false
}

// isASCIISpace is unicode.IsSpace for an ASCII character.
func isASCIISpace(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// appendPieces tokenizes a chunk that holds no URL or e-mail address.
// It stops early, leaving the rest to the caller's check, once ck has seen
// its context end.
func appendPieces(toks []Token, text string, start, end int, ck *checkpoint.Counter) []Token {
	for i := start; i < end; {
		if ck.Tick() != nil {
			return toks
		}
		n := scanToken(text[i:end])
		if i+n == end-1 && text[end-1] == '.' && isLowerAbbreviation(text[i:i+n]) && lowerWordAt(text, end) && !capitalsNear(text, i) {
			n++ // "mario j. lucero", "dr. smith" in text without capitals
		}
		w := text[i : i+n]
		// A word may end in a clitic that is a token of its own.
		if k := cliticStart(w); k > 0 {
			toks = append(toks, Token{i, i + k, w[:k]}, Token{i + k, i + n, w[k:]})
		} else {
			toks = append(toks, Token{i, i + n, w})
		}
		i += n
	}
	return toks
}

// scanToken returns the length in bytes of the token at the start of s, which
// holds no spaces and is not empty.
func scanToken(s string) int {
	r, size := utf8.DecodeRuneInString(s)
	switch {
	case r == utf8.RuneError && size <= 1:
		return 1
	case isWordRune(r):
		return scanWord(s)
	case isApostrophe(r):
		// ’90s, 'n', 's as a chunk of its own (CoNLL text) and the like.
		if n := size; n < len(s) {
			next, _ := utf8.DecodeRuneInString(s[n:])
			if isWordRune(next) {
				w := scanWord(s[n:])
				word := s[n : n+w]
				if unicode.IsDigit(next) || isCliticWord(word) {
					return n + w
				}
			}
		}
		return size + repeatLen(s[size:], r)
	case r == '+' && size < len(s) && s[size] >= '0' && s[size] <= '9':
		// "+0.435", "+44": a signed number or a telephone prefix.
		return size + scanWord(s[size:])
	case r == '.' && size < len(s) && s[size] >= '0' && s[size] <= '9':
		// ".596", a decimal without its leading zero.
		return size + scanWord(s[size:])
	case r == '.' || r == '-' || r == '`' || r == '*' || r == '=' || r == '_':
		// "...", "--", "``", "***" stay whole.
		return size + repeatLen(s[size:], r)
	case r == '$':
		return size
	}
	// Other symbols, with any modifiers that belong to them (emoji skin tones,
	// variation selectors, zero-width joiners), are tokens of their own.
	n := size
	for n < len(s) {
		next, sz := utf8.DecodeRuneInString(s[n:])
		if !isModifier(next) {
			break
		}
		n += sz
		if next == '\u200d' && n < len(s) { // ZWJ joins the next symbol too
			_, sz := utf8.DecodeRuneInString(s[n:])
			n += sz
		}
	}
	return n
}

// repeatLen is how many bytes at the start of s repeat r.
func repeatLen(s string, r rune) int {
	n := 0
	for n < len(s) {
		next, size := utf8.DecodeRuneInString(s[n:])
		if next != r {
			break
		}
		n += size
	}
	return n
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) && !unicode.Is(unicode.No, r)
}

func isModifier(r rune) bool {
	return unicode.IsMark(r) || r == '\u200d' || r == '\ufe0f' || r == '\ufe0e' ||
		(r >= 0x1f3fb && r <= 0x1f3ff) || (r >= 0xe0020 && r <= 0xe007f)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// scanWord returns the length of the word at the start of s, which starts with
// a letter or digit. Inside a word, periods, commas, hyphens, apostrophes,
// ampersands and slashes are kept when the shape says they belong to it.
func scanWord(s string) int {
	n := 0
	lastPeriodAbbrev := false
	for n < len(s) {
		if isASCIIAlnum(s[n]) {
			n++ // a word rune, the usual case
			continue
		}
		r, size := utf8.DecodeRuneInString(s[n:])
		switch {
		case isWordRune(r) || isModifier(r) && n > 0:
			n += size
			continue
		case r == '$' && n > 0 && n <= 3 && isCurrencyPrefix(s[:n]):
			// "US$", "C$", "HK$": the dollar sign is part of the prefix.
			return n + size
		}
		next, nsize := utf8.DecodeRuneInString(s[n+size:])
		hasNext := n+size < len(s)
		prev, _ := utf8.DecodeLastRuneInString(s[:n])
		switch {
		case (r == ',' || r == '.' || r == ':' || r == '/') && hasNext && unicode.IsDigit(prev) && unicode.IsDigit(next):
			// 1,500.25 and 10:30 and 1/2
			n += size + nsize
			continue
		case r == '/' && hasNext && unicode.IsUpper(next) && slashParts(s[:n], s[n+size:]):
			// "Baixa/Chiado", "Google/Mozilla": two names, as CoNLL-2003
			// writes them ("Leipzig / Halle"); not "AC/DC".
			return n
		case (r == '-' || r == '‐' || r == '‑' || r == '/' && !unicode.IsDigit(prev)) && hasNext && isWordRune(next):
			n += size + nsize
			continue
		case r == '-' && !hasNext && isWordRune(prev):
			// "6-" in a tennis score such as "1-6 6- 4", "multi-" in "multi- ethnic".
			return n + size
		case r == '&' && hasNext && unicode.IsUpper(next) && unicode.IsUpper(prev):
			// AT&T, S&P
			n += size + nsize
			continue
		case isApostrophe(r) && hasNext && unicode.IsLetter(next) && unicode.IsLetter(prev):
			// O'Neill, don't, Lukashenka’s: clitics are split later by cliticStart.
			n += size + nsize
			continue
		case r == '.':
			if isAbbreviation(s[:n], hasNext && isWordRune(next)) || lastPeriodAbbrev {
				n += size
				if hasNext && unicode.IsLetter(next) && isSingleLetterRun(s[n:]) {
					lastPeriodAbbrev = true
					continue
				}
				return n
			}
		}
		break
	}
	return n
}

// slashParts reports whether a slash between before and after parts two
// capitalized words, at least one of them with a letter in lower case:
// "Baixa/Chiado", "OSCE/Office"; not acronyms ("AC/DC", "TCP/IP").
func slashParts(before, after string) bool {
	r, _ := utf8.DecodeRuneInString(before)
	if !unicode.IsUpper(r) {
		return false
	}
	end := strings.IndexFunc(after, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(after)
	}
	return strings.IndexFunc(before, unicode.IsLower) >= 0 || strings.IndexFunc(after[:end], unicode.IsLower) >= 0
}

// isUpperASCII reports whether s is all ASCII capitals.
func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// isSingleLetterRun reports whether s starts with one letter followed by a
// period, as in the "S." of "U.S.".
func isSingleLetterRun(s string) bool {
	_, size := utf8.DecodeRuneInString(s)
	return size < len(s) && s[size] == '.'
}

// isNameApostrophe reports whether an apostrophe between head and tail is part
// of a name such as O'Neill or D'Alema rather than a contraction.
func isNameApostrophe(head, tail string) bool {
	return len(head) == 1 && unicode.IsUpper(rune(head[0])) && len(tail) > 1
}

func isCliticWord(w string) bool {
	switch strings.ToLower(w) {
	case "s", "re", "ve", "ll", "d", "m", "t":
		return true
	}
	return false
}

func isCurrencyPrefix(p string) bool {
	switch p {
	case "US", "U.S.", "C", "CA", "A", "AU", "NZ", "HK", "S", "R", "NT", "Z", "MX", "RD", "N", "J", "TT", "EC", "BZ", "SI", "T", "B":
		return true
	}
	return false
}

// cliticStart returns where a trailing clitic starts in word w ("n't", "’s",
// "'re", …), or 0 if w has none.
func cliticStart(w string) int {
	if !hasApostrophe(w) {
		return 0
	}
	lw := strings.ToLower(w)
	if lw == "n't" || lw == "n’t" {
		return 0
	}
	if len(lw) > 3 && strings.HasSuffix(lw, "n't") {
		if lw == "can't" {
			return 2
		}
		return len(w) - 3
	}
	if len(lw) > 5 && strings.HasSuffix(lw, "n’t") {
		return len(w) - len("n’t")
	}
	for _, apos := range []string{"'", "’"} {
		i := strings.LastIndex(lw, apos)
		if i <= 0 {
			continue
		}
		if isCliticWord(lw[i+len(apos):]) && !isNameApostrophe(w[:i], w[i+len(apos):]) {
			return i
		}
	}
	return 0
}

// hasApostrophe reports whether w holds a straight or curly apostrophe
// (strings.ContainsAny looks for each rune of a set with a non-ASCII rune
// in turn).
func hasApostrophe(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c == '\'' || c == 0xe2 && strings.HasPrefix(w[i:], "’") {
			return true
		}
	}
	return false
}

// abbreviations end in a period that belongs to them.
var abbreviations = map[string]bool{}

func init() {
	for _, a := range strings.Fields(`Mr Mrs Ms Dr Prof Gov Sen Rep Gen Lt Col Maj Capt Cmdr Adm Sgt Cpl Pvt
		Rev Fr St Ste Mt Ft Jr Sr Hon Pres Supt Insp Det Amb Atty Messrs Mme Mlle Gov't
		Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
		Inc Corp Co Ltd Cos Bros Plc Dept Univ Assn Ave Blvd Rd Hwy
		No Nos Vol Vols Fig Figs pp vs Vs etc al approx cf
		Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont
		Neb Nev Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis Wisc Wyo`) {
		abbreviations[a] = true
	}
}

// lowerAbbreviations are the abbreviations whose lower-case forms keep
// their period before a word in lower case (see isLowerAbbreviation): those
// of abbreviations but the ones whose lower-case forms are also words or
// end sentences as often ("no.", "sun.", "mass.", "mar.", "cos.").
var lowerAbbreviations = map[string]bool{}

func init() {
	for _, a := range strings.Fields(`mr mrs ms dr prof gov sen rep gen lt col maj capt cmdr adm sgt cpl pvt
		rev fr st mt ft jr sr hon supt insp det amb atty messrs mme mlle
		jan feb apr aug sep sept oct nov dec inc corp co ltd bros plc dept univ assn ave blvd rd hwy
		vs etc al approx cf calif`) {
		lowerAbbreviations[a] = true
	}
}

// isLowerAbbreviation reports whether w, in lower case, is an initial (a
// letter other than the pronoun "i") or an abbreviation of
// lowerAbbreviations: in text without capitals "j." and "gen." are as
// often an initial and a title as in text with them.
func isLowerAbbreviation(w string) bool {
	if len(w) == 1 {
		return 'a' <= w[0] && w[0] <= 'z' && w[0] != 'i'
	}
	return lowerAbbreviations[w]
}

// capitalsReach is how far, in bytes, capitalsNear looks on either side.
const capitalsReach = 200

// capitalsNear reports whether text has a capital letter within
// capitalsReach bytes of i: where it has none, it is written without
// capitals, and "j." and "gen." are an initial and a title, not the
// "c." (circa), "b." (born) and "p." (page) of edited text.
func capitalsNear(text string, i int) bool {
	for _, r := range text[max(0, i-capitalsReach):min(len(text), i+capitalsReach)] {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// lowerWordAt reports whether text, after the spaces at i, goes on with a
// letter in lower case or a digit: a word that does not open a sentence.
func lowerWordAt(text string, i int) bool {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	if i == len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLower(r) || unicode.IsDigit(r)
}

// isAbbreviation reports whether the word w, followed by a period, is an
// abbreviation that keeps its period. beforeWord is true when a letter or
// digit directly follows the period ("U.S", "e.g").
func isAbbreviation(w string, beforeWord bool) bool {
	if abbreviations[w] {
		return true
	}
	if len(w) > 1 && isUpperASCII(w) && abbreviations[w[:1]+strings.ToLower(w[1:])] {
		return true // "ST.", "GOV.", "CORP." in headlines in capitals
	}
	r, size := utf8.DecodeRuneInString(w)
	if size == len(w) && unicode.IsLetter(r) {
		// Initials ("J. Smith") and the parts of "U.S.", "e.g.".
		return unicode.IsUpper(r) || beforeWord
	}
	return false
}
