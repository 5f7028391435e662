package money

import "github.com/entityextraction/extractd/extractor/tokenize"

// Decimal is an exact amount in the layout of google.type.Money: Units whole
// units and Nanos billionths of a unit, both of the same sign.
type Decimal struct {
	Units int64
	Nanos int32
}

// Amount is an amount of money found in text: text[Start:End].
type Amount struct {
	Start, End  int
	Currency    string   // ISO 4217 code
	Value       Decimal  // the amount, or the lower bound of a range
	Upper       *Decimal // the upper bound of a range, or nil
	Approximate bool     // qualified by "about", "more than", ...
}

// Find returns the money amounts in tokenized text, in text order.
func Find(text string, toks []tokenize.Token) []Amount {
	return nil // Placeholder until the money stage lands (issue 4).
}
