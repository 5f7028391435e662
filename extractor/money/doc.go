// Package money finds amounts of money in tokenized text and normalizes them
// to an ISO 4217 currency code and an exact decimal value.
//
// Basic usage:
//
//	toks := tokenize.Tokenize(text)
//	for _, a := range money.Find(text, toks) {
//		fmt.Println(text[a.Start:a.End], a.Currency, a.Value)
//	}
//
// Find reads a small grammar over the tokens: an optional modifier ("about",
// "more than"), a currency symbol, code or name before or after a number, a
// scale ("million", "mln", "bn", "k"), and an optional second half that makes
// a range ("$3 to $4 million", "between 5 and 10 mln dlrs"). Numbers may be
// digits with separators ("1,500.25", "1.500,50", "1 500"), fractions
// ("8-1/2"), or words ("five", "half a billion"). Arithmetic is exact: values
// are rationals until they are rounded, once, to the nano.
//
// A bare number next to an amount shares its currency when the sentence
// compares them: "400 mln and 300 mln guilders", "profit 385 mln francs vs
// 226.9", "rose to 9.67 billion marks from 10.43 billion".
//
// The currency table comes from countries-list (MIT) with the project's own
// names, abbreviations and historical currencies (DEM, FRF, ITL, ...).
// Names that several countries share ("pesos", "francs", "crowns") mean the
// currency the text last named explicitly ("Swiss francs"), or else that of
// the country the document is about: data/places.tsv maps countries to their
// currencies, places and adjectives, and [FindIn] scores them by the places a
// tagger found and the dateline ([Context.Places]), [Find] by the place names
// among the tokens. A bare "$" is the U.S. dollar unless the text says which
// dollar it uses ("all figures in Canadian dollars") or the tagger's places
// show the document is about another dollar's country ("TORONTO (Reuters)
// -"); an amount written in C$ or A$ does not change it. With a date
// ([Context.Date]), a name that has had several codes gets the one in force
// then (data/periods.tsv: "roubles" in 1995 are RUR). See docs/MONEY.md for
// the forms covered and the rules for ambiguous ones.
package money
