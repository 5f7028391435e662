package quote

import (
	"strings"

	"github.com/entityextraction/extractd/extractor/internal/lexicon"
)

// gender is what a first name tells of a person.
type gender uint8

const (
	unknownGender gender = iota
	female
	male
)

var (
	femaleNames = lexicon.Set("first-names-female")
	maleNames   = lexicon.Set("first-names-male")
)

// genderOf returns the gender of the first name of name, when the name
// lists know it.
func genderOf(name string) gender {
	first, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	first = strings.ToLower(first)
	switch {
	case femaleNames[first]:
		return female
	case maleNames[first]:
		return male
	}
	return unknownGender
}

// pronounGender is the gender of a personal pronoun, or unknownGender.
func pronounGender(p string) gender {
	switch {
	case lexicon.Set("pronouns-male")[p]:
		return male
	case lexicon.Set("pronouns-female")[p]:
		return female
	}
	return unknownGender
}
