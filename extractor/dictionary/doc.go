// Package dictionary finds the names and patterns of a user's own
// dictionary in tokenized text: custom entities (products, drugs, tickers)
// and known people, places and organizations, each linked to the user's own
// identifier and metadata.
//
// Basic usage:
//
//	d, err := dictionary.Load([]string{"products.tsv"}, dictionary.Options{})
//	if err != nil { ... } // an ErrorList naming each bad line
//	toks := tokenize.Tokenize(text)
//	for _, m := range dictionary.Find(text, toks, d) {
//		e := m.Dict.Entry(m.Entry)
//		fmt.Println(text[m.Start:m.End], e.Type, e.ID)
//	}
//
// # Entries
//
// An [Entry] has phrases (a name and its aliases) or a pattern, a type
// (PERSON, PLACE, ORGANIZATION or a custom name such as PRODUCT), and
// optionally a canonical name, an external ID, string metadata and a
// case-sensitive flag. Files are JSON Lines, TSV or CSV (see [Parse]).
//
// # Phrases
//
// A phrase matches whole tokens only, as the tokenizer splits the text:
// "Saka" never matches inside "Sakamoto", and "Saka" matches in "Saka’s"
// because the possessive is a token of its own. Tokens are compared as
// units: curly and straight apostrophes are the same, hyphens split a token
// into units ("Coca-Cola" matches "Coca Cola" and "Coca‑Cola"), and case is
// ignored unless the entry is case-sensitive. Periods are kept: "U.S." and
// "US" are different phrases (list both as aliases).
//
// The phrases form a trie over unit ids, stored breadth-first in flat
// arrays (no map or pointer per node), and the units are numbered by one
// open-addressing hash table over a byte slice. A lookup at each token of
// the text walks the trie as far as the text follows it, so finding every
// phrase costs time linear in the text whatever the dictionary's size.
//
// # Patterns
//
// A pattern is a sequence of elements separated by spaces, each testing one
// token:
//
//	Acme             a literal token (compared as a phrase's tokens are)
//	"Dr. No"         a quoted literal; several tokens become several elements
//	/[A-Z]{2,5}-\d+/ a Go (RE2) regular expression matching the whole token
//	<upper>          a shape class: <any> <word> <alpha> <upper> <lower>
//	                 <cap> (or <title>) <digits> <number> <alnum> <punct>
//	<shape:XX-dddd>  the token's shape: X upper-case letter, x other letter,
//	                 d digit, any other character itself
//
// Each element may be followed by a quantifier: ? (optional), * (zero to
// 16 times), + (one to 16 times), {n}, {m,n} or {m,}. A pattern matches at
// most [MaxPatternSlots] tokens and must match at least one. Patterns are
// compiled once and run as a bit-parallel automaton, one uint64 of state,
// so a pattern costs at most MaxPatternSlots steps per token of text.
//
// # Precedence
//
// See [Find]: the longest match wins, then the leftmost; at equal length a
// phrase beats a pattern and an earlier dictionary a later one.
package dictionary
