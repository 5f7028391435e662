package quote

import (
	_ "embed"
	"strings"
	"sync"
)

// gender is what a first name tells of a person.
type gender uint8

const (
	unknownGender gender = iota
	female
	male
)

var (
	//go:embed names/female.txt
	femaleNames string
	//go:embed names/male.txt
	maleNames string

	genderOnce sync.Once
	genders    map[string]gender
)

// genderOf returns the gender of the first name of name, when the name
// lists know it.
func genderOf(name string) gender {
	genderOnce.Do(func() {
		genders = make(map[string]gender, 8192)
		for _, n := range strings.Split(femaleNames, "\n") {
			if n != "" {
				genders[n] = female
			}
		}
		for _, n := range strings.Split(maleNames, "\n") {
			if n != "" {
				genders[n] = male
			}
		}
	})
	first, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	return genders[first]
}

// pronounGender is the gender of a personal pronoun, or unknownGender.
func pronounGender(p string) gender {
	switch p {
	case "he", "him":
		return male
	case "she", "her":
		return female
	}
	return unknownGender
}
