package mention

import (
	"slices"
	"strings"

	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

const (
	// minDomainLetters is the fewest letters of a domain's name that may
	// spell a name: "tandemledger", not "bbc".
	minDomainLetters = 5
	// maxDomainWords is the most words of a name a domain may spell.
	maxDomainWords = 4
)

// publicLabels are the labels that end a host without naming its owner:
// "co" of "example.co.uk". A host under one of the bodies (gov, edu, ac, mil)
// names a place or a school, not a company: "durham.ac.uk", "nyc.gov".
var (
	publicLabels = set(`co com org net ac edu gov mil`)
	bodyLabels   = set(`ac edu gov mil`)
)

// domainNames returns the names of the web and mail domains of the text's
// addresses, in lower case: "harrowgateanalytics" for
// "pnair@harrowgateanalytics.com" and "https://www.tandemledger.com/careers".
// Made once per text; nil if the text has no address.
func (g *grouper) domainNames() map[string]bool {
	if g.domains != nil {
		return g.domains
	}
	g.domains = map[string]bool{}
	for _, t := range g.toks {
		if !mayBeAddress(t.Text) || !tokenize.IsAddress(t.Text) {
			continue
		}
		if name := domainName(t.Text); name != "" {
			g.domains[name] = true
		}
	}
	return g.domains
}

// mayBeAddress reports whether t may be an e-mail address or a URL: it has
// an '@' or "://", or starts with "www.". Most words are turned away
// without a scan for each mark.
func mayBeAddress(t string) bool {
	return len(t) > 4 && (strings.IndexByte(t, '@') >= 0 || strings.Contains(t, "://") || strings.EqualFold(t[:4], "www."))
}

// domainName returns the name of the owner of the host of address a, an
// e-mail address or a URL, in lower case, or "" if it has none of at least
// minDomainLetters letters or belongs to a public body.
func domainName(a string) string {
	host := strings.ToLower(a)
	if at := strings.LastIndexByte(host, '@'); at >= 0 {
		host = host[at+1:]
	} else {
		if i := strings.Index(host, "://"); i >= 0 {
			host = host[i+3:]
		}
		if i := strings.IndexAny(host, "/?#:"); i >= 0 {
			host = host[:i]
		}
	}
	labels := strings.Split(strings.TrimSuffix(host, "."), ".")
	if len(labels) < 2 {
		return ""
	}
	k := len(labels) - 2
	for k > 0 && publicLabels[labels[k]] {
		k--
	}
	for _, l := range labels[k+1:] {
		if bodyLabels[l] {
			return ""
		}
	}
	if name := labels[k]; len(name) >= minDomainLetters && name != "www" {
		return name
	}
	return ""
}

// spellsDomain reports whether the letters and digits of the words
// toks[first:last], two or more, spell the name of a domain of the text: a
// company's ("Harrowgate Analytics" beside "@harrowgateanalytics.com"). Not
// a name that opens with a given name: people have domains of their own
// ("Ann Lee" beside "ann@annlee.com").
func (g *grouper) spellsDomain(first, last int) bool {
	if last-first < 2 || last-first > maxDomainWords || len(g.domainNames()) == 0 || g.givenName(first) {
		return false
	}
	var b strings.Builder
	for i := first; i < last; i++ {
		for _, r := range strings.ToLower(g.toks[i].Text) {
			if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
				b.WriteRune(r)
			}
		}
	}
	return g.domains[b.String()]
}

// domainTags returns tags with an organization's tag added for each run of
// capitalized words no tag covers that spells a domain of the text (see
// spellsDomain): "Harrowgate Analytics" in a signature the tagger passed
// over.
func (g *grouper) domainTags(tags []ner.Mention, covered func(int) bool) []ner.Mention {
	if len(g.domainNames()) == 0 {
		return tags
	}
	for i := 0; i < len(g.toks); i++ {
		end := i
		for end < len(g.toks) && end-i < maxDomainWords && !covered(end) && g.nameAt(end) {
			end++
		}
		for last := end; last >= i+2; last-- {
			if g.spellsDomain(i, last) {
				tags = append(tags, ner.Mention{First: i, Last: last, Label: ner.ORG, Confidence: cueConfidence})
				i = last - 1
				break
			}
		}
	}
	return tags
}

// maxAddressNameWords is how many words a person's name right before their
// own e-mail address may have: "Kevin A. Boone".
const maxAddressNameWords = 3

// isMailAddress reports whether token t is an e-mail address: a local part,
// an '@' and a domain, as the tokenizer keeps it whole.
func isMailAddress(t string) bool {
	return strings.IndexByte(t, '@') > 0 && tokenize.IsAddress(t)
}

// addressNameTags returns tags with the person's name that an e-mail
// address right after it spells made one person's tag, where the tagger
// missed it, cut it or read another type: "Lotte Wilms lotte.wilms@kb.nl",
// "Michiel Cock m.p.cock@vu.nl", "Priya Nair <pnair@…>", a display name in
// quotes ("Les Spahnn" <spahnn@…>); where capitals say nothing, the words
// need none ("lotte wilms lotte.wilms@kb.nl"). The address's local part
// must spell the name (see spellsPerson). A name the tagger was sure of as
// another type stays, and so does a tag that crosses the name's edges.
func (g *grouper) addressNameTags(tags []ner.Mention) []ner.Mention {
	var spans []ner.Mention
	for i, t := range g.toks {
		if !isMailAddress(t.Text) {
			continue
		}
		if first, end, ok := g.addressName(i, t.Text[:strings.IndexByte(t.Text, '@')]); ok {
			spans = append(spans, ner.Mention{First: first, Last: end, Label: ner.PER, Confidence: cueConfidence})
		}
	}
	if len(spans) == 0 {
		return tags
	}
	// One pass over the tags, sorted, for all the names: a tag inside a
	// name is replaced, a tag across its edges or sure of another type
	// keeps the tagger's reading.
	sorted := slices.Clone(tags)
	slices.SortStableFunc(sorted, func(a, b ner.Mention) int { return a.First - b.First })
	keep := make([]bool, len(spans))
	inside := make([]bool, len(sorted))
	for s, j := 0, 0; s < len(spans); s++ {
		sp := &spans[s]
		for j < len(sorted) && sorted[j].Last <= sp.First {
			j++
		}
		keep[s] = true
		var same bool
		for k := j; k < len(sorted) && sorted[k].First < sp.Last; k++ {
			m := sorted[k]
			switch {
			case m.First < sp.First || m.Last > sp.Last || m.Label != ner.PER && m.Confidence >= sureConfidence:
				keep[s] = false
			case m.First == sp.First && m.Last == sp.Last && m.Label == ner.PER:
				same = true
			}
			sp.Confidence = max(sp.Confidence, m.Confidence)
		}
		if same {
			keep[s] = false // the tagger read it so
		}
		for k := j; keep[s] && k < len(sorted) && sorted[k].First < sp.Last; k++ {
			inside[k] = true
		}
	}
	out := make([]ner.Mention, 0, len(sorted)+len(spans))
	for k, m := range sorted {
		if !inside[k] {
			out = append(out, m)
		}
	}
	for s, sp := range spans {
		if keep[s] {
			out = append(out, sp)
		}
	}
	return out
}

// addressName returns the words of the person's name that ends right
// before the e-mail address at token i, with local part local (see
// addressNameTags), and whether there is one.
func (g *grouper) addressName(i int, local string) (first, end int, ok bool) {
	end = i
	if end > 0 && (g.toks[end-1].Text == "<" || g.toks[end-1].Text == "(") {
		end--
	}
	if end > 0 && isDoubleQuote(g.toks[end-1].Text) {
		end-- // a display name: "Les Spahnn" <spahnn@…>
	}
	first = end
	for first > 0 && end-first < maxAddressNameWords && (g.nameAt(first-1) || g.caseless() && isWord(g.toks[first-1].Text)) {
		first--
	}
	for ; first <= end-2; first++ {
		if g.spellsPerson(first, end, local) {
			return first, end, true
		}
	}
	return 0, 0, false
}

// spellsPerson reports whether the e-mail address's local part local
// spells the name toks[first:last]: its letters end in the surname and
// open with the given name, or with its initial and at most two more
// initials ("lotte.wilms", "pnair", "m.p.cock", "kevin.a.boone"), or are
// the surname alone after a given name the name lists know ("spahnn" of
// "Les Spahnn"; not "service" of "Customer Service").
func (g *grouper) spellsPerson(first, last int, local string) bool {
	var b strings.Builder
	for _, r := range strings.ToLower(local) {
		if 'a' <= r && r <= 'z' {
			b.WriteRune(r)
		}
	}
	l := b.String()
	given, surname := g.norm(first), g.norm(last-1)
	if len(surname) < 3 || given == "" || !strings.HasSuffix(l, surname) {
		return false
	}
	head := l[:len(l)-len(surname)]
	return strings.HasPrefix(head, given) && len(head)-len(given) <= 2 || head != "" && head[0] == given[0] && len(head) <= 3 ||
		head == "" && g.givenName(first)
}
