package extractor

import (
	"context"
	"slices"
	"strings"

	"github.com/entityextraction/extractd/extractor/dictionary"
	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// WithDictionary makes the extractor find the entries of d (nil: none). See
// [Extractor.SetDictionary] to replace it later.
func WithDictionary(d *dictionary.Dictionary) Option {
	return func(e *Extractor) { e.dict.Store(d) }
}

// SetDictionary replaces the extractor's dictionary with d (nil: none). Calls
// already running finish with the dictionary they started with; calls that
// start later use d. It is safe to call while Extract runs.
func (e *Extractor) SetDictionary(d *dictionary.Dictionary) { e.dict.Store(d) }

// Dictionary returns the extractor's dictionary, or nil.
func (e *Extractor) Dictionary() *dictionary.Dictionary { return e.dict.Load() }

type dictionaryKey struct{}

// ContextWithDictionary returns a context that makes one call of
// [Extractor.ExtractFeatures] also find the entries of d, a dictionary of
// that call's own. Where one of its entries and one of the extractor's match
// the same span, d's wins.
func ContextWithDictionary(ctx context.Context, d *dictionary.Dictionary) context.Context {
	return context.WithValue(ctx, dictionaryKey{}, d)
}

// findDictionaries returns the matches of the call's and the extractor's
// dictionaries, or nil when there are none.
func (e *Extractor) findDictionaries(ctx context.Context, text string, toks []tokenize.Token) []dictionary.Match {
	inline, _ := ctx.Value(dictionaryKey{}).(*dictionary.Dictionary)
	global := e.dict.Load()
	if inline == nil && global == nil {
		return nil
	}
	return dictionary.Find(text, toks, inline, global)
}

var labelOf = map[string]ner.Label{dictionary.Person: ner.PER, dictionary.Place: ner.LOC, dictionary.Organization: ner.ORG}

// overrideTags removes the tags that overlap a dictionary match and adds a
// tag for each match of a person, place or organization entry: the
// dictionary wins over the model.
func overrideTags(tags []ner.Mention, matches []dictionary.Match, ntoks int) []ner.Mention {
	covered := make([]bool, ntoks)
	for _, m := range matches {
		for i := m.First; i < m.Last; i++ {
			covered[i] = true
		}
	}
	out := make([]ner.Mention, 0, len(tags)+len(matches))
	for _, t := range tags {
		keep := t.First >= 0 && t.Last <= ntoks
		for i := max(t.First, 0); keep && i < min(t.Last, ntoks); i++ {
			keep = !covered[i]
		}
		if keep {
			out = append(out, t)
		}
	}
	for _, m := range matches {
		if l, ok := labelOf[m.Dict.Type(m.Entry)]; ok {
			out = append(out, ner.Mention{First: m.First, Last: m.Last, Label: l, Confidence: 1})
		}
	}
	slices.SortStableFunc(out, func(a, b ner.Mention) int { return a.First - b.First })
	return out
}

// link is the dictionary entry an entity is linked to.
type link struct {
	dict  *dictionary.Dictionary
	entry int
	typ   string // the entry's type
	text  string // for an entry without a name of its own: the matched text
}

// applyMatches links the grouped entities to the dictionary entries that
// matched their mentions, adds entities for matches of built-in types that
// grouping left out, drops recovered mentions inside a custom match, and
// returns the custom-type entities. links[i] is the link of ents[i] (dict
// nil for none); custom[i] is described by clinks[i].
func applyMatches(text string, toks []tokenize.Token, ents []mention.Entity, matches []dictionary.Match) (
	_ []mention.Entity, links []link, custom []mention.Entity, clinks []link) {
	at := make([]int32, len(toks)) // the match covering each token, +1
	for k, m := range matches {
		for i := m.First; i < m.Last; i++ {
			at[i] = int32(k + 1)
		}
	}
	used := make([]bool, len(matches))
	links = make([]link, len(ents))
	kept := ents[:0]
	for _, ent := range ents {
		var l link
		refs := ent.Mentions[:0]
		for _, r := range ent.Mentions {
			k := -1
			for i := r.First; i < r.Last && k < 0; i++ {
				k = int(at[i]) - 1
			}
			if k >= 0 {
				m := matches[k]
				typ := m.Dict.Type(m.Entry)
				if _, builtin := labelOf[typ]; !builtin {
					continue // a recovered name inside a custom entity
				}
				used[k] = true
				if l.dict == nil {
					l = link{dict: m.Dict, entry: m.Entry, typ: typ}
				}
			}
			refs = append(refs, r)
		}
		if len(refs) == 0 {
			continue
		}
		ent.Mentions = refs
		if l.dict != nil {
			ent.Label = labelOf[l.typ]
			ent.Confidence = 1
			if name, own := l.dict.Name(l.entry); own {
				ent.Name = name
			}
		}
		kept = append(kept, ent)
		links[len(kept)-1] = l
	}
	ents, links = kept, links[:len(kept)]

	// Matches no entity took: built-in ones become entities of their own
	// (grouping drops a lone title, say, that the dictionary names), custom
	// ones the custom entities.
	type key struct {
		dict  *dictionary.Dictionary
		entry int
		text  string
	}
	type idKey struct{ typ, id string }
	index := map[key]int{}
	byID := map[idKey]int{}
	var extra []mention.Entity
	var elinks []link
	for k, m := range matches {
		if used[k] {
			continue
		}
		typ := m.Dict.Type(m.Entry)
		l := link{dict: m.Dict, entry: m.Entry, typ: typ}
		name, _ := m.Dict.Name(m.Entry)
		kk := key{dict: m.Dict, entry: m.Entry}
		if m.Pattern && name == "" {
			kk.text = normalizeName(text[m.Start:m.End])
			l.text = substr(text, m.Start, m.End)
			name = l.text
		}
		ref := mention.Ref{First: m.First, Last: m.Last, Start: m.Start, End: m.End, Confidence: 1}
		ik := idKey{typ, m.Dict.ID(m.Entry)}
		i, ok := index[kk]
		if !ok && ik.id != "" {
			i, ok = byID[ik]
		}
		if !ok {
			i = len(extra)
			label, builtin := labelOf[typ]
			if !builtin {
				label = ner.MISC
			}
			extra = append(extra, mention.Entity{Label: label, Name: name, Confidence: 1})
			elinks = append(elinks, l)
			if ik.id != "" {
				byID[ik] = i
			}
		}
		index[kk] = i
		extra[i].Mentions = append(extra[i].Mentions, ref)
	}
	for i, ent := range extra {
		if _, builtin := labelOf[elinks[i].typ]; builtin {
			ents = append(ents, ent)
			links = append(links, elinks[i])
		} else {
			custom = append(custom, ent)
			clinks = append(clinks, elinks[i])
		}
	}
	return ents, links, custom, clinks
}

// normalizeName is how the texts a pattern matches are told apart: case and
// white space do not count.
func normalizeName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// setLink puts the entry's ID and metadata on out.
func (l link) set(out *Entity) {
	if l.dict == nil {
		return
	}
	e := l.dict.Entry(l.entry)
	out.Linked, out.ExternalID, out.Metadata = true, e.ID, e.Metadata
}
