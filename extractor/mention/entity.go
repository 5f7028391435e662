package mention

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/ner"
)

// group is the state of one entity while it is built: its root cluster, its
// items and its label.
type group struct {
	root  int
	items []int
	mass  [ner.MISC + 1]float64
	label ner.Label
}

// entities builds the entities from the linked clusters.
func (g *grouper) entities() []Entity {
	groups, byRoot := g.groups()
	if !g.opts.NoRecovery {
		n := len(g.items)
		g.recover(groups, byRoot)
		for i := n; i < len(g.items); i++ {
			gr := &groups[byRoot[g.find(g.items[i].cluster)]]
			gr.items = append(gr.items, i)
		}
	}
	ents := make([]Entity, 0, len(groups))
	for gi := range groups {
		if g.ck.Tick() != nil {
			return nil
		}
		gr := &groups[gi]
		if gr.label == ner.MISC || gr.label == 0 {
			continue
		}
		if byFirst := func(a, b int) int { return g.items[a].first - g.items[b].first }; !slices.IsSortedFunc(gr.items, byFirst) {
			slices.SortFunc(gr.items, byFirst)
		}
		ent := Entity{Label: gr.label, Mentions: make([]Ref, 0, len(gr.items))}
		for _, i := range gr.items {
			it := &g.items[i]
			ent.Dateline = ent.Dateline || gr.label == ner.LOC && g.inDateline(it.first, it.last)
			ent.Mentions = append(ent.Mentions, Ref{
				First: it.first, Last: it.last,
				Start: g.toks[it.first].Start, End: g.nameEnd(it.first, it.last),
				Confidence: it.conf, Recovered: !it.tagged,
			})
		}
		ent.Name = g.canonicalName(gr.items, gr.label)
		ent.Confidence = confidence(gr.mass, g.maxConfidence(gr.items, gr.label))
		if gr.label == ner.PER {
			ent.Roles = g.roles(gr.items)
		}
		if gr.label != ner.LOC {
			for _, i := range gr.items {
				if g.speaks(g.items[i].first, g.items[i].last) {
					ent.speech++
				}
			}
		}
		ents = append(ents, ent)
	}
	slices.SortFunc(ents, func(a, b Entity) int { return a.Mentions[0].First - b.Mentions[0].First })
	return ents
}

// groups collects the items of each entity (root cluster) and sets its label
// by confidence-weighted majority. byRoot maps a root cluster to its group.
func (g *grouper) groups() ([]group, []int) {
	byRoot := make([]int, len(g.clusters))
	for i := range byRoot {
		byRoot[i] = -1
	}
	groups := make([]group, 0, len(g.clusters))
	gid := make([]int, len(g.items))
	count := make([]int, 0, len(g.clusters))
	for i := range g.items {
		r := g.find(g.items[i].cluster)
		if byRoot[r] < 0 {
			byRoot[r] = len(groups)
			groups = append(groups, group{root: r})
			count = append(count, 0)
		}
		gid[i] = byRoot[r]
		count[gid[i]]++
		gr := &groups[gid[i]]
		if it := g.items[i]; it.tagged && it.label <= ner.MISC {
			gr.mass[it.label] += it.conf
		}
	}
	// One backing array for all groups' items; each group's slice is capped
	// so that appending to it (recovery does) cannot spill into the next.
	all := make([]int, len(g.items))
	off := 0
	for i := range groups {
		groups[i].items = all[off : off : off+count[i]]
		off += count[i]
	}
	for i := range g.items {
		groups[gid[i]].items = append(groups[gid[i]].items, i)
	}
	for i := range groups {
		groups[i].label = argmax(groups[i].mass)
		if groups[i].mass[groups[i].label] == 0 {
			// Only zero-confidence tags: fall back to the first item's label.
			groups[i].label = g.items[groups[i].items[0]].label
		}
	}
	for i := range groups {
		for _, it := range groups[i].items {
			g.items[it].label = groups[i].label
		}
	}
	return groups, byRoot
}

func (g *grouper) maxConfidence(items []int, l ner.Label) float64 {
	best := 0.0
	for _, i := range items {
		if it := g.items[i]; it.tagged && it.label == l {
			best = max(best, it.conf)
		}
	}
	return best
}

// confidence is the entity's confidence: the share of its label in the
// confidence mass of its tagged mentions times its most confident mention.
func confidence(mass [ner.MISC + 1]float64, best float64) float64 {
	total := 0.0
	for _, m := range mass {
		total += m
	}
	l := argmax(mass)
	if total == 0 {
		return 0
	}
	return clamp01(mass[l] / total * best)
}

// canonicalName returns the fullest form of the entity's name in the text:
// the form with the most words (not counting a leading "the"), then one not
// in capitals ("VLADIMIR PUTIN", "PUTIN", a dateline's "ROME"; but "TASS" and
// "NATO" are acronyms), then the most frequent, then one with fewer raw
// tokens ("Kremlin" over "The Kremlin"), then the first. A name that is only
// in capitals takes the case the text gives its words elsewhere
// ("MANCHESTER" is "Manchester" in a text that names Manchester United); a
// dateline's place or a turn label's person whose words the text has
// nowhere else is title-cased ("FRANKFURT (Reuters) -" names "Frankfurt",
// "MARTINEZ: ..." "Martinez").
func (g *grouper) canonicalName(items []int, label ner.Label) string {
	type form struct {
		text  string
		words int
		raw   int
		count int
		caps  bool
		first int
		last  int
	}
	var forms []form
	for _, i := range items {
		it := g.items[i]
		text := g.surface(it.first, it.last)
		k := slices.IndexFunc(forms, func(f form) bool { return f.text == text })
		if k >= 0 {
			forms[k].count++
			continue
		}
		caps := isHeadlineCaps(text, it.words) || (g.inDateline(it.first, it.last) || g.inTurnLabel(it.first, it.last)) && isDatelineCaps(text)
		forms = append(forms, form{text: text, words: it.words, raw: it.last - it.first,
			count: 1, caps: caps, first: it.first, last: it.last})
		if len(forms) > 64 {
			break // enough to choose from; keeps huge entities linear
		}
	}
	best := slices.MinFunc(forms, func(a, b form) int {
		return cmp.Or(
			cmp.Compare(b.words, a.words),
			boolCmp(a.caps, b.caps),
			cmp.Compare(b.count, a.count),
			cmp.Compare(a.raw, b.raw),
			cmp.Compare(a.first, b.first),
		)
	})
	if best.caps {
		title := label == ner.LOC && g.inDateline(best.first, best.last) || label == ner.PER && g.inTurnLabel(best.first, best.last)
		if s, ok := g.recase(best.first, best.last, title); ok {
			return s
		}
	}
	return best.text
}

// isDatelineCaps reports whether a dateline's place is written in capitals:
// "ROME" and "OSLO" are, though short names in capitals are usually
// acronyms elsewhere.
func isDatelineCaps(s string) bool {
	return !hasLower(s) && utf8.RuneCountInString(s) >= 4
}

// recase returns the words of toks[first:last], written in capitals, in the
// case the text gives them elsewhere (a capitalized word with lower-case
// letters), small words after the first in lower case ("of", "de"), and
// with title, each other word title-cased. It fails when a word has no such
// form.
func (g *grouper) recase(first, last int, title bool) (string, bool) {
	if g.mixed == nil {
		g.mixed = map[string]string{}
		for _, t := range g.toks {
			if r, _ := utf8.DecodeRuneInString(t.Text); unicode.IsUpper(r) && hasLower(t.Text) {
				if k := strings.ToLower(t.Text); g.mixed[k] == "" {
					g.mixed[k] = t.Text
				}
			}
		}
	}
	var b strings.Builder
	for k := first; k < last; k++ {
		if k > first {
			if g.toks[k].Start > g.toks[k-1].End {
				b.WriteByte(' ')
			}
		}
		w := g.toks[k].Text
		switch lw := strings.ToLower(w); {
		case !hasUpperLetters(w):
			// punctuation, digits, or already mixed
		case g.mixed[lw] != "":
			w = g.mixed[lw]
		case k > first && lowerFunctionWords[g.norm(k)]:
			w = lw
		case title:
			w = titleCase(w)
		default:
			return "", false
		}
		b.WriteString(w)
	}
	s := b.String()
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s, true
}

// hasUpperLetters reports whether w has letters and all of them are upper
// case.
func hasUpperLetters(w string) bool {
	letters := false
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters = true
		}
	}
	return letters
}

// titleCase writes each part of w between hyphens with a capital and the
// rest in lower case: "STRATFORD-UPON-AVON" → "Stratford-Upon-Avon".
func titleCase(w string) string {
	parts := strings.Split(strings.ToLower(w), "-")
	for i, p := range parts {
		if r, size := utf8.DecodeRuneInString(p); size > 0 {
			parts[i] = string(unicode.ToUpper(r)) + p[size:]
		}
	}
	return strings.Join(parts, "-")
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// surface returns the text of toks[first:last] with runs of white space
// replaced by one space and invalid UTF-8 by U+FFFD.
func (g *grouper) surface(first, last int) string {
	s := g.text[g.toks[first].Start:g.nameEnd(first, last)]
	if last-first > 1 && strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		s = strings.Join(strings.Fields(s), " ")
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}

// nameEnd returns the byte offset where the name toks[first:last] ends. A
// regnal number of one letter that ends a name and a sentence keeps the
// sentence's full stop out, which the tokenizer took for an initial's:
// "that of Napoleon I. At this time" names "Napoleon I" ("Malcolm X." too).
func (g *grouper) nameEnd(first, last int) int {
	end := g.toks[last-1].End
	switch g.toks[last-1].Text {
	case "I.", "V.", "X.":
		if last-first > 1 && (last == len(g.toks) || isCapitalized(g.toks[last].Text)) {
			end--
		}
	}
	return end
}

// isHeadlineCaps reports whether a name of the given number of words is
// written in capitals the way a headline is: two words or more, or one of
// five letters or more (shorter ones are usually acronyms).
func isHeadlineCaps(s string, words int) bool {
	return !hasLower(s) && (words > 1 || utf8.RuneCountInString(s) >= 5)
}

func hasLower(s string) bool {
	return strings.IndexFunc(s, unicode.IsLower) >= 0
}

// speaks reports whether the mention toks[first:last] is the subject of a
// verb of speech: "Peskov said", "Peskov told reporters", "said Peskov",
// "according to Peskov". A possessive or a short apposition in between is
// allowed ("Warren, a Democrat, said" is not: it is too far).
func (g *grouper) speaks(first, last int) bool {
	if last < len(g.toks) && speechVerbs[strings.ToLower(g.toks[last].Text)] {
		return true
	}
	if first > 0 {
		prev := strings.ToLower(g.toks[first-1].Text)
		if speechVerbs[prev] && prev != "according" || prev == "to" && first > 1 && strings.EqualFold(g.toks[first-2].Text, "according") {
			return true
		}
	}
	return false
}
