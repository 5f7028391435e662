package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token predicates.

func (a *attributor) lower(k int) string { return strings.ToLower(a.toks[k].Text) }

func (a *attributor) isCap(k int) bool { return isCapWord(a.toks[k].Text) }

// isCapWord reports whether w is capitalized, counting names with a
// lower-case particle such as "al-Rifa'i" and "d'Alema".
func isCapWord(w string) bool {
	r := firstRune(w)
	if unicode.IsUpper(r) || unicode.IsTitle(r) {
		return true
	}
	if rest := stripParticle(w); rest != w {
		r = firstRune(rest)
		return unicode.IsUpper(r)
	}
	return false
}

// stripParticle returns w without a lower-case name particle joined to it
// by a hyphen or apostrophe: "al-Rifa'i" → "Rifa'i".
func stripParticle(w string) string {
	for i, r := range w {
		if i > 4 {
			break
		}
		if r == '-' || r == '\'' || r == '’' {
			if i > 0 && i+utf8.RuneLen(r) < len(w) {
				rest := w[i+utf8.RuneLen(r):]
				if nr := firstRune(rest); unicode.IsUpper(nr) {
					return rest
				}
			}
			break
		}
		if !unicode.IsLower(r) {
			break
		}
	}
	return w
}

// isTerminal reports whether token k ends a sentence; not a full stop
// inside an abbreviation, with no space on either side and a letter or a
// closing bracket or a comma after it: "Rep. Jane Doe (D-N.Y.) said",
// "(R-La.)", "Sen. Mitch McConnell, R-Ky., said".
func (a *attributor) isTerminal(k int) bool {
	switch a.toks[k].Text {
	case ".":
		return !a.inAbbreviation(k)
	case "!", "?", "…", "...", "?!", "!!", "!?", ";":
		return true
	}
	return false
}

// inAbbreviation reports whether the full stop at token k is glued to the
// tokens on both sides and followed by a letter, ")" or "," ("R-Ky.,").
func (a *attributor) inAbbreviation(k int) bool {
	if k == 0 || k+1 >= len(a.toks) || a.toks[k-1].End != a.toks[k].Start || a.toks[k].End != a.toks[k+1].Start {
		return false
	}
	next := a.toks[k+1].Text
	return next == ")" || next == "," || unicode.IsLetter(firstRune(next))
}

// isVerb reports whether token k is a speech verb in lower case, and not an
// infinitive ("declined to comment").
func (a *attributor) isVerb(k int) bool {
	t := a.toks[k].Text
	if !speechVerbs[t] || a.inQuote[k] {
		return false
	}
	if k > 0 {
		// "declined to comment", "the report", "his reply", "Pelosi's remarks"
		if l := a.lower(k - 1); l == "to" || l == "'s" || l == "’s" || l != "that" && determiners[l] {
			return false
		}
	}
	if strings.HasPrefix(t, "point") {
		return k+1 < len(a.toks) && a.lower(k+1) == "out"
	}
	return true
}

// trimAux drops auxiliaries, adverbs and a day that end the subject span
// toks[lo:end]: "Smith has also" → "Smith", "Smith on Tuesday" → "Smith".
func (a *attributor) trimAux(lo, end int) int {
	for end > lo {
		l := a.lower(end - 1)
		if auxiliaries[l] || strings.HasSuffix(l, "ly") && !a.isCap(end-1) || l == "as" || l == "quoted" || l == "cited" {
			end--
			continue
		}
		if weekdays[l] && end-1 > lo {
			end--
			if a.lower(end-1) == "on" && end-1 > lo {
				end--
			}
			continue
		}
		break
	}
	return end
}

// isAcronym reports whether w is an all-capital abbreviation such as "WHO"
// or "US", which is a name even when its lower case is a common word.
func isAcronym(w string) bool {
	if utf8.RuneCountInString(w) < 2 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) && r != '.' && r != '&' {
			return false
		}
	}
	return true
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isDash(s string) bool {
	switch s {
	case ",", "—", "–", "-", "--", "―":
		return true
	}
	return false
}
