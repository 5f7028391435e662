package money_test

import (
	"fmt"
	"time"

	"github.com/entityextraction/extractd/extractor/money"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

func ExampleFind() {
	text := "Belarus secured a $1.5 billion loan. The shares rose 50 cents. Profit was about 4.5 mln dlrs, " +
		"costs between 5 and 10 mln stg. It paid C$2 million ($1.5 million)."
	for _, a := range money.Find(text, tokenize.Tokenize(text)) {
		fmt.Printf("%q %s %s", text[a.Start:a.End], a.Currency, a.Value)
		if a.Upper != nil {
			fmt.Printf(" to %s", a.Upper)
		}
		if a.Approximate {
			fmt.Print(" (approximate)")
		}
		fmt.Println()
	}
	// Output:
	// "$1.5 billion" USD 1500000000
	// "50 cents" USD 0.5
	// "4.5 mln dlrs" USD 4500000 (approximate)
	// "5 and 10 mln stg" GBP 5000000 to 10000000
	// "C$2 million" CAD 2000000
	// "$1.5 million" USD 1500000
}

func ExampleFindIn() {
	text := "BOGOTA, May 3 (Reuters) - Ecopetrol will spend 2 billion pesos and $300 million on a refinery, " +
		"more than Pemex spent in Mexico. Gazprom paid 5 billion roubles."
	ctx := money.Context{
		// What a tagger found: the dateline's place and another place.
		Places: func() []money.Place {
			return []money.Place{{Name: "Bogota", Mentions: 1, Dateline: true}, {Name: "Mexico", Mentions: 1, Start: 130}}
		},
		Date: time.Date(1995, 6, 1, 0, 0, 0, 0, time.UTC),
	}
	for _, a := range money.FindIn(text, tokenize.Tokenize(text), ctx) {
		fmt.Printf("%q %s %s\n", text[a.Start:a.End], a.Currency, a.Value)
	}
	// Output:
	// "2 billion pesos" COP 2000000000
	// "$300 million" USD 300000000
	// "5 billion roubles" RUR 5000000000
}
