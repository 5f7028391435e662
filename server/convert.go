package server

import (
	"slices"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/extractor/money"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// offsets converts byte offsets into one text to offsets in the unit of an
// encoding. It is built in one pass over the text for all the offsets a
// result holds, so converting k offsets of an n-byte text costs
// O(n + k log k), not O(n·k).
type offsets struct {
	bytes []int // sorted, distinct byte offsets
	units []int // units[i] is the offset of bytes[i] in the encoding's unit
	ident bool  // the encoding counts bytes: no conversion
}

// newOffsets prepares the conversion of the byte offsets in offs (in any
// order, repeats allowed) to enc. It may reorder offs.
//
// A character outside the Basic Multilingual Plane counts 2 UTF-16 code
// units; every other character counts 1 code unit and 1 code point. A byte
// that is not part of valid UTF-8 counts as one character (U+FFFD). An
// offset inside a character converts to the offset of that character.
func newOffsets(text string, enc extractv1.EncodingType, offs []int) *offsets {
	if enc == extractv1.EncodingType_ENCODING_TYPE_UTF8 || enc == extractv1.EncodingType_ENCODING_TYPE_UNSPECIFIED {
		return &offsets{ident: true}
	}
	utf16 := enc == extractv1.EncodingType_ENCODING_TYPE_UTF16
	slices.Sort(offs)
	offs = slices.Compact(offs)
	units := make([]int, len(offs))
	pos, unit := 0, 0 // pos is a byte offset at a character boundary; unit is its converted offset
	for k, off := range offs {
		for pos < off && pos < len(text) {
			c := text[pos]
			if c < utf8.RuneSelf {
				pos++
				unit++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[pos:])
			if pos+size > off {
				break // off is inside this character
			}
			pos += size
			if utf16 && r >= 0x10000 {
				unit += 2
			} else {
				unit++
			}
		}
		units[k] = unit
	}
	return &offsets{bytes: offs, units: units}
}

// unit returns the converted offset of the byte offset off, which must be
// one of those given to newOffsets.
func (o *offsets) unit(off int) int32 {
	if o.ident {
		return int32(off)
	}
	i, _ := slices.BinarySearch(o.bytes, off)
	return int32(o.units[i])
}

func (o *offsets) span(s extractor.Span) *extractv1.Span {
	return &extractv1.Span{Begin: o.unit(s.Start), End: o.unit(s.End)}
}

// resultOffsets lists every byte offset in res.
func resultOffsets(res *extractor.Result) []int {
	var offs []int
	add := func(s extractor.Span) { offs = append(offs, s.Start, s.End) }
	for _, list := range [][]extractor.Entity{res.Entities, res.Custom} {
		for _, e := range list {
			for _, m := range e.Mentions {
				add(m.Span)
			}
		}
	}
	for _, m := range res.Money {
		add(m.Span)
	}
	for _, q := range res.Quotes {
		add(q.Span)
		if q.SpeakerMention != nil {
			add(q.SpeakerMention.Span)
		}
	}
	return offs
}

// toProto converts an extractor result for text to its API form, with
// offsets in the unit of enc.
func toProto(id, text string, enc extractv1.EncodingType, res *extractor.Result) *extractv1.ExtractResponse {
	o := newOffsets(text, enc, resultOffsets(res))
	out := &extractv1.ExtractResponse{Id: id}
	for _, e := range res.Entities {
		pe := toEntity(o, &e)
		switch e.Type {
		case extractor.Person:
			pe.Type = "PERSON"
			out.People = append(out.People, pe)
		case extractor.Place:
			pe.Type = "PLACE"
			out.Places = append(out.Places, pe)
		case extractor.Organization:
			pe.Type = "ORGANIZATION"
			out.Organizations = append(out.Organizations, pe)
		}
	}
	for _, e := range res.Custom {
		pe := toEntity(o, &e)
		pe.Type = e.TypeName
		out.CustomEntities = append(out.CustomEntities, pe)
	}
	for _, m := range res.Money {
		pm := &extractv1.MoneyAmount{
			Span:        o.span(m.Span),
			Text:        m.Text,
			Amount:      toMoney(m.Currency, m.Value),
			Approximate: m.Approximate,
		}
		if m.Upper != nil {
			pm.Upper = toMoney(m.Currency, *m.Upper)
		}
		out.Money = append(out.Money, pm)
	}
	for _, q := range res.Quotes {
		pq := &extractv1.Quote{
			Span:            o.span(q.Span),
			Text:            q.Text,
			Speaker:         q.Speaker,
			SpeakerEntityId: q.SpeakerEntityID,
			Continued:       q.Continued,
		}
		if q.SpeakerMention != nil {
			pq.SpeakerMention = &extractv1.Mention{
				Span:       o.span(q.SpeakerMention.Span),
				Text:       q.SpeakerMention.Text,
				Confidence: float32(q.SpeakerMention.Confidence),
				Kind:       mentionKinds[q.SpeakerMention.Kind],
			}
		}
		out.Quotes = append(out.Quotes, pq)
	}
	return out
}

func toEntity(o *offsets, e *extractor.Entity) *extractv1.Entity {
	pe := &extractv1.Entity{
		Id:         e.ID,
		Name:       e.Name,
		Salience:   float32(e.Salience),
		Confidence: float32(e.Confidence),
		Roles:      e.Roles,
		Mentions:   make([]*extractv1.Mention, len(e.Mentions)),
	}
	for i, m := range e.Mentions {
		pe.Mentions[i] = &extractv1.Mention{Span: o.span(m.Span), Text: m.Text, Confidence: float32(m.Confidence), Kind: mentionKinds[m.Kind]}
	}
	if e.Linked {
		pe.Link = &extractv1.Link{ExternalId: e.ExternalID, Metadata: e.Metadata}
	}
	return pe
}

func toMoney(currency string, d money.Decimal) *extractv1.Money {
	return &extractv1.Money{CurrencyCode: currency, Units: d.Units, Nanos: d.Nanos}
}

var mentionKinds = map[extractor.MentionKind]extractv1.MentionKind{
	extractor.Proper:  extractv1.MentionKind_MENTION_KIND_PROPER,
	extractor.Nominal: extractv1.MentionKind_MENTION_KIND_NOMINAL,
	extractor.Pronoun: extractv1.MentionKind_MENTION_KIND_PRONOUN,
}
