package extractor

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/dictionary"
	docmodel "github.com/entityextraction/extractd/extractor/internal/doc"
	"github.com/entityextraction/extractd/extractor/internal/lexicon"
	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/money"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/quote"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// Errors returned by [Extractor.Extract].
var (
	ErrEmptyText   = errors.New("extractor: empty text")
	ErrTooLong     = errors.New("extractor: text longer than the maximum size")
	ErrInvalidDate = errors.New("extractor: invalid date")
)

// DefaultMaxTextBytes is the largest text [Extractor.Extract] accepts unless
// [WithMaxTextBytes] says otherwise.
const DefaultMaxTextBytes = 1 << 20

// Extractor finds entities, money amounts and quotes in text. It is safe for
// concurrent use by multiple goroutines.
type Extractor struct {
	model    *ner.Model
	maxBytes int
	dict     atomic.Pointer[dictionary.Dictionary]
	// groupOpts are the options of the mention stage: the model's lists of
	// organizations and places, bound once.
	groupOpts mention.Options
}

// Option configures an [Extractor].
type Option func(*Extractor)

// WithModel makes the extractor tag with m instead of the embedded model.
func WithModel(m *ner.Model) Option { return func(e *Extractor) { e.model = m } }

// WithMaxTextBytes sets the largest text, in bytes, that Extract accepts.
func WithMaxTextBytes(n int) Option { return func(e *Extractor) { e.maxBytes = n } }

// New returns an Extractor. Without [WithModel] it uses the model embedded in
// the binary.
func New(opts ...Option) (*Extractor, error) {
	e := &Extractor{maxBytes: DefaultMaxTextBytes}
	for _, o := range opts {
		o(e)
	}
	if e.model == nil {
		m, err := ner.Default()
		if err != nil {
			return nil, fmt.Errorf("extractor: loading the embedded model: %w", err)
		}
		e.model = m
	}
	e.groupOpts = mention.Options{ListedOrganization: e.model.ListedOrganization, ListedCompany: e.model.ListedCompany,
		LowerCasePlace: e.model.LowerCasePlace}
	return e, nil
}

// MaxTextBytes is the largest text, in bytes, that Extract accepts.
func (e *Extractor) MaxTextBytes() int { return e.maxBytes }

// ModelIdentity names the NER model the extractor tags with and gives the
// hash of its bytes.
func (e *Extractor) ModelIdentity() ner.Identity { return e.model.Identity() }

// Features selects what [Extractor.ExtractFeatures] looks for.
type Features uint8

// The features; [AllFeatures] is their union.
const (
	People Features = 1 << iota
	Places
	Organizations
	MoneyAmounts
	Quotes
	CustomEntities // entities of the custom types of a dictionary
	// Coreference adds to each entity its descriptions ("the president")
	// and pronouns ("he") as mentions of kind [Nominal] and [Pronoun].
	// Without it an entity lists its names only; salience and quote
	// speakers are the same either way.
	Coreference
	AllFeatures = People | Places | Organizations | MoneyAmounts | Quotes | CustomEntities | Coreference
)

// Extract finds everything in text. See [Extractor.ExtractFeatures].
func (e *Extractor) Extract(ctx context.Context, text string) (*Result, error) {
	return e.ExtractFeatures(ctx, text, AllFeatures)
}

// ExtractFeatures finds what want selects in text. See
// [Extractor.ExtractDocument].
func (e *Extractor) ExtractFeatures(ctx context.Context, text string, want Features) (*Result, error) {
	return e.ExtractDocument(ctx, Document{Text: text}, want)
}

// Document is a text to analyse with what is known about it.
type Document struct {
	Text string
	// Date is when the text was written, or the zero Date. It picks the
	// currency code in force at the time for a name that has had several
	// ("roubles" in 1995 are RUR).
	Date Date
}

// Date is a calendar date in the layout of google.type.Date: a Year from 1
// to 9999, a Month from 1 to 12 or 0 for a year alone, and a Day from 1 to
// the month's last or 0 for a year and month alone. The zero Date means no
// date.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d is a date as [Date] describes it.
func (d Date) Valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Month == 0 && d.Day != 0 {
		return false
	}
	if d.Day == 0 {
		return true
	}
	t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	return t.Day() == d.Day
}

// time returns the first day d covers.
func (d Date) time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	return time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
}

// ExtractDocument finds what want selects in doc. It returns [ErrEmptyText]
// for text with nothing but white space, [ErrTooLong] for text over the
// maximum size, [ErrInvalidDate] for a date that is neither zero nor valid,
// and the context's error if ctx ends before the work does.
//
// Money amounts whose currency the document's places decide (a bare "$" in
// a text that names Toronto, "pesos" in one that names Bogotá) need the
// tagger: it runs for them even when want selects money alone, and only
// what want selects is returned.
//
// Text that is not valid UTF-8 is not an error: invalid bytes are treated as
// symbols, spans still count bytes of the original text, and every string in
// the Result has each invalid byte replaced by U+FFFD.
func (e *Extractor) ExtractDocument(ctx context.Context, doc Document, want Features) (*Result, error) {
	text := doc.Text
	if len(text) > e.maxBytes {
		return nil, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLong, len(text), e.maxBytes)
	}
	if strings.TrimFunc(text, unicode.IsSpace) == "" {
		return nil, ErrEmptyText
	}
	if !doc.Date.IsZero() && !doc.Date.Valid() {
		return nil, fmt.Errorf("%w: %d-%02d-%02d", ErrInvalidDate, doc.Date.Year, doc.Date.Month, doc.Date.Day)
	}
	if want == 0 {
		want = AllFeatures
	}
	laps := newLaps(ctx)
	toks, err := tokenize.TokenizeContext(ctx, text)
	if err != nil {
		return nil, err
	}
	sents, err := segment.SentencesContext(ctx, text, toks)
	if err != nil {
		return nil, err
	}
	laps.lap("tokenize")
	res := &Result{}
	var ents []mention.Entity // what the tagger found, grouped
	tagged := false           // ents holds the tagger's entities
	if want&(People|Places|Organizations|Quotes|CustomEntities) != 0 {
		matches := e.findDictionaries(ctx, text, toks)
		if matches != nil {
			laps.lap("dictionary")
		}
		var tags []ner.Mention
		if want&(People|Places|Organizations|Quotes) != 0 {
			var err error
			if tags, err = e.model.Tag(ctx, text, toks, sents); err != nil {
				return nil, err
			}
			laps.lap("ner")
			tagged = true
		}
		if len(matches) > 0 {
			tags = overrideTags(tags, matches, len(toks))
		}
		if ents, err = mention.GroupContext(ctx, text, toks, sents, tags, e.groupOpts); err != nil {
			return nil, err
		}
		var links, clinks []link
		var custom []mention.Entity
		if len(matches) > 0 {
			ents, links, custom, clinks = applyMatches(text, toks, ents, matches)
		}
		laps.lap("mention")
		var quotes []quote.Quote
		if ents, links, quotes, err = corefAndQuotes(ctx, laps, docmodel.New(text, toks, sents), ents, links, want&Quotes != 0); err != nil {
			return nil, err
		}
		all := ents
		if len(custom) > 0 {
			all = append(ents[:len(ents):len(ents)], custom...)
		}
		if err := mention.RankContext(ctx, text, all, sents, speakers(quotes)); err != nil {
			return nil, err
		}
		ents = all[:len(ents)]
		ids := res.addEntities(text, ents, want, links)
		if want&CustomEntities != 0 && len(custom) > 0 {
			res.addCustom(text, all[len(ents):], clinks)
		}
		if want&Quotes != 0 {
			res.addQuotes(text, quotes, ents, ids)
		}
		laps.lap("rank")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if want&MoneyAmounts != 0 {
		var tagErr error
		mctx := money.Context{Date: doc.Date.time(), Places: func() []money.Place {
			if !tagged {
				// Money alone: tag now, for the places only.
				var tags []ner.Mention
				if tags, tagErr = e.model.Tag(ctx, text, toks, sents); tagErr != nil {
					return nil
				}
				laps.lap("ner")
				if ents, tagErr = mention.GroupContext(ctx, text, toks, sents, tags, e.groupOpts); tagErr != nil {
					return nil
				}
				tagged = true
				laps.lap("mention")
			}
			return places(ents)
		}}
		amounts, err := money.FindInContext(ctx, text, toks, mctx)
		if tagErr != nil {
			return nil, tagErr
		}
		if err != nil {
			return nil, err
		}
		for _, a := range amounts {
			res.Money = append(res.Money, Money{
				Span: Span{a.Start, a.End}, Text: substr(text, a.Start, a.End),
				Currency: a.Currency, Value: a.Value, Upper: a.Upper, Approximate: a.Approximate,
			})
		}
		laps.lap("money")
	}
	return res, nil
}

// places returns the places among ents, for the money stage.
func places(ents []mention.Entity) []money.Place {
	var out []money.Place
	for _, ent := range ents {
		if ent.Label != ner.LOC || len(ent.Mentions) == 0 {
			continue
		}
		out = append(out, money.Place{Name: ent.Name, Mentions: len(ent.Mentions), Dateline: ent.Dateline, Start: ent.Mentions[0].Start})
	}
	return out
}

func speakers(quotes []quote.Quote) []int {
	var ids []int
	for _, q := range quotes {
		if q.Entity >= 0 {
			ids = append(ids, q.Entity)
		}
	}
	return ids
}

var kinds = map[docmodel.Kind]MentionKind{docmodel.Proper: Proper, docmodel.Nominal: Nominal, docmodel.Pronoun: Pronoun}

var typeOf = map[ner.Label]EntityType{ner.PER: Person, ner.LOC: Place, ner.ORG: Organization}

// addEntities adds the entities that want selects, most salient first, and
// returns the ID given to each entity of ents ("" for those left out).
func (r *Result) addEntities(text string, ents []mention.Entity, want Features, links []link) []string {
	order := make([]int, len(ents))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return ents[order[a]].Salience > ents[order[b]].Salience })
	ids := make([]string, len(ents))
	counts := map[EntityType]int{}
	nm := 0
	for _, e := range ents {
		nm += len(e.Mentions)
	}
	mentions := make([]Mention, 0, nm) // every entity's mentions, in turn
	for _, i := range order {
		ent := ents[i]
		typ, ok := typeOf[ent.Label]
		if !ok || want&typ.feature() == 0 {
			continue
		}
		counts[typ]++
		ids[i] = string(typ.idPrefix()) + strconv.Itoa(counts[typ])
		out := Entity{ID: ids[i], Type: typ, Name: ent.Name, Roles: ent.Roles, Salience: ent.Salience, Confidence: ent.Confidence}
		first := len(mentions)
		for _, m := range ent.Mentions {
			if m.Kind != docmodel.Proper && want&Coreference == 0 {
				continue
			}
			mentions = append(mentions, Mention{Span: Span{m.Start, m.End}, Text: substr(text, m.Start, m.End),
				Confidence: m.Confidence, Kind: kinds[m.Kind]})
		}
		if len(mentions) > first {
			out.Mentions = mentions[first:len(mentions):len(mentions)]
		}
		if links != nil {
			links[i].set(&out)
		}
		r.Entities = append(r.Entities, out)
	}
	return ids
}

// addCustom adds the entities of custom types, most salient first, with IDs
// "c1", "c2", ...
func (r *Result) addCustom(text string, ents []mention.Entity, links []link) {
	order := make([]int, len(ents))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return ents[order[a]].Salience > ents[order[b]].Salience })
	for n, i := range order {
		ent := ents[i]
		out := Entity{ID: fmt.Sprintf("c%d", n+1), Type: Custom, TypeName: links[i].typ, Name: ent.Name,
			Salience: ent.Salience, Confidence: ent.Confidence}
		for _, m := range ent.Mentions {
			out.Mentions = append(out.Mentions, Mention{Span: Span{m.Start, m.End}, Text: substr(text, m.Start, m.End), Confidence: m.Confidence})
		}
		links[i].set(&out)
		r.Custom = append(r.Custom, out)
	}
}

func (r *Result) addQuotes(text string, quotes []quote.Quote, ents []mention.Entity, ids []string) {
	for _, q := range quotes {
		out := Quote{Span: Span{q.Start, q.End}, Text: substr(text, q.Start, q.End), Continued: q.Continued, Sieve: q.Sieve}
		if q.SpeakerEnd > q.SpeakerStart {
			out.SpeakerMention = &Mention{Span: Span{q.SpeakerStart, q.SpeakerEnd}, Text: substr(text, q.SpeakerStart, q.SpeakerEnd)}
			out.SpeakerMention.Kind = speakerKind(out.SpeakerMention.Text)
			out.Speaker = out.SpeakerMention.Text
		}
		if q.Entity >= 0 {
			out.Speaker = ents[q.Entity].Name
			out.SpeakerEntityID = ids[q.Entity]
			for _, m := range ents[q.Entity].Mentions {
				if out.SpeakerMention != nil && m.Start == q.SpeakerStart && m.End == q.SpeakerEnd {
					out.SpeakerMention.Confidence = m.Confidence
					out.SpeakerMention.Kind = kinds[m.Kind]
				}
			}
		}
		r.Quotes = append(r.Quotes, out)
	}
}

// speakerKind tells the kind of words that attribute a quotation when they
// are not a mention of the speaker's entity: a pronoun ("he"), a
// description ("a port official") or a name.
func speakerKind(words string) MentionKind {
	r, _ := utf8.DecodeRuneInString(words)
	switch {
	case pronouns[strings.ToLower(words)]:
		return Pronoun
	case unicode.IsLower(r):
		return Nominal
	}
	return Proper
}

var pronouns = lexicon.Union("pronouns-male", "pronouns-female", "pronouns-neuter", "pronouns-plural",
	"pronouns-first-singular", "pronouns-first-plural")

// substr returns text[start:end] as valid UTF-8.
func substr(text string, start, end int) string {
	return strings.ToValidUTF8(text[start:end], "\uFFFD")
}
