package lexicon

// Gender is what a word tells of a person's gender.
type Gender uint8

// The genders a first name or a pronoun can tell.
const (
	UnknownGender Gender = iota
	Female
	Male
)

var (
	femaleNames    = Set("first-names-female")
	maleNames      = Set("first-names-male")
	femalePronouns = Set("pronouns-female")
	malePronouns   = Set("pronouns-male")
)

// NameGender is the gender of a lower-cased first name, when the name lists
// know it.
func NameGender(first string) Gender {
	switch {
	case femaleNames[first]:
		return Female
	case maleNames[first]:
		return Male
	}
	return UnknownGender
}

// PronounGender is the gender of a lower-cased personal pronoun ("she",
// "his"), or UnknownGender.
func PronounGender(p string) Gender {
	switch {
	case malePronouns[p]:
		return Male
	case femalePronouns[p]:
		return Female
	}
	return UnknownGender
}
