package money_test

import (
	"fmt"

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
