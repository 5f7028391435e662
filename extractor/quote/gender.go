package quote

import (
	"strings"

	"github.com/entityextraction/extractd/extractor/internal/lexicon"
)

// genderOf returns the gender of the first name of name, when the name
// lists know it.
func genderOf(name string) lexicon.Gender {
	first, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	return lexicon.NameGender(strings.ToLower(first))
}
