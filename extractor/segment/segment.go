package segment

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/internal/checkpoint"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// Sentence is a run of tokens, toks[First:Last], and the bytes they span.
type Sentence struct {
	First, Last int // token indices, half-open
	Start, End  int // byte offsets: the first token's start, the last token's end
	Paragraph   int // index of the paragraph: paragraphs are separated by line breaks (not by wrapped lines)
}

// MaxTokens is the most tokens a sentence may have; real sentences are far
// shorter (the longest in the CoNLL-2003 data has 124).
const MaxTokens = 300

// Sentences splits tokenized text into sentences. A sentence ends
//   - at a line break, unless it only wraps a long line (a single line break
//     between a word or comma and a word in lower case, as in "said it\nagreed"):
//     news text puts headlines, datelines and paragraphs on
//     lines of their own, and so does the CoNLL evaluation text;
//   - after ".", "!", "?" or "…", with any closing quotes or brackets that
//     follow them, when the next token starts like a sentence (a capital, a
//     digit, a quote or a bracket);
//   - after a word that ends in a period, such as "Corp.", when the next token
//     starts like a sentence and the word is not a title or an initial;
//   - after [MaxTokens] tokens, so that text with no sentence punctuation (a
//     table, a list, junk) still comes in pieces of bounded size.
func Sentences(text string, toks []tokenize.Token) []Sentence {
	sents, _ := SentencesContext(context.Background(), text, toks)
	return sents
}

// SentencesContext is [Sentences], stopping with the context's error if ctx
// ends; it checks ctx every [checkpoint.Every] tokens.
func SentencesContext(ctx context.Context, text string, toks []tokenize.Token) ([]Sentence, error) {
	ck := checkpoint.New(ctx)
	var sents []Sentence
	paragraph, first := 0, 0
	flush := func(last int) {
		if last > first {
			sents = append(sents, Sentence{First: first, Last: last, Start: toks[first].Start, End: toks[last-1].End, Paragraph: paragraph})
		}
		first = last
	}
	// open is true inside a straight double quotation: a '"' that follows
	// the end of a sentence then closes the quotation and stays with it
	// (`… home . "`), rather than opening the next sentence. So does a '"'
	// that ends a line (a quotation that began in an earlier paragraph).
	open := len(toks) > 0 && toks[0].Text == "\""
	for i := 1; i < len(toks); i++ {
		if err := ck.Tick(); err != nil {
			return nil, err
		}
		gap := text[toks[i-1].End:toks[i].Start]
		closing := toks[i].Text == "\"" && (open || lastInLine(text, toks, i))
		switch {
		case hasLineBreak(gap) && !wrapped(gap, toks, i):
			flush(i)
			paragraph++
			open = false
			closing = false
		case gap != "" && !closing && startsSentence(toks[i].Text) && endsSentence(toks, first, i):
			flush(i)
		case i-first >= MaxTokens:
			flush(i)
		}
		if toks[i].Text == "\"" {
			open = !closing
		}
	}
	flush(len(toks))
	return sents, nil
}

// endsSentence reports whether a sentence that started at token first can end
// before token next.
func endsSentence(toks []tokenize.Token, first, next int) bool {
	// Look back over at most a few closing quotes and brackets, so that text
	// made of nothing else stays linear.
	j := next - 1
	for j > first && j >= next-maxClosers && isCloser(toks[j].Text) {
		j--
	}
	w := toks[j].Text
	switch w {
	case ".", "!", "?", "…", "...", "?!", "!!":
		return j > first || next-first > 1
	}
	if !strings.HasSuffix(w, ".") || len(w) < 3 {
		return false
	}
	// "Corp." or "U.S." can end a sentence; "Mr." and "J." cannot.
	stem := strings.TrimSuffix(w, ".")
	if isAllCaps(stem) {
		// "ST." and "CORP." in headlines in capitals.
		stem = stem[:1] + strings.ToLower(stem[1:])
	}
	if titles[stem] || utf8.RuneCountInString(stem) == 1 {
		return false
	}
	// A bracket after the company is about it: `Acme, Inc. ("Acme")`.
	return companySuffixes[stem] && toks[next].Text != "("
}

// maxClosers is how many closing marks may follow a sentence's final punctuation.
const maxClosers = 3

// wrapped reports whether the line break in gap, before token i, only wraps
// a long line (as in e-mail and old newswire): one line break, not a blank
// line, between a word that does not end a sentence and a word in lower case.
func wrapped(gap string, toks []tokenize.Token, i int) bool {
	if strings.Count(gap, "\n") > 1 || strings.ContainsAny(gap, "\u2028\u2029") || strings.Count(gap, "\r") > 1 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(toks[i].Text)
	if !unicode.IsLower(r) {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(toks[i-1].Text)
	return unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == ','
}

// lastInLine reports whether token i is the last of its line: a quotation
// mark there closes a quotation whatever came before.
func lastInLine(text string, toks []tokenize.Token, i int) bool {
	if i+1 == len(toks) {
		return true
	}
	return hasLineBreak(text[toks[i].End:toks[i+1].Start])
}

// hasLineBreak reports whether s has a line or paragraph separator: what
// strings.ContainsAny(s, "\n\r\u2028\u2029") reports, without looking
// for each rune of the set in turn.
func hasLineBreak(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n', '\r':
			return true
		case 0xe2: // the first byte of U+2028 and U+2029
			if r := s[i:]; strings.HasPrefix(r, "\u2028") || strings.HasPrefix(r, "\u2029") {
				return true
			}
		}
	}
	return false
}

// isAllCaps reports whether s is two or more ASCII capitals.
func isAllCaps(s string) bool {
	if len(s) < 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func isCloser(t string) bool {
	switch t {
	case "\"", "'", "”", "’", "»", ")", "]", "}", "''":
		return true
	}
	return false
}

func startsSentence(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'«„([`", r) || unicode.Is(unicode.Lo, r)
}

var titles = map[string]bool{}
var companySuffixes = map[string]bool{"Inc": true, "Corp": true, "Co": true, "Ltd": true, "Bros": true, "Plc": true, "Cos": true, "etc": true}

func init() {
	for _, t := range strings.Fields("Mr Mrs Ms Dr Prof Gov Sen Rep Gen Lt Col Maj Capt Cmdr Adm Sgt Rev Fr St Mt Ft Hon Pres Amb Atty Messrs Mme No Nos Vol Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec vs") {
		titles[t] = true
	}
}
