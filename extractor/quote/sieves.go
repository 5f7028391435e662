package quote

// A sieve looks at one quotation and either decides its speaker (perhaps
// that it has none) and returns true, or leaves it to the next sieve.
type sieve struct {
	name string
	try  func(a *attributor, s *attribution) bool
}

// Sieves names the sieves that attribute a quotation, in the order they are
// tried; [Quote.Sieve] is the one that decided.
func Sieves() []string {
	names := make([]string, len(sieves))
	for i, sv := range sieves {
		names[i] = sv.name
	}
	return names
}

// sieves are tried in order on every quotation (in the manner of Muzny et
// al. 2017, "A Two-stage Sieve Approach for Quote Attribution"): first the
// cues in the quotation's own sentence, then its neighbours.
var sieves = []sieve{
	{"tag-after-comma", (*attributor).tagAfterComma},
	{"same-attribution", (*attributor).sameAttribution},
	{"tag-before", (*attributor).tagBefore},
	{"tag-after", (*attributor).tagAfter},
	{"partial-quotation", (*attributor).partialQuotation},
	{"continuation", (*attributor).continuation},
	{"lead-in", (*attributor).leadInSieve},
}

// attribution is what the sieves know of one quotation.
type attribution struct {
	g              *group
	gi, prev       int // the quotation's group, the last attributed group before it (or -1)
	postLo, postHi int // the tokens after the quotation, to the end of its sentence
	preLo, preHi   int // the tokens before it, from the start of its sentence
	endsWithComma  bool
	cueFound       bool // a speech cue matched: later cue sieves do not look
}

// attribute finds the speaker of group gi. prev is the last attributed
// group before it, or -1.
func (a *attributor) attribute(gi, prev int) {
	g := &a.groups[gi]
	s := &attribution{g: g, gi: gi, prev: prev, endsWithComma: a.lastQuotedRune(g) == ','}
	s.postLo, s.postHi = a.postContext(g)
	s.preLo, s.preHi = a.preContext(g)
	for _, sv := range sieves {
		if sv.try(a, s) {
			g.sieve = sv.name
			return
		}
	}
}

// take makes the speaker noun phrase np the speaker of the quotation; tight
// says a speech verb attributes it directly. It reports whether np names a
// speaker.
func (a *attributor) take(s *attribution, np nounPhrase, tight bool) bool {
	s.cueFound = true
	sp, ok := a.speakerFrom(np, s.gi, s.prev)
	if !ok {
		return false
	}
	g := s.g
	g.spStart, g.spEnd, g.entity = sp.start, sp.end, sp.entity
	g.found, g.tight = true, tight
	if np.lo >= g.closeTok {
		g.attrEnd = s.postHi
	}
	return true
}

// tagAfterComma: `“…,” X said`, `“…,” said X`, `“…,” according to X`.
func (a *attributor) tagAfterComma(s *attribution) bool {
	if !s.endsWithComma {
		return false
	}
	np, ok := a.postCue(s.g, s.postLo, s.postHi)
	return ok && a.take(s, np, true)
}

// sameAttribution: `“A,” X said, “B.”`: B is said in the attribution of A.
func (a *attributor) sameAttribution(s *attribution) bool {
	if s.cueFound || s.prev < 0 {
		return false
	}
	g, p := s.g, &a.groups[s.prev]
	if p.attrEnd != g.openTok || p.attrEnd <= p.closeTok || p.lastPara != g.para {
		return false
	}
	g.spStart, g.spEnd, g.entity, g.found, g.tight = p.spStart, p.spEnd, p.entity, true, true
	return true
}

// tagBefore: `X said: “…”`, `X said “…”`, `According to X, “…”`, and the
// subject of a clause that holds a partial quotation (`X accused Y of being
// a “…”`).
func (a *attributor) tagBefore(s *attribution) bool {
	if s.cueFound {
		return false
	}
	np, tight, ok := a.preCue(s.preLo, s.preHi)
	return ok && a.take(s, np, tight)
}

// tagAfter: `“….” X said.` and other cues after a quotation that does not
// end with a comma.
func (a *attributor) tagAfter(s *attribution) bool {
	if s.cueFound || s.endsWithComma {
		return false
	}
	np, ok := a.postCue(s.g, s.postLo, s.postHi)
	return ok && a.take(s, np, true)
}

// partialQuotation: a quotation inside a sentence that has no speech cue
// before it is said by the speaker of a tag that ends the sentence (`… had
// reached “a degree of consensus” on its aims, officials said.`), and is
// otherwise left without a speaker.
func (a *attributor) partialQuotation(s *attribution) bool {
	if s.preHi <= s.preLo || !a.hasWords(s.preLo, s.preHi) {
		return false
	}
	if c, ok := a.finalTag(s.postLo, s.postHi); ok {
		if np, ok := a.postCue(s.g, c+1, s.postHi); ok {
			a.take(s, np, false)
		}
	}
	return true
}

// finalTag returns the comma that opens a short clause with a speech verb
// ending the sentence toks[lo:hi] (", officials said", ", said Smith").
func (a *attributor) finalTag(lo, hi int) (int, bool) {
	if hi >= len(a.toks) || !a.isTerminal(hi) {
		return 0, false // the sentence goes on past the context
	}
	for c := hi - 1; c >= lo && hi-c <= maxFinalTag; c-- {
		if a.toks[c].Text != "," {
			continue
		}
		for v := c + 1; v < hi; v++ {
			if a.isVerb(v) {
				return c, true
			}
		}
		return 0, false
	}
	return 0, false
}

// continuation: a quotation with no cue of its own that follows the
// previous speaker's quotation directly is that speaker's.
func (a *attributor) continuation(s *attribution) bool {
	if s.prev < 0 || !a.follows(&a.groups[s.prev], s.g) {
		return false
	}
	g, p := s.g, &a.groups[s.prev]
	g.spStart, g.spEnd, g.entity, g.found, g.follows = p.spStart, p.spEnd, p.entity, true, p.reported
	return true
}

// leadInSieve: a quotation that opens its paragraph belongs to the subject
// of a speech verb in the sentence just before it (`Smith spoke on
// Monday. “…”`).
func (a *attributor) leadInSieve(s *attribution) bool {
	np, ok := a.leadIn(s.preLo)
	if !ok {
		return false
	}
	sp, ok := a.speakerFrom(np, s.gi, s.prev)
	if !ok || sp.entity < 0 && !sp.named {
		return false
	}
	g := s.g
	g.spStart, g.spEnd, g.entity, g.found = sp.start, sp.end, sp.entity, true
	return true
}
