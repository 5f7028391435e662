package extractor

import "github.com/entityextraction/extractd/extractor/money"

// Span is a half-open range of byte offsets into the text: text[Start:End].
type Span struct {
	Start int // byte offset of the first byte, starting at 0
	End   int // byte offset just past the last byte
}

// Result is what [Extractor.Extract] finds in a text.
type Result struct {
	Entities []Entity // people, places and organizations, most salient first
	Custom   []Entity // entities of the custom types of a dictionary, most salient first
	Money    []Money  // in text order
	Quotes   []Quote  // in text order
}

// EntityType is the kind of thing an [Entity] is.
type EntityType uint8

// The entity types.
const (
	Person EntityType = iota + 1
	Place
	Organization
	Custom // a type of a dictionary's own, named by Entity.TypeName
)

func (t EntityType) String() string {
	switch t {
	case Person:
		return "person"
	case Place:
		return "place"
	case Organization:
		return "organization"
	case Custom:
		return "custom"
	}
	return "unknown"
}

func (t EntityType) feature() Features {
	switch t {
	case Person:
		return People
	case Place:
		return Places
	case Organization:
		return Organizations
	case Custom:
		return CustomEntities
	}
	return 0
}

func (t EntityType) idPrefix() byte {
	switch t {
	case Person:
		return 'p'
	case Place:
		return 'l'
	}
	return 'o'
}

// Entity is one real-world person, place or organization, or a thing of a
// dictionary's custom type, with every mention of it in the text.
type Entity struct {
	ID         string // unique within the Result: "p1", "l2", "o1", "c1"; "p1" is the most salient person
	Type       EntityType
	TypeName   string    // for a Custom entity, its type as the dictionary names it: "PRODUCT"
	Name       string    // canonical name: the fullest proper form in the text, e.g. "Vladimir Putin"
	Mentions   []Mention // in text order: names, and with [Coreference] descriptions and pronouns
	Roles      []string  // titles and roles seen next to a person, e.g. "President"
	Salience   float64   // importance to the text in [0,1]; the salience of all entities sums to at most 1
	Confidence float64   // in [0,1]; 1 for an entity a dictionary matched
	// Linked is true when a dictionary entry matched the entity; ExternalID
	// and Metadata are then the entry's.
	Linked     bool
	ExternalID string
	Metadata   map[string]string
}

// Mention is one place where the text names, describes or refers to an
// entity.
type Mention struct {
	Span
	Text       string
	Confidence float64 // in [0,1], the model's probability for this span and type; 0 for a description or pronoun
	Kind       MentionKind
}

// MentionKind says whether a [Mention] is a name, a description or a pronoun.
type MentionKind uint8

// The kinds of mention. The zero value is a name.
const (
	Proper  MentionKind = iota // a name: "Vladimir Putin", "Putin"
	Nominal                    // a description: "the president", "the company"
	Pronoun                    // a pronoun: "he", "its"
)

func (k MentionKind) String() string {
	switch k {
	case Nominal:
		return "nominal"
	case Pronoun:
		return "pronoun"
	}
	return "proper"
}

// Money is an amount of money. Value (and Upper, for ranges such as "$3 to $4
// million") are exact decimals in units of Currency.
type Money struct {
	Span
	Text        string
	Currency    string         // ISO 4217 code, e.g. "USD"
	Value       money.Decimal  // the amount, or the lower bound of a range
	Upper       *money.Decimal // the upper bound of a range, or nil
	Approximate bool           // the text qualifies the amount: "about", "more than", ...
}

// Quote is a direct quotation and who said it.
type Quote struct {
	Span                     // the quoted words, without the quotation marks
	Text            string   // the quoted words
	Speaker         string   // the speaker's canonical name, or the attributing words if they name no entity; "" if unknown
	SpeakerMention  *Mention // the words that attribute the quote ("he", "Shraibman"), or nil; Confidence is the name's mention's, 0 for a pronoun or description
	SpeakerEntityID string   // the ID of the speaker's Entity, or ""
	Continued       bool     // the quotation goes on in the next Quote (a quotation over several paragraphs)
	// Sieve names the rule that decided the speaker, for debugging (it is
	// not part of the API): one of quote.Sieves, or "" when none did.
	Sieve string
}
