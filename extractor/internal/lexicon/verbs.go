package lexicon

import (
	"strings"
	"sync"
)

var (
	verbsOnce   sync.Once
	speechVerbs map[string]bool
)

// SpeechVerbs returns every form of the verbs of speech: the forms in
// speech-verbs-irregular, and the base, -s, -ed and -ing forms of the verbs
// in speech-verbs-regular ("add", "adds", "added", "adding").
func SpeechVerbs() map[string]bool {
	verbsOnce.Do(func() {
		speechVerbs = map[string]bool{}
		for _, v := range Words("speech-verbs-regular") {
			for _, f := range Inflect(v) {
				speechVerbs[f] = true
			}
		}
		for _, w := range Words("speech-verbs-irregular") {
			speechVerbs[w] = true
		}
	})
	return speechVerbs
}

// Inflect returns the base, -s, -ed and -ing forms of a regular English
// verb, with a doubled final consonant when the spelling may want one
// ("admitted"), and "-ies", "-ied" after a consonant and "y" ("denies").
func Inflect(v string) []string {
	if n := len(v); n > 2 && v[n-1] == 'y' && !strings.ContainsRune("aeiou", rune(v[n-2])) {
		return []string{v, v[:n-1] + "ies", v[:n-1] + "ied", v + "ing"} // "deny": "denies", not "denys"
	}
	forms := []string{v}
	s := v + "s"
	if strings.HasSuffix(v, "sh") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "s") || strings.HasSuffix(v, "x") {
		s = v + "es"
	}
	forms = append(forms, s)
	stem := v
	if strings.HasSuffix(v, "e") {
		stem = v[:len(v)-1]
	}
	forms = append(forms, stem+"ed", stem+"ing")
	if n := len(v); n >= 3 && !strings.HasSuffix(v, "e") && strings.ContainsRune("bdgmnprt", rune(v[n-1])) &&
		strings.ContainsRune("aeiou", rune(v[n-2])) && !strings.ContainsRune("aeiou", rune(v[n-3])) {
		forms = append(forms, v+v[n-1:]+"ed", v+v[n-1:]+"ing")
	}
	return forms
}
